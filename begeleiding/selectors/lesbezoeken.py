"""Reads of open lessons, classroom visits and today at school."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from opleidingsschool.access import medewerker_of, visible_students_q
from opleidingsschool.models import (
    Begeleider,
    Functie,
    Stage,
    Student,
)
from opleidingsschool.schoolcalendar import at_school_on, closed_days

from ..models import (
    OPEN_LESBEZOEK_STATUSES,
    Lesaanbod,
    Lesbezoek,
    Logregel,
)


def lesbezoeken_for(user) -> QuerySet[Lesbezoek]:
    """Visits the user may see: those of students in view, and those they host."""
    scope = visible_students_q(user)
    medewerker = medewerker_of(user)
    if medewerker is not None:
        scope |= Q(host=medewerker)
    return Lesbezoek.objects.filter(scope)


def lesbezoeken_of_student(student: Student) -> QuerySet[Lesbezoek]:
    return (
        Lesbezoek.objects.filter(student=student)
        .select_related("host__user", "host__school", "leervraag", "logregel")
        .order_by("-date", "-start_time")
    )


def hosted_lesbezoeken(user) -> QuerySet[Lesbezoek]:
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Lesbezoek.objects.none()
    return (
        Lesbezoek.objects.filter(host=medewerker)
        .select_related("student__user", "leervraag")
        .order_by("date", "start_time")
    )


def lesaanbod_of(user) -> QuerySet[Lesaanbod]:
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.school_id:
        return Lesaanbod.objects.none()
    return Lesaanbod.objects.filter(medewerker=medewerker)


@dataclass(frozen=True)
class OfferedDate:
    """A date an open lesson is offered on, with its requests and accepted visits."""

    day: datetime.date
    booked: int
    is_full: bool


def offered_dates(lesaanbod: Lesaanbod, *, start: datetime.date, count: int = 4,
                  weeks: int = 12) -> tuple[list[OfferedDate], dict]:
    """The next `count` dates of the lesson on which the host's school is open (no weekend,
    holiday or day off of that school) and that have not begun (today's lesson only before
    its start time), and {date: reason} of the lesson's dates skipped for a closed school.
    At most three queries whatever the number of dates."""
    # A lesson that has begun today is not offered today (it is next week).
    candidates = [day for day in lesaanbod.upcoming_dates(start=start, weeks=weeks + 1)
                  if not lesaanbod.has_started(day)][:weeks]
    school = lesaanbod.medewerker.school
    closed = closed_days(school, candidates[0], candidates[-1]) if school else {}
    days = [day for day in candidates if day not in closed][:count]
    booked = dict(
        Lesbezoek.objects.filter(lesaanbod=lesaanbod, date__in=days,
                                 status__in=OPEN_LESBEZOEK_STATUSES)
        .values("date").annotate(count=Count("pk")).values_list("date", "count").order_by()
    )
    return [
        OfferedDate(day, booked.get(day, 0), booked.get(day, 0) >= lesaanbod.max_visitors)
        for day in days
    ], {day: reason for day, reason in closed.items() if day in set(candidates)}


def today_at_school(user, today: datetime.date | None = None) -> list[Stage]:
    """The placements whose student is at school today (opleidingsschool.schoolcalendar:
    one of their school days, no weekend, holiday or day off of the school) that the user
    follows (all at the school for a schoolopleider; their own students for a
    werkplekbegeleider), with today's visits and whether the student has closed the day.
    Three queries whatever the number of students."""
    today = today or timezone.localdate()
    medewerker = medewerker_of(user)
    if medewerker is None:
        return []
    # Ids first, as a UNION of indexed branches (never `EXISTS (...) OR school = X`).
    followed = Begeleider.objects.active().filter(
        medewerker=medewerker, functie=Functie.WERKPLEKBEGELEIDER
    ).order_by().values("stage_id")
    if medewerker.is_schoolopleider and medewerker.school_id:
        followed = followed.union(
            Stage.objects.open().filter(school_id=medewerker.school_id, start_date__lte=today,
                                 end_date__gte=today).order_by().values("pk")
        )
    # Students only: a starter in induction at the school is a teacher there (issue 15).
    at_school = at_school_on(Stage.objects.placements().filter(pk__in=followed), today)
    stages = list(
        at_school.select_related("student__user", "school")
        # A correlated LIMIT 1 probe of the (stage, date) index per placement; an EXISTS here
        # may be planned as a hash of every entry of the day in the country.
        .annotate(entry_today=Subquery(
            Logregel.objects.filter(stage=OuterRef("pk"), date=today).values("pk")[:1]
        ))
    )
    # Asked also when nobody is at school (a weekend, a holiday), so the page's cost does
    # not depend on the day.
    visits: dict[int, list[Lesbezoek]] = {}
    for visit in Lesbezoek.objects.filter(
        date=today, status__in=OPEN_LESBEZOEK_STATUSES,
        student_id__in=at_school.values("student_id"),
    ).select_related("host__user").order_by("start_time"):
        visits.setdefault(visit.student_id, []).append(visit)
    for stage in stages:
        stage.day_closed = stage.entry_today is not None
        stage.student.visits_today = visits.get(stage.student_id, [])
    stages.sort(key=lambda stage: (stage.day_closed, stage.student.user.last_name,
                                   stage.student.user.first_name))
    return stages
