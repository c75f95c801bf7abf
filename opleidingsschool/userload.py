"""Loading the request's user, the query every logged-in page runs (issue 10).

The user comes with their student, starter and staff records (access.PROFILE_RELATED), a
join of nine tables. Built by the ORM on every request, that query cost about 3 ms of Python
to compile and Postgres about 2 ms to plan, against 0.3 ms to run: more than the rest of a
home page whose panels are kept. So it is compiled once per process, and on Postgres it is a
prepared statement of the database connection, planned once per connection; the rows become
model instances through the ORM's own populators, exactly as `select_related(...).get(pk=...)`
makes them (tests/opleidingsschool/test_userload.py compares the two).

Behind PgBouncer in transaction mode a prepared statement may be on another server
connection than the next request's: `DB_PREPARED_STATEMENTS=0` runs the compiled SQL as it is.

The row also holds the kinds of mentoring the person does now (the functies of their active
Begeleider rows), which access.roles_for needs on every page: one column instead of one
query.

Only the SQL text is kept between requests: no person's data is cached, so a changed role,
a deactivated account or a new password counts from the next request, as before.
"""

from __future__ import annotations

import threading
import weakref

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Aggregate, CharField, OuterRef, Subquery
from django.db.models.query import get_related_populators

from .access import ACTIVE_FUNCTIES, PROFILE_RELATED
from .models import Begeleider

STATEMENT = "portal_request_user"
_PK = -424242  # stands for the pk while the query is compiled


class _JoinedText(Aggregate):
    """SQLite's GROUP_CONCAT: the values of a group joined by commas (None for none)."""

    function = "GROUP_CONCAT"
    allow_distinct = True
    output_field = CharField()


class _Compiled:
    """The query of `select_related(*PROFILE_RELATED).filter(pk=%s)`, compiled once, with
    what the ORM needs to turn a row into the user and their related records."""

    def __init__(self, alias: str):
        queryset = (
            get_user_model()._default_manager.using(alias)
            .select_related(*PROFILE_RELATED).filter(pk=_PK)
        )
        # The kinds of mentoring the person does now, which every page's menu asks
        # (access.roles_for): one more column instead of one more query. Postgres gives an
        # array; elsewhere (SQLite) one text, the functies joined by commas.
        active = (Begeleider.objects.active().filter(medewerker__user=OuterRef("pk"))
                  .order_by())
        queryset = queryset.annotate(**{ACTIVE_FUNCTIES: (
            ArraySubquery(active.values("functie").distinct())
            if connections[alias].vendor == "postgresql" else
            Subquery(active.values("medewerker__user").annotate(
                joined=_JoinedText("functie", distinct=True)).values("joined"))
        )})
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        self.params = [str(param) if isinstance(param, str) else param for param in params]
        if self.params.count(_PK) != 1:  # the pk is one of the query's parameters
            raise RuntimeError(f"unexpected parameters in the user query: {params!r}")
        self.pk_at = self.params.index(_PK)
        self.functies_at = compiler.annotation_col_map[ACTIVE_FUNCTIES]
        self.alias = alias
        self.sql = sql
        self.compiler = compiler
        klass_info = compiler.klass_info
        select = compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model = klass_info["model"]
        self.fields = slice(start, end)
        self.init_list = [column[0].target.attname for column in select[start:end]]
        self.populators = get_related_populators(klass_info, select, alias)
        self.converters = compiler.get_converters([column[0] for column in select])
        # Postgres: the same query as a prepared statement ($1, $2, ... for the parameters).
        parts = sql.split("%s")
        self.prepare_sql = f"PREPARE {STATEMENT} AS " + "".join(
            part + (f"${index}" if index < len(parts) else "")
            for index, part in enumerate(parts, start=1)
        )
        self.execute_sql = f"EXECUTE {STATEMENT}({', '.join(['%s'] * len(self.params))})"
        self.prepared: weakref.WeakSet = weakref.WeakSet()  # the driver connections holding it

    def fetch_row(self, user_id):
        connection = connections[self.alias]
        params = list(self.params)
        params[self.pk_at] = user_id
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS:
                raw = connection.connection
                if raw not in self.prepared:
                    cursor.execute(self.prepare_sql)
                    self.prepared.add(raw)
                cursor.execute(self.execute_sql, params)
            else:
                cursor.execute(self.sql, params)
            return cursor.fetchone()

    def build(self, row):
        if self.converters:
            row = next(iter(self.compiler.apply_converters([row], self.converters)))
        user = self.model.from_db(self.alias, self.init_list, row[self.fields])
        for populator in self.populators:
            populator.populate(row, user)
        functies = row[self.functies_at]
        if isinstance(functies, str):  # SQLite: "werkplekbegeleider,extra"
            functies = functies.split(",")
        setattr(user, ACTIVE_FUNCTIES, frozenset(functies or ()))
        return user


_compiled: dict[str, _Compiled] = {}
_lock = threading.Lock()


def _compiled_for(alias: str) -> _Compiled:
    compiled = _compiled.get(alias)
    if compiled is None:
        with _lock:
            compiled = _compiled.get(alias) or _Compiled(alias)
            _compiled[alias] = compiled
    return compiled


def load_request_user(user_id, alias: str = "default"):
    """The user with this id and their profiles, or None. One query."""
    compiled = _compiled_for(alias)
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    row = compiled.fetch_row(user_id)
    return None if row is None else compiled.build(row)
