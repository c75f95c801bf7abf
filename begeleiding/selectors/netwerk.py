"""Reads of the mentor network, rapport checks and signals."""

from __future__ import annotations

from django.db.models import (
    Q,
    QuerySet,
)

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
)
from .klikmomenten import klik_periode

ROLE_FIELDS = ("is_gastheer", "is_leermeester", "is_raadgever", "is_rolmodel")


def network_for(student: Student, stage: Stage | None) -> dict:
    """The student's mentors in the placement, which roles are covered, and open requests."""
    if stage is None:
        return {"active": [], "proposed": [], "declined": [], "uncovered": list(ROLE_FIELDS),
                "klik": {}, "klik_periode": klik_periode(None)}
    begeleiders = list(
        Begeleider.objects.filter(
            stage=stage,
            status__in=[BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED,
                        BegeleiderStatus.DECLINED],
        ).select_related("medewerker__user", "medewerker__school").in_triangle_order()
    )
    active = [b for b in begeleiders if b.status == BegeleiderStatus.ACTIVE]
    covered = {field for b in active for field in ROLE_FIELDS if getattr(b, field)}
    periode = klik_periode(stage)
    klik = {
        check.begeleider_id: check
        for check in Klikcheck.objects.filter(begeleider__in=active, period_start=periode.start)
    }
    return {
        "klik_periode": periode,
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
    school (not of a placement closed when its student became a starter). The rated mentor
    never sees them."""
    if not getattr(user, "is_authenticated", False):
        return Klikcheck.objects.none()
    medewerker = medewerker_of(user)
    if medewerker is not None and medewerker.is_schoolopleider and medewerker.school_id:
        return klikchecks_of(user.pk, medewerker.school_id)
    return klikchecks_of(user.pk)


def klikchecks_of(user_id: int, school_id: int | None = None) -> QuerySet[Klikcheck]:
    """klikchecks_for by ids: the person's own ratings, and with `school_id` (the school
    they are schoolopleider of) those of its students."""
    scope = Q(begeleider__stage__student__user_id=user_id)
    if school_id is not None:
        scope |= Q(begeleider__stage__school_id=school_id,
                   begeleider__stage__closed_at__isnull=True)
    return Klikcheck.objects.filter(scope)
