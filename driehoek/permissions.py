"""Who may change what in the triangle. Seeing is decided by the selectors (a 404 outside
the triangle); these answer "may this member, who sees it, also do this?". `role` is the
user's place in the triangle from selectors.role_in: STUDENT or SUPERVISOR."""

from __future__ import annotations

from .models import Actiepunt, Driehoeksgesprek, GesprekStatus, Leerdoel, Tussenevaluatie
from .selectors import STUDENT, SUPERVISOR


def is_member(role: str | None) -> bool:
    return role in (STUDENT, SUPERVISOR)


def can_plan(role: str | None) -> bool:
    """Any member of the triangle plans a meeting."""
    return is_member(role)


def can_change_gesprek(role: str | None, gesprek: Driehoeksgesprek) -> bool:
    """Move or cancel: any member, while the meeting is planned and has no notes yet."""
    return is_member(role) and gesprek.status == GesprekStatus.PLANNED and not gesprek.has_notes


def can_edit_notes(role: str | None, gesprek: Driehoeksgesprek) -> bool:
    """A supervisor records the notes until the record is locked."""
    return role == SUPERVISOR and not gesprek.is_cancelled and not gesprek.is_locked


def can_share(role: str | None, gesprek: Driehoeksgesprek) -> bool:
    return can_edit_notes(role, gesprek) and gesprek.has_notes and not gesprek.is_shared


def can_agree(user, gesprek: Driehoeksgesprek, agreed_user_ids: set[int],
              participant_ids: set[int]) -> bool:
    return (
        gesprek.is_shared and not gesprek.is_locked and user.pk in participant_ids
        and user.pk not in agreed_user_ids
    )


def can_add_addendum(role: str | None, gesprek: Driehoeksgesprek) -> bool:
    """Once locked, every member may add to the record; nobody rewrites it."""
    return is_member(role) and gesprek.is_locked


def can_add_items(role: str | None, gesprek: Driehoeksgesprek | None) -> bool:
    """Goals, actions and needs are recorded by a supervisor; not in a locked record."""
    if role != SUPERVISOR:
        return False
    return gesprek is None or (not gesprek.is_locked and not gesprek.is_cancelled)


def can_edit_leerdoel(role: str | None, leerdoel: Leerdoel) -> bool:
    return role == SUPERVISOR


def leerdoel_is_frozen(leerdoel: Leerdoel) -> bool:
    """A goal agreed in a locked record keeps its wording; only its status moves on."""
    return leerdoel.gesprek is not None and leerdoel.gesprek.is_locked


def can_edit_actiepunt(role: str | None, actiepunt: Actiepunt) -> bool:
    return role == SUPERVISOR and not (
        actiepunt.gesprek is not None and actiepunt.gesprek.is_locked
    )


def can_mark_done(user, role: str | None, actiepunt: Actiepunt) -> bool:
    """The owner or a supervisor ticks an action off, also after the record is locked."""
    return is_member(role) and (role == SUPERVISOR or actiepunt.owner_id == user.pk)


def can_edit_tussenevaluatie(role: str | None, tussenevaluatie: Tussenevaluatie | None) -> bool:
    return role == SUPERVISOR
