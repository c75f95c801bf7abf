"""Reads of the school day (issue 14): who is at school on a date, each student's plan and
how they closed the day, the suggestions that fit today's learning questions, the week at a
glance, and the lessons of one class on one day.

Every read is one of a fixed set of queries, whatever the number of students."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone

from opleidingsschool.access import medewerker_of
from opleidingsschool.models import School, Stage, Student
from opleidingsschool.schoolcalendar import at_school_on, closed_days, is_weekend

from ..models import (
    OPEN_LESBEZOEK_STATUSES,
    Dagplan,
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    Logregel,
    Visibility,
)
from .opleidingsteam import teamlid_of

__all__ = [
    "DagRij", "DagSuggestie", "WeekRij", "at_school_count", "bookings_on", "class_lessons_on",
    "classes_at_school", "dagplan_of", "next_school_day", "schooldag", "schooldag_school",
    "student_suggestions", "week_overview",
]

ONE_DAY = datetime.timedelta(days=1)
SUGGESTIONS_PER_STUDENT = 3


def schooldag_school(user) -> School | None:
    """The school whose day page this user opens: the schoolopleider's own school, or the
    school whose opleidingsteam they are on. No query: both come with the user."""
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.school_id:
        return None
    if medewerker.is_schoolopleider or teamlid_of(user) is not None:
        return medewerker.school
    return None


def next_school_day(school: School, day: datetime.date, *, weekdays=None) -> datetime.date | None:
    """The first weekday after `day` on which the school is open (and, given `weekdays`,
    one of the student's school days), within eight weeks. Two queries."""
    last = day + datetime.timedelta(weeks=8)
    closed = closed_days(school, day + ONE_DAY, last)
    candidate = day + ONE_DAY
    while candidate <= last:
        if not is_weekend(candidate) and candidate not in closed and (
            weekdays is None or candidate.isoweekday() in weekdays
        ):
            return candidate
        candidate += ONE_DAY
    return None


@dataclass
class DagSuggestie:
    """An open lesson that day whose teacher's expertise fits one of the student's open
    learning questions."""

    lesaanbod: Lesaanbod
    leervraag: Leervraag
    matching: list[str]
    booked: int
    is_full: bool
    requested: bool = False


@dataclass
class DagRij:
    """One student at school on the day: their plan, their line of the group round."""

    stage: Stage
    student: Student
    plan: Dagplan | None = None
    entry: Logregel | None = None
    suggestions: list[DagSuggestie] = field(default_factory=list)
    same_theme: list[tuple[Student, str]] = field(default_factory=list)
    visits: list[Lesbezoek] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.entry is not None


def _open_leervragen(student_ids) -> dict[int, list[Leervraag]]:
    """The students' open, shared learning questions with their expertise. Two queries."""
    found: dict[int, list[Leervraag]] = {}
    for leervraag in (
        Leervraag.objects.current().shared().filter(student_id__in=student_ids)
        .prefetch_related("expertises").order_by("-last_activity_at")
    ):
        found.setdefault(leervraag.student_id, []).append(leervraag)
    return found


def _lessons_on(school_id: int, day: datetime.date) -> list[Lesaanbod]:
    """Open lessons on that weekday at the school that have not begun (today: from now on;
    a past day: none), with their teacher's expertise and how many visits are requested or
    accepted on that date (one query each: three, fewer without lessons)."""
    lessons = Lesaanbod.objects.active().filter(
        weekday=day.isoweekday(), medewerker__school_id=school_id,
        medewerker__visitors_welcome=True,
    )
    now = timezone.localtime()
    if day < now.date():
        lessons = lessons.none()
    elif day == now.date():
        lessons = lessons.filter(start_time__gt=now.time())
    lessons = list(
        lessons.select_related("medewerker__user").prefetch_related("medewerker__expertises")
        .order_by("start_time", "pk")
    )
    booked = bookings_on([lesson.pk for lesson in lessons], day)
    for lesson in lessons:
        lesson.booked = booked.get(lesson.pk, 0)
        lesson.is_full = lesson.booked >= lesson.max_visitors
    return lessons


def bookings_on(lesson_ids, day: datetime.date) -> dict[int, int]:
    """{lesson id: requests and accepted visits on `day`}. One query."""
    return dict(
        Lesbezoek.objects.filter(lesaanbod_id__in=lesson_ids, date=day,
                                 status__in=OPEN_LESBEZOEK_STATUSES)
        .order_by().values("lesaanbod_id").annotate(n=Count("pk"))
        .values_list("lesaanbod_id", "n")
    )


def _suggest(student: Student, leervragen: list[Leervraag], lessons: list[Lesaanbod],
             requested: set[int]) -> list[DagSuggestie]:
    """Lessons whose teacher shares expertise with one of the questions, most matching
    tags first, a lesson with room before a full one. No query."""
    found = []
    for lesson in lessons:
        if lesson.medewerker.user_id == student.user_id:
            continue
        tags = {tag.pk: tag.name for tag in lesson.medewerker.expertises.all()}
        best = None
        for leervraag in leervragen:
            matching = [tag.name for tag in leervraag.expertises.all() if tag.pk in tags]
            if matching and (best is None or len(matching) > len(best[1])):
                best = (leervraag, matching)
        if best is not None:
            found.append(DagSuggestie(lesson, best[0], best[1], lesson.booked, lesson.is_full,
                                      lesson.pk in requested))
    found.sort(key=lambda s: (s.is_full, -len(s.matching), s.lesaanbod.start_time))
    return found[:SUGGESTIONS_PER_STUDENT]


def schooldag(school: School, day: datetime.date) -> list[DagRij]:
    """The students at school on `day` (their placement's school days, no weekend, holiday
    or day off), each with their plan, their day-log entry of the day, their visits, the
    open lessons that fit their open learning questions and the others at school working
    on the same theme. Eight queries whatever the number of students (also on a closed
    day, when the list is empty)."""
    stages = list(
        at_school_on(Stage.objects.placements().open().filter(school=school), day)
        .select_related("student__user")
        .order_by("student__user__last_name", "student__user__first_name", "pk")
    )
    student_ids = [stage.student_id for stage in stages]
    plans = {
        plan.student_id: plan
        for plan in Dagplan.objects.filter(student_id__in=student_ids, date=day)
        .select_related("leervraag")
    }
    entries: dict[int, Logregel] = {}
    for entry in Logregel.objects.filter(student_id__in=student_ids, date=day).order_by(
        "created_at"
    ):
        entries.setdefault(entry.student_id, entry)
    visits: dict[int, list[Lesbezoek]] = {}
    for visit in Lesbezoek.objects.filter(
        student_id__in=student_ids, date=day, status__in=OPEN_LESBEZOEK_STATUSES
    ).select_related("host__user").order_by("start_time"):
        visits.setdefault(visit.student_id, []).append(visit)
    leervragen = _open_leervragen(student_ids)
    lessons = _lessons_on(school.pk, day)
    themes: dict[int, set[str]] = {
        student_id: {tag.name for leervraag in questions for tag in leervraag.expertises.all()}
        for student_id, questions in leervragen.items()
    }
    rijen = []
    for stage in stages:
        student = stage.student
        plan = plans.get(student.pk)
        if plan is not None and plan.leervraag is not None and (
            plan.leervraag.visibility == Visibility.PRIVATE
        ):
            plan.leervraag = None  # an "only me" question stays the student's own
        own = leervragen.get(student.pk, [])
        if plan is not None and plan.leervraag is not None:
            # The question of the morning's plan first.
            own = sorted(own, key=lambda leervraag: leervraag.pk != plan.leervraag_id)
        requested = {visit.lesaanbod_id for visit in visits.get(student.pk, [])}
        same = []
        for other in stages:
            shared = themes.get(student.pk, set()) & themes.get(other.student_id, set())
            if other.student_id != student.pk and shared:
                same.append((other.student, ", ".join(sorted(shared))))
        rijen.append(DagRij(
            stage=stage, student=student, plan=plan, entry=entries.get(student.pk),
            suggestions=_suggest(student, own, lessons, requested), same_theme=same,
            visits=visits.get(student.pk, []),
        ))
    return rijen


def at_school_count(school: School, day: datetime.date) -> int:
    """How many students are at the school on `day` (their school days, no weekend, holiday
    or day off). One query."""
    return at_school_on(Stage.objects.filter(school=school), day).count()


def dagplan_of(student: Student, day: datetime.date) -> Dagplan | None:
    return Dagplan.objects.filter(student=student, date=day).select_related(
        "leervraag", "logregel").first()


def student_suggestions(student: Student, stage: Stage, day: datetime.date,
                        plan: Dagplan | None) -> list[DagSuggestie]:
    """The lessons at the student's school that day that fit their open learning questions
    (the plan's first), for the student's own day page. Five queries."""
    questions = list(
        Leervraag.objects.current().filter(student=student).prefetch_related("expertises")
        .order_by("-last_activity_at")
    )
    if plan is not None and plan.leervraag_id:
        questions.sort(key=lambda leervraag: leervraag.pk != plan.leervraag_id)
    lessons = _lessons_on(stage.school_id, day)
    requested = set(
        Lesbezoek.objects.filter(student=student, date=day, status__in=OPEN_LESBEZOEK_STATUSES)
        .values_list("lesaanbod_id", flat=True)
    )
    return _suggest(student, questions, lessons, requested)


@dataclass
class WeekDag:
    day: datetime.date
    at_school: bool
    planned: bool
    closed: bool


@dataclass
class WeekRij:
    student: Student
    days: list[WeekDag]


def week_overview(school: School, monday: datetime.date) -> tuple[list, dict, list[WeekRij]]:
    """The school's week at a glance: for each student placed there that week, per weekday
    whether they were due at school, planned and closed the day. (weekdays, {date: reason
    closed}, rows); five queries whatever the number of students."""
    days = [monday + datetime.timedelta(days=n) for n in range(5)]
    closed = closed_days(school, days[0], days[-1])
    stages = list(
        Stage.objects.placements().open()
        .filter(school=school, start_date__lte=days[-1], end_date__gte=days[0])
        .select_related("student__user")
        .order_by("student__user__last_name", "student__user__first_name", "pk")
    )
    student_ids = [stage.student_id for stage in stages]
    planned = set(Dagplan.objects.filter(
        student_id__in=student_ids, date__gte=days[0], date__lte=days[-1]
    ).values_list("student_id", "date"))
    logged = set(Logregel.objects.filter(
        student_id__in=student_ids, date__gte=days[0], date__lte=days[-1]
    ).values_list("student_id", "date"))
    rows: dict[int, WeekRij] = {}
    for stage in stages:
        row = rows.setdefault(stage.student_id, WeekRij(stage.student, [
            WeekDag(day, False, False, False) for day in days]))
        for weekdag in row.days:
            if (stage.start_date <= weekdag.day <= stage.end_date
                    and weekdag.day.isoweekday() in stage.weekdays
                    and weekdag.day not in closed):
                weekdag.at_school = True
    for row in rows.values():
        for weekdag in row.days:
            weekdag.planned = (row.student.pk, weekdag.day) in planned
            weekdag.closed = (row.student.pk, weekdag.day) in logged
    return days, closed, list(rows.values())


def classes_at_school(student: Student, school_id: int) -> list[str]:
    """The classes for which colleagues at the school open lessons to this student. One
    query."""
    from .leervragen import bookable_lesaanbod

    return sorted(set(
        bookable_lesaanbod(student).filter(medewerker__school_id=school_id)
        .values_list("class_name", flat=True)
    ), key=str.lower)


def class_lessons_on(student: Student, school_id: int, class_name: str,
                     day: datetime.date) -> QuerySet[Lesaanbod]:
    """The open lessons of one class on the weekday of `day` at the student's school, in
    the order of the day, each with how many visits are requested or accepted that date."""
    from .leervragen import bookable_lesaanbod

    booked = (
        Lesbezoek.objects.filter(lesaanbod=OuterRef("pk"), date=day,
                                 status__in=OPEN_LESBEZOEK_STATUSES)
        .order_by().values("lesaanbod").annotate(n=Count("pk")).values("n")
    )
    return (
        bookable_lesaanbod(student)
        .filter(medewerker__school_id=school_id, class_name__iexact=class_name,
                weekday=day.isoweekday())
        .annotate(booked=Subquery(booked))
        .order_by("start_time", "lesson_hour")
    )
