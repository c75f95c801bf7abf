"""What the triangle adds to the schoolopleider's signals (registries.signal_sources)."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opleidingsschool import schoolcalendar
from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import School, Stage
from opleidingsschool.registries import Signal
from opleidingsschool.urlmemo import reverse

from .models import Driehoeksgesprek, GesprekStatus

# A placement whose triangle has not met (held, agreed or planned) for this long in school
# time shows as a signal: the school holidays of its region do not count (a kerstvakantie
# lengthens the look-back by its two weeks), nor does the start of a placement (a new
# placement shows only once it has run this long without a meeting). A planned meeting in
# the future always counts as fine.
GESPREK_PERIOD = datetime.timedelta(weeks=10)

KIND_NO_GESPREK = "driehoek:no_gesprek"

# The latest meeting per placement, asked on every visit of the signals: compiled once.
_LATEST = CompiledQuery("signal_latest_gesprek", lambda stage_ids: (
    Driehoeksgesprek.objects.filter(stage_id__in_array=stage_ids)
    .exclude(status=GesprekStatus.CANCELLED)
    .values("stage_id")
    .annotate(latest=Max("starts_at"))
    .values_list("stage_id", "latest")
), list)


def no_recent_gesprek(*, user=None, stages: list[Stage], today: datetime.date) -> list[Signal]:
    """The placements running today for more than GESPREK_PERIOD of school time with no
    triangle meeting (planned, held or agreed; not cancelled) within that period before
    today, nor one planned after it (school time: holidays do not count, see
    schoolcalendar.school_time_start). Two queries, whatever the number of placements (three
    when the placements' schools are not loaded)."""
    running = [stage for stage in stages if stage.start_date <= today <= stage.end_date]
    if not running:
        return []
    regio_of = _regions(running)
    period_start = schoolcalendar.school_time_start(
        set(regio_of.values()), end=today, length=GESPREK_PERIOD)
    latest = dict(_LATEST.rows([stage.pk for stage in running]))
    label = _("No triangle meeting in the last %(weeks)s school weeks") % {
        "weeks": GESPREK_PERIOD.days // 7}
    signals = []
    for stage in running:
        start = period_start[regio_of[stage.school_id]]
        if stage.start_date > start:
            continue  # not yet a whole period under way
        since = datetime.datetime.combine(start, datetime.time.min,
                                          tzinfo=timezone.get_current_timezone())
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


def _regions(stages: list[Stage]) -> dict[int, str]:
    """{school id: region} from the placements' loaded schools, else in one query."""
    if all(Stage.school.is_cached(stage) for stage in stages):
        return {stage.school_id: stage.school.regio for stage in stages}
    return dict(School.objects.filter(pk__in={stage.school_id for stage in stages})
                .values_list("pk", "regio"))
