"""Reads of development plans. A plan is the owner's (a student, or a starter on their
learning record): it is also visible, read-only, to their active mentors (formal and extra;
a starter's induction coach). Coordinators and schoolopleiders without a mentoring role see
none."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from opleidingsschool.access import visible_students
from opleidingsschool.models import Begeleider, BegeleiderStatus, Schooljaar, Student

from ..models import Ontwikkelplan, Ontwikkelpunt, OntwikkelpuntStatus

__all__ = [
    "PlanOwner", "current_ontwikkelplan", "ontwikkelplan_owner", "ontwikkelplan_students_for",
    "ontwikkelplannen_for", "ontwikkelpunten_for", "ontwikkelpunten_of", "open_ontwikkelpunten",
    "school_year_name", "school_year_start",
]


@dataclass(frozen=True)
class PlanOwner:
    """Whose plan: a learning record (a student's, or a starter's)."""

    student: Student

    @property
    def filter(self) -> dict:
        return {"student": self.student}


def ontwikkelplan_owner(user) -> PlanOwner | None:
    """The user as the owner of a development plan: their learning record (a student's or
    a starter's), else None (staff members have no plan of their own)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return PlanOwner(student=user.student)
    except Student.DoesNotExist:
        return None


def school_year_start(today: datetime.date) -> int:
    """The calendar year in which the school year around `today` began (1 August)."""
    return today.year if today.month >= 8 else today.year - 1


def school_year_name(today: datetime.date | None = None) -> str:
    """"2026-2027": the name of the school year that runs today, whether stored or not."""
    return Schooljaar.bounds_for(school_year_start(today or timezone.localdate()))[0]


def _this_year(today: datetime.date | None) -> Q:
    today = today or timezone.localdate()
    return Q(schooljaar__start_date__lte=today, schooljaar__end_date__gte=today)


def current_ontwikkelplan(
    owner: PlanOwner, today: datetime.date | None = None
) -> Ontwikkelplan | None:
    """The owner's plan for the school year that runs today, if written."""
    return (
        Ontwikkelplan.objects.filter(_this_year(today), **owner.filter)
        .select_related("schooljaar", "student__user")
        .first()
    )


def ontwikkelplan_students_for(user) -> QuerySet[Student]:
    """The students whose plan this user may read: themselves, and the students they
    actively mentor (formal or extra mentor, a starter's coach; not schoolopleider of the
    school alone)."""
    mentoring = Begeleider.objects.filter(
        stage__student=OuterRef("pk"), medewerker__user=user, status=BegeleiderStatus.ACTIVE
    )
    return visible_students(user).filter(Q(user=user) | Q(Exists(mentoring)))


def ontwikkelplannen_for(user) -> QuerySet[Ontwikkelplan]:
    """Every plan this user may read: their own, and those of the students they mentor."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Ontwikkelplan.objects.none()
    return Ontwikkelplan.objects.filter(student__in=ontwikkelplan_students_for(user))


def ontwikkelpunten_for(user) -> QuerySet[Ontwikkelpunt]:
    """The points of every plan this user may read."""
    return Ontwikkelpunt.objects.filter(ontwikkelplan__in=ontwikkelplannen_for(user))


def ontwikkelpunten_of(plan: Ontwikkelplan | None) -> list[Ontwikkelpunt]:
    """A plan's points, the ones still to do first (by target date), then the ones done."""
    if plan is None:
        return []
    return list(
        plan.punten.select_related("leeruitkomst", "lesobservatie")
        .annotate(done_last=Case(When(status=OntwikkelpuntStatus.DONE, then=Value(1)),
                                 default=Value(0), output_field=IntegerField()))
        .order_by("done_last", "target_date", "created_at")
    )


def open_ontwikkelpunten(plan: Ontwikkelplan | None, limit: int = 5) -> list[Ontwikkelpunt]:
    """The points not yet done, soonest target date first."""
    if plan is None:
        return []
    return list(
        plan.punten.exclude(status=OntwikkelpuntStatus.DONE)
        .order_by("target_date", "created_at")[:limit]
    )
