"""When the rapport check is asked (issue 14): each period (a quarter of the school year),
and again at the moments the partnership chose: a number of weeks into the placement, each
interim evaluation. The period a rating belongs to starts on the later of the quarter's
first day and the last of those moments, so a student answers each moment once and a new
quarter leaves an unanswered moment behind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from opleidingsschool import registries
from opleidingsschool.models import Begeleider, Stage

from ..models import Klikmomenten, period_start

__all__ = ["KlikPeriode", "Klikmoment", "due_klikmomenten", "klik_periode", "klik_prompt",
           "klikmomenten_of"]


def klikmomenten_of(partnerschap_id: int) -> Klikmomenten:
    """The partnership's choice; the defaults (unsaved) when it made none. One query."""
    found = Klikmomenten.objects.filter(partnerschap_id=partnerschap_id).first()
    return found or Klikmomenten(partnerschap_id=partnerschap_id)


@dataclass(frozen=True)
class Klikmoment:
    """A moment the rapport check is asked again: `weeks` into the placement, or (weeks
    None) the day an interim evaluation reached the student."""

    day: datetime.date
    weeks: int | None = None

    @property
    def is_tussenevaluatie(self) -> bool:
        return self.weeks is None


@dataclass(frozen=True)
class KlikPeriode:
    """The period ratings are saved in now; `moment` is the moment it started with, if any."""

    start: datetime.date
    moment: Klikmoment | None = None


def _running(stage: Stage | None, today: datetime.date) -> bool:
    return stage is not None and stage.start_date <= today <= stage.end_date


def due_klikmomenten(stage: Stage, today: datetime.date, *,
                     momenten: Klikmomenten | None = None) -> list[Klikmoment]:
    """The partnership's moments of this placement that have come, oldest first. Two
    queries (the choice, the interim evaluations) unless `momenten` is given."""
    momenten = momenten or klikmomenten_of(stage.student.partnerschap_id)
    found = []
    if momenten.after_weeks:
        day = stage.start_date + datetime.timedelta(weeks=momenten.after_weeks)
        if day <= min(today, stage.end_date):
            found.append(Klikmoment(day, momenten.after_weeks))
    if momenten.at_tussenevaluatie:
        for source in registries.interim_evaluation_dates:
            for day in source(stage_ids=[stage.pk], until=today).get(stage.pk, []):
                if stage.start_date <= day <= stage.end_date:
                    found.append(Klikmoment(day))
    return sorted(found, key=lambda moment: (moment.day, moment.is_tussenevaluatie))


def klik_periode(stage: Stage | None, today: datetime.date | None = None) -> KlikPeriode:
    """The period a rating given today belongs to: from the last moment of the running
    placement that came this quarter, else from the quarter's first day."""
    today = today or timezone.localdate()
    quarter = period_start(today)
    if not _running(stage, today):
        return KlikPeriode(quarter)
    recent = [moment for moment in due_klikmomenten(stage, today) if moment.day >= quarter]
    if not recent:
        return KlikPeriode(quarter)
    moment = recent[-1]
    return KlikPeriode(moment.day, moment)


def klik_prompt(stage: Stage | None, today: datetime.date | None = None) -> Klikmoment | None:
    """The moment to ask the student about now: it came, the student has active mentors and
    has rated none of them since. Three queries whatever the placement holds (none without
    a running placement)."""
    today = today or timezone.localdate()
    if not _running(stage, today):
        return None
    periode = klik_periode(stage, today)
    counts = Begeleider.objects.active().filter(stage=stage).aggregate(
        mentors=Count("pk", distinct=True),
        rated=Count("klikchecks", filter=Q(klikchecks__period_start=periode.start)),
    )
    if periode.moment is None or not counts["mentors"] or counts["rated"]:
        return None
    return periode.moment
