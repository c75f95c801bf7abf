"""Writes of the school training team (opleidingsteam, issue 14): the schoolopleider adds
and removes colleagues of their school."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opleidingsschool.models import Medewerker, School, User

from ..models import Opleidingsteamlid

__all__ = ["add_teamlid", "remove_teamlid"]


@transaction.atomic
def add_teamlid(*, school: School, medewerker: Medewerker, by: User) -> Opleidingsteamlid:
    """Put a colleague of the school on its opleidingsteam: from the next page they open,
    they open the school day and the week and note lines of the group round. Refused: a
    colleague of another school (or of none), a schoolopleider (they open the day already),
    someone on the team already. A row left from a school they no longer work at makes way."""
    if medewerker.school_id != school.pk:
        raise ValidationError({"medewerker": _("Choose a colleague of %(school)s.") % {
            "school": school}})
    if medewerker.is_schoolopleider:
        raise ValidationError({"medewerker": _(
            "%(name)s is a school-based teacher educator and opens the school day already.")
            % {"name": medewerker}})
    Medewerker.objects.select_for_update().filter(pk=medewerker.pk).first()
    existing = Opleidingsteamlid.objects.filter(medewerker=medewerker).first()
    if existing is not None and existing.school_id == school.pk:
        raise ValidationError({"medewerker": _("%(name)s is on the team already.") % {
            "name": medewerker}})
    if existing is not None:
        existing.delete()
    try:
        with transaction.atomic():
            return Opleidingsteamlid.objects.create(school=school, medewerker=medewerker,
                                                    added_by=by)
    except IntegrityError:  # added at the same moment by a second schoolopleider
        raise ValidationError({"medewerker": _("%(name)s is on the team already.") % {
            "name": medewerker}}) from None


@transaction.atomic
def remove_teamlid(*, lid: Opleidingsteamlid) -> None:
    """Take a colleague off the team: the school day is closed to them from their next
    request on (their user is loaded with the team place each time)."""
    lid.delete()
