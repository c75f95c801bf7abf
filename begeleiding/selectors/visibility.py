"""Who may read a learning question or a day-log reflection (issue 13, "only me").

A student marks a learning question or a day-log reflection "only me" or "my mentors"
(the default). These are plain column conditions that the other selectors add to their own
query, so the rule reaches every page that reads through them without an extra query:

- a private learning question exists only for its student (lists, detail, timeline,
  evidence, search, suggestions, signals, the triangle's agenda, the leercafé's list);
- a private day-log entry keeps its date, activity and hours visible to whoever sees the
  day log (the werkplekbegeleider still confirms it); only what the student did and learned
  is hidden, and the entry says so (`reflection_hidden`).
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import BooleanField, ExpressionWrapper, Q

from ..models import Visibility


class Viewer(NamedTuple):
    """Who reads, as these rules see them: their id alone (a query compiled with the id as
    a value, compiled.py, passes one of these for the user)."""

    pk: int | None


def _own(user, prefix: str = "") -> Q:
    return Q(**{f"{prefix}student__user_id": getattr(user, "pk", None)})


def shared_or_own_q(user, prefix: str = "") -> Q:
    """On Leervraag (or, with `prefix="leervraag__"`, on a row linked to one): a question
    the user may read. Rows without a question pass when `prefix` is given."""
    if prefix:
        return (
            Q(**{f"{prefix}isnull": True})
            | Q(**{f"{prefix}visibility": Visibility.MENTORS})
            | _own(user, prefix)
        )
    return Q(visibility=Visibility.MENTORS) | _own(user)


def reflection_hidden(user) -> ExpressionWrapper:
    """On Logregel: True when the user may see the entry's hours but not its reflection."""
    return ExpressionWrapper(
        Q(visibility=Visibility.PRIVATE) & ~_own(user), output_field=BooleanField()
    )


def leervraag_hidden(user) -> ExpressionWrapper:
    """On Logregel: True when the entry's learning question is private to another user."""
    return ExpressionWrapper(
        Q(leervraag__visibility=Visibility.PRIVATE) & ~_own(user), output_field=BooleanField()
    )
