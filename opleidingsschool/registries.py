"""Small registries through which apps contribute to pages the core owns.

Imports point downward only, so the core cannot ask begeleiding or driehoek directly. Each
registry is a plain list of callables with one documented signature; an app appends its
functions in its AppConfig.ready(), and the page asks the registry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol


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


# home_panels: fn(user, roles: frozenset[Rol]) -> list[HomePanel]
home_panels: list[Callable[..., list[HomePanel]]] = []

# menu_items: fn(user, roles: frozenset[Rol]) -> list[MenuItem]
menu_items: list[Callable[..., list[MenuItem]]] = []

# calendar_sources: fn(user, start: datetime, end: datetime) -> list[icalendar.Event]
calendar_sources: list[Callable[..., list]] = []

# timeline_sources: fn(user, leervraag) -> list[(datetime, label: str, url: str)]
timeline_sources: list[Callable[..., list]] = []

class Evidence(NamedTuple):
    """One piece of evidence for a learning outcome (unpacks as (date, label, url))."""

    date: datetime.date
    label: str
    url: str


class EvidenceSource(Protocol):
    """Asked once per page for all outcomes: returns {leeruitkomst id: [Evidence, ...]} for
    the outcomes given, only what `user` may see of `student`, in a fixed number of queries
    whatever the number of outcomes or pieces."""

    def __call__(
        self, *, user: Any, student: Any, leeruitkomsten: Sequence[Any]
    ) -> dict[int, list[Evidence]]: ...


evidence_sources: list[EvidenceSource] = []

# demo_seeders: fn(*, today: date) -> None; run by `manage.py seed_demo` after the core's
# demo partnership exists, inside the same transaction. Must be idempotent.
demo_seeders: list[Callable[..., None]] = []

# scale_seeders: fn(*, cursor, plan: opleidingsschool.scale.ScalePlan, log) -> None; run by
# `manage.py seed_scale` after the core's national-size rows exist, in the same transaction.
# Each app bulk-inserts its part with INSERT ... SELECT, computing ids from the plan.
scale_seeders: list[Callable[..., None]] = []

# open_leervragen_sources: fn(*, students) -> list[dict] with keys "student" (Student),
# "title" (str), "expertises" (list[str]), "url" (str). begeleiding contributes the open
# learning questions of these students (for a leercafé's preparation); the core asks.
open_leervragen_sources: list[Callable[..., list[dict]]] = []


# reminder_sources: ReminderSource objects. The core's reminder sweep (beat, every few
# minutes, and `manage.py send_due_reminders`) asks each source what is due and records one
# Herinnering per (subject_key, user, kind) under a unique constraint; a task then claims
# each row and sends the mail the source builds, exactly once. Sessions are one source;
# driehoek may add one for action items that fall due.
@dataclass(frozen=True)
class DueReminder:
    """One reminder that is due now: `subject_key` is "<prefix>:<id>" of the thing."""

    subject_key: str
    user_id: int
    kind: str
    bijeenkomst_id: int | None = None


@dataclass(frozen=True)
class ReminderSource:
    """`prefix` owns the subject keys "<prefix>:..."; `due(*, now)` returns what is due in a
    fixed number of queries, whatever the number of recipients; `build(*, herinnering)`
    returns the mail to send (an EmailMessage whose `to` is the recipient) or None when it no
    longer applies (then it is recorded as skipped, never sent)."""

    prefix: str
    due: Callable[..., list[DueReminder]]
    build: Callable[..., Any]


reminder_sources: list[ReminderSource] = []

# attendance_sources is not a registry: begeleiding reads attended sessions (and the
# experience hours they count for) through opleidingsschool.bijeenkomsten.selectors
# .attended_bijeenkomsten(user=..., start=..., end=...), since it may import the core.


# signal_sources: fn(*, stages: list[Stage], today: date) -> list[Signal]. The schoolopleider's
# signals page and home panel (begeleiding) pass the placements at their school that run
# today; each source returns its signals about those placements, computed in bulk: a fixed
# number of queries whatever the number of stages. The caller has already scoped `stages` to
# what the user may see; a source returns nothing about other placements. driehoek adds
# "no triangle meeting this period".
@dataclass(frozen=True)
class Signal:
    """Something about one student that needs the schoolopleider's attention.

    `kind` is a stable key ("<app>:<what>") that groups signals on the page; `label` is the
    kind's translated heading, the same for every signal of a kind; `detail` a short
    translated line about this student; `url` where to act on it (a page the schoolopleider
    may open); `severity` a Bootstrap badge colour: "danger", "warning" or "info".
    """

    kind: str
    label: str
    student: Any  # opleidingsschool.models.Student
    url: str
    severity: str = "warning"
    detail: str = ""


signal_sources: list[Callable[..., list[Signal]]] = []


@dataclass(frozen=True)
class StudentLink:
    """A way from the core's student page to an app's page about this student."""

    label: str
    url: str
    order: int = 100


# student_links: fn(user, student, capacities: frozenset[Capacity], stages: list[Stage])
#   -> list[StudentLink]. Only links the user may open; a fixed number of queries.
student_links: list[Callable[..., list[StudentLink]]] = []
