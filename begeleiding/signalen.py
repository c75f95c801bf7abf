"""What begeleiding adds to the schoolopleider's signals (registries.signal_sources and
registries.signal_kinds): low rapport, hours behind and quiet learning questions."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opleidingsschool import schoolcalendar
from opleidingsschool.access import medewerker_of
from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.registries import Signal, SignalKind
from opleidingsschool.urlmemo import reverse

from .models import Leervraag, Logregel, period_start
from .reads import record_klikcheck_reads
from .selectors import klikchecks_of
from .selectors._common import LOW_KLIK, QUIET_AFTER

KIND_LOW_KLIK = "begeleiding:low_klik"
KIND_BEHIND = "begeleiding:behind"
KIND_QUIET = "begeleiding:quiet"


def _record_shown_klikchecks(*, user, signals: list[Signal]) -> None:
    """Who read it (issue 13): the rapport checks shown with their comments. One insert."""
    record_klikcheck_reads(user, [signal.subject for signal in signals])


KINDS = [
    SignalKind(KIND_LOW_KLIK, gettext_lazy("Low rapport"),
               gettext_lazy("No low rapport ratings. Good news."), "danger", 10,
               on_shown=_record_shown_klikchecks),
    SignalKind(KIND_BEHIND, gettext_lazy("Hours behind"),
               gettext_lazy("Every student is on track with their hours."), "warning", 20),
    SignalKind(KIND_QUIET, gettext_lazy("Learning questions without activity"),
               gettext_lazy("Every open learning question has recent activity."), "warning", 90),
]


def _school_id(user) -> int | None:
    medewerker = medewerker_of(user)
    if medewerker is None or not medewerker.is_schoolopleider:
        return None
    return medewerker.school_id


# The signals page asks these on every visit: compiled once (opleidingsschool/compiled.py).
_LOW_KLIK = CompiledQuery("signal_low_klik", lambda user_id, school_id, since: (
    klikchecks_of(user_id, school_id)
    .filter(begeleider__stage__school_id=school_id, score__lte=LOW_KLIK, period_start__gte=since)
    .select_related("begeleider__medewerker__user", "begeleider__stage__student__user")
    .order_by("score", "-period_start")
), int, int, datetime.date)

_LOGGED = CompiledQuery("signal_hours_logged", lambda stage_ids: (
    Logregel.objects.filter(stage_id__in_array=stage_ids).values("stage_id")
    .annotate(total=Sum("hours")).values_list("stage_id", "total")
), list)

_QUIET = CompiledQuery("signal_quiet_leervragen", lambda school_id, today, before: (
    Leervraag.objects.current().shared()
    .filter(student__stages__school_id=school_id, student__stages__end_date__gte=today,
            last_activity_at__lt=before)
    .distinct()
    .select_related("student__user")
    .order_by("last_activity_at")
), int, datetime.date, datetime.datetime)


def low_klik(*, user, stages: list, today: datetime.date) -> list[Signal]:
    """Rapport checks of 1 or 2 at the school since the start of last quarter's period,
    lowest first, whatever the placement's dates. One query."""
    school_id = _school_id(user)
    if not school_id:
        return []
    since = period_start(today) - datetime.timedelta(days=92)
    checks = _LOW_KLIK.list(user.pk, school_id, since)
    label = _("Low rapport")
    return [
        Signal(
            kind=KIND_LOW_KLIK, label=label, student=check.begeleider.stage.student,
            url=reverse("student_detail", args=[check.begeleider.stage.student.uuid]),
            severity="danger", subject=check, quote=check.comment,
            detail="{} {} {} ({})".format(
                _("rapport %(score)s of 5") % {"score": check.score}, _("with"),
                check.begeleider.medewerker, date_format(check.period_start, "F Y")),
        )
        for check in checks
    ]


def hours_behind(*, user, stages: list, today: datetime.date) -> list[Signal]:
    """Placements two weeks or more under way with under 75% of the hours expected by now.
    Expected by now: the study programme's target spread over the days the school is open
    during the placement (no weekends, holidays or days off), counted for the student's own
    school days before today; so a holiday puts nobody behind, and a student at school three
    days a week is expected 3/5 of what one at school every weekday is. Two queries
    (the hours and schoolcalendar.school_day_counts), whatever the number of placements."""
    if not stages:
        return []
    logged = dict(_LOGGED.rows([stage.pk for stage in stages]))
    counts = schoolcalendar.school_day_counts(stages, until=today - datetime.timedelta(days=1))
    label = _("Hours behind")
    signals = []
    for stage in stages:
        elapsed = (today - stage.start_date).days
        count = counts[stage.pk]
        expected = Decimal(stage.student.opleiding.target_hours * count.done) / (
            count.open_days or 1)
        hours = logged.get(stage.pk) or Decimal(0)
        if elapsed >= 14 and hours < expected * Decimal("0.75"):
            signals.append(Signal(
                kind=KIND_BEHIND, label=label, student=stage.student,
                url=reverse("begeleiding:logboek_student", args=[stage.student.uuid]),
                severity="warning", subject=stage,
                detail=_("%(logged)s hours logged, about %(expected)s expected by now") % {
                    "logged": floatformat(hours, "-2"),
                    "expected": int(expected)},
            ))
    return signals


def quiet_leervragen(*, user, stages: list, today: datetime.date) -> list[Signal]:
    """Shared open learning questions of the school's current and coming students with no
    activity for QUIET_AFTER, the quietest first. One query."""
    school_id = _school_id(user)
    if not school_id:
        return []
    leervragen = _QUIET.list(school_id, today, timezone.now() - QUIET_AFTER)
    label = _("Learning questions without activity")
    return [
        Signal(
            kind=KIND_QUIET, label=label, student=leervraag.student,
            url=leervraag.get_absolute_url(), severity="warning", subject=leervraag,
            detail="{} · {}".format(leervraag.title, _("last activity %(date)s") % {
                "date": date_format(timezone.localtime(leervraag.last_activity_at), "j F")}),
        )
        for leervraag in leervragen
    ]
