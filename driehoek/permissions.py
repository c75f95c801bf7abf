"""Who may see and change what in the triangle. Seeing the placement is decided by the
selectors (a 404 outside the triangle); these answer "may this user, who sees it, also see
or do this?". Every check is `(user, obj)`; the user's place on the placement comes from the
access layer (`role_on`, one query per placement and request)."""

from __future__ import annotations

from django.db.models import Q

from opleidingsschool.access import Rol, role_on
from opleidingsschool.models import Stage

from .models import (
    Actiepunt,
    Behoefte,
    Driehoeksgesprek,
    GesprekStatus,
    Leerdoel,
    Tussenevaluatie,
)


def role_in(user, stage: Stage) -> Rol | None:
    """Rol.STUDENT, Rol.FORMAL_MENTOR or None: the user's place in this placement's triangle
    (the access layer's role_on; other roles on the placement give no place in the triangle)."""
    role = role_on(user, stage)
    return role if role in (Rol.STUDENT, Rol.FORMAL_MENTOR) else None


def is_member(user, stage: Stage) -> bool:
    """The student or a formal mentor of this placement."""
    return role_in(user, stage) is not None


def is_supervisor(user, stage: Stage) -> bool:
    """A formal mentor in this placement's triangle (werkplekbegeleider, school- or
    instituutsopleider)."""
    return role_in(user, stage) == Rol.FORMAL_MENTOR


# --- The one visibility rule of the record ---------------------------------------------------


def _record_visible(user, stage: Stage, gesprek: Driehoeksgesprek) -> bool:
    role = role_in(user, stage)
    return role == Rol.FORMAL_MENTOR or (role == Rol.STUDENT and gesprek.is_shared)


def notes_visible(user, gesprek: Driehoeksgesprek) -> bool:
    """Notes not shared yet are the mentors' only; the student sees them once shared.
    visible_items_q and items_visible_to_q below are the same rule as filters."""
    return _record_visible(user, gesprek.stage, gesprek)


def item_visible(user, item: Leerdoel | Actiepunt | Behoefte) -> bool:
    """A goal, action or need agreed in a meeting is part of that meeting's record."""
    return item.gesprek is None or _record_visible(user, item.stage, item.gesprek)


_SHARED_OR_WITHOUT_MEETING = Q(gesprek__isnull=True) | Q(gesprek__shared_at__isnull=False)


def visible_items_q(role: Rol | None) -> Q:
    """Goals, actions and needs of one placement that `role` (role_in) sees: a meeting's
    items are part of its record."""
    return Q() if role == Rol.FORMAL_MENTOR else _SHARED_OR_WITHOUT_MEETING


def items_visible_to_q(user) -> Q:
    """The same over all of the user's triangles: everything where they are a mentor, on
    their own placement only what is not in an unshared record."""
    return ~Q(stage__student__user=user) | _SHARED_OR_WITHOUT_MEETING


# --- Meetings --------------------------------------------------------------------------------


def can_plan(user, stage: Stage) -> bool:
    """Any member of the triangle plans a meeting."""
    return is_member(user, stage)


def can_change_gesprek(user, gesprek: Driehoeksgesprek) -> bool:
    """Move or cancel: any member, while the meeting is planned and has no notes yet."""
    return (
        is_member(user, gesprek.stage)
        and gesprek.status == GesprekStatus.PLANNED and not gesprek.has_notes
    )


def can_edit_notes(user, gesprek: Driehoeksgesprek) -> bool:
    """A supervisor records the notes until the record is locked."""
    return (
        is_supervisor(user, gesprek.stage) and not gesprek.is_cancelled and not gesprek.is_locked
    )


def can_share(user, gesprek: Driehoeksgesprek) -> bool:
    return can_edit_notes(user, gesprek) and gesprek.has_notes and not gesprek.is_shared


def can_agree(user, gesprek: Driehoeksgesprek) -> bool:
    """A participant who has not agreed yet, while the shared record is open. Reads the
    meeting's participants and agreements (prefetched by gesprek_detail_queryset)."""
    return (
        gesprek.is_shared and not gesprek.is_locked
        and any(participant.pk == user.pk for participant in gesprek.deelnemers.all())
        and not any(akkoord.user_id == user.pk for akkoord in gesprek.akkoorden.all())
    )


def can_add_addendum(user, gesprek: Driehoeksgesprek) -> bool:
    """Once locked, every member may add to the record; nobody rewrites it."""
    return is_member(user, gesprek.stage) and gesprek.is_locked


def can_see_mail_log(user, gesprek: Driehoeksgesprek) -> bool:
    """The mail log of a meeting (who got the invitation, whose mail failed and why) is for
    its supervisors, as a session's is for its planner; the student has their own mail page.
    A coordinator sees it only where they are in the triangle (anyone else gets no page)."""
    return is_supervisor(user, gesprek.stage)


# --- Goals, actions, needs -------------------------------------------------------------------


def can_add_items(user, target: Stage | Driehoeksgesprek) -> bool:
    """Goals, actions and needs (of a placement, or agreed in one of its meetings) are
    recorded by a supervisor; not in a locked or cancelled record."""
    if isinstance(target, Driehoeksgesprek):
        return (
            is_supervisor(user, target.stage) and not target.is_locked and not target.is_cancelled
        )
    return is_supervisor(user, target)


def can_edit_leerdoel(user, leerdoel: Leerdoel) -> bool:
    return is_supervisor(user, leerdoel.stage)


def leerdoel_is_frozen(leerdoel: Leerdoel) -> bool:
    """A goal agreed in a locked record keeps its wording; only its status moves on."""
    return leerdoel.gesprek is not None and leerdoel.gesprek.is_locked


def can_edit_actiepunt(user, actiepunt: Actiepunt) -> bool:
    return is_supervisor(user, actiepunt.stage) and not (
        actiepunt.gesprek is not None and actiepunt.gesprek.is_locked
    )


def can_mark_done(user, actiepunt: Actiepunt) -> bool:
    """The owner or a supervisor ticks an action off, also after the record is locked."""
    return is_supervisor(user, actiepunt.stage) or (
        is_member(user, actiepunt.stage) and actiepunt.owner_id == user.pk
    )


def can_edit_behoefte(user, behoefte: Behoefte) -> bool:
    return is_supervisor(user, behoefte.stage)


# --- Interim evaluations ---------------------------------------------------------------------


def can_evaluate(user, stage: Stage) -> bool:
    """A supervisor writes the interim evaluations of a placement."""
    return is_supervisor(user, stage)


def can_edit_tussenevaluatie(user, tussenevaluatie: Tussenevaluatie) -> bool:
    return is_supervisor(user, tussenevaluatie.stage)
