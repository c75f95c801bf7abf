"""Writes of the students' notes of thanks (issue 15): a thank-you that costs nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opleidingsschool.models import Begeleider, Student

from ..models import BEDANKJE_MAX_LENGTH, Bedankje, Lesbezoek

__all__ = ["delete_bedankje", "thank"]


def thank(
    *,
    student: Student,
    text: str,
    lesbezoek: Lesbezoek | None = None,
    begeleider: Begeleider | None = None,
) -> Bedankje:
    """Leave a note of thanks for one classroom visit or one mentoring of the student's own
    (the caller found it through the student's selectors); once per visit or mentoring. The
    colleague thanked is the visit's host or the mentor. A ValidationError says why not."""
    if (lesbezoek is None) == (begeleider is None):
        raise ValueError("thank a visit or a mentoring, not both or neither")
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a few words of thanks.")})
    if len(text) > BEDANKJE_MAX_LENGTH:
        raise ValidationError({"text": _("Keep it to %(max)s characters.")
                               % {"max": BEDANKJE_MAX_LENGTH}})
    medewerker = lesbezoek.host if lesbezoek is not None else begeleider.medewerker
    try:
        with transaction.atomic():
            return Bedankje.objects.create(
                student=student, medewerker=medewerker, lesbezoek=lesbezoek,
                begeleider=begeleider, text=text,
            )
    except IntegrityError:
        # Posted twice (a second tab, a double click): the first note stands.
        raise ValidationError(_("You have already thanked %(name)s for this.")
                              % {"name": medewerker}) from None


@transaction.atomic
def delete_bedankje(*, bedankje: Bedankje) -> None:
    bedankje.delete()
