"""Writes of learning questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opleidingsschool.models import Student, User

from ..models import (
    Leervraag,
    LeervraagStatus,
    Reactie,
)
from ._common import _touch


@transaction.atomic
def save_leervraag(
    *,
    student: Student,
    title: str,
    situation: str,
    goal: str,
    leeruitkomsten=(),
    expertises=(),
    leervraag: Leervraag | None = None,
    visibility: str | None = None,
) -> Leervraag:
    """Create or change a student's learning question; "only me" (`Visibility.PRIVATE`)
    hides it from everyone else. Without `visibility` it stays as it was (new: my mentors)."""
    if leervraag is None:
        leervraag = Leervraag(student=student)
    if visibility is not None:
        leervraag.visibility = visibility
    leervraag.title = title.strip()
    leervraag.situation = situation.strip()
    leervraag.goal = goal.strip()
    leervraag.last_activity_at = timezone.now()
    leervraag.save()
    leervraag.leeruitkomsten.set(leeruitkomsten)
    leervraag.expertises.set(expertises)
    return leervraag


@transaction.atomic
def start_leervraag(*, leervraag: Leervraag) -> Leervraag:
    """Open -> working on it (or back from answered)."""
    leervraag.status = LeervraagStatus.WORKING
    leervraag.answered_at = None
    leervraag.last_activity_at = timezone.now()
    leervraag.save(update_fields=["status", "answered_at", "last_activity_at"])
    return leervraag


@transaction.atomic
def answer_leervraag(*, leervraag: Leervraag, reflection: str) -> Leervraag:
    """Mark the question answered, with the student's closing reflection."""
    if not reflection.strip():
        raise ValidationError({"reflection": _("Write down what you have learned.")})
    leervraag.status = LeervraagStatus.ANSWERED
    leervraag.closing_reflection = reflection.strip()
    leervraag.answered_at = leervraag.last_activity_at = timezone.now()
    leervraag.save(update_fields=["status", "closing_reflection", "answered_at",
                                  "last_activity_at"])
    return leervraag


@transaction.atomic
def archive_leervraag(*, leervraag: Leervraag, archived: bool = True) -> Leervraag:
    leervraag.archived_at = timezone.now() if archived else None
    leervraag.save(update_fields=["archived_at"])
    return leervraag


@transaction.atomic
def add_reactie(*, leervraag: Leervraag, author: User, text: str) -> Reactie:
    if not text.strip():
        raise ValidationError({"text": _("Write a comment first.")})
    reactie = Reactie.objects.create(leervraag=leervraag, author=author, text=text.strip())
    _touch(leervraag)
    return reactie
