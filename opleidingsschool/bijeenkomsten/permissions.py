"""Who may change what around sessions. Seeing comes from selectors (404 outside scope);
these answer 'may this user, who sees it, also do this?' (403 when not)."""

from __future__ import annotations

from opleidingsschool.access import is_coordinator, partnerschap_of
from opleidingsschool.models import Bijeenkomst, BijeenkomstStatus, Soort


def can_plan(user) -> bool:
    """Coordinators plan, change and cancel sessions (of their own partnership)."""
    return is_coordinator(user)


def can_manage(user, bijeenkomst: Bijeenkomst) -> bool:
    """The coordinator of the session's partnership manages it; another partnership's
    coordinator only sees it as anyone else would."""
    partnerschap = partnerschap_of(user)
    return partnerschap is not None and bijeenkomst.partnerschap_id == partnerschap.pk


def can_take_attendance(user, bijeenkomst: Bijeenkomst) -> bool:
    return can_manage(user, bijeenkomst) and bijeenkomst.status == BijeenkomstStatus.PLANNED


def can_prepare_leercafe(user, bijeenkomst: Bijeenkomst) -> bool:
    return can_manage(user, bijeenkomst) and bijeenkomst.soort == Soort.LEERCAFE


def can_manage_symposium(user, bijeenkomst: Bijeenkomst) -> bool:
    return can_manage(user, bijeenkomst) and bijeenkomst.soort == Soort.SYMPOSIUM


def can_register(bijeenkomst: Bijeenkomst, *, is_open: bool) -> bool:
    """Registration is for the session's audience, while it is planned and ahead."""
    return is_open and bijeenkomst.status == BijeenkomstStatus.PLANNED and not bijeenkomst.is_past
