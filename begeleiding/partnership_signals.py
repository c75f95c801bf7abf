"""What begeleiding adds to the coordinator's overview (registries.partnership_signals):
hours behind the expected pace, unconfirmed hours, quiet learning questions and low rapport
(counted per school, never listed)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opleidingsschool import schoolcalendar
from opleidingsschool.partnerschap.signals import partnership_stages
from opleidingsschool.registries import PartnershipSignal

from .models import Klikcheck, Leervraag, Logregel, period_start

# A placement this new is not yet behind: a first week says little about a pace.
PACE_AFTER = datetime.timedelta(days=14)


def hours_behind(*, partnerschap, schooljaar, today: datetime.date):
    """The placements running today, at least two weeks under way, whose confirmed hours
    are `hours_behind_percent` or more below the expected pace: the programme's target
    spread over the days the school is open during the placement, counted for the
    student's own school days before today (schoolcalendar.school_day_counts: holidays and
    a school's days off put nobody behind). Three queries, whatever the number of
    placements; the pace itself is arithmetic."""
    confirmed = Logregel.objects.filter(
        stage=OuterRef("pk"), confirmed_at__isnull=False
    ).order_by().values("stage").annotate(total=Sum("hours")).values("total")
    stages = list(
        partnership_stages(partnerschap, schooljaar)
        .filter(start_date__lte=today - PACE_AFTER, end_date__gte=today)
        .select_related("school", "student__opleiding")
        .annotate(confirmed=Subquery(confirmed))
    )
    counts = schoolcalendar.school_day_counts(stages, until=today - datetime.timedelta(days=1))
    share = Decimal(100 - partnerschap.hours_behind_percent) / 100
    behind = []
    for stage in stages:
        count = counts[stage.pk]
        expected = Decimal(stage.student.opleiding.target_hours * count.done) / (
            count.open_days or 1)
        if expected and (stage.confirmed or Decimal(0)) < expected * share:
            behind.append(stage.pk)
    return partnership_stages(partnerschap, schooljaar).filter(pk__in=behind)


def unconfirmed_hours(*, partnerschap, schooljaar, today: datetime.date):
    """Placements with a day-log entry still unconfirmed `unconfirmed_days` after its day
    (the partial index of open entries per placement answers it)."""
    before = today - datetime.timedelta(days=partnerschap.unconfirmed_days)
    open_entries = Logregel.objects.filter(
        stage=OuterRef("pk"), confirmed_at__isnull=True, date__lt=before)
    return partnership_stages(partnerschap, schooljaar).filter(Exists(open_entries))


def quiet_leervragen(*, partnerschap, schooljaar, today: datetime.date):
    """Placements running today whose student has an open learning question, shared with
    the mentors, without activity for `quiet_weeks` (since before that day began)."""
    since = timezone.make_aware(datetime.datetime.combine(
        today - datetime.timedelta(weeks=partnerschap.quiet_weeks), datetime.time.min))
    quiet = Leervraag.objects.current().shared().filter(
        student=OuterRef("student_id"), last_activity_at__lt=since)
    return partnership_stages(partnerschap, schooljaar).filter(
        Q(end_date__gte=today) & Q(Exists(quiet)))


def low_rapport(*, partnerschap, schooljaar, today: datetime.date):
    """Placements with a rapport check of `low_rapport` or lower in this period or the one
    before. Counted per school only; the list is never shown to the coordinator."""
    since = period_start(today) - datetime.timedelta(days=92)
    low = Klikcheck.objects.filter(
        begeleider__stage=OuterRef("pk"), score__lte=partnerschap.low_rapport,
        period_start__gte=since)
    return partnership_stages(partnerschap, schooljaar).filter(Exists(low))


SIGNALS = [
    PartnershipSignal(
        key="uren-achter", label=gettext_lazy("Hours behind"), rows=hours_behind,
        description=gettext_lazy("Confirmed hours %(hours_behind_percent)s%% or more below the "
                                 "expected pace."),
        thresholds=("hours_behind_percent",), order=20,
    ),
    PartnershipSignal(
        key="uren-onbevestigd", label=gettext_lazy("Unconfirmed hours"),
        rows=unconfirmed_hours,
        description=gettext_lazy("Day-log hours not confirmed after %(unconfirmed_days)s "
                                 "days."),
        thresholds=("unconfirmed_days",), order=40,
    ),
    PartnershipSignal(
        key="leervragen-stil", label=gettext_lazy("Quiet learning questions"),
        rows=quiet_leervragen,
        description=gettext_lazy("An open learning question without activity for "
                                 "%(quiet_weeks)s weeks."),
        thresholds=("quiet_weeks",), order=50,
    ),
    PartnershipSignal(
        key="klik-laag", label=gettext_lazy("Low rapport"), rows=low_rapport,
        description=gettext_lazy("A rapport check of %(low_rapport)s or lower this period or "
                                 "the last; the school follows it up."),
        thresholds=("low_rapport",), instituut_field=None, listable=False, order=60,
    ),
]
