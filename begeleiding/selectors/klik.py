"""Rapport over time (issue 14): every rapport check of the school year, per student and
mentor, with its trend and what was agreed.

Who sees it: the schoolopleider of the placement's school and the student themselves.
The rated mentor and coordinators never see an individual rating (klikchecks_for)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from opleidingsschool.access import medewerker_of
from opleidingsschool.models import Begeleider, Student

from ..models import Klikafspraak, Klikcheck
from ._common import LOW_KLIK
from .netwerk import klikchecks_for

__all__ = ["KlikRij", "klik_school_id", "klik_rijen_for_school", "klik_rijen_of_student",
           "klikchecks_with_afspraken", "school_year_start"]


def school_year_start(today: datetime.date) -> datetime.date:
    """1 August of the school year around `today` (GLOSSARY: schooljaar)."""
    return datetime.date(today.year if today.month >= 8 else today.year - 1, 8, 1)


def klik_school_id(user) -> int | None:
    """The school whose rapport checks this user reads as schoolopleider, else None."""
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.is_schoolopleider or not medewerker.school_id:
        return None
    return medewerker.school_id


@dataclass
class KlikRij:
    """One student and one mentor: the ratings of the school year, oldest first."""

    student: Student
    begeleider: Begeleider
    checks: list[Klikcheck] = field(default_factory=list)

    @property
    def latest(self) -> Klikcheck:
        return self.checks[-1]

    @property
    def previous(self) -> Klikcheck | None:
        return self.checks[-2] if len(self.checks) > 1 else None

    @property
    def is_low(self) -> bool:
        return self.latest.score <= LOW_KLIK

    @property
    def is_falling(self) -> bool:
        return self.previous is not None and self.latest.score < self.previous.score

    @property
    def needs_talk(self) -> bool:
        """A low or falling score: the schoolopleider is prompted to talk with the student."""
        return self.is_low or self.is_falling

    @property
    def trend(self) -> list[int]:
        return [check.score for check in self.checks]

    @property
    def afspraken(self) -> list[Klikafspraak]:
        return [afspraak for check in self.checks for afspraak in check.afspraken.all()]


def klikchecks_with_afspraken(user) -> QuerySet[Klikcheck]:
    """The checks this user may read, with their mentor, student and agreements loaded:
    two queries whatever the number of students."""
    return (
        klikchecks_for(user)
        .select_related("begeleider__medewerker__user", "begeleider__stage__student__user")
        .prefetch_related(Prefetch(
            "afspraken", queryset=Klikafspraak.objects.select_related("author")
        ))
        .order_by("period_start", "pk")
    )


def _rijen(checks) -> list[KlikRij]:
    rijen: dict[int, KlikRij] = {}
    for check in checks:
        begeleider = check.begeleider
        rij = rijen.get(begeleider.pk)
        if rij is None:
            rij = rijen[begeleider.pk] = KlikRij(begeleider.stage.student, begeleider)
        rij.checks.append(check)
    return list(rijen.values())


def klik_rijen_for_school(user, *, today: datetime.date | None = None) -> list[KlikRij]:
    """Every rapport check of this school year at the schoolopleider's school, one row per
    student and mentor: the ones that need a talk first (lowest latest score first), then by
    student. Nothing for anyone else. Two queries."""
    school_id = klik_school_id(user)
    if school_id is None:
        return []
    today = today or timezone.localdate()
    checks = klikchecks_with_afspraken(user).filter(
        begeleider__stage__school_id=school_id, period_start__gte=school_year_start(today)
    )
    rijen = _rijen(checks)
    rijen.sort(key=lambda rij: (not rij.needs_talk, rij.latest.score if rij.needs_talk else 0,
                                rij.student.user.last_name, rij.student.user.first_name,
                                str(rij.begeleider.medewerker)))
    return rijen


def klik_rijen_of_student(student: Student, *,
                          today: datetime.date | None = None) -> list[KlikRij]:
    """The student's own ratings of this school year, per mentor, with what they agreed
    with their schoolopleider. Two queries."""
    today = today or timezone.localdate()
    checks = klikchecks_with_afspraken(student.user).filter(
        begeleider__stage__student=student, period_start__gte=school_year_start(today)
    )
    rijen = _rijen(checks)
    rijen.sort(key=lambda rij: str(rij.begeleider.medewerker))
    return rijen
