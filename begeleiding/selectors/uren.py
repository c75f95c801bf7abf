"""Reads of the day log and experience hours."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from opleidingsschool.access import (
    PerViewer,
    access_values,
    medewerker_of,
    visible_students_q,
    visible_students_q_for,
)
from opleidingsschool.compiled import CompiledQuery
from opleidingsschool.models import (
    Aanmelding,
    Begeleider,
    BegeleiderStatus,
    Bijeenkomst,
    BijeenkomstStatus,
    Functie,
    Stage,
    Student,
)

from ..models import (
    Logregel,
)
from ._common import format_hours, round_to_quarter
from .visibility import Viewer, leervraag_hidden, reflection_hidden


def _logregels(user_id: int | None, students: Q) -> QuerySet[Logregel]:
    viewer = Viewer(user_id)
    return Logregel.objects.filter(students).filter(
        Q(stage__closed_at__isnull=True) | Q(student__user_id=user_id)
    ).annotate(
        reflection_hidden=reflection_hidden(viewer), leervraag_hidden=leervraag_hidden(viewer)
    )


def logregels_for(user) -> QuerySet[Logregel]:
    """Entries of the students the user may see; each says whether its reflection and its
    learning question are hidden from this user (visibility.py). The entries of a placement
    closed when its student became a starter are the person's alone (issue 15): their coach
    sees the induction's day log, not the one of their student years."""
    return _logregels(getattr(user, "pk", None), visible_students_q(user))


def _list(student_id: int, stage_id: int | None, *values: int) -> QuerySet[Logregel]:
    """A student's entries (of one placement) as the user whose access values these are
    sees them, newest first."""
    entries = _logregels(values[0], visible_students_q_for(values)).filter(student_id=student_id)
    if stage_id is not None:
        entries = entries.filter(stage_id=stage_id)
    # Only what the list shows: every further join multiplies Postgres's planning (issue 10;
    # the confirmer and the visit were joined here and never shown).
    return entries.select_related("leervraag", "aanmelding__bijeenkomst").order_by(
        "-date", "-created_at"
    )


def logregels_for_list(user, *, student: Student, stage: Stage | None) -> QuerySet[Logregel]:
    values = access_values(user)
    if values is None:
        return Logregel.objects.none()
    return _list(student.pk, getattr(stage, "pk", None), *values)


# The day log's list, asked on every visit of a day log (the student's own and a mentor's):
# compiled once per shape (access.PerViewer), of one placement or of the whole record.
_LIST_OF_PLACEMENT = PerViewer("logboek_stage", _list, int, int)
_LIST_OF_STUDENT = PerViewer(
    "logboek_student", lambda student_id, *values: _list(student_id, None, *values), int)


def logregels_page_source(user, *, student: Student, stage: Stage | None):
    """logregels_for_list as a list page reads it (pagination.Paginator): a page and the
    total from one compiled query."""
    if stage is not None:
        source = _LIST_OF_PLACEMENT.page_source(user, student.pk, stage.pk,
                                                known={"student": student})
    else:
        source = _LIST_OF_STUDENT.page_source(user, student.pk, known={"student": student})
    return Logregel.objects.none() if source is None else source


@dataclass


class HoursSummary:
    total: Decimal
    confirmed: Decimal
    target: int
    percent: int
    weeks: list[dict]
    today_logged: bool


# The placement's hours per week, asked on every visit of a day log: compiled once
# (opleidingsschool/compiled.py).
_HOURS_PER_WEEK = CompiledQuery("hours_per_week", lambda student_id, stage_id, today: (
    Logregel.objects.filter(student_id=student_id, stage_id=stage_id)
    .annotate(week=TruncWeek("date")).order_by().values("week")
    .annotate(
        week_hours=Sum("hours"),
        week_confirmed=Coalesce(Sum("hours", filter=Q(confirmed_at__isnull=False)), Decimal(0)),
        week_today=Count("pk", filter=Q(date=today)),
    )
    .values_list("week", "week_hours", "week_confirmed", "week_today")
), int, int, datetime.date)


def hours_summary(student: Student, stage: Stage | None, *, weeks: int = 8) -> HoursSummary:
    """Hours of one placement against the programme's target (none for a starter's
    induction, issue 15: `target` 0), and the last weeks' totals
    for the chart. One query: the placement's hours per week (at most about 52 rows), with
    the totals added up from those weeks."""
    today = timezone.localdate()
    has_target = student.opleiding_id is not None and not (stage is not None and stage.is_inductie)
    target = student.opleiding.target_hours if has_target else 0
    if stage is None:
        return HoursSummary(Decimal(0), Decimal(0), target, 0, [], False)
    rows = _HOURS_PER_WEEK.rows(student.pk, stage.pk, today)
    per_week: dict[datetime.date, Decimal] = {}
    totals = {"total": Decimal(0), "confirmed": Decimal(0), "today": 0}
    for week, hours, confirmed, today_count in rows:
        per_week[week.date() if isinstance(week, datetime.datetime) else week] = hours
        totals["total"] += hours
        totals["confirmed"] += confirmed
        totals["today"] += today_count
    monday = today - datetime.timedelta(days=today.weekday())
    first = monday - datetime.timedelta(weeks=weeks - 1)
    per_week = {week: hours for week, hours in per_week.items() if week >= first}
    highest = max([Decimal(8), *per_week.values()])
    chart = []
    for index in range(weeks):
        start = first + datetime.timedelta(weeks=index)
        hours = per_week.get(start, Decimal(0))
        height = int(hours / highest * 100)
        chart.append({
            "start": start, "hours": hours, "label": format_hours(hours),
            "week": start.isocalendar()[1], "height": height, "y": 120 - height,
            "x": 10 + index * 40,
        })
    total = totals["total"]
    percent = min(100, int(total * 100 / target)) if target else 0
    return HoursSummary(total, totals["confirmed"], target, percent, chart, bool(totals["today"]))


def _to_confirm(user_id: int, medewerker_id: int, *school: int) -> QuerySet[Logregel]:
    return (
        _logregels(user_id, visible_students_q_for((user_id, medewerker_id, *school)))
        .filter(
            confirmed_at__isnull=True,
            stage__begeleiders__medewerker_id=medewerker_id,
            stage__begeleiders__functie=Functie.WERKPLEKBEGELEIDER,
            stage__begeleiders__status=BegeleiderStatus.ACTIVE,
        )
        .select_related("student__user", "leervraag")
        .order_by("date", "student__user__last_name")
    )


def logregels_to_confirm(user) -> QuerySet[Logregel]:
    """Entries not yet confirmed of the placements where the user is the active
    werkplekbegeleider."""
    values = access_values(user)
    if values is None or len(values) < 2:  # no staff record: no placements to mentor
        return Logregel.objects.none()
    return _to_confirm(*values)


# The mentor's "to confirm" page: compiled once per shape (a schoolopleider's has a school;
# someone without a staff record mentors nobody).
_TO_CONFIRM = PerViewer("logregels_to_confirm", _to_confirm, counts=(2, 3))


def logregels_to_confirm_source(user):
    """logregels_to_confirm as a list page reads it (pagination.Paginator)."""
    source = _TO_CONFIRM.page_source(user)
    return Logregel.objects.none() if source is None else source


def is_werkplekbegeleider_of(user, stage_id: int) -> bool:
    medewerker = medewerker_of(user)
    return medewerker is not None and Begeleider.objects.active().filter(
        stage_id=stage_id, medewerker=medewerker, functie=Functie.WERKPLEKBEGELEIDER
    ).exists()


def aanmeldingen_of(student: Student) -> QuerySet[Aanmelding]:
    """The student's own registrations for sessions: the only ones they may book as hours."""
    return Aanmelding.objects.filter(user_id=student.user_id).select_related("bijeenkomst")


@dataclass(frozen=True)
class BookableBijeenkomst:
    aanmelding: Aanmelding
    bijeenkomst: Bijeenkomst
    date: datetime.date
    hours: Decimal
    label: str


# Asked on every visit of the student's day log: compiled once (opleidingsschool/compiled.py).
_BOOKABLE = CompiledQuery("bookable_sessions", lambda user_id, start, end: (
    Aanmelding.objects.filter(user_id=user_id).select_related("bijeenkomst")
    .filter(
        attended=True,
        logregel__isnull=True,
        bijeenkomst__experience_hours__gt=0,
        bijeenkomst__starts_at__date__gte=start,
        bijeenkomst__starts_at__date__lte=end,
    )
    .exclude(bijeenkomst__status=BijeenkomstStatus.CANCELLED)
    .order_by("bijeenkomst__starts_at", "pk")
), int, datetime.date, datetime.date)


def bookable_bijeenkomsten(student: Student, stage: Stage | None) -> list[BookableBijeenkomst]:
    """Sessions the student attended (attendance taken by a coordinator) between the start
    of this placement and today (or its end), that count for experience hours and are not
    yet in the day log; oldest first, with the hours they will book. One query.

    Reads the registrations rather than the core's attended_bijeenkomsten(): booking needs
    the registration itself (Logregel.aanmelding), which that selector does not return."""
    if stage is None:
        return []
    end = min(stage.end_date, timezone.localdate())
    rows = _BOOKABLE.list(student.user_id, stage.start_date, end)
    result = []
    for row in rows:
        hours = round_to_quarter(row.bijeenkomst.experience_hours)
        result.append(BookableBijeenkomst(
            aanmelding=row, bijeenkomst=row.bijeenkomst,
            date=timezone.localtime(row.bijeenkomst.starts_at).date(),
            hours=hours, label=format_hours(hours),
        ))
    return result


def logregel_url(user, entry: Logregel) -> str:
    """Where a link to a day-log entry takes this viewer: the edit page for the student while
    they may still change it, otherwise the entry in the student's day log (which mentors and
    the student may open; the edit page would answer 403)."""
    from opleidingsschool.urlmemo import reverse

    from ..permissions import can_edit_logregel

    if can_edit_logregel(user, entry):
        return entry.get_absolute_url()
    if entry.student.user_id == user.pk:
        page = reverse("begeleiding:logboek")
    else:
        page = reverse("begeleiding:logboek_student", args=[entry.student.uuid])
    return f"{page}#logregel-{entry.uuid}"
