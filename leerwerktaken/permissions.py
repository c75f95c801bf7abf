"""Who may change what in the curriculum. Reads and visibility live in selectors.py."""

from __future__ import annotations

from opleidingsschool.access import (
    Rol,
    capacities_for,
    is_coordinator,
    medewerker_of,
    partnerschap_ids_for,
    partnerschap_of,
)

from .models import Inlevering, InleveringStatus, Toewijzing

REVIEWING_ROLES = frozenset({Rol.FORMAL_MENTOR, Rol.SCHOOLOPLEIDER})


def can_view_curriculum(user) -> bool:
    """Students and staff members see the outcomes, the task catalogue and building blocks."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # medewerker_of loads every profile of the user in one query; `student` is then cached.
    return medewerker_of(user) is not None or hasattr(user, "student")


def can_manage_curriculum(user) -> bool:
    """Coordinators maintain their partnership's outcomes, tasks and building blocks and
    assign its tasks."""
    return is_coordinator(user)


def managed_partnerschap(user):
    """The partnership whose curriculum this user maintains (a coordinator's), else None."""
    return partnerschap_of(user) if can_manage_curriculum(user) else None


def curriculum_partnerschap_ids(user) -> frozenset[int]:
    """Whose curriculum this user reads: a coordinator their own partnership's; a student
    their partnership's; staff every partnership they take part in (an institute's
    several). No query of its own beyond the access layer's, once per request."""
    partnerschap = managed_partnerschap(user)
    if partnerschap is not None:
        return frozenset({partnerschap.pk})
    return partnerschap_ids_for(user)


def invulling_school(user):
    """The school whose meaning of the outcomes this user writes (a schoolopleider's)."""
    medewerker = medewerker_of(user)
    if medewerker is not None and medewerker.is_schoolopleider and medewerker.school_id:
        return medewerker.school
    return None


def is_member(user, toewijzing: Toewijzing) -> bool:
    return any(student.user_id == user.pk for student in toewijzing.students.all())


def can_edit_inlevering(user, inlevering: Inlevering) -> bool:
    """The students of the assignment work on it until it is completed."""
    return (
        inlevering.status != InleveringStatus.COMPLETED
        and is_member(user, inlevering.toewijzing)
    )


def can_review(user, toewijzing: Toewijzing) -> bool:
    """The triangle of one of the students (werkplekbegeleider, school- or
    instituutsopleider) gives feedback and completes the work."""
    return any(
        capacities_for(user, student) & REVIEWING_ROLES
        for student in toewijzing.students.all()
    )
