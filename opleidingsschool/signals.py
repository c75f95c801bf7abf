"""The schoolopleider's signals: what the apps add through registries.signal_sources,
grouped per kind (registries.signal_kinds), for the signals page and the home panel."""

from __future__ import annotations

import datetime

from django.utils import timezone

from . import registries
from .access import Rol, medewerker_of, roles_for
from .compiled import CompiledQuery
from .models import Stage

# The school's running placements, asked on every visit of the signals: compiled once.
_RUNNING = CompiledQuery("signal_stages", lambda school_id, today: (
    # Student placements: a starter's induction has no triangle and no hours target.
    Stage.objects.placements().open()
    .filter(school_id=school_id, start_date__lte=today, end_date__gte=today)
    .select_related("student__user", "student__opleiding", "school")
    .order_by("student__user__last_name", "student__user__first_name", "pk")
), int, datetime.date)


def can_see_signals(user) -> bool:
    """The signals page is the schoolopleider's (of a school)."""
    if Rol.SCHOOLOPLEIDER not in roles_for(user):
        return False
    medewerker = medewerker_of(user)
    return medewerker is not None and bool(medewerker.school_id)


def signal_groups(user) -> list[dict]:
    """Every signal for this schoolopleider, per kind: declared kinds always (in their order,
    with their empty text), other kinds when they have signals. Each group: kind, label,
    severity, empty_text, on_shown and signals (in the order the source gave them). Empty for
    anyone else. A fixed number of queries."""
    if not can_see_signals(user):
        return []
    school_id = medewerker_of(user).school_id
    today = timezone.localdate()
    stages = _RUNNING.list(school_id, today)
    groups: dict[str, dict] = {
        kind.key: {"kind": kind.key, "label": kind.label, "severity": kind.severity,
                   "empty_text": kind.empty_text, "on_shown": kind.on_shown,
                   "order": kind.order, "signals": []}
        for kind in registries.signal_kinds
    }
    for source in registries.signal_sources:
        for signal in source(user=user, stages=stages, today=today):
            group = groups.setdefault(signal.kind, {
                "kind": signal.kind, "label": signal.label, "severity": signal.severity,
                "empty_text": "", "on_shown": None, "order": 50, "signals": [],
            })
            group["signals"].append(signal)
    shown = [group for group in groups.values() if group["signals"] or group["empty_text"]]
    return sorted(shown, key=lambda group: group["order"])
