"""Reads of open lessons, classroom visits and today at school."""

from __future__ import annotations

import datetime

from django.db.models import (
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from opleidingsschool.access import medewerker_of, visible_students
from opleidingsschool.models import (
    Begeleider,
    Functie,
    Stage,
    Student,
)

from ..models import (
    OPEN_LESBEZOEK_STATUSES,
    Lesaanbod,
    Lesbezoek,
    Logregel,
)


def lesbezoeken_for(user) -> QuerySet[Lesbezoek]:
    """Visits the user may see: those of students in view, and those they host."""
    scope = Q(student__in=visible_students(user))
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


def booked_count(lesaanbod: Lesaanbod, day: datetime.date) -> int:
    return Lesbezoek.objects.filter(
        lesaanbod=lesaanbod, date=day, status__in=OPEN_LESBEZOEK_STATUSES
    ).count()


def today_at_school(user, today: datetime.date | None = None) -> list[Stage]:
    """The placements running today that the user follows (all at the school for a
    schoolopleider; their own students for a werkplekbegeleider), with today's visits and
    whether the student has closed the day. Three queries whatever the number of students."""
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
            Stage.objects.filter(school_id=medewerker.school_id, start_date__lte=today,
                                 end_date__gte=today).order_by().values("pk")
        )
    visits = Lesbezoek.objects.filter(
        date=today, status__in=OPEN_LESBEZOEK_STATUSES
    ).select_related("host__user").order_by("start_time")
    stages = list(
        Stage.objects.filter(pk__in=followed, start_date__lte=today, end_date__gte=today)
        .select_related("student__user", "school")
        # A correlated LIMIT 1 probe of the (stage, date) index per placement; an EXISTS here
        # may be planned as a hash of every entry of the day in the country.
        .annotate(entry_today=Subquery(
            Logregel.objects.filter(stage=OuterRef("pk"), date=today).values("pk")[:1]
        ))
        .prefetch_related(Prefetch("student__lesbezoeken", queryset=visits,
                                   to_attr="visits_today"))
    )
    for stage in stages:
        stage.day_closed = stage.entry_today is not None
    stages.sort(key=lambda stage: (stage.day_closed, stage.student.user.last_name,
                                   stage.student.user.first_name))
    return stages
