"""What the triangle adds to the coordinator's overview (registries.partnership_signals):
placements without a recent triangle meeting and action items past their due date."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opleidingsschool import schoolcalendar
from opleidingsschool.models import Regio
from opleidingsschool.partnerschap.signals import partnership_stages
from opleidingsschool.registries import PartnershipSignal

from .models import Actiepunt, Driehoeksgesprek, GesprekStatus


def no_triangle_meeting(*, partnerschap, schooljaar, today: datetime.date):
    """Placements running today, under way for longer than the grace period
    (`triangle_grace_weeks`), without a triangle meeting (planned, held or agreed; a
    planned one in the future counts) within the last `triangle_weeks` weeks of school time:
    a region's holidays lengthen the look-back (schoolcalendar.school_time_start). Two
    queries: the holidays, then the placements."""
    weeks = datetime.timedelta(weeks=partnerschap.triangle_weeks)
    regios = ["", *Regio.values]
    starts = schoolcalendar.school_time_start(regios, end=today, length=weeks)
    meetings = Driehoeksgesprek.objects.filter(stage=OuterRef("pk")).exclude(
        status=GesprekStatus.CANCELLED)
    without = Q(pk__in=[])
    for regio, start in starts.items():
        since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        without |= Q(school__regio=regio) & ~Q(Exists(meetings.filter(starts_at__gte=since)))
    grace_end = today - datetime.timedelta(weeks=partnerschap.triangle_grace_weeks)
    return partnership_stages(partnerschap, schooljaar).filter(
        without, start_date__lte=grace_end, end_date__gte=today)


def overdue_actiepunten(*, partnerschap, schooljaar, today: datetime.date):
    """Placements with an action item not done and past its due date."""
    overdue = Actiepunt.objects.filter(stage=OuterRef("pk"), done_at__isnull=True,
                                       due_date__lt=today)
    return partnership_stages(partnerschap, schooljaar).filter(Exists(overdue))


SIGNALS = [
    PartnershipSignal(
        key="geen-driehoeksgesprek", label=gettext_lazy("No triangle meeting"),
        rows=no_triangle_meeting,
        description=gettext_lazy("No triangle meeting in %(triangle_weeks)s school weeks (not "
                                 "in the first %(triangle_grace_weeks)s weeks of a placement)."),
        thresholds=("triangle_weeks", "triangle_grace_weeks"), order=10,
    ),
    PartnershipSignal(
        key="actiepunten-verlopen", label=gettext_lazy("Action items overdue"),
        rows=overdue_actiepunten,
        description=gettext_lazy("An action item from a triangle meeting past its due date."),
        order=30,
    ),
]
