"""Reads of the coordinator's partnership pages.

Only coordinators reach these pages (see permissions.py), and each manages one partnership:
every selector takes it (`partnerschap`) and returns only its rows, so an object of another
partnership is a 404 on its pages and never a choice in a form. School years, expertise tags
and the national school holidays are shared by all partnerships (national facts and one
vocabulary) and are not scoped. Every scope is an indexed filter (the partnership's id, or ids
in a subquery); every list selector joins or prefetches what its page shows, so a list costs
the same number of queries whatever its length.
"""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from ..compiled import (
    SMALLINT,
    CompiledQuery,
    CompiledShapes,
    CompiledStatement,
    attach_list,
    execute_written,
)
from ..federation import with_login_methods
from ..models import (
    Begeleider,
    BegeleiderStatus,
    Expertise,
    Functie,
    ImportBatch,
    Instituut,
    Medewerker,
    Opleiding,
    Partnerschap,
    School,
    Schooljaar,
    Stage,
    StageKind,
    Starter,
    Student,
    Vakantie,
    VrijeDag,
)
from ..selectors import complete_triangle_q, with_triangle
from .signals import partnership_stages

PERSON_SEARCH_FIELDS = ("user__first_name", "user__last_name", "user__email")


# --- What belongs to a partnership ---------------------------------------------------------


def schools_of(partnerschap: Partnerschap) -> QuerySet[School]:
    return School.objects.filter(partnerschap=partnerschap)


def instituut_ids_of(partnerschap: Partnerschap) -> QuerySet:
    """The ids of the institutes the partnership works with (a subquery, not a list)."""
    return Partnerschap.instituten.through.objects.filter(
        partnerschap=partnerschap).values("instituut_id")


def instituten_of(partnerschap: Partnerschap) -> QuerySet[Instituut]:
    return Instituut.objects.filter(pk__in=instituut_ids_of(partnerschap))


def opleidingen_of(partnerschap: Partnerschap) -> QuerySet[Opleiding]:
    """The programmes of the partnership's institutes."""
    return Opleiding.objects.filter(instituut_id__in=instituut_ids_of(partnerschap))


def medewerkers_of(partnerschap: Partnerschap) -> QuerySet[Medewerker]:
    """Staff at the partnership's schools or institutes, and its coordinators: three indexed
    branches Postgres combines (a bitmap OR), never a pass over all staff."""
    return Medewerker.objects.filter(
        Q(school_id__in=schools_of(partnerschap).values("pk"))
        | Q(instituut_id__in=instituut_ids_of(partnerschap))
        | Q(partnerschap=partnerschap, is_coordinator=True)
    )


def studenten_of(partnerschap: Partnerschap) -> QuerySet[Student]:
    """The partnership's students; a starter's learning record (issue 15) is on the
    starters' pages, not here."""
    return Student.objects.studying().filter(partnerschap=partnerschap)


def starters_of(partnerschap: Partnerschap) -> QuerySet[Starter]:
    return Starter.objects.filter(school__partnerschap=partnerschap)


def stages_of(partnerschap: Partnerschap) -> QuerySet[Stage]:
    """The placements at the partnership's schools. A starter's induction is on the
    starters' pages; a placement closed when its student became a starter is the person's
    alone (issue 15)."""
    return Stage.objects.placements().open().filter(school__partnerschap=partnerschap)


def vrije_dagen_of(partnerschap: Partnerschap) -> QuerySet[VrijeDag]:
    return VrijeDag.objects.filter(school__partnerschap=partnerschap)


def people_of(partnerschap: Partnerschap) -> QuerySet:
    """The accounts of the partnership's people: its students, the staff of its schools and
    institutes, its coordinators, the starting teachers at its schools and the guest experts
    it invited. The privacy pages of its coordinator (read log, deleting an account) reach
    no one else."""
    return get_user_model()._default_manager.filter(
        Q(pk__in=studenten_of(partnerschap).values("user_id"))
        | Q(pk__in=medewerkers_of(partnerschap).values("user_id"))
        | Q(pk__in=starters_of(partnerschap).values("user_id"))
        | Q(pk__in=Medewerker.objects.filter(gast_van=partnerschap).values("user_id"))
    )


# The rows of each model a coordinator's object pages may reach (404 for any other).
OWNED = {
    School: schools_of, Instituut: instituten_of, Opleiding: opleidingen_of,
    Medewerker: medewerkers_of, Student: studenten_of, Starter: starters_of,
    Stage: stages_of, VrijeDag: vrije_dagen_of,
}


def owned(model, partnerschap: Partnerschap) -> QuerySet:
    """The rows of `model` that belong to the partnership; every row for the shared models
    (school years, expertise tags, school holidays)."""
    scope = OWNED.get(model)
    return scope(partnerschap) if scope else model._default_manager.all()


def search(queryset: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    """Keep the rows where every word of `query` occurs in one of `fields` (case-insensitive),
    so "sanne student" finds Sanne Student."""
    for word in (query or "").split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


# The triangle first (wpb, schoolopleider, instituutsopleider), then the extra mentors.
FUNCTIE_ORDER = Case(
    *(When(functie=functie, then=Value(position)) for position, functie in enumerate(Functie)),
    output_field=IntegerField(),
)


def _active_mentor_rows() -> QuerySet[Begeleider]:
    return Begeleider.objects.active().select_related("medewerker__user").order_by(
        FUNCTIE_ORDER, "medewerker__user__last_name")


def active_begeleiders() -> Prefetch:
    return Prefetch("begeleiders", queryset=_active_mentor_rows(), to_attr="active_begeleiders")


def _section_querysets(partnerschap) -> dict[str, QuerySet]:
    """Each section's rows of one partnership (the school years, expertise tags and national
    holidays are shared by every partnership). Every branch starts from an indexed id list:
    the partnership's schools or institutes, never a scan of the whole table."""
    school_ids = School.objects.filter(partnerschap=partnerschap).values("pk")
    instituut_ids = Instituut.partnerschappen.through.objects.filter(
        partnerschap=partnerschap).values("instituut_id")
    medewerker_ids = (
        Medewerker.objects.filter(school_id__in=school_ids).values("pk").order_by()
        .union(Medewerker.objects.filter(instituut_id__in=instituut_ids).values("pk").order_by(),
               Medewerker.objects.filter(partnerschap=partnerschap).values("pk").order_by())
    )
    return {
        "schools": School.objects.filter(partnerschap=partnerschap),
        "instituten": Instituut.objects.filter(pk__in=instituut_ids),
        "opleidingen": Opleiding.objects.filter(instituut_id__in=instituut_ids),
        "schooljaren": Schooljaar.objects.all(),
        "medewerkers": medewerker_ids,
        "studenten": Student.objects.studying().filter(partnerschap=partnerschap),
        "starters": Starter.objects.filter(school_id__in=school_ids),
        "stages": Stage.objects.placements().open().filter(school_id__in=school_ids),
        "expertises": Expertise.objects.all(),
        "vakanties": Vakantie.objects.all(),
        "vrije_dagen": VrijeDag.objects.filter(school_id__in=school_ids),
    }


def _counts_sql(partnerschap_id: int, schooljaar_id: int | None = None, *,
                using: str) -> tuple[str, list]:
    """One row of scalar subqueries, a count per section (and the school year's placements
    and those with a complete triangle, when there is a school year), whatever is empty."""
    querysets = _section_querysets(partnerschap_id)
    if schooljaar_id is not None:
        this_year = partnership_stages(partnerschap_id, schooljaar_id)
        querysets["stages_this_year"] = this_year
        querysets["stages_complete"] = this_year.filter(complete_triangle_q())
    selects, params = [], []
    for queryset in querysets.values():
        if not queryset.query.combinator:
            queryset = queryset.values("pk")
        sql, sql_params = queryset.order_by().query.get_compiler(using=using).as_sql()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS rows)")
        params.extend(sql_params)
    return "SELECT " + ", ".join(selects), params


# The text is the same for every partnership: written once per process (compiling the dozen
# querysets took about 3 ms of every visit), prepared once per connection, on the generic
# plan (planning it took 1.1-1.9 ms of every visit at national size; compiled.py).
_COUNTS = CompiledStatement("partnership_counts", _counts_sql, int)
_COUNTS_THIS_YEAR = CompiledStatement("partnership_counts_year", _counts_sql, int, int)
# The counts' names in the row's order (without a school year, the last two are not asked).
_COUNT_KEYS = [*_section_querysets(0), "stages_this_year", "stages_complete"]


def counts(partnerschap) -> dict[str, int]:
    """The size of each section of the coordinator's partnership, for the dashboard, and
    this school year's placements (and those missing part of their triangle): every count
    a scalar subquery of one query, plus the school year's."""
    schooljaar = Schooljaar.objects.current()
    if schooljaar is None:
        sql, params = _COUNTS.sql(partnerschap.pk)
    else:
        sql, params = _COUNTS_THIS_YEAR.sql(partnerschap.pk, schooljaar.pk)
    with connection.cursor() as cursor:
        execute_written(cursor, sql, params, generic=True)
        row = cursor.fetchone()
    totals = dict(zip(_COUNT_KEYS, row, strict=False))
    this_year = totals.pop("stages_this_year", 0)
    return {
        **totals,
        "schooljaar": schooljaar,
        "stages_this_year": this_year,
        "stages_incomplete": this_year - totals.pop("stages_complete", 0),
    }


def schools(*, partnerschap: Partnerschap, q: str = "") -> QuerySet[School]:
    return search(
        schools_of(partnerschap).annotate(
            medewerker_count=Count("medewerkers", distinct=True),
            stage_count=Count("stages", distinct=True),
        ),
        q, ("name", "city"),
    ).order_by("name")


def instituten(*, partnerschap: Partnerschap, q: str = "") -> QuerySet[Instituut]:
    return search(
        instituten_of(partnerschap).annotate(
            opleiding_count=Count("opleidingen", distinct=True),
            medewerker_count=Count("medewerkers", distinct=True),
        ),
        q, ("name", "city"),
    ).order_by("name")


def opleidingen(
    *, partnerschap: Partnerschap, q: str = "", instituut=None, niveau: str = ""
) -> QuerySet[Opleiding]:
    # A programme of an institute that works with several partnerships counts this one's
    # students only.
    opleidingen = opleidingen_of(partnerschap).select_related("instituut").annotate(
        student_count=Count("studenten", filter=Q(studenten__partnerschap=partnerschap))
    )
    if instituut is not None:
        opleidingen = opleidingen.filter(instituut=instituut)
    if niveau:
        opleidingen = opleidingen.filter(niveau=niveau)
    return search(opleidingen, q, ("name", "vak", "instituut__name")).order_by(
        "instituut__name", "name"
    )


def schooljaren(*, partnerschap: Partnerschap, q: str = "") -> QuerySet[Schooljaar]:
    """Every school year (they are national); the placements counted are the partnership's."""
    return search(
        Schooljaar.objects.annotate(stage_count=Count(
            "stages", filter=Q(stages__school__partnerschap=partnerschap))),
        q, ("name",),
    ).order_by("-start_date")


def vakanties(*, partnerschap: Partnerschap, q: str = "", regio: str = "") -> QuerySet[Vakantie]:
    """The national school holidays: the same for every partnership."""
    vakanties = search(Vakantie.objects.all(), q, ("name",))
    if regio:
        # A school of the region has the region's holidays and those of all regions.
        vakanties = vakanties.filter(Q(regio=regio) | Q(regio=""))
    return vakanties.order_by("-start_date", "regio")


def vrije_dagen(*, partnerschap: Partnerschap, q: str = "", school=None) -> QuerySet[VrijeDag]:
    vrije_dagen = search(vrije_dagen_of(partnerschap).select_related("school"), q,
                         ("reason", "school__name"))
    if school is not None:
        vrije_dagen = vrije_dagen.filter(school=school)
    return vrije_dagen.order_by("-date", "school__name")


def expertises(*, partnerschap: Partnerschap, q: str = "") -> QuerySet[Expertise]:
    """Every expertise tag (one vocabulary); the staff counted are the partnership's."""
    return search(
        Expertise.objects.annotate(medewerker_count=Count(
            "medewerkers",
            filter=Q(medewerkers__in=medewerkers_of(partnerschap).values("pk")))),
        q, ("name",),
    ).order_by("name")


FUNCTIE_FILTERS = {
    Functie.WERKPLEKBEGELEIDER.value: Q(is_werkplekbegeleider=True),
    Functie.SCHOOLOPLEIDER.value: Q(is_schoolopleider=True),
    Functie.INSTITUUTSOPLEIDER.value: Q(is_instituutsopleider=True),
    "coordinator": Q(is_coordinator=True),
    "visitors_welcome": Q(visitors_welcome=True),
}


def medewerkers(
    *, partnerschap: Partnerschap, q: str = "", school=None, instituut=None, functie: str = "",
    expertise=None,
) -> QuerySet[Medewerker]:
    medewerkers = medewerkers_of(partnerschap).select_related("user", "school", "instituut")
    if school is not None:
        medewerkers = medewerkers.filter(school=school)
    if instituut is not None:
        medewerkers = medewerkers.filter(instituut=instituut)
    if functie in FUNCTIE_FILTERS:
        medewerkers = medewerkers.filter(FUNCTIE_FILTERS[functie])
    if expertise is not None:
        medewerkers = medewerkers.filter(expertises=expertise)
    medewerkers = search(medewerkers, q, PERSON_SEARCH_FIELDS + ("subject",))
    return medewerkers.prefetch_related(
        Prefetch("expertises", queryset=Expertise.objects.order_by("name"))
    ).order_by("user__last_name", "user__first_name", "pk")


def medewerker_detail_queryset(partnerschap: Partnerschap) -> QuerySet[Medewerker]:
    """The partnership's staff, each with the placements at its schools they mentor (staff
    of an institute may mentor in other partnerships too: those are not shown here)."""
    begeleidingen = (
        Begeleider.objects.active().filter(stage__school__partnerschap=partnerschap)
        .select_related("stage__student__user", "stage__school", "stage__schooljaar")
        .order_by("-stage__schooljaar__start_date", "stage__student__user__last_name")
    )
    return medewerkers_of(partnerschap).select_related(
        "user", "school", "instituut"
    ).prefetch_related(
        Prefetch("expertises", queryset=Expertise.objects.order_by("name")),
        Prefetch("begeleidingen", queryset=begeleidingen, to_attr="active_begeleidingen"),
    )


def _stage_rows_newest_first() -> QuerySet[Stage]:
    return Stage.objects.select_related("school", "schooljaar").order_by(
        "-schooljaar__start_date", "school__name")


def _stages_newest_first() -> Prefetch:
    return Prefetch("stages", queryset=_stage_rows_newest_first(), to_attr="stages_newest_first")


def studenten(
    *, partnerschap: Partnerschap, q: str = "", opleiding=None, study_year: int | None = None,
    school=None, schooljaar=None,
) -> QuerySet[Student]:
    studenten = studenten_of(partnerschap).select_related("user", "opleiding__instituut")
    if opleiding is not None:
        studenten = studenten.filter(opleiding=opleiding)
    if study_year:
        studenten = studenten.filter(study_year=study_year)
    if school is not None or schooljaar is not None:
        stages = stages_of(partnerschap)
        if school is not None:
            stages = stages.filter(school=school)
        if schooljaar is not None:
            stages = stages.filter(schooljaar=schooljaar)
        studenten = studenten.filter(pk__in=stages.values("student_id"))
    studenten = search(studenten, q, PERSON_SEARCH_FIELDS + ("student_number",))
    return studenten.prefetch_related(_stages_newest_first()).order_by(
        "user__last_name", "user__first_name", "user_id"
    )


def student_detail_queryset(partnerschap: Partnerschap) -> QuerySet[Student]:
    return studenten_of(partnerschap).select_related(
        "user", "opleiding__instituut"
    ).prefetch_related(_stages_newest_first())


def starters(*, partnerschap: Partnerschap, q: str = "", school=None) -> QuerySet[Starter]:
    """The partnership's starters, each with the name of their induction coach (issue 15;
    `coach_first_name`, `coach_last_name`, None without one): a probe per row."""
    coach = Begeleider.objects.filter(
        stage__student__user_id=OuterRef("user_id"), stage__kind=StageKind.INDUCTIE,
        functie=Functie.COACH, status=BegeleiderStatus.ACTIVE,
    ).order_by("-stage__start_date")
    starters = starters_of(partnerschap).select_related("user", "school").annotate(
        coach_first_name=Subquery(coach.values("medewerker__user__first_name")[:1]),
        coach_last_name=Subquery(coach.values("medewerker__user__last_name")[:1]),
    )
    if school is not None:
        starters = starters.filter(school=school)
    return search(starters, q, PERSON_SEARCH_FIELDS + ("subject",)).order_by(
        "user__last_name", "user__first_name", "pk"
    )


def stages(
    *, partnerschap: Partnerschap, q: str = "", school=None, schooljaar=None,
    study_year: int | None = None, incomplete: bool = False,
) -> QuerySet[Stage]:
    stages = with_triangle(stages_of(partnerschap)).select_related(
        "student__user", "student__opleiding", "school", "schooljaar"
    )
    if school is not None:
        stages = stages.filter(school=school)
    if schooljaar is not None:
        stages = stages.filter(schooljaar=schooljaar)
    if study_year:
        stages = stages.filter(student__study_year=study_year)
    if incomplete:
        stages = stages.filter(Q(has_wpb=False) | Q(has_opleider=False))
    stages = search(
        stages, q,
        ("student__user__first_name", "student__user__last_name", "student__user__email",
         "school__name"),
    )
    # By name (walking the user name index for the first page) within one school year;
    # newest year first over all years.
    by_name = ("student__user__last_name", "student__user__first_name", "student__user_id", "pk")
    return stages.prefetch_related(active_begeleiders()).order_by(
        *(by_name if schooljaar is not None else ("-schooljaar__start_date", *by_name))
    )


def stage_detail_queryset(partnerschap: Partnerschap) -> QuerySet[Stage]:
    return with_triangle(stages_of(partnerschap)).select_related(
        "student__user", "student__opleiding__instituut", "school", "schooljaar"
    ).prefetch_related(active_begeleiders())


def open_begeleiders_of(student: Student) -> list[Begeleider]:
    """The mentors who still see this student through a placement as a student (active or
    asked): the ones who lose access when the student becomes a starter (issue 15)."""
    return list(
        Begeleider.objects.filter(
            stage__student=student,
            status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED],
        ).exclude(stage__kind=StageKind.INDUCTIE).select_related("medewerker__user", "stage__school")
        .order_by("medewerker__user__last_name", "functie")
    )


def running_stages_of(user, *, today) -> list[Stage]:
    """The placements running today or still to come in which `user` is the student or an
    active mentor: what ending their account leaves without them. Two indexed queries."""
    as_student = Stage.objects.filter(student__user=user, end_date__gte=today)
    as_mentor = Stage.objects.filter(
        end_date__gte=today, begeleiders__medewerker__user=user,
        begeleiders__status=BegeleiderStatus.ACTIVE,
    )
    related = ("student__user", "school", "schooljaar")
    stages = {stage.pk: stage for stage in as_student.select_related(*related)}
    stages |= {stage.pk: stage for stage in as_mentor.select_related(*related).distinct()}
    return sorted(stages.values(), key=lambda stage: (stage.start_date, stage.pk))


def import_batches(*, user, kind: str, partnerschap: Partnerschap) -> QuerySet[ImportBatch]:
    """The uploads a coordinator made of one list into their partnership: only their own
    (another coordinator's preview, or one of another partnership, is a 404)."""
    return ImportBatch.objects.filter(
        created_by=user, kind=kind, partnerschap=partnerschap
    ).select_related("partnerschap")


# --- The two longest lists, compiled (issue 10) ----------------------------------------------
# Unless searched, the placements and the students are read a page at a time by one prepared
# query with their total (compiled.py), one per set of filters chosen; what a prefetch added
# to the page's rows comes from one compiled query of their ids. A search: the selector.


_STAGES = CompiledShapes(
    "partnerschap_stages",
    lambda partnerschap_id, **filters: (
        stages(partnerschap=partnerschap_id, **filters).prefetch_related(None)),
    int, optional={"school": int, "schooljaar": int, "study_year": SMALLINT},
    flags=("incomplete",),
    generic=True,  # planned anew on every visit, 1.2-1.8 ms at national size (compiled.py)
)
_STAGE_MENTORS = CompiledQuery("partnerschap_stage_mentors", lambda stage_ids: (
    _active_mentor_rows().filter(stage_id__in_array=stage_ids)), list)


def _with_active_begeleiders(rows: list[Stage]) -> None:
    attach_list(rows, "active_begeleiders",
                _STAGE_MENTORS.list([stage.pk for stage in rows]), "stage_id")


def stages_page_source(*, partnerschap: Partnerschap, q: str = "", school=None,
                       schooljaar=None, study_year: int | None = None, incomplete: bool = False):
    """stages() as the list page reads it (pagination.Paginator): compiled but for a search."""
    if q:
        return stages(partnerschap=partnerschap, q=q, school=school, schooljaar=schooljaar,
                      study_year=study_year, incomplete=incomplete)
    return _STAGES.page_source(
        partnerschap.pk, school=getattr(school, "pk", None),
        schooljaar=getattr(schooljaar, "pk", None), study_year=study_year or None,
        incomplete=incomplete, then=_with_active_begeleiders)


_STUDENTS = CompiledShapes(
    "partnerschap_students",
    lambda partnerschap_id, **filters: (
        with_login_methods(studenten(partnerschap=partnerschap_id, **filters))
        .prefetch_related(None)),
    int, optional={"opleiding": int, "study_year": SMALLINT, "school": int, "schooljaar": int},
    generic=True,  # planned anew on every visit, 0.5 ms at national size (compiled.py)
)
_STUDENT_STAGES = CompiledQuery("partnerschap_student_stages", lambda student_ids: (
    _stage_rows_newest_first().filter(student_id__in_array=student_ids)), list)
_LINKED_ACCOUNTS = CompiledQuery("partnerschap_linked_accounts", lambda user_ids: (
    SocialAccount.objects.filter(user_id__in_array=user_ids).order_by("pk")), list)


def _with_stages_and_accounts(rows: list[Student]) -> None:
    attach_list(rows, "stages_newest_first",
                _STUDENT_STAGES.list([student.pk for student in rows]), "student_id")
    attach_list([student.user for student in rows], "linked_accounts",
                _LINKED_ACCOUNTS.list([student.user_id for student in rows]), "user_id")


def students_page_source(*, partnerschap: Partnerschap, q: str = "", opleiding=None,
                         study_year: int | None = None, school=None, schooljaar=None):
    """studenten() with how each logs in (federation.with_login_methods), as the list page
    reads it (pagination.Paginator): compiled but for a search."""
    if q:
        return with_login_methods(studenten(
            partnerschap=partnerschap, q=q, opleiding=opleiding, study_year=study_year,
            school=school, schooljaar=schooljaar))
    return _STUDENTS.page_source(
        partnerschap.pk, opleiding=getattr(opleiding, "pk", None),
        study_year=study_year or None, school=getattr(school, "pk", None),
        schooljaar=getattr(schooljaar, "pk", None), then=_with_stages_and_accounts)
