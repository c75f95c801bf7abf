"""Writes of the recognition pages: a teacher educator's own professional development."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Medewerker, Professionalisering


@transaction.atomic
def save_professionalisering(
    *,
    medewerker: Medewerker,
    date: datetime.date,
    title: str,
    soort: str,
    hours: Decimal,
    note: str = "",
    professionalisering: Professionalisering | None = None,
) -> Professionalisering:
    """Record (or correct) one piece of the colleague's own development; a ValidationError
    names the field when something cannot be stored."""
    record = professionalisering or Professionalisering(medewerker=medewerker)
    if record.medewerker_id != medewerker.pk:
        raise ValidationError(_("You can only change your own professional development."))
    record.date = date
    record.title = title.strip()
    record.soort = soort
    record.hours = hours
    record.note = note.strip()
    record.full_clean(exclude=["medewerker"])
    record.save()
    return record


@transaction.atomic
def delete_professionalisering(*, professionalisering: Professionalisering) -> None:
    professionalisering.delete()
