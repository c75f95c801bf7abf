"""The contract between the outbox and the sources of mail.

A source owns the subject keys "<prefix>:<id>". `due(*, now)` returns what is due by time now
(in a fixed number of queries, whatever the number of recipients); sources that only send
notices return nothing. `build(*, rows)` gets a batch of its own claimed rows (with `user`
loaded) and returns, per row id, the mail to send (from `render.render_mail`) or a
`SkipReason` when it no longer applies; it decides for the whole batch in a fixed number of
queries. `preference(kind)` names the NotificatieVoorkeur field that turns this kind of mail
off, or None for mail a person must get (then it has no unsubscribe link). `label(kind)` is
the kind's name in the mail log, translated. `subjects(*, ids)` names what the mails are about
for the person's own mail page: {id: Subject} for the ids of its keys, in one query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from opleidingsschool.registries import ContributionError, Registry, _keyword_names


@dataclass(frozen=True)
class Due:
    """One mail that is due: `subject_key` is "<prefix>:<id>" of the thing it is about."""

    subject_key: str
    user_id: int
    kind: str
    bijeenkomst_id: int | None = None


def nothing_due(*, now) -> list[Due]:
    return []


def always(kind: str) -> str | None:
    return None


def kind_as_label(kind: str) -> str:
    return kind.split("-", 1)[0]


@dataclass(frozen=True)
class Subject:
    """What a mail is about, as the person's own mail page shows it."""

    title: str
    url: str = ""


def no_subjects(*, ids: list[int]) -> dict[int, Subject]:
    return {}


@dataclass(frozen=True)
class Source:
    prefix: str
    build: Callable[..., dict[int, Any]]
    due: Callable[..., Sequence[Due]] = nothing_due
    preference: Callable[[str], str | None] = always
    label: Callable[[str], str] = kind_as_label
    subjects: Callable[..., dict[int, Subject]] = no_subjects


sources = Registry("notification_sources", Source)


def register(source: Source) -> None:
    """Called from an AppConfig.ready(): checked against the contract at start-up; a prefix
    is owned by one source."""
    sources.check(source)
    for function, expected in (
        (source.build, ["rows"]), (source.due, ["now"]), (source.subjects, ["ids"]),
    ):
        if _keyword_names(function) != expected:
            raise ContributionError(
                f"notification source {source.prefix!r}: {function.__qualname__} must take "
                f"(*, {', '.join(expected)})"
            )
    if any(known.prefix == source.prefix for known in sources):
        if source in sources:
            return
        raise ContributionError(f"notification source prefix {source.prefix!r} registered twice")
    sources.append(source)


def source_for(subject_key: str) -> Source | None:
    prefix = subject_key.split(":", 1)[0]
    return next((source for source in sources if source.prefix == prefix), None)


def label_for(subject_key: str, kind: str) -> str:
    source = source_for(subject_key)
    return source.label(kind) if source else kind


def subjects_for(subject_keys) -> dict[str, Subject]:
    """{subject key: Subject} for these keys: each source asked once for all of its ids."""
    ids_per_source: dict[str, list[int]] = {}
    for key in subject_keys:
        prefix, _sep, ident = key.partition(":")
        if ident.isdigit():
            ids_per_source.setdefault(prefix, []).append(int(ident))
    found: dict[str, Subject] = {}
    for prefix, ids in ids_per_source.items():
        source = source_for(f"{prefix}:")
        if source is None or source.subjects is no_subjects:
            continue
        for ident, subject in source.subjects(ids=ids).items():
            found[f"{prefix}:{ident}"] = subject
    return found
