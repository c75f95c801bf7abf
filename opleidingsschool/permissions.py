"""Who may change what in the core, and the one `coordinator_required` every app's pages use.

Checks take `(user, obj)` and answer a bool; views ask them and never decide inline."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .access import is_coordinator


def coordinator_required(view):
    """Anonymous visitors log in first; to anyone but a coordinator the page does not
    exist (404, so an outsider learns nothing)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def can_end_account(user, person) -> bool:
    """A coordinator ends someone else's account that is still active."""
    return is_coordinator(user) and person.pk != user.pk and person.is_active


def can_reopen_account(user, person) -> bool:
    """A coordinator reopens an account that was ended and has not been erased yet."""
    return is_coordinator(user) and person.is_ended
