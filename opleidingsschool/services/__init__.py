"""Writes of the partnership's core, one module per area: people (invitations, profiles,
the coordinator's edits), accounts (ending and reopening) and stages (placements, their
triangle, extra mentors)."""

from .accounts import end_account, reopen_account
from .inductie import make_starter, open_learning_record, set_coach
from .people import (
    add_instituut,
    delete_unused,
    invite_gastexpert,
    invite_medewerker,
    invite_starter,
    invite_student,
    resend_invitation,
    send_invitation,
    update_medewerker,
    update_profile,
    update_starter,
    update_student,
    validate_medewerker,
)
from .stages import (
    accept_begeleider,
    current_formal,
    decline_begeleider,
    ensure_schooljaar,
    propose_extra_begeleider,
    save_stage,
    set_begeleider_roles,
    validate_stage,
)

__all__ = [
    "accept_begeleider",
    "add_instituut",
    "current_formal",
    "decline_begeleider",
    "delete_unused",
    "end_account",
    "ensure_schooljaar",
    "invite_gastexpert",
    "invite_medewerker",
    "invite_starter",
    "invite_student",
    "make_starter",
    "open_learning_record",
    "propose_extra_begeleider",
    "reopen_account",
    "resend_invitation",
    "save_stage",
    "send_invitation",
    "set_begeleider_roles",
    "set_coach",
    "update_medewerker",
    "update_profile",
    "update_starter",
    "update_student",
    "validate_medewerker",
    "validate_stage",
]
