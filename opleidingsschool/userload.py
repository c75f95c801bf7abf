"""Loading the request's user, the query every logged-in page runs (issue 10).

The user comes with their student, starter and staff records (access.PROFILE_RELATED), a
join of nine tables. Built by the ORM on every request, that query cost about 3 ms of Python
to compile and Postgres about 2 ms to plan, against 0.3 ms to run: more than the rest of a
home page whose panels are kept. So it is a CompiledQuery (compiled.py): compiled once per
process, and on Postgres a prepared statement planned once per connection; the rows become
model instances through the ORM's own populators, exactly as `select_related(...).get(pk=...)`
makes them (tests/opleidingsschool/test_userload.py compares the two).

The row also holds the kinds of mentoring the person does now (the functies of their active
Begeleider rows), which access.roles_for needs on every page: one column instead of one
query.

Only the SQL text is kept between requests: no person's data is cached, so a changed role,
a deactivated account or a new password counts from the next request, as before.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Aggregate, CharField, OuterRef, Subquery

from .access import ACTIVE_FUNCTIES, PROFILE_RELATED
from .compiled import CompiledQuery
from .models import Begeleider


class _JoinedText(Aggregate):
    """SQLite's GROUP_CONCAT: the values of a group joined by commas (None for none)."""

    function = "GROUP_CONCAT"
    allow_distinct = True
    output_field = CharField()


def _with_profiles(pk):
    """`select_related(*PROFILE_RELATED).filter(pk=pk)`, with the kinds of mentoring the
    person does now, which every page's menu asks (access.roles_for): one more column
    instead of one more query. Postgres gives an array; elsewhere (SQLite) one text, the
    functies joined by commas."""
    active = (Begeleider.objects.active().filter(medewerker__user=OuterRef("pk"))
              .order_by())
    return get_user_model()._default_manager.select_related(*PROFILE_RELATED).filter(
        pk=pk
    ).annotate(**{ACTIVE_FUNCTIES: (
        ArraySubquery(active.values("functie").distinct())
        if connection.vendor == "postgresql" else
        Subquery(active.values("medewerker__user").annotate(
            joined=_JoinedText("functie", distinct=True)).values("joined"))
    )})


# The statement portal_request_user.
_REQUEST_USER = CompiledQuery("request_user", _with_profiles, int)


def load_request_user(user_id, alias: str = "default"):
    """The user with this id and their profiles, or None. One query."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    users = _REQUEST_USER.list(user_id, using=alias)
    if not users:
        return None
    user = users[0]
    functies = getattr(user, ACTIVE_FUNCTIES)
    if isinstance(functies, str):  # SQLite: "werkplekbegeleider,extra"
        functies = functies.split(",")
    setattr(user, ACTIVE_FUNCTIES, frozenset(functies or ()))
    return user
