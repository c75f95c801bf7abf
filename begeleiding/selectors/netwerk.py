"""Reads of the mentor network, rapport checks and signals."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from opleidingsschool import registries
from opleidingsschool.access import medewerker_of
from opleidingsschool.models import (
    Begeleider,
    BegeleiderStatus,
    Medewerker,
    Stage,
    Student,
)

from ..models import (
    Klikcheck,
    Leervraag,
    period_start,
)
from ._common import LOW_KLIK, QUIET_AFTER

ROLE_FIELDS = ("is_gastheer", "is_leermeester", "is_raadgever", "is_rolmodel")


def network_for(student: Student, stage: Stage | None) -> dict:
    """The student's mentors in the placement, which roles are covered, and open requests."""
    if stage is None:
        return {"active": [], "proposed": [], "declined": [], "uncovered": list(ROLE_FIELDS),
                "klik": {}}
    begeleiders = list(
        Begeleider.objects.filter(
            stage=stage,
            status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED,
                        BegeleiderStatus.DECLINED],
        ).select_related("medewerker__user", "medewerker__school").in_triangle_order()
    )
    active = [b for b in begeleiders if b.status == BegeleiderStatus.ACTIVE]
    covered = {field for b in active for field in ROLE_FIELDS if getattr(b, field)}
    period = period_start(timezone.localdate())
    klik = {
        check.begeleider_id: check
        for check in Klikcheck.objects.filter(begeleider__in=active, period_start=period)
    }
    return {
        "active": active,
        "proposed": [b for b in begeleiders if b.status == BegeleiderStatus.PROPOSED],
        "declined": [b for b in begeleiders if b.status == BegeleiderStatus.DECLINED][:5],
        "uncovered": [field for field in ROLE_FIELDS if field not in covered],
        "klik": klik,
    }


def begeleiders_of_student(user) -> QuerySet[Begeleider]:
    """Mentoring relations of the user's own placements (the student side)."""
    return Begeleider.objects.filter(stage__student__user=user)


def mentor_requests_for(user) -> QuerySet[Begeleider]:
    """Proposals to become an extra mentor, addressed to the user."""
    medewerker = medewerker_of(user)
    if medewerker is None:
        return Begeleider.objects.none()
    return Begeleider.objects.filter(
        medewerker=medewerker, status=BegeleiderStatus.PROPOSED
    ).select_related("stage__student__user", "stage__school")


def colleagues_for_request(stage: Stage) -> QuerySet[Medewerker]:
    """Colleagues at the placement's school who are not mentoring the student already."""
    taken = Begeleider.objects.filter(
        stage=stage, status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED]
    ).values("medewerker_id")
    return (
        Medewerker.objects.filter(school_id=stage.school_id)
        .exclude(pk__in=taken)
        .exclude(user=stage.student.user)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def klikchecks_for(user) -> QuerySet[Klikcheck]:
    """Ratings the user may read: their own, or as schoolopleider those of students at the
    school. The rated mentor never sees them."""
    if not getattr(user, "is_authenticated", False):
        return Klikcheck.objects.none()
    scope = Q(begeleider__stage__student__user=user)
    medewerker = medewerker_of(user)
    if medewerker is not None and medewerker.is_schoolopleider and medewerker.school_id:
        scope |= Q(begeleider__stage__school_id=medewerker.school_id)
    return Klikcheck.objects.filter(scope)


def signals_for(user) -> dict:
    """For a schoolopleider: low rapport, hours behind and quiet learning questions among this
    year's students at the school, and under "registered" the signals other apps add through
    registries.signal_sources about the placements running today. A fixed number of
    queries."""
    medewerker = medewerker_of(user)
    empty = {"low_klik": [], "behind": [], "quiet": [], "registered": []}
    if medewerker is None or not medewerker.is_schoolopleider or not medewerker.school_id:
        return empty
    today = timezone.localdate()
    since = period_start(today) - datetime.timedelta(days=92)
    low_klik = list(
        klikchecks_for(user)
        .filter(begeleider__stage__school_id=medewerker.school_id, score__lte=LOW_KLIK,
                period_start__gte=since)
        .select_related("begeleider__medewerker__user", "begeleider__stage__student__user")
        .order_by("score", "-period_start")
    )
    stages = list(
        Stage.objects.filter(school_id=medewerker.school_id, start_date__lte=today,
                             end_date__gte=today)
        .select_related("student__user", "student__opleiding")
        .annotate(logged=Coalesce(Sum("logregels__hours"), Decimal(0)))
        .order_by("student__user__last_name")
    )
    behind = []
    for stage in stages:
        length = (stage.end_date - stage.start_date).days or 1
        elapsed = (today - stage.start_date).days
        expected = Decimal(stage.student.opleiding.target_hours * elapsed / length)
        if elapsed >= 14 and stage.logged < expected * Decimal("0.75"):
            behind.append({"stage": stage, "logged": stage.logged,
                           "expected": int(expected)})
    quiet = list(
        Leervraag.objects.current().shared()
        .filter(student__stages__school_id=medewerker.school_id,
                student__stages__end_date__gte=today,
                last_activity_at__lt=timezone.now() - QUIET_AFTER)
        .distinct()
        .select_related("student__user")
        .order_by("last_activity_at")
    )
    registered = [
        signal for source in registries.signal_sources
        for signal in source(stages=stages, today=today)
    ]
    return {"low_klik": low_klik, "behind": behind, "quiet": quiet, "registered": registered}


def signals_by_kind(signals: list[registries.Signal]) -> list[dict]:
    """Registered signals grouped per kind, in the order the kinds first appear; within a
    kind by student name. Each group: kind, label, severity and signals."""
    groups: dict[str, dict] = {}
    for signal in signals:
        group = groups.setdefault(signal.kind, {
            "kind": signal.kind, "label": signal.label, "severity": signal.severity,
            "signals": [],
        })
        group["signals"].append(signal)
    for group in groups.values():
        group["signals"].sort(key=lambda signal: (signal.student.user.last_name,
                                                  signal.student.user.first_name))
    return list(groups.values())
