"""Who read it (issue 13): opening a triangle meeting's notes or an interim evaluation by
anyone but the student is logged in the core's read log."""

from __future__ import annotations

from django.utils import timezone

from opleidingsschool.models import ReadKind
from opleidingsschool.privacy.readlog import record_read
from opleidingsschool.urlmemo import reverse


def record_notes_read(user, gesprek) -> None:
    """The notes were shown (detail or print page); nothing is logged for a meeting without
    notes, nor for the student."""
    if not gesprek.has_notes:
        return
    record_read(
        reader=user, owner_id=gesprek.stage.student.user_id, kind=ReadKind.DRIEHOEK_NOTES,
        obj=gesprek, url=reverse("driehoek:gesprek_detail", args=[gesprek.uuid]),
        label=f"{gesprek.title} ({timezone.localtime(gesprek.starts_at):%d-%m-%Y})",
    )


def record_tussenevaluatie_read(user, evaluation) -> None:
    record_read(
        reader=user, owner_id=evaluation.stage.student.user_id,
        kind=ReadKind.TUSSENEVALUATIE, obj=evaluation,
        url=reverse("driehoek:tussenevaluatie_detail", args=[evaluation.uuid]),
        label=f"{evaluation.date:%d-%m-%Y}",
    )
