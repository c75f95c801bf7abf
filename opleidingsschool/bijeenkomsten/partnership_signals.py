"""What the sessions add to the coordinator's overview (registries.partnership_signals):
coming sessions with an expert invitation nobody answered yet."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy, pgettext_lazy

from ..models import Bijeenkomst, BijeenkomstStatus, Uitnodiging, UitnodigingStatus
from ..registries import Column, PartnershipSignal


def open_invitations(*, partnerschap, schooljaar, today: datetime.date):
    """The partnership's sessions from today on, not cancelled, with an invitation not
    answered yet. Per school through the sessions' schools (a session for every school
    counts in the total only), per institute through the organising institute."""
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    pending = Uitnodiging.objects.filter(bijeenkomst=OuterRef("pk"),
                                         status=UitnodigingStatus.PENDING)
    return Bijeenkomst.objects.filter(
        partnerschap=partnerschap, starts_at__gte=start,
    ).exclude(status=BijeenkomstStatus.CANCELLED).filter(Exists(pending))


def _with_pending_count(rows):
    pending = Uitnodiging.objects.filter(
        bijeenkomst=OuterRef("pk"), status=UitnodigingStatus.PENDING,
    ).order_by().values("bijeenkomst").annotate(n=Count("pk")).values("n")
    return rows.select_related("instituut").annotate(pending_count=Subquery(pending))


SIGNAL = PartnershipSignal(
    key="uitnodigingen-open", label=gettext_lazy("Open invitations"), rows=open_invitations,
    description=gettext_lazy("Coming sessions with an expert invitation not answered yet."),
    school_field="schools", instituut_field="instituut_id", order=70,
    columns=(
        Column(pgettext_lazy("meeting", "Session"), lambda row: row.title,
               lambda row: row.get_absolute_url()),
        Column(gettext_lazy("Date"), lambda row: date_format(
            timezone.localtime(row.starts_at), "l j F Y, H:i")),
        Column(gettext_lazy("Organising institute"), lambda row: row.instituut or ""),
        Column(gettext_lazy("Open invitations"), lambda row: row.pending_count),
    ),
    prepare=_with_pending_count,
)
