"""driehoek's part of the recognition pages (issue 15): triangle meetings held."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from opleidingsschool.erkenning.selectors import schooljaar_span
from opleidingsschool.registries import Tally

from .models import Driehoeksgesprek, GesprekStatus

HELD = (GesprekStatus.HELD, GesprekStatus.AGREED)


def tallies(*, user_ids, schooljaar) -> list[Tally]:
    """Triangle meetings of the school year that were held with the person taking part.
    One query."""
    start, end = schooljaar_span(schooljaar)
    rows = (
        Driehoeksgesprek.deelnemers.through.objects.filter(
            user_id__in=user_ids, driehoeksgesprek__status__in=HELD,
            driehoeksgesprek__starts_at__gte=start, driehoeksgesprek__starts_at__lt=end,
        )
        .order_by().values("user_id").annotate(n=Count("driehoeksgesprek_id", distinct=True))
    )
    return [Tally(
        key="driehoek:meetings_held",
        label=_("Triangle meetings held"),
        short_label=_("triangle meetings"),
        counts={row["user_id"]: row["n"] for row in rows},
        explanation=_("Triangle meetings of this school year that were held (or also agreed "
                      "on) with this colleague taking part."),
        order=40,
    )]
