"""The coordinator's overview (issue 11): the partnership at a glance.

Each number is a `PartnershipSignal` (opleidingsschool.registries.partnership_signals): the
core adds the placements and those with a complete triangle; begeleiding, driehoek and the
sessions add theirs in their AppConfig.ready(). A signal gives the QuerySet of the rows
behind it, scoped to the coordinator's partnership; the core counts it per school and per
institute in one grouped query (a UNION of the groupings and the total), and its list page
shows the same QuerySet, 25 a page, with a CSV export. Nothing here knows the other apps.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, QuerySet, Value
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from opleidingsschool.urlmemo import reverse

from ..imports import tables
from ..models import Instituut, Partnerschap, School, Schooljaar, Stage
from ..registries import Column, PartnershipSignal, partnership_signals
from ..selectors import complete_triangle_q

PAGE_SIZE = 25

# The fields of Partnerschap the coordinator sets on the thresholds page.
THRESHOLD_FIELDS = (
    "triangle_weeks", "triangle_grace_weeks", "hours_behind_percent", "unconfirmed_days",
    "quiet_weeks", "low_rapport",
)


def partnership_stages(partnerschap: Partnerschap, schooljaar: Schooljaar) -> QuerySet[Stage]:
    """The placements at the partnership's schools in the school year: where every
    placement signal starts (an indexed school id list, then the placements per school).
    Student placements only: a starter's induction has no triangle and no hours target, and
    a placement closed when its student became a starter is the person's alone."""
    return Stage.objects.placements().open().filter(
        schooljaar=schooljaar,
        school_id__in=School.objects.filter(partnerschap=partnerschap).values("pk"),
    )


def _stage_url(stage: Stage) -> str:
    return reverse("partnerschap:stage_detail", kwargs={"uuid": stage.uuid})


def _day(value: datetime.date) -> str:
    return date_format(value, "j M Y")


STAGE_COLUMNS = (
    Column(gettext_lazy("Student"), lambda stage: stage.student, _stage_url),
    Column(gettext_lazy("School"), lambda stage: stage.school),
    Column(gettext_lazy("Institute"), lambda stage: stage.student.opleiding.instituut),
    Column(gettext_lazy("Programme"), lambda stage: stage.student.opleiding.name),
    Column(gettext_lazy("Start date"), lambda stage: _day(stage.start_date)),
    Column(gettext_lazy("End date"), lambda stage: _day(stage.end_date)),
)
STAGE_RELATED = ("student__user", "student__opleiding__instituut", "school")


def _placements(*, partnerschap, schooljaar, today):
    return partnership_stages(partnerschap, schooljaar)


def _complete_triangle(*, partnerschap, schooljaar, today):
    return partnership_stages(partnerschap, schooljaar).filter(complete_triangle_q())


CORE_SIGNALS = [
    PartnershipSignal(
        key="plaatsingen", label=gettext_lazy("Placements"), rows=_placements,
        description=gettext_lazy("Students at a school this school year."),
        tone="neutral", order=0,
    ),
    PartnershipSignal(
        key="driehoek-compleet", label=gettext_lazy("Complete triangle"),
        rows=_complete_triangle,
        description=gettext_lazy("Placements with an active workplace mentor and a teacher "
                                 "educator."),
        tone="good", order=5,
    ),
]


def all_signals() -> list[PartnershipSignal]:
    return sorted([*CORE_SIGNALS, *partnership_signals], key=lambda signal: signal.order)


def signal_by_key(key: str) -> PartnershipSignal | None:
    return next((signal for signal in all_signals() if signal.key == key), None)


def describe(signal: PartnershipSignal, partnerschap: Partnerschap) -> str:
    """The signal's description with the partnership's own thresholds filled in."""
    values = {field: getattr(partnerschap, field) for field in THRESHOLD_FIELDS}
    return str(signal.description) % values if signal.description else ""


# --- Counting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """A signal's numbers: the total (each row once) and per school and institute id."""

    total: int
    per_school: dict[int, int]
    per_instituut: dict[int, int]


def _grouped(index: int, signal: PartnershipSignal, rows: QuerySet, *, lines: bool) -> list:
    """The grouped counts of one signal: its total, and per school and per institute when
    `lines`; each a GROUP BY of (signal, kind, key) with a count of distinct rows."""
    rows = rows.order_by()

    def grouped(field: str | None, kind: str) -> QuerySet:
        key = F(field) if field else Value(None, output_field=IntegerField())
        return (
            rows.annotate(group_signal=Value(index), group_kind=Value(kind), group_key=key)
            .values("group_signal", "group_kind", "group_key")
            .annotate(n=Count("pk", distinct=True))
            .values_list("group_signal", "group_kind", "group_key", "n")
        )

    parts = [grouped(None, "total")]
    if lines and signal.school_field:
        parts.append(grouped(signal.school_field, "school"))
    if lines and signal.instituut_field:
        parts.append(grouped(signal.instituut_field, "instituut"))
    return parts


def count_all(signals: list[PartnershipSignal], rows: list[QuerySet], *, lines: bool = True
              ) -> list[Counts]:
    """Every signal's total, and per school and per institute when `lines`, in one query: a
    UNION ALL of each signal's grouped counts (a row counted once per group, a session
    once for each of its schools)."""
    parts = [part for index, (signal, queryset) in enumerate(zip(signals, rows, strict=True))
             for part in _grouped(index, signal, queryset, lines=lines)]
    found = [{"total": 0, "school": {}, "instituut": {}} for _signal in signals]
    if parts:
        query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for index, kind, key, number in query:
            if kind == "total":
                found[index]["total"] = number
            elif key is not None:
                found[index][kind][key] = number
    return [Counts(total=numbers["total"], per_school=numbers["school"],
                   per_instituut=numbers["instituut"]) for numbers in found]


@dataclass(frozen=True)
class Cell:
    label: str  # the signal's
    count: int | None  # None: this signal is not counted this way
    url: str = ""


@dataclass(frozen=True)
class Line:
    """One school or institute with a cell per signal."""

    name: str
    cells: list[Cell]


@dataclass(frozen=True)
class SignalTotal:
    signal: PartnershipSignal
    description: str
    total: int
    url: str


def list_url(signal: PartnershipSignal, *, school=None, instituut=None) -> str:
    if not signal.listable:
        return ""
    url = reverse("partnerschap:signal_list", kwargs={"key": signal.key})
    if school is not None:
        return f"{url}?school={school.uuid}"
    if instituut is not None:
        return f"{url}?instituut={instituut.uuid}"
    return url


def overview(partnerschap: Partnerschap, *, today: datetime.date, lines: bool = True) -> dict:
    """The partnership at a glance: every signal's total, and (`lines`) a line per school
    and per institute of the partnership. Four queries (the school year, every count in
    one, the schools, the institutes; two without lines) and those of a signal worked out
    in Python (hours behind), whatever the number of schools, institutes or placements."""
    schooljaar = Schooljaar.objects.current(today)
    if schooljaar is None:
        return {"partnerschap": partnerschap, "schooljaar": None, "signals": [],
                "schools": [], "instituten": []}
    signals = all_signals()
    counts = count_all(signals, [
        signal.rows(partnerschap=partnerschap, schooljaar=schooljaar, today=today)
        for signal in signals
    ], lines=lines)
    schools = instituten = []
    if lines:
        schools = list(School.objects.filter(partnerschap=partnerschap).order_by("name"))
        instituten = list(Instituut.objects.filter(partnerschappen=partnerschap).order_by("name"))

    def line(obj, attr: str, field: str, kwarg: str) -> Line:
        cells = []
        for signal, numbers in zip(signals, counts, strict=True):
            if getattr(signal, field) is None:
                cells.append(Cell(signal.label, None))
                continue
            number = getattr(numbers, attr).get(obj.pk, 0)
            url = list_url(signal, **{kwarg: obj}) if number else ""
            cells.append(Cell(signal.label, number, url))
        return Line(name=obj.name, cells=cells)

    return {
        "partnerschap": partnerschap,
        "schooljaar": schooljaar,
        "signals": [
            SignalTotal(signal, describe(signal, partnerschap), numbers.total,
                        list_url(signal) if numbers.total else "")
            for signal, numbers in zip(signals, counts, strict=True)
        ],
        "schools": [line(school, "per_school", "school_field", "school") for school in schools],
        "instituten": [line(instituut, "per_instituut", "instituut_field", "instituut")
                       for instituut in instituten],
    }


# --- The list behind a number --------------------------------------------------------------


def list_rows(
    signal: PartnershipSignal, partnerschap: Partnerschap, *, schooljaar, today, school=None,
    instituut=None,
) -> QuerySet:
    """The rows behind a signal with what its columns show loaded, optionally of one school
    or institute, in a stable order."""
    rows = signal.rows(partnerschap=partnerschap, schooljaar=schooljaar, today=today)
    if school is not None:
        rows = rows.filter(**{signal.school_field: school.pk})
    if instituut is not None:
        rows = rows.filter(**{signal.instituut_field: instituut.pk})
    rows = signal.prepare(rows) if signal.prepare else rows.select_related(*STAGE_RELATED)
    if rows.model is Stage:
        return rows.order_by("school__name", "student__user__last_name",
                             "student__user__first_name", "pk")
    if school is not None:
        rows = rows.distinct()
    return rows.order_by(*(rows.model._meta.ordering or ["pk"]), "pk")


def columns(signal: PartnershipSignal) -> tuple[Column, ...]:
    return signal.columns or STAGE_COLUMNS


def table_rows(signal: PartnershipSignal, rows) -> list[list[tuple[str, str]]]:
    """Each row as its cells: (text, url or "")."""
    return [
        [(str(column.value(row)), column.url(row) if column.url else "")
         for column in columns(signal)]
        for row in rows
    ]


def export_csv(signal: PartnershipSignal, rows) -> bytes:
    """The whole list as CSV (`;`, UTF-8 with BOM for Dutch Excel); a cell a spreadsheet
    would run as a formula (= + - @) is escaped with a leading '."""
    data = tables.dataset(
        [str(column.header) for column in columns(signal)],
        ([column.value(row) for column in columns(signal)] for row in rows.iterator(
            chunk_size=2000)),
        title=str(signal.label),
    )
    return tables.as_csv(data)
