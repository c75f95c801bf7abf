"""Helpers shared by begeleiding's pages."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from opleidingsschool.access import Rol, medewerker_of, roles_for

from .. import selectors

PAGE_SIZE = 20


def _student_or_404(request):
    student = selectors.own_student(request.user)
    if student is None:
        raise Http404
    return student


def _studying_student_or_404(request):
    """The user's own student record, for the student's school day (plans, following a
    class): a starter teaches at the school and has none of it (issue 15)."""
    if Rol.STARTER in roles_for(request.user):
        raise Http404
    return _student_or_404(request)


def _medewerker_at_school_or_404(request):
    medewerker = medewerker_of(request.user)
    if medewerker is None or not medewerker.school_id:
        raise Http404
    return medewerker


def _add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _error_message(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _dutch_date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "l j F")


def _next_or(request, fallback: str) -> str:
    """The `next` the form sent, if it points inside the portal; else the fallback."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
