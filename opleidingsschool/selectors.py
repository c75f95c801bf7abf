"""Reads for the core's pages, each scoped by the access layer."""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.lookups import IsNull
from django.db.models.query import ModelIterable
from django.utils import timezone

from .access import (
    PerViewer,
    medewerker_of,
    partnerschap_of,
    visible_stages,
    visible_stages_q_for,
    visible_students,
    visible_students_q_for,
)
from .compiled import SMALLINT, attach_list
from .models import (
    FUNCTIE_ORDER,
    Begeleider,
    BegeleiderStatus,
    Functie,
    Medewerker,
    School,
    Schooljaar,
    Stage,
    StageKind,
    Starter,
    Student,
    User,
)
from .querysets import partial_instance

_MENTOR_COLUMNS = {  # the active mentor of a LEFT JOIN row: what a list shows of them
    "_m_id": "active_mentor__id", "_m_functie": "active_mentor__functie",
    "_m_medewerker": "active_mentor__medewerker_id", "_m_user": "active_mentor__medewerker__user_id",
    "_m_first": "active_mentor__medewerker__user__first_name",
    "_m_last": "active_mentor__medewerker__user__last_name",
    "_m_email": "active_mentor__medewerker__user__email",
}


_POSITION = {functie: position for position, functie in enumerate(FUNCTIE_ORDER)}


def _in_triangle_order(stage: Stage) -> Stage:
    # The rows come by last name; a stable sort on the function gives in_triangle_order's
    # order. (A CASE in the SQL took a third of the query's compiling, 0.4 ms a request.)
    stage.active_begeleiders.sort(
        key=lambda mentor: _POSITION.get(mentor.functie, len(FUNCTIE_ORDER)))
    return stage


class _StagesWithMentors(ModelIterable):
    """A row per placement and active mentor (a LEFT JOIN), made into one Stage per placement
    with its mentors as `active_begeleiders` in triangle order, as _active_begeleiders'
    prefetch leaves them: the mentor's name and function, the other fields read on access."""

    def __iter__(self):
        yield from _grouped_with_mentors(super().__iter__(), self.queryset.db)


def _grouped_with_mentors(rows, db: str):
    """One Stage per placement from with_active_mentors' rows (by placement), its mentors as
    `active_begeleiders`."""
    stage = None
    for row in rows:
        if stage is None or row.pk != stage.pk:
            if stage is not None:
                yield _in_triangle_order(stage)
            stage, stage.active_begeleiders = row, []
        if row._m_id is not None:
            medewerker = partial_instance(Medewerker, db, id=row._m_medewerker,
                                          user_id=row._m_user)
            medewerker.user = partial_instance(
                User, db, id=row._m_user, first_name=row._m_first, last_name=row._m_last,
                email=row._m_email)
            mentor = partial_instance(
                Begeleider, db, id=row._m_id, stage_id=row.pk, medewerker_id=row._m_medewerker,
                functie=row._m_functie, status=BegeleiderStatus.ACTIVE)
            mentor.medewerker = medewerker
            stage.active_begeleiders.append(mentor)
    if stage is not None:
        yield _in_triangle_order(stage)


def with_active_mentors(stages: QuerySet[Stage], *ordering: str) -> QuerySet[Stage]:
    """The placements in this order, each with its active mentors (`active_begeleiders`, in
    triangle order) from the same query: one query where a prefetch takes two (issue 10)."""
    queryset = (
        stages.alias(active_mentor=FilteredRelation(
            "begeleiders", condition=Q(begeleiders__status=BegeleiderStatus.ACTIVE)))
        .annotate(**{name: F(path) for name, path in _MENTOR_COLUMNS.items()})
        .order_by(*ordering, "pk", "active_mentor__medewerker__user__last_name")
    )
    queryset._iterable_class = _StagesWithMentors
    return queryset


def _active_begeleiders() -> Prefetch:
    return Prefetch(
        "begeleiders",
        queryset=Begeleider.objects.active().select_related("medewerker__user").in_triangle_order(),
        to_attr="active_begeleiders",
    )


def with_triangle(stages: QuerySet[Stage]) -> QuerySet[Stage]:
    """Annotate has_wpb and has_opleider: an active wpb, an active school- or
    instituutsopleider. Each is one index probe `(SELECT id ... LIMIT 1)` per row the page
    shows; as EXISTS, Postgres hashed every mentor row of the country to show 25 (issue 10).
    """
    active = Begeleider.objects.filter(
        stage=OuterRef("pk"), status=BegeleiderStatus.ACTIVE
    ).order_by()
    wpb = active.filter(functie=Functie.WERKPLEKBEGELEIDER).values("pk")[:1]
    opleider = active.filter(
        functie__in=[Functie.SCHOOLOPLEIDER, Functie.INSTITUUTSOPLEIDER]
    ).values("pk")[:1]
    return stages.annotate(
        has_wpb=IsNull(Subquery(wpb), False), has_opleider=IsNull(Subquery(opleider), False)
    )


def complete_triangle_q() -> Q:
    """A filter on Stage: an active wpb AND an active school- or instituutsopleider. As a
    WHERE clause of two EXISTS joined by AND, Postgres answers it with two hash semi-joins
    over the mentor rows, not two index probes per placement."""
    active = Begeleider.objects.filter(stage=OuterRef("pk"), status=BegeleiderStatus.ACTIVE)
    return Q(Exists(active.filter(functie=Functie.WERKPLEKBEGELEIDER))) & Q(Exists(
        active.filter(functie__in=[Functie.SCHOOLOPLEIDER, Functie.INSTITUUTSOPLEIDER])
    ))


def triangle_counts(stages: QuerySet[Stage]) -> dict[str, int]:
    """How many of these placements there are, and how many miss part of their triangle:
    two counts, each one pass over the placements and the mentor rows."""
    total = stages.count()
    return {"total": total, "incomplete": total - stages.filter(complete_triangle_q()).count()}


def year_triangle_counts(schooljaar) -> dict[str, int]:
    """triangle_counts of a school year's placements, kept in the cache until a placement or
    a mentor row is written (homecache moves TRIANGLES_VERSION): counting complete triangles
    passes over every placement and mentor row of the year, which a partnership-wide page
    should not do on every view (issue 10)."""
    from django.core.cache import cache

    from . import homecache

    homecache.flush()  # this thread's own writes of an open transaction
    version = cache.get(homecache.TRIANGLES_VERSION)
    key = f"triangles:{schooljaar.pk}:{version}"
    counts = cache.get(key)
    if counts is None:
        counts = triangle_counts(Stage.objects.filter(schooljaar=schooljaar))
        cache.set(key, counts, 24 * 3600)
    return counts


def stage_detail_queryset(user) -> QuerySet[Stage]:
    return visible_stages(user).select_related(
        "student__user", "student__opleiding__instituut", "school", "schooljaar"
    ).prefetch_related(_active_begeleiders())


def students_for_list(user, *, query: str = "", school=None, study_year=None) -> QuerySet[Student]:
    """The students a user may see, with their placements and active mentors prefetched so
    the list costs the same number of queries whatever its length."""
    students = visible_students(user).select_related("user", "opleiding__instituut")
    if query:
        students = students.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(opleiding__name__icontains=query)
        )
    if school is not None:
        students = students.filter(stages__school=school).distinct()
    if study_year:
        students = students.filter(study_year=study_year)
    stages = with_active_mentors(
        visible_stages(user).select_related("school", "schooljaar"), "-schooljaar__start_date")
    return students.prefetch_related(
        Prefetch("stages", queryset=stages, to_attr="visible_stages")
    ).order_by("user__last_name", "user__first_name", "pk")


def _visible_students_list(study_year: int | None, *values: int) -> QuerySet[Student]:
    students = Student.objects.filter(visible_students_q_for(values, "pk")).select_related(
        "user", "opleiding__instituut")
    if study_year is not None:
        students = students.filter(study_year=study_year)
    return students.order_by("user__last_name", "user__first_name", "pk")


def _stages_of_students(student_ids: list, *values: int) -> QuerySet[Stage]:
    return with_active_mentors(
        Stage.objects.filter(visible_stages_q_for(values, "pk"), student_id__in_array=student_ids)
        .select_related("school", "schooljaar"), "-schooljaar__start_date")


# The /studenten/ list as most open it (no search, no school): compiled once per shape
# (access.PerViewer), with or without a study year; the page's students' placements with
# their mentors from one compiled query of their ids.
_STUDENT_LIST = {
    False: PerViewer("student_list", lambda *values: _visible_students_list(None, *values)),
    True: PerViewer("student_list_year", _visible_students_list, SMALLINT),
}
_STAGES_OF_STUDENTS = PerViewer("stages_of_students", _stages_of_students, list)

# The schools of the placements a person may see, by name: the school filter of /studenten/,
# read on every visit; compiled once per shape of the access rule.
_VISIBLE_SCHOOLS = PerViewer("visible_schools", lambda *values: School.objects.filter(
    pk__in=Stage.objects.filter(visible_stages_q_for(values, "pk")).values("school_id"),
).order_by("name"))


def visible_schools(user) -> list[School]:
    """The schools of the placements this user may see (visible_stages), by name."""
    return _VISIBLE_SCHOOLS.list(user) or []


def students_page_source(user, *, query: str = "", school=None, study_year=None):
    """students_for_list as a list page reads it (pagination.Paginator): without a search
    or a school, compiled (a page and its total from one query, their placements from one
    more); otherwise the queryset."""

    def with_stages(students: list[Student]) -> None:
        rows = _STAGES_OF_STUDENTS.list(user, [student.pk for student in students])
        attach_list(students, "visible_stages", _grouped_with_mentors(rows, "default"),
                    "student_id")

    year = (int(study_year),) if study_year else ()
    source = None if query or school is not None else _STUDENT_LIST[bool(year)].page_source(
        user, *year, then=with_stages)
    if source is None:
        return students_for_list(user, query=query, school=school, study_year=study_year)
    return source


def student_detail_queryset(user) -> QuerySet[Student]:
    stages = (
        visible_stages(user)
        .select_related("school", "schooljaar")
        .prefetch_related(_active_begeleiders())
        .order_by("-schooljaar__start_date")
    )
    return visible_students(user).select_related("user", "opleiding__instituut").prefetch_related(
        Prefetch("stages", queryset=stages, to_attr="visible_stages")
    )


def own_stages(user) -> list[Stage]:
    """A student's own placements, newest first, with their active mentors."""
    return list(
        Stage.objects.filter(student__user=user)
        .select_related("school", "schooljaar", "student__opleiding")
        .prefetch_related(_active_begeleiders())
        .order_by("-schooljaar__start_date")
    )


def mentored_begeleidingen(user) -> list[Begeleider]:
    """The active mentoring relations of a staff member, with student and school."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return []
    return list(
        Begeleider.objects.active()
        .filter(medewerker=medewerker)
        .select_related(
            "stage__student__user", "stage__student__opleiding", "stage__school",
            "stage__schooljaar",
        )
        .order_by("stage__student__user__last_name", "stage__student__user__first_name")
    )


def school_stages_this_year(user, schooljaar: Schooljaar | None = None) -> list[Stage]:
    """For a schoolopleider: this year's placements at their school with the triangle state
    (`schooljaar`: the current one, when the caller has it already)."""
    medewerker = medewerker_of(user)
    schooljaar = schooljaar or Schooljaar.objects.current()
    if medewerker is None or not medewerker.school_id or schooljaar is None:
        return []
    return list(
        with_triangle(
            visible_stages(user).placements()
            .filter(school_id=medewerker.school_id, schooljaar=schooljaar)
        )
        .select_related("student__user", "student__opleiding")
        .order_by("student__user__last_name", "student__user__first_name")
    )


def partnership_overview(partnerschap, *, today) -> dict:
    """For a coordinator's home: their partnership at a glance, aggregates only (each
    signal's total; the lines per school and per institute are on the overview page, see
    partnerschap.signals.overview). A fixed number of queries whatever the number of
    schools or placements."""
    # Imported here: the overview's signals build on the selectors of this module.
    from .partnerschap.signals import overview

    return overview(partnerschap, today=today, lines=False)


def current_inductie(student: Student, today: datetime.date | None = None) -> Stage | None:
    """The person's induction placement that runs today, else the latest that has started,
    else the next one; None for someone without an induction. One query."""
    today = today or timezone.localdate()
    running_first = Case(
        When(start_date__lte=today, end_date__gte=today, then=Value(0)),
        When(start_date__lte=today, then=Value(1)),
        default=Value(2), output_field=IntegerField(),
    )
    return (
        student.stages.filter(kind=StageKind.INDUCTIE).select_related("school", "schooljaar")
        .annotate(running_first=running_first)
        .order_by("running_first", "-end_date", "start_date").first()
    )


def coach_of(stage: Stage | None) -> Begeleider | None:
    """The active induction coach of an induction placement, with their user."""
    if stage is None:
        return None
    return stage.begeleiders.active().filter(functie=Functie.COACH).select_related(
        "medewerker__user").first()


def starters_for_coaching(user) -> QuerySet[Starter]:
    """The starters whose induction coach this user may choose: every starter of a
    coordinator's partnership and of a schoolopleider's school (issue 15); none for anyone
    else. A UNION of indexed branches."""
    branches = []
    partnerschap = partnerschap_of(user)
    if partnerschap is not None:
        branches.append(Starter.objects.filter(school__partnerschap=partnerschap).values("pk"))
    medewerker = medewerker_of(user)
    if medewerker is not None and medewerker.is_schoolopleider and medewerker.school_id:
        branches.append(Starter.objects.filter(school_id=medewerker.school_id).values("pk"))
    if not branches:
        return Starter.objects.none()
    first, *rest = branches
    return Starter.objects.filter(pk__in=first.union(*rest) if rest else first)


def school_inducties(user, schooljaar: Schooljaar | None) -> list[Stage]:
    """For a schoolopleider: the inductions at their school in `schooljaar`, each with the
    starter's uuid (`starter_uuid`) and the name of its active coach (`coach_first_name`,
    `coach_last_name`; None without one). One query: a probe per induction for each."""
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.school_id or schooljaar is None:
        return []
    coach = Begeleider.objects.active().filter(
        stage=OuterRef("pk"), functie=Functie.COACH).order_by()
    return list(
        Stage.objects.filter(
            school_id=medewerker.school_id, schooljaar=schooljaar, kind=StageKind.INDUCTIE)
        .select_related("student__user")
        .annotate(
            starter_uuid=Subquery(
                Starter.objects.filter(user_id=OuterRef("student__user_id")).values("uuid")[:1]),
            coach_first_name=Subquery(coach.values("medewerker__user__first_name")[:1]),
            coach_last_name=Subquery(coach.values("medewerker__user__last_name")[:1]),
        )
        .order_by("student__user__last_name", "student__user__first_name")
    )


def own_inductie(user) -> tuple[Stage | None, Begeleider | None]:
    """A starter's current induction placement and its coach: two queries."""
    student = getattr(user, "student", None)
    stage = current_inductie(student) if student is not None else None
    return stage, coach_of(stage)
