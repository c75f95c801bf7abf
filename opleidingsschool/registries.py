"""Small registries through which apps contribute to pages the core owns.

Imports point downward only, so the core cannot ask begeleiding or driehoek directly. Each
registry is a plain list of contributions with a typed contract: a `Protocol` for the
function (keyword-only arguments) and a frozen dataclass for what it returns. An app
appends its functions in its AppConfig.ready(); `Registry.append` checks each against the
contract then, so a wrong contribution stops the start-up instead of breaking a page. The
page asks the registry, always with keyword arguments. (Mail sources register with the
outbox instead: opleidingsschool/notifications/registry.py.)

| registry | contribution is called as | returns |
|---|---|---|
| home_panels | `fn(*, user, roles)` | `list[HomePanel]` |
| menu_items | `fn(*, user, roles)` | `list[MenuItem]` |
| calendar_sources | `fn(*, user, start, end)` | `list[icalendar.Event]` |
| timeline_sources | `fn(*, user, leervraag)` | `list[TimelineEntry]` |
| evidence_sources | `fn(*, user, student, leeruitkomsten)` | `dict[leeruitkomst id, list[Evidence]]` |
| demo_seeders | `fn(*, today)` | `None` |
| scale_seeders | `fn(*, cursor, plan, log)` | `None` |
| open_leervragen_sources | `fn(*, students)` | `list[OpenLeervraag]` |
| interim_evaluation_dates | `fn(*, stage_ids, until)` | `dict[stage id, list[date]]` |
| signal_sources | `fn(*, user, stages, today)` | `list[Signal]` |
| signal_kinds | (a `SignalKind` itself, not a function) | — |
| student_links | `fn(*, user, student, roles, stages)` | `list[StudentLink]` |
| partnership_signals | a `PartnershipSignal`; its `rows(*, partnerschap, schooljaar, today)` | QuerySet |
| inductie_started | `fn(*, student, stage)` | `None` |
| interim_evaluation_sources | `fn(*, user, student)` | `list[InterimEvaluation]` |
| recognition_sources | `fn(*, user_ids, schooljaar)` | `list[Tally]` |
| recognition_panels | `fn(*, viewer, medewerker, schooljaar)` | `list[RecognitionPanel]` |
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol


class ContributionError(TypeError):
    """A contribution does not match its registry's contract."""


def _keyword_names(function: Callable) -> list[str]:
    """The names of `function`'s parameters; a ContributionError unless all are keyword-only."""
    names = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == "self":
            continue
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            raise ContributionError(
                f"{function.__qualname__}: parameter {parameter.name!r} must be keyword-only "
                "(put a * before the parameters)"
            )
        names.append(parameter.name)
    return names


class Registry(list):
    """A list of contributions checked against `contract` as they are appended: a Protocol
    whose `__call__` gives the keyword-only parameters a function must take, or a dataclass
    the contributions must be instances of. `contract=None` checks nothing (a registry
    whose contract is being reshaped)."""

    def __init__(self, name: str, contract: type | None):
        super().__init__()
        self.name = name
        self.contract = contract

    def append(self, contribution) -> None:
        self.check(contribution)
        # ready() may run again for the same apps (django.test.utils.isolate_apps builds a
        # second app registry): a contribution counts once, or every home panel shows twice.
        if contribution in self:
            return
        super().append(contribution)

    def register(self, contribution):
        """Append, and give the contribution back (usable as a decorator)."""
        self.append(contribution)
        return contribution

    def check(self, contribution) -> None:
        contract = self.contract
        if contract is None:
            return
        if not getattr(contract, "_is_protocol", False):
            if not isinstance(contribution, contract):
                raise ContributionError(
                    f"{self.name}: expected a {contract.__name__}, got {contribution!r}"
                )
            return
        if not callable(contribution):
            raise ContributionError(f"{self.name}: {contribution!r} is not callable")
        expected = _keyword_names(contract.__call__)
        got = _keyword_names(contribution)
        if sorted(got) != sorted(expected):
            raise ContributionError(
                f"{self.name}: {contribution.__qualname__} takes ({', '.join(got)}); the "
                f"contract is (*, {', '.join(expected)})"
            )


@dataclass(frozen=True)
class HomePanel:
    """One block on a person's home page. Lower `order` comes first ("what needs me now")."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class MenuItem:
    """One entry of the main menu, shown in the group of the role it belongs to."""

    label: str
    url: str
    group: str
    order: int = 100
    # Items of one group that share a section are shown together under one dropdown (the
    # coordinator's "Overviews"), so a single role's menu still fits a laptop's width.
    section: str = ""


class HomePanelSource(Protocol):
    """The panels this user sees on the home page; `roles` is access.roles_for(user)."""

    def __call__(self, *, user, roles: frozenset) -> list[HomePanel]: ...


home_panels = Registry("home_panels", HomePanelSource)


class MenuItemSource(Protocol):
    """The menu entries this user may open; `roles` is access.roles_for(user)."""

    def __call__(self, *, user, roles: frozenset) -> list[MenuItem]: ...


menu_items = Registry("menu_items", MenuItemSource)


class CalendarSource(Protocol):
    """The user's own events between `start` and `end` for the personal calendar feed, as
    icalendar.Event objects with a stable uid."""

    def __call__(
        self, *, user, start: datetime.datetime, end: datetime.datetime
    ) -> list: ...


calendar_sources = Registry("calendar_sources", CalendarSource)


@dataclass(frozen=True)
class TimelineEntry:
    """One event on a learning question's timeline."""

    when: datetime.datetime
    label: str
    url: str


class TimelineSource(Protocol):
    """What happened around this learning question that the user may see."""

    def __call__(self, *, user, leervraag) -> list[TimelineEntry]: ...


timeline_sources = Registry("timeline_sources", TimelineSource)

class Evidence(NamedTuple):
    """One piece of evidence for a learning outcome (immutable; unpacks as (date, label, url))."""

    date: datetime.date
    label: str
    url: str


class EvidenceSource(Protocol):
    """Asked once per page for all outcomes: {leeruitkomst id: [Evidence, ...]} for the
    outcomes given, only what `user` may see of `student`, in a fixed number of queries
    whatever the number of outcomes or pieces of evidence."""

    def __call__(
        self, *, user, student, leeruitkomsten: Sequence[Any]
    ) -> dict[int, list[Evidence]]: ...


evidence_sources = Registry("evidence_sources", EvidenceSource)


class DemoSeeder(Protocol):
    """Run by `manage.py seed_demo` after the core's demo partnership exists, inside the same
    transaction. Must be idempotent."""

    def __call__(self, *, today: datetime.date) -> None: ...


demo_seeders = Registry("demo_seeders", DemoSeeder)


class ScaleSeeder(Protocol):
    """Run by `manage.py seed_scale` after the core's national-size rows exist, in the same
    transaction: bulk-inserts the app's part with INSERT ... SELECT, computing ids from the
    plan (an opleidingsschool.scale.ScalePlan); `log(message)` reports progress."""

    def __call__(self, *, cursor, plan, log: Callable[[str], None]) -> None: ...


scale_seeders = Registry("scale_seeders", ScaleSeeder)


@dataclass(frozen=True)
class OpenLeervraag:
    """An open learning question of a student, for a leercafé's preparation."""

    student: Any  # opleidingsschool.models.Student
    title: str
    expertises: list[str]
    url: str


class OpenLeervragenSource(Protocol):
    """The open learning questions of these students (begeleiding contributes; the core's
    sessions ask)."""

    def __call__(self, *, students) -> list[OpenLeervraag]: ...


open_leervragen_sources = Registry("open_leervragen_sources", OpenLeervragenSource)


class TussenevaluatieSource(Protocol):
    """When the interim evaluations of these placements reached their student: for each
    placement id the days, up to and including `until`, on which one was there for the
    student (shared with them, and not before its own date). begeleiding asks the rapport
    check again on those days; driehoek contributes. One query for all placements."""

    def __call__(self, *, stage_ids, until: datetime.date) -> dict[int, list[datetime.date]]: ...


interim_evaluation_dates = Registry("interim_evaluation_dates", TussenevaluatieSource)


# attendance_sources is not a registry: begeleiding reads attended sessions (and the
# experience hours they count for) through opleidingsschool.bijeenkomsten.selectors
# .attended_bijeenkomsten(user=..., start=..., end=...), since it may import the core.


# signal_sources: fn(*, user, stages: list[Stage], today: date) -> list[Signal]. The core's
# signals page and the schoolopleider's home panel (opleidingsschool.signals) pass the
# schoolopleider and the placements at their school that run today; each source returns its
# signals, computed in bulk: a fixed number of queries whatever the number of stages. A
# source returns nothing the user may not see. begeleiding adds low rapport, hours behind and
# quiet learning questions; driehoek "no triangle meeting this period".
@dataclass(frozen=True)
class Signal:
    """Something about one student that needs the schoolopleider's attention.

    `kind` is a stable key ("<app>:<what>") that groups signals on the page; `label` is the
    kind's translated heading, the same for every signal of a kind; `detail` a short
    translated line about this student; `url` where to act on it (a page the schoolopleider
    may open); `severity` a Bootstrap badge colour: "danger", "warning" or "info";
    `subject` the record the signal shows (for its kind's `on_shown`, e.g. the read log);
    `quote` a short text of someone else shown in quotes (e.g. a rapport check's comment).
    """

    kind: str
    label: str
    student: Any  # opleidingsschool.models.Student
    url: str
    severity: str = "warning"
    detail: str = ""
    subject: Any = None
    quote: str = ""


class SignalSource(Protocol):
    """Signals for this schoolopleider about their school (`stages`: the placements there
    running today), computed in bulk: a fixed number of queries whatever the number of rows."""

    def __call__(self, *, user, stages: list, today: datetime.date) -> list[Signal]: ...


signal_sources = Registry("signal_sources", SignalSource)


@dataclass(frozen=True)
class SignalKind:
    """A kind of signal declared up front, so the page shows its heading and `empty_text`
    also when there is no signal of it ("No low rapport ratings. Good news."). Lower `order`
    comes first; kinds nobody declared show only when they have signals, at order 50.
    `on_shown(user=..., signals=[...])`, if given, is called once when the signals page
    shows the kind's signals (also with none), e.g. to record reads in the privacy log."""

    key: str
    label: str
    empty_text: str = ""
    severity: str = "warning"
    order: int = 100
    on_shown: Callable[..., None] | None = None


signal_kinds = Registry("signal_kinds", SignalKind)


@dataclass(frozen=True)
class StudentLink:
    """A way from the core's student page to an app's page about this student."""

    label: str
    url: str
    order: int = 100


class StudentLinkSource(Protocol):
    """Links from the student page to pages about this student that the user may open;
    `roles` is access.capacities_for(user, student), `stages` the student's placements the
    user sees. A fixed number of queries."""

    def __call__(self, *, user, student, roles: frozenset, stages: list) -> list[StudentLink]: ...


student_links = Registry("student_links", StudentLinkSource)


# partnership_signals: the coordinator's overview (issue 11), the partnership at a glance.
@dataclass(frozen=True)
class Column:
    """One column of a signal's list and its CSV export: `value(row)` gives the cell's text,
    `url(row)`, if given, a page the coordinator may open for it."""

    header: str
    value: Callable[[Any], Any]
    url: Callable[[Any], str] | None = None


class PartnershipRows(Protocol):
    """The rows behind a signal of partnership `partnerschap` in `schooljaar` on `today`:
    a QuerySet of its placements (Stage) or of other rows (a session), scoped to the
    partnership by the contribution itself (opleidingsschool.partnerschap.signals
    .partnership_stages gives the placements), in a fixed number of queries."""

    def __call__(self, *, partnerschap, schooljaar, today: datetime.date) -> Any: ...


@dataclass(frozen=True)
class PartnershipSignal:
    """A number on the coordinator's overview, counted per school and per institute.

    `key` is a stable slug (it is in the list's URL); `label` the heading; `description` a
    short line that may name the partnership's thresholds as %(field)s ("no meeting in
    %(triangle_weeks)s weeks"); `thresholds` the Partnerschap fields it uses. `rows` gives the
    QuerySet; `school_field` and `instituut_field` are the lookups from a row to a school id
    and an institute id (None: not counted that way). `listable` False keeps the rows closed
    (low rapport: counted, never shown in detail). `columns` describe the list and its
    export, `prepare(rows)` loads what they show (select_related, a Subquery annotation);
    without columns the list shows the core's placement columns.
    `tone` is "good" for a number the partnership wants high, else "attention"."""

    key: str
    label: str
    rows: PartnershipRows
    description: str = ""
    thresholds: tuple[str, ...] = ()
    school_field: str | None = "school_id"
    instituut_field: str | None = "student__opleiding__instituut_id"
    listable: bool = True
    columns: tuple[Column, ...] = ()
    prepare: Callable[[Any], Any] | None = None
    tone: str = "attention"
    order: int = 100

    def __post_init__(self):
        got = _keyword_names(self.rows)
        if sorted(got) != ["partnerschap", "schooljaar", "today"]:
            raise ContributionError(
                f"partnership_signals: {self.key}'s rows takes ({', '.join(got)}); the "
                "contract is (*, partnerschap, schooljaar, today)"
            )


partnership_signals = Registry("partnership_signals", PartnershipSignal)


# inductie_started (issue 15): a person's induction placement has just been made (a student
# became a starter, or a starter was added), inside the same transaction. Each app carries
# its part of the learning record into the induction; begeleiding copies the open points of
# the last development plan into the plan of the induction's school year.
class InductieStarted(Protocol):
    """`student` is the person's learning record, `stage` their new induction placement
    (Stage of kind INDUCTIE). Must be idempotent and cost a fixed number of queries."""

    def __call__(self, *, student, stage) -> None: ...


inductie_started = Registry("inductie_started", InductieStarted)


# interim_evaluation_sources: begeleiding shows a student's growth per domain of their lesson
# observations next to the interim evaluations, which driehoek keeps.
@dataclass(frozen=True)
class InterimEvaluation:
    """An interim evaluation of a student that the user may open."""

    date: datetime.date
    label: str
    url: str


class InterimEvaluationSource(Protocol):
    """The interim evaluations of this student the user may see (the student's own only once
    shared with them), oldest first, in a fixed number of queries."""

    def __call__(self, *, user, student) -> list[InterimEvaluation]: ...


interim_evaluation_sources = Registry("interim_evaluation_sources", InterimEvaluationSource)
# recognition_sources and recognition_panels: recognition of the colleagues who train
# (issue 15). The colleague's own page, the schoolopleider's team and the coordinator's
# overview (opleidingsschool/erkenning/) count what each colleague contributed to training in
# a school year from what the portal already records; nothing is typed in by hand.
@dataclass(frozen=True)
class Tally:
    """One kind of contribution to training, counted per person for one school year.

    `key` is a stable "<app>:<what>"; `label` the translated name of what is counted, neutral
    (it heads the colleague's own page and a schoolopleider's view of it alike); `counts` maps
    a user id to the amount (a user missing from it has 0); `short_label` names it after a
    number in the team overview's compact list ("12 classroom visits hosted"); `unit` is
    empty for a number of things, else a translated unit ("hours", "weeks"); `explanation`
    says precisely how the number is computed (the page shows it, so a colleague knows what
    they are shown). Lower `order` comes first."""

    key: str
    label: str
    counts: Mapping[int, Any]
    short_label: str = ""
    unit: str = ""
    explanation: str = ""
    order: int = 100

    def of(self, user_id: int):
        return self.counts.get(user_id, 0)


class RecognitionSource(Protocol):
    """What the people `user_ids` contributed to training in `schooljaar` (a Schooljaar), as
    one Tally per kind of contribution (also when every count is 0, so the page can say so),
    in a FIXED number of queries whatever the number of users or rows: the team overview
    asks once for a whole page of colleagues."""

    def __call__(self, *, user_ids: Sequence[int], schooljaar) -> list[Tally]: ...


recognition_sources = Registry("recognition_sources", RecognitionSource)
# Contributions (each in its AppConfig.ready()):
#   opleidingsschool  erkenning/sources.py: students mentored per Begeleider function (any
#                     function, so a new one such as an induction coach shows by itself),
#                     mentoring weeks, leercafés and sessions as an invited expert,
#                     symposium jury, mentor meetings attended
#   begeleiding       recognition.py: classroom visits hosted, experience hours confirmed,
#                     lesson observations made, notes of thanks (a count)
#   driehoek          recognition.py: triangle meetings held


@dataclass(frozen=True)
class RecognitionPanel:
    """A section of one colleague's recognition page (e.g. the notes of thanks)."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


class RecognitionPanelSource(Protocol):
    """Sections about `medewerker` (a Medewerker) in `schooljaar` for `viewer`, who may see
    the page: the colleague themself, the schoolopleider of their school or the coordinator
    of their partnership. A source shows personal details (a student's name, a note's text)
    only to whom they belong: the notes of thanks only to the colleague themself. A fixed
    number of queries."""

    def __call__(self, *, viewer, medewerker, schooljaar) -> list[RecognitionPanel]: ...


recognition_panels = Registry("recognition_panels", RecognitionPanelSource)
