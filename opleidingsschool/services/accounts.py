"""Ending an account and reopening it (issue 13). An ended account can no longer log in;
the retention job (privacy/retention.py, kind "accounts") erases it a set period after it
ended, keeping a student's experience hours, unless a coordinator reopens it first."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import User


@transaction.atomic
def end_account(*, user: User, by: User) -> User:
    """Close the account now and record when: the person can no longer log in, and a
    session they still have stops working on their next request."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == by.pk:
        raise ValidationError(_("You cannot end your own account."))
    if not user.is_active:
        raise ValidationError(_("This account is already closed."))
    user.is_active = False
    user.ended_at = timezone.now()
    user.save(update_fields=["is_active", "ended_at"])
    return user


@transaction.atomic
def reopen_account(*, user: User) -> User:
    """Undo `end_account` before the retention job has erased the account."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_ended:
        raise ValidationError(_("Only an ended account can be reopened."))
    user.is_active = True
    user.ended_at = None
    user.save(update_fields=["is_active", "ended_at"])
    return user
