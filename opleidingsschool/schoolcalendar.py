"""The school calendar: on which days a placement's student is at school.

A student is at school on a day when the placement runs, the day is one of the placement's
school days (never a Saturday or Sunday), the school's region has no holiday then and the
school has not taken the day off (a study day). Everything that speaks of "today" or offers
dates asks this module, so the rule lives in one place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Value
from django.utils.translation import gettext as _

from .compiled import CompiledQuery, execute_written
from .models import School, Stage, Vakantie, VrijeDag

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DayOff:
    """A span of days a school is closed: a school holiday of its region or a day off of
    its own (then `start == end` and `is_holiday` is false)."""

    name: str
    start: datetime.date
    end: datetime.date
    is_holiday: bool


def is_weekend(day: datetime.date) -> bool:
    return day.isoweekday() > 5


def _regio_q(regio, prefix: str = "") -> Q:
    """Holidays of this region or of all regions."""
    return Q(**{f"{prefix}regio": regio}) | Q(**{f"{prefix}regio": ""})


def closed_reason(school: School, day: datetime.date) -> str | None:
    """Why the school is closed on `day` (the holiday's name or the day off's reason), or
    None on an open weekday. One query, also on a weekend, so a page's cost never depends on
    the day of the week."""
    holidays = Vakantie.objects.filter(
        _regio_q(school.regio), start_date__lte=day, end_date__gte=day
    ).values_list("name", Value(0)).order_by()
    days_off = VrijeDag.objects.filter(school_id=school.pk, date=day).values_list(
        "reason", Value(1)).order_by()
    rows = sorted(holidays.union(days_off), key=lambda row: row[1])
    if rows:
        return rows[0][0]
    return None


def no_school_reason(stage: Stage, day: datetime.date) -> str | None:
    """Why the placement's student is not at school on `day` ("Kerstvakantie",
    "studiedag", "weekend", ...), or None on a school day. One query (see closed_reason)."""
    closed = closed_reason(stage.school, day)
    if not stage.start_date <= day <= stage.end_date:
        return _("outside the placement")
    if is_weekend(day):
        return _("weekend")
    if closed is not None:
        return closed
    if day.isoweekday() not in stage.weekdays:
        return _("not one of the school days")
    return None


def is_school_day(stage: Stage, day: datetime.date) -> bool:
    """Is the placement's student at school on `day`? One query (see closed_reason)."""
    return no_school_reason(stage, day) is None


def at_school_on(stages: QuerySet[Stage], day: datetime.date) -> QuerySet[Stage]:
    """The batch form of is_school_day: narrows a queryset of placements to those whose
    student is at school on `day`. Adds no query: the whole rule is in the WHERE clause, as
    index probes per placement (holidays are a small table, days off unique per school and
    date)."""
    holiday = Vakantie.objects.filter(
        _regio_q(OuterRef("school__regio")), start_date__lte=day, end_date__gte=day
    )
    day_off = VrijeDag.objects.filter(school_id=OuterRef("school_id"), date=day)
    return stages.filter(
        start_date__lte=day, end_date__gte=day,
        schooldagen__contains=str(day.isoweekday()),
    ).exclude(Exists(holiday)).exclude(Exists(day_off))


def holidays_for(school: School, start: datetime.date, end: datetime.date) -> list[DayOff]:
    """The school's holidays and own days off that touch `start`..`end` (both included),
    in date order. Two queries."""
    holidays = Vakantie.objects.filter(
        _regio_q(school.regio), start_date__lte=end, end_date__gte=start
    ).order_by("start_date")
    days_off = VrijeDag.objects.filter(school_id=school.pk, date__gte=start, date__lte=end)
    spans = [DayOff(h.name, h.start_date, h.end_date, True) for h in holidays]
    spans += [DayOff(d.reason, d.date, d.date, False) for d in days_off]
    spans.sort(key=lambda span: (span.start, not span.is_holiday))
    return spans


def closed_days(school: School, start: datetime.date, end: datetime.date) -> dict:
    """{date: reason} for every weekday in `start`..`end` on which the school is closed.
    Two queries."""
    closed: dict[datetime.date, str] = {}
    for span in holidays_for(school, start, end):
        day = max(span.start, start)
        while day <= min(span.end, end):
            if not is_weekend(day):
                closed.setdefault(day, span.name)
            day += ONE_DAY
    return closed


def school_days_between(stage: Stage, start: datetime.date, end: datetime.date) -> list:
    """The dates in `start`..`end` (both included) on which the placement's student is at
    school. Two queries whatever the length of the period."""
    start, end = max(start, stage.start_date), min(end, stage.end_date)
    if end < start:
        return []
    closed = closed_days(stage.school, start, end)
    weekdays = stage.weekdays
    days = []
    day = start
    while day <= end:
        if day.isoweekday() in weekdays and day not in closed:
            days.append(day)
        day += ONE_DAY
    return days


@dataclass(frozen=True)
class SchoolDayCount:
    """How far a placement is in school days: `done` of its student's school days lie in the
    placement up to the day counted to; `open_days` are the weekdays its school is open over
    the whole placement (what a student at school every weekday would have)."""

    done: int
    open_days: int


def _weekday_count(start: datetime.date, end: datetime.date, weekday: int) -> int:
    """How many days of this ISO weekday lie in `start`..`end` (both included)."""
    if end < start:
        return 0
    first = start + datetime.timedelta(days=(weekday - start.isoweekday()) % 7)
    return 0 if first > end else (end - first).days // 7 + 1


def _school_days(weekdays, start, end, closed: set) -> int:
    count = sum(_weekday_count(start, end, weekday) for weekday in weekdays)
    return count - sum(
        1 for day in closed if start <= day <= end and day.isoweekday() in weekdays)


# Holidays (all regions: a small table) and the schools' days off in one UNION; asked by
# the signals and the pace of every placement list: compiled once (compiled.py).
_CLOSED_DAYS = CompiledQuery("closed_days", lambda first, last, school_ids: (
    Vakantie.objects.filter(start_date__lte=last, end_date__gte=first).values_list(
        "regio", Value(None, output_field=IntegerField()), "start_date", "end_date").order_by()
    .union(VrijeDag.objects.filter(
        school_id__in_array=school_ids, date__gte=first, date__lte=last
    ).values_list(Value(""), "school_id", "date", "date").order_by(), all=True)
), datetime.date, datetime.date, list)

# The holidays that may lie in a span of school time: compiled once.
_HOLIDAYS = CompiledQuery("holidays_between", lambda after, before: (
    Vakantie.objects.filter(start_date__lt=before, end_date__gte=after)
    .values_list("regio", "start_date", "end_date")
), datetime.date, datetime.date)


def school_day_counts(stages, *, until: datetime.date) -> dict[int, SchoolDayCount]:
    """The batch form of school_days_between for pace: {stage id: SchoolDayCount} with the
    school days from each placement's start up to `until` (included) and the open weekdays
    of the whole placement. One query whatever the number of placements (all holidays and
    the days off of all schools involved, in a UNION), two when the placements' schools are
    not loaded (select_related("school")); the counting is arithmetic in Python."""
    stages = list(stages)
    if not stages:
        return {}
    first = min(stage.start_date for stage in stages)
    last = max(stage.end_date for stage in stages)
    school_ids = {stage.school_id for stage in stages}
    if all(Stage.school.is_cached(stage) for stage in stages):
        regio_of = {stage.school_id: stage.school.regio for stage in stages}
    else:
        regio_of = dict(School.objects.filter(pk__in=school_ids).values_list("pk", "regio"))
    closed: dict[int, set] = {school_id: set() for school_id in school_ids}
    holidays = []
    for regio, school_id, start, end in _CLOSED_DAYS.rows(first, last, sorted(school_ids)):
        if school_id is None:
            holidays.append((regio, start, end))
        else:
            closed[school_id].add(start)
    for school_id, days in closed.items():
        for regio, start, end in holidays:
            if regio in ("", regio_of.get(school_id)):
                day = max(start, first)
                while day <= min(end, last):
                    if not is_weekend(day):
                        days.add(day)
                    day += ONE_DAY
    all_weekdays = {1, 2, 3, 4, 5}
    return {
        stage.pk: SchoolDayCount(
            done=_school_days(stage.weekdays, stage.start_date, min(until, stage.end_date),
                              closed[stage.school_id]),
            open_days=_school_days(all_weekdays, stage.start_date, stage.end_date,
                                   closed[stage.school_id]),
        )
        for stage in stages
    }


def school_time_start(regios, *, end: datetime.date, length: datetime.timedelta) -> dict:
    """{region: first day} of a span of `length` of school time ending the day before `end`:
    counted back from `end`, the days of the region's holidays (weekends within them too) do
    not count, so a holiday lengthens the span by its own length. A school's single days off
    do count (a day does not shift a span of weeks). One query, whatever the regions."""
    regios = set(regios)
    if not regios:
        return {}
    # A span of school time never holds more holiday than a year of them.
    holidays = _HOLIDAYS.rows(end - length - datetime.timedelta(days=366), end)
    closed: dict[str, set] = {regio: set() for regio in regios}
    for regio, start, last in holidays:
        for region, days in closed.items():
            if regio in ("", region):
                days.update(start + datetime.timedelta(days=n)
                            for n in range((last - start).days + 1))
    starts = {}
    for regio, days in closed.items():
        day, remaining = end, length.days
        while remaining:
            day -= ONE_DAY
            if day not in days:
                remaining -= 1
        starts[regio] = day
    return starts


@dataclass(frozen=True)
class ClosedSpan:
    """A school holiday or a school's day off in a person's agenda and calendar feed; `key`
    is stable per row ("vakantie-12", "vrijedag-34") for the feed's UID, `school` the name
    of the school a day off belongs to."""

    key: str
    name: str
    start: datetime.date
    end: datetime.date
    is_holiday: bool
    school: str = ""


# The schools of a person (of their placements running in the period, and their own as
# staff), then the holidays of those schools' regions and the schools' days off. Written
# out once: built by the ORM, this one query cost about 4 ms of Python on every agenda,
# calendar feed and school day (issue 10); it has no shape that depends on the person.
_CLOSED_SQL = """
WITH schools AS (
    SELECT s.id, s.name, s.regio FROM opleidingsschool_school s
    WHERE s.id IN (
        SELECT st.school_id FROM opleidingsschool_stage st
        INNER JOIN opleidingsschool_student su ON su.id = st.student_id
        WHERE su.user_id = %s AND st.start_date <= %s AND st.end_date >= %s
    ) OR s.id IN (SELECT m.school_id FROM opleidingsschool_medewerker m WHERE m.user_id = %s)
)
SELECT 'vakantie', v.id, v.name, v.start_date, v.end_date, ''
FROM opleidingsschool_vakantie v
WHERE EXISTS (SELECT 1 FROM schools)
    AND (v.regio = '' OR v.regio IN (SELECT regio FROM schools))
    AND v.start_date <= %s AND v.end_date >= %s
UNION ALL
SELECT 'vrijedag', d.id, d.reason, d.date, d.date, schools.name
FROM opleidingsschool_vrijedag d INNER JOIN schools ON schools.id = d.school_id
WHERE d.date >= %s AND d.date <= %s
"""


def closed_spans_for(user, start: datetime.date, end: datetime.date) -> list[ClosedSpan]:
    """The school holidays and days off that concern this person and touch `start`..`end`,
    in date order: a student's, of the schools of their placements running in that period;
    a staff member's, of their own school. Nothing for anyone without a school. One query
    (holidays and days off in a UNION, the schools small id subqueries, never a join of
    every school with every staff member, which scanned all staff at national size)."""
    if not user.is_authenticated:
        return []
    with connection.cursor() as cursor:
        execute_written(cursor, _CLOSED_SQL, [user.pk, end, start, user.pk, end, start, start, end])
        rows = cursor.fetchall()
    spans = [ClosedSpan(f"{kind}-{pk}", name, _date(first), _date(last), kind == "vakantie",
                        school)
             for kind, pk, name, first, last, school in rows]
    spans.sort(key=lambda span: (span.start, not span.is_holiday, span.key))
    return spans


def _date(value) -> datetime.date:
    """SQLite gives a date column of a raw query back as text."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
