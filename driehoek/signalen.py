"""What the triangle adds to the schoolopleider's signals (registries.signal_sources)."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opleidingsschool.models import Stage
from opleidingsschool.registries import Signal

from .models import Driehoeksgesprek, GesprekStatus

# A placement whose triangle has not met (held, agreed or planned) for this long shows as a
# signal. A planned meeting in the future always counts as fine.
GESPREK_PERIOD = datetime.timedelta(weeks=10)

KIND_NO_GESPREK = "driehoek:no_gesprek"


def no_recent_gesprek(*, user=None, stages: list[Stage], today: datetime.date) -> list[Signal]:
    """The placements running today with no triangle meeting (planned, held or agreed; not
    cancelled) since GESPREK_PERIOD before today, nor one planned after it. One query,
    whatever the number of placements."""
    running = [stage for stage in stages if stage.start_date <= today <= stage.end_date]
    if not running:
        return []
    since = datetime.datetime.combine(today - GESPREK_PERIOD, datetime.time.min,
                                      tzinfo=timezone.get_current_timezone())
    latest = dict(
        Driehoeksgesprek.objects.filter(stage__in=running)
        .exclude(status=GesprekStatus.CANCELLED)
        .values("stage_id")
        .annotate(latest=Max("starts_at"))
        .values_list("stage_id", "latest")
    )
    label = _("No triangle meeting in the last %(weeks)s weeks") % {
        "weeks": GESPREK_PERIOD.days // 7}
    signals = []
    for stage in running:
        last = latest.get(stage.pk)
        if last is not None and last >= since:
            continue
        if last is None:
            detail = _("no triangle meeting yet")
        else:
            detail = _("last meeting on %(date)s") % {
                "date": date_format(timezone.localtime(last), "j F Y")}
        signals.append(Signal(
            kind=KIND_NO_GESPREK, label=label, student=stage.student,
            url=reverse("student_detail", args=[stage.student.uuid]),
            severity="warning", detail=detail,
        ))
    return signals
