"""Reads of the curriculum, each scoped by the core's access layer.

Everything personal (assignments, submissions, files, evidence) comes from a student the
user may see (`visible_students`); the outcomes, the catalogue and the building blocks are
a partnership's shared curriculum, read from the partnerships a user takes part in
(`permissions.curriculum_partnerschap_ids`).
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool import registries
from opleidingsschool.access import (
    PerViewer,
    medewerker_of,
    visible_students,
    visible_students_q,
    visible_students_q_for,
)
from opleidingsschool.compiled import CompiledQuery, CompiledSubquery, execute_written
from opleidingsschool.lookups import in_array_sql, one_of_sql
from opleidingsschool.models import School, Schooljaar, Stage, Student
from opleidingsschool.querysets import partial_instance
from opleidingsschool.registries import Evidence
from opleidingsschool.urlmemo import reverse

from .models import (
    Bestand,
    Curriculumbouwsteen,
    Feedback,
    Inlevering,
    InleveringStatus,
    InleveringVersie,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Speerpunt,
    StageLevel,
    Toewijzing,
)

OPEN_STATUSES = (InleveringStatus.CONCEPT, InleveringStatus.HANDED_IN,
                 InleveringStatus.FEEDBACK_GIVEN)


# Learning outcomes and their meaning per school -------------------------------------------


def schools_of(user) -> list[School]:
    """The schools whose meaning of the outcomes matters to this user: a student's placement
    schools (newest first), a staff member's own school."""
    if hasattr(user, "student"):
        stages = Stage.objects.filter(student=user.student).select_related("school").order_by(
            "-schooljaar__start_date")
        schools: list[School] = []
        for stage in stages:
            if stage.school not in schools:
                schools.append(stage.school)
        return schools
    medewerker = medewerker_of(user)
    if medewerker is not None and medewerker.school_id:
        return [medewerker.school]
    return []


def leeruitkomsten_of(partnerschap_ids, *, include_inactive: bool = False) -> QuerySet[Leeruitkomst]:
    """The outcomes of these partnerships (those in use, unless `include_inactive`)."""
    outcomes = Leeruitkomst.objects.all() if include_inactive else Leeruitkomst.objects.active()
    return outcomes.filter(partnerschap_id__in=partnerschap_ids)


def leerwerktaken_of(partnerschap_ids, *, include_inactive: bool = False) -> QuerySet[Leerwerktaak]:
    tasks = Leerwerktaak.objects.all() if include_inactive else Leerwerktaak.objects.active()
    return tasks.filter(partnerschap_id__in=partnerschap_ids)


def speerpunten_of(partnerschap_ids) -> QuerySet[Speerpunt]:
    return Speerpunt.objects.filter(partnerschap_id__in=partnerschap_ids)


def leeruitkomsten_for_list(
    *, partnerschap_ids, schools: list[School], include_inactive: bool = False
):
    """The partnerships' outcomes in order, each with `school_invullingen` (the given
    schools' meaning)."""
    outcomes = leeruitkomsten_of(partnerschap_ids, include_inactive=include_inactive)
    return outcomes.prefetch_related(
        Prefetch(
            "invullingen",
            queryset=Invulling.objects.filter(school__in=schools).select_related("school"),
            to_attr="school_invullingen",
        )
    ).annotate(invulling_count=Count("invullingen", distinct=True))


def invullingen_of(leeruitkomst: Leeruitkomst, *, first: list[School]) -> list[Invulling]:
    """Every school's meaning of the outcome; the user's own schools first."""
    invullingen = list(leeruitkomst.invullingen.select_related("school", "updated_by"))
    own = [school.pk for school in first]
    return sorted(
        invullingen,
        key=lambda i: (own.index(i.school_id) if i.school_id in own else len(own), i.school.name),
    )


# The task catalogue -------------------------------------------------------------------------


def leerwerktaken_for_catalogue(
    *, partnerschap_ids, query: str = "", study_year: int | None = None, speerpunt=None,
    leeruitkomst=None, kind: str = "", include_inactive: bool = False,
) -> QuerySet[Leerwerktaak]:
    """The partnerships' tasks; `leeruitkomst` filters on its code (each partnership's
    outcome of that code)."""
    tasks = leerwerktaken_of(partnerschap_ids, include_inactive=include_inactive)
    if query:
        tasks = tasks.filter(
            Q(title__icontains=query) | Q(description__icontains=query)
            | Q(module__icontains=query) | Q(deliverable__icontains=query)
        )
    if study_year:
        tasks = tasks.filter(**{f"year_{study_year}": True})
    if speerpunt is not None:
        tasks = tasks.filter(speerpunten=speerpunt)
    if leeruitkomst is not None:
        tasks = tasks.filter(leeruitkomsten__code=leeruitkomst.code)
    if kind == "group":
        tasks = tasks.filter(is_group_task=True)
    elif kind == "individual":
        tasks = tasks.filter(is_group_task=False)
    elif kind == "outside":
        tasks = tasks.filter(uses_outside_school=True)
    elif kind == "lio":  # the final placement, in which an LIO teaches their own classes
        tasks = tasks.filter(stage_level=StageLevel.AFSTUDEREND)
    return tasks.prefetch_related("speerpunten", "leeruitkomsten").order_by("title").distinct()


def toewijzingen_of_task(leerwerktaak: Leerwerktaak) -> list[Toewijzing]:
    """For the coordinator's planning: who has the task, by when, and how far they are."""
    return list(
        leerwerktaak.toewijzingen.select_related("inlevering")
        .prefetch_related(_students_with_school())
        .order_by("due_date", "pk")
    )


# Assignments, submissions and files -------------------------------------------------------


def toewijzingen_for(user) -> QuerySet[Toewijzing]:
    """The assignments of students this user may see (own, mentored, at their school)."""
    members = Toewijzing.students.through.objects.filter(
        visible_students_q(user), toewijzing=OuterRef("pk")
    )
    return Toewijzing.objects.filter(Exists(members))


def _toewijzingen_of(values: tuple[int, ...]) -> QuerySet[Toewijzing]:
    """toewijzingen_for of the user whose access values these are."""
    members = Toewijzing.students.through.objects.filter(
        visible_students_q_for(values), toewijzing=OuterRef("pk")
    )
    return Toewijzing.objects.filter(Exists(members))


def _calendar_assignments(start: datetime.date, end: datetime.date,
                          *values: int) -> QuerySet[Toewijzing]:
    return (
        _toewijzingen_of(values)
        .filter(due_date__gte=start, due_date__lte=end, inlevering__status__in=OPEN_STATUSES)
        .select_related("leerwerktaak")
    )


# Asked by every calendar feed: compiled once per shape (access.PerViewer).
_CALENDAR_ASSIGNMENTS = PerViewer("calendar_assignments", _calendar_assignments,
                                  datetime.date, datetime.date)


def calendar_assignments(user, start: datetime.date, end: datetime.date) -> list[Toewijzing]:
    """The open assignments due between these days of the students this user may see
    (toewijzingen_for), with their task."""
    return _CALENDAR_ASSIGNMENTS.list(user, start, end) or []


def _students_with_school() -> Prefetch:
    stages = Stage.objects.select_related("school").order_by("-schooljaar__start_date")
    return Prefetch(
        "students",
        queryset=Student.objects.select_related("user").prefetch_related(
            Prefetch("stages", queryset=stages, to_attr="stages_newest_first")
        ).order_by("user__last_name", "user__first_name"),
    )


def toewijzingen_for_list(user, *, status: str = "", query: str = "") -> QuerySet[Toewijzing]:
    toewijzingen = toewijzingen_for(user)
    if status:
        toewijzingen = toewijzingen.filter(inlevering__status=status)
    if query:
        toewijzingen = toewijzingen.filter(
            Q(leerwerktaak__title__icontains=query)
            | Q(students__user__first_name__icontains=query)
            | Q(students__user__last_name__icontains=query)
        ).distinct()
    return (
        toewijzingen.select_related("leerwerktaak", "inlevering")
        .prefetch_related(_students_with_school())
        .order_by("due_date", "pk")
    )


def toewijzing_detail_queryset(user) -> QuerySet[Toewijzing]:
    versies = InleveringVersie.objects.select_related("handed_in_by").prefetch_related(
        "bestanden").order_by("-number")
    feedback = Feedback.objects.select_related("author", "versie").prefetch_related(
        "regels").order_by("-created_at")
    return toewijzingen_for(user).select_related(
        "leerwerktaak", "assigned_by", "inlevering__completed_by"
    ).prefetch_related(
        _students_with_school(),
        "leerwerktaak__leeruitkomsten",
        "inlevering__evidence_leeruitkomsten",
        Prefetch("inlevering__versies", queryset=versies),
        Prefetch("inlevering__feedback", queryset=feedback),
        Prefetch("inlevering__bestanden",
                 queryset=Bestand.objects.filter(versie__isnull=True).select_related("uploaded_by"),
                 to_attr="draft_files"),
    )


def bestanden_for(user) -> QuerySet[Bestand]:
    """Files of submissions the user may see; any other file does not exist for them."""
    return Bestand.objects.filter(inlevering__toewijzing__in=toewijzingen_for(user))


def due_for_student(user, *, limit: int = 5) -> list[Toewijzing]:
    """A student's open assignments, soonest first."""
    if not hasattr(user, "student"):
        return []
    return list(
        Toewijzing.objects.filter(students=user.student, inlevering__status__in=OPEN_STATUSES)
        .select_related("leerwerktaak", "inlevering")
        .order_by("due_date")[:limit]
    )


def waiting_for_feedback(user, *, limit: int = 5) -> list[Toewijzing]:
    """Handed-in work of students whose triangle this user is in (or at their school as
    schoolopleider), oldest first."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return []
    return list(
        toewijzingen_for(user)
        .filter(inlevering__status=InleveringStatus.HANDED_IN)
        .exclude(students__user=user)
        .select_related("leerwerktaak", "inlevering")
        .prefetch_related(_students_with_school())
        .order_by("inlevering__handed_in_at")[:limit]
    )


# Evidence on the way to startbekwaam ------------------------------------------------------


@dataclass
class LeeruitkomstEvidence:
    leeruitkomst: Leeruitkomst
    invulling: Invulling | None
    items: list[tuple[datetime.date, str, str]] = field(default_factory=list)

    @property
    def strength(self) -> str:
        """none / thin / covered, shown as a badge with words."""
        if not self.items:
            return "none"
        return "thin" if len(self.items) == 1 else "covered"


# The completed work of the given assignments linked to the given outcomes, in order of
# completion. Written out (issue 10): built by the ORM, this query took about 2.7 ms of
# every evidence page on the demo, written out about 1.5; which assignments the user may see
# stays `toewijzingen_for`, compiled by the ORM into {in_toewijzingen}.
_TASK_EVIDENCE_SQL = """
SELECT el.leeruitkomst_id, i.completed_at, t.title, w.uuid
FROM leerwerktaken_inlevering_evidence_leeruitkomsten el
INNER JOIN leerwerktaken_inlevering i ON i.id = el.inlevering_id
INNER JOIN leerwerktaken_toewijzing w ON w.id = i.toewijzing_id
INNER JOIN leerwerktaken_leerwerktaak t ON t.id = w.leerwerktaak_id
WHERE i.status = %s AND i.toewijzing_id {in_toewijzingen}
    AND el.leeruitkomst_id {outcomes}
ORDER BY i.completed_at
"""


# The ids of a student's assignments a user may see, for the evidence page's written-out
# query: compiled once per shape (access.PerViewer).
_STUDENT_ASSIGNMENTS = PerViewer(
    "student_assignments",
    lambda student_id, *values: _toewijzingen_of(values).filter(
        students=student_id).values("pk"),
    int, compiled=CompiledSubquery)


def student_assignments_sql(user, student: Student) -> tuple[str, list] | None:
    """The SQL and parameters of the ids of this student's assignments the user may see
    (toewijzingen_for); None: the user sees none at all."""
    return _STUDENT_ASSIGNMENTS.sql(user, student.pk)


def task_evidence(*, user, student: Student, leeruitkomsten) -> dict[int, list[Evidence]]:
    """evidence_sources contribution: the student's completed work linked to each outcome,
    of assignments the user may see. One query for all outcomes, reading only the columns
    shown."""
    ids = [outcome.pk for outcome in leeruitkomsten]
    if not ids:
        return {}
    compiled = student_assignments_sql(user, student)
    if compiled is None:
        return {}
    toewijzingen, params = compiled
    outcomes, outcome_params = in_array_sql(ids)
    with connection.cursor() as cursor:
        execute_written(
            cursor,
            _TASK_EVIDENCE_SQL.format(in_toewijzingen=one_of_sql(toewijzingen), outcomes=outcomes),
            [InleveringStatus.COMPLETED, *params, *outcome_params],
        )
        rows = cursor.fetchall()
    result: dict[int, list[Evidence]] = {}
    for outcome_id, completed_at, title, key in rows:
        if timezone.is_naive(completed_at):  # SQLite gives the UTC time without its zone
            completed_at = completed_at.replace(tzinfo=datetime.UTC)
        result.setdefault(outcome_id, []).append(Evidence(
            timezone.localdate(completed_at),  # the day in Amsterdam, as the other evidence
            _("Learning-work task: %(title)s") % {"title": title},
            reverse("leerwerktaken:toewijzing_detail",
                    args=[uuid.UUID(str(key))]),  # SQLite keeps a uuid as 32 hex digits
        ))
    return result



# The partnership's outcomes in use (as `leeruitkomsten_of`), in their order, each with its
# meaning at the school of the student's newest placement if that school wrote one. Written
# out (issue 10): built by the ORM, the placement, the outcomes and their meanings took three
# queries and about 3 ms of every evidence page on the demo, this query about 0.5.
_OUTCOMES_SQL = """
SELECT o.id, o.uuid, o.partnerschap_id, o.code, o.title, o.description, o."group", o.position,
       o.is_active, i.id, i.indicators, i.examples, s.id, s.name
FROM leerwerktaken_leeruitkomst o
LEFT JOIN leerwerktaken_invulling i ON i.leeruitkomst_id = o.id AND i.school_id = (
    SELECT st.school_id FROM opleidingsschool_stage st
    INNER JOIN opleidingsschool_schooljaar j ON j.id = st.schooljaar_id
    WHERE st.student_id = %s ORDER BY j.start_date DESC LIMIT 1)
LEFT JOIN opleidingsschool_school s ON s.id = i.school_id
WHERE o.partnerschap_id = %s AND o.is_active
ORDER BY o.position, o.code
"""


def evidence_for_student(user, student: Student) -> list[LeeruitkomstEvidence]:
    """Per active outcome: the meaning at the student's current school and all evidence
    every app contributes, oldest first. Each source is asked once for all outcomes, so the
    queries do not grow with the number of outcomes nor with the amount of evidence: one
    here (the outcomes with their meaning) and one per source."""
    with connection.cursor() as cursor:
        execute_written(cursor, _OUTCOMES_SQL, [student.pk, student.partnerschap_id])
        rows = cursor.fetchall()
    outcomes: list[Leeruitkomst] = []
    meanings: dict[int, Invulling] = {}  # what the page shows of each
    school = None
    for (pk, key, partnerschap_id, code, title, description, group, position, is_active,
         meaning, indicators, examples, school_id, name) in rows:
        # The outcomes go to every source: whole rows, as the ORM makes them (SQLite keeps a
        # uuid as its 32 hex digits).
        outcomes.append(partial_instance(
            Leeruitkomst, connection.alias, id=pk, uuid=uuid.UUID(str(key)),
            partnerschap_id=partnerschap_id, code=code, title=title, description=description,
            group=group, position=position, is_active=is_active))
        if meaning is not None:
            if school is None:  # one school for all (School() would look up its partnership)
                school = partial_instance(School, connection.alias, id=school_id, name=name)
            meanings[pk] = partial_instance(
                Invulling, connection.alias, id=meaning, leeruitkomst_id=pk, school_id=school_id,
                indicators=indicators, examples=examples)
            meanings[pk].school = school
    per_outcome: dict[int, list[Evidence]] = {}
    for source in registries.evidence_sources:
        for outcome_id, items in source(user=user, student=student, leeruitkomsten=outcomes).items():
            per_outcome.setdefault(outcome_id, []).extend(items)
    result = []
    for outcome in outcomes:
        items = sorted(per_outcome.get(outcome.pk, []), key=lambda item: item[0])
        result.append(LeeruitkomstEvidence(outcome, meanings.get(outcome.pk), items))
    return result


def progress_for(user, *, query: str = "", study_year: int | None = None) -> QuerySet[Student]:
    """The students a user may see, with their open and completed assignments and the number
    of outcomes their completed work covers."""
    students = visible_students(user).select_related("user", "opleiding")
    if query:
        students = students.filter(
            Q(user__first_name__icontains=query) | Q(user__last_name__icontains=query))
    if study_year:
        students = students.filter(study_year=study_year)
    completed = Q(toewijzingen__inlevering__status=InleveringStatus.COMPLETED)
    return students.annotate(
        open_count=Count("toewijzingen", filter=Q(toewijzingen__inlevering__status__in=OPEN_STATUSES),
                         distinct=True),
        completed_count=Count("toewijzingen", filter=completed, distinct=True),
        covered_count=Count(
            "toewijzingen__inlevering__evidence_leeruitkomsten",
            filter=completed & Q(toewijzingen__inlevering__evidence_leeruitkomsten__is_active=True),
            distinct=True,
        ),
    ).order_by("user__last_name", "user__first_name")


@dataclass
class CoverageRow:
    school: School
    study_year: int
    student_count: int
    cells: list[tuple[Leeruitkomst, int, int]]  # (outcome, students with evidence, percent)


COVERAGE_SCHOOLS_PER_PAGE = 10


def coverage_schools(
    schooljaar: Schooljaar | None, *, partnerschap, query: str = ""
) -> QuerySet[School]:
    """The partnership's schools with placements this school year, by name; `query` filters
    on the name or the place (a region), so a coordinator finds one school among a thousand."""
    if schooljaar is None:
        return School.objects.none()
    schools = _coverage_schools(getattr(partnerschap, "pk", partnerschap), schooljaar.pk)
    if query:
        schools = schools.filter(Q(name__icontains=query) | Q(city__icontains=query))
    return schools


def _coverage_schools(partnerschap_id: int, schooljaar_id: int) -> QuerySet[School]:
    return School.objects.filter(partnerschap_id=partnerschap_id).filter(Exists(
        Stage.objects.placements().filter(school=OuterRef("pk"), schooljaar_id=schooljaar_id)
    )).order_by("name", "pk")


# The coverage page, asked the same way on every visit: compiled once (compiled.py).
_COVERAGE_SCHOOLS = CompiledQuery("coverage_schools", _coverage_schools, int, int)
_OUTCOMES = CompiledQuery("coverage_outcomes", lambda partnerschap_id: (
    leeruitkomsten_of([partnerschap_id])), int)
# Per placed student, not counted per school in SQL: the completed work is then asked of the
# students' ids (three tables instead of six), which Postgres plans once and keeps; the
# six-table count by school was planned anew on every visit at national size (0.9 ms, its
# generic plan a scan of every student), docs/performance.md.
_PLACED = CompiledQuery("coverage_placed", lambda schooljaar_id, school_ids: (
    Stage.objects.placements().filter(schooljaar_id=schooljaar_id, school_id__in_array=school_ids)
    .values_list("student_id", "school_id", "student__study_year")
    .order_by()
), int, list, generic=True)  # else planned anew on every visit (compiled.py)
_COMPLETED = CompiledQuery("coverage_completed", lambda student_ids: (
    Inlevering.evidence_leeruitkomsten.through.objects.filter(
        inlevering__status=InleveringStatus.COMPLETED,
        inlevering__toewijzing__students__id__in_array=student_ids,
    )
    .values_list("inlevering__toewijzing__students__id", "leeruitkomst_id")
    .distinct()
    .order_by()
), list)


def coverage_schools_page_source(schooljaar: Schooljaar | None, *, partnerschap,
                                 query: str = ""):
    """coverage_schools as the page reads it (pagination.Paginator): compiled unless
    searched."""
    if schooljaar is None or query:
        return coverage_schools(schooljaar, partnerschap=partnerschap, query=query)
    return _COVERAGE_SCHOOLS.page_source(partnerschap.pk, schooljaar.pk)


def coverage(
    schooljaar: Schooljaar | None, schools: list[School], *, partnerschap
) -> tuple[list[Leeruitkomst], list[CoverageRow]]:
    """For coordinators: per school (of one page of their partnership's) and study year, how
    many students placed this school year have completed work linked to each of the
    partnership's outcomes. Counted here from one row per placement and one per student and
    outcome covered (a few hundred on a page of ten schools); three queries, whatever the
    number of schools, students or pieces of work."""
    outcomes = _OUTCOMES.list(partnerschap.pk)
    if schooljaar is None or not schools:
        return outcomes, []
    school_ids = [school.pk for school in schools]
    groups_of: dict[int, set[tuple[int, int]]] = {}  # student: their (school, study year)s
    for student_id, school_id, year in _PLACED.rows(schooljaar.pk, school_ids):
        groups_of.setdefault(student_id, set()).add((school_id, year))
    placed = Counter(group for groups in groups_of.values() for group in groups)
    covered = Counter()  # (school, study year, outcome): students with completed work
    if groups_of:
        for student_id, outcome_id in _COMPLETED.rows(list(groups_of)):
            for school_id, year in groups_of[student_id]:
                covered[school_id, year, outcome_id] += 1
    order = {school.pk: index for index, school in enumerate(schools)}
    by_id = {school.pk: school for school in schools}
    rows = []
    for (school_id, year), students in sorted(
            placed.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        cells = []
        for outcome in outcomes:
            count = covered[school_id, year, outcome.pk]
            cells.append((outcome, count, round(100 * count / students)))
        rows.append(CoverageRow(by_id[school_id], year, students, cells))
    return outcomes, rows


# Curriculum building blocks ---------------------------------------------------------------


def bouwstenen_of(partnerschap_ids, *, include_inactive: bool = False):
    blocks = Curriculumbouwsteen.objects.all() if include_inactive else (
        Curriculumbouwsteen.objects.active())
    return blocks.filter(partnerschap_id__in=partnerschap_ids)


def bouwstenen_for_list(
    *, partnerschap_ids, query: str = "", leeruitkomst=None, speerpunt=None, soort: str = "",
    include_inactive: bool = False,
) -> QuerySet[Curriculumbouwsteen]:
    blocks = bouwstenen_of(partnerschap_ids, include_inactive=include_inactive)
    if query:
        blocks = blocks.filter(
            Q(title__icontains=query) | Q(description__icontains=query)
            | Q(contact__icontains=query))
    if leeruitkomst is not None:
        blocks = blocks.filter(leeruitkomsten__code=leeruitkomst.code)
    if speerpunt is not None:
        blocks = blocks.filter(speerpunten=speerpunt)
    if soort:
        blocks = blocks.filter(soort=soort)
    return blocks.select_related("leerwerktaak").prefetch_related(
        "leeruitkomsten", "speerpunten").order_by("title").distinct()
