"""Attended sessions (for experience hours) and series of sessions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    QuerySet,
)
from django.utils import timezone

from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import (
    Aanmelding,
    Bijeenkomst,
    Soort,
)

from .audience import with_counts


@dataclass(frozen=True)
class AttendedBijeenkomst:
    bijeenkomst: Bijeenkomst
    date: datetime.date
    hours: Decimal
    url: str


def attended_bijeenkomsten(
    *, user, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[AttendedBijeenkomst]:
    """The sessions this person attended (attendance taken by a coordinator), with the
    experience hours each counts for (0 when it does not count). For begeleiding's
    logbook and hours bar; one query."""
    rows = Aanmelding.objects.filter(user=user, attended=True).select_related("bijeenkomst")
    if start:
        rows = rows.filter(bijeenkomst__starts_at__date__gte=start)
    if end:
        rows = rows.filter(bijeenkomst__starts_at__date__lte=end)
    return [
        AttendedBijeenkomst(
            bijeenkomst=row.bijeenkomst,
            date=timezone.localtime(row.bijeenkomst.starts_at).date(),
            hours=row.bijeenkomst.experience_hours,
            url=row.bijeenkomst.get_absolute_url(),
        )
        for row in rows.order_by("bijeenkomst__starts_at")
    ]


SOORT_CHOICES = Soort.choices


def series_overview(partnerschap) -> QuerySet:
    """For the planning page: every series of the partnership with its number of sessions
    and its first and last date, newest first."""
    from django.db.models import Max, Min

    from opleidingsschool.models import Reeks

    return Reeks.objects.filter(partnerschap=partnerschap).annotate(
        session_count=Count("bijeenkomsten"), first_at=Min("bijeenkomsten__starts_at"),
        last_at=Max("bijeenkomsten__starts_at"),
    ).filter(session_count__gt=0).order_by("-first_at")


SERIES_SHOWN = 20
# The planning page's series, asked on every visit: compiled once.
_SERIES = CompiledQuery("planning_series", lambda partnerschap_id: (
    series_overview(partnerschap_id)[:SERIES_SHOWN]), int)


def latest_series(partnerschap) -> list:
    """The partnership's SERIES_SHOWN newest series of series_overview."""
    return _SERIES.list(partnerschap.pk)


def series_sessions(reeks) -> list[Bijeenkomst]:
    """The sessions of one series in date order, with registrations counted."""
    return list(with_counts(reeks.bijeenkomsten.all()).prefetch_related("schools").order_by("starts_at"))
