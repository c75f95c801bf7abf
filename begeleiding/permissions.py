"""Who may change what in begeleiding. Seeing is decided by the selectors; these answer
"may this user, who sees it, also change it?"."""

from __future__ import annotations

from opleidingsschool.access import Rol, medewerker_of, roles_for
from opleidingsschool.models import Begeleider, BegeleiderStatus

from .models import (
    Klikcheck,
    Leervraag,
    Lesbezoek,
    LesbezoekStatus,
    Lesobservatie,
    Logregel,
    Ontwikkelplan,
)
from .selectors import is_werkplekbegeleider_of, teamlid_of


def can_confirm_hours(user) -> bool:
    """The list of day-log hours to confirm is the werkplekbegeleider's."""
    return Rol.WERKPLEKBEGELEIDER in roles_for(user)


def can_see_today_at_school(user) -> bool:
    return bool(roles_for(user) & {Rol.WERKPLEKBEGELEIDER, Rol.SCHOOLOPLEIDER})


def is_own(user, student) -> bool:
    return getattr(user, "is_authenticated", False) and student.user_id == user.pk


def can_edit_leervraag(user, leervraag: Leervraag) -> bool:
    return is_own(user, leervraag.student)


def can_edit_logregel(user, logregel: Logregel) -> bool:
    """The student, as long as the werkplekbegeleider has not confirmed it."""
    return is_own(user, logregel.student) and not logregel.is_confirmed


def can_confirm_logregel(user, logregel: Logregel) -> bool:
    return not logregel.is_confirmed and is_werkplekbegeleider_of(user, logregel.stage_id)


def is_host(user, lesbezoek: Lesbezoek) -> bool:
    medewerker = medewerker_of(user)
    return medewerker is not None and lesbezoek.host_id == medewerker.pk


def can_answer_lesbezoek(user, lesbezoek: Lesbezoek) -> bool:
    return is_host(user, lesbezoek) and lesbezoek.status == LesbezoekStatus.REQUESTED


def can_cancel_lesbezoek(user, lesbezoek: Lesbezoek) -> bool:
    return is_own(user, lesbezoek.student) and lesbezoek.status in (
        LesbezoekStatus.REQUESTED, LesbezoekStatus.ACCEPTED
    ) and not lesbezoek.is_held


def can_reflect_lesbezoek(user, lesbezoek: Lesbezoek) -> bool:
    return is_own(user, lesbezoek.student) and lesbezoek.is_held


def can_give_feedback(user, lesbezoek: Lesbezoek) -> bool:
    return is_host(user, lesbezoek) and lesbezoek.is_held


def can_turn_into_hours(user, lesbezoek: Lesbezoek) -> bool:
    return can_reflect_lesbezoek(user, lesbezoek) and not hasattr_logregel(lesbezoek)


def hasattr_logregel(lesbezoek: Lesbezoek) -> bool:
    try:
        return lesbezoek.logregel is not None
    except Logregel.DoesNotExist:
        return False


def can_set_roles(user, begeleider: Begeleider) -> bool:
    """The student of the placement, or the mentor themselves, while the relation runs."""
    if begeleider.status not in (BegeleiderStatus.ACTIVE, BegeleiderStatus.PROPOSED):
        return False
    medewerker = medewerker_of(user)
    return is_own(user, begeleider.stage.student) or (
        medewerker is not None and begeleider.medewerker_id == medewerker.pk
    )


def can_answer_mentor_request(user, begeleider: Begeleider) -> bool:
    medewerker = medewerker_of(user)
    return (
        medewerker is not None
        and begeleider.medewerker_id == medewerker.pk
        and begeleider.status == BegeleiderStatus.PROPOSED
    )


def can_edit_ontwikkelplan(user, plan: Ontwikkelplan) -> bool:
    """Only the owner writes their development plan; mentors read a student's plan."""
    return getattr(user, "is_authenticated", False) and plan.owner_user_id == user.pk


def can_see_klik_overzicht(user) -> bool:
    """Every rapport check at the school is the schoolopleider's to read (issue 14)."""
    return Rol.SCHOOLOPLEIDER in roles_for(user)


def can_add_klikafspraak(user, klikcheck: Klikcheck) -> bool:
    """The schoolopleider of the placement's school notes what was agreed."""
    medewerker = medewerker_of(user)
    return (
        medewerker is not None and medewerker.is_schoolopleider
        and medewerker.school_id is not None
        and medewerker.school_id == klikcheck.begeleider.stage.school_id
    )


def can_see_schooldag(user) -> bool:
    """The day page of a school (issue 14) is the opleidingsteam's: the schoolopleider and
    the colleagues they added run the day start and the group round. No query."""
    return Rol.SCHOOLOPLEIDER in roles_for(user) or teamlid_of(user) is not None


def can_manage_opleidingsteam(user) -> bool:
    """The schoolopleider puts the school's opleidingsteam together; a team member does not
    add others."""
    return Rol.SCHOOLOPLEIDER in roles_for(user)


# Lesson observations (issue 15). Who reads one is selectors.lesobservaties_for; these say
# what a reader may do with it.


def can_edit_lesobservatie(user, lesobservatie: Lesobservatie) -> bool:
    """The observer, until they send it to the student."""
    return (getattr(user, "is_authenticated", False) and lesobservatie.is_draft
            and lesobservatie.observer_id == user.pk)


def can_mark_discussed(user, lesobservatie: Lesobservatie) -> bool:
    """The observed person, once it was sent to them and until they marked it."""
    return (is_own(user, lesobservatie.student) and not lesobservatie.is_draft
            and not lesobservatie.is_discussed)


def can_take_into_plan(user, lesobservatie: Lesobservatie) -> bool:
    """Only the observed person decides what goes into their development plan."""
    return is_own(user, lesobservatie.student) and not lesobservatie.is_draft


def can_delete_bedankje(user, bedankje) -> bool:
    """A note of thanks is deleted by the student who wrote it, and by nobody else."""
    return is_own(user, bedankje.student)


def can_thank_lesbezoek(user, lesbezoek: Lesbezoek) -> bool:
    """The student thanks the host of their own visit once it took place."""
    return is_own(user, lesbezoek.student) and lesbezoek.is_held
