"""`field__any_of=subquery`: a subquery of ids that Postgres does not have to plan as a join.

Django writes `field__in=subquery` as `field IN (SELECT ...)`, which Postgres turns into a
semi-join and places among the query's other joins. The access layer's subqueries are a
UNION of branches with joins of their own; next to a page's `select_related`, the join
search grows with every relation: at national size the day log's list took 7-13 ms to plan
and under 0.5 ms to run (issue 10). `field = ANY(ARRAY(SELECT ...))` is the same condition,
but Postgres runs the subquery once, on its own (an InitPlan), and the page's query keeps
only its own tables to order. Elsewhere (SQLite) it is the plain `IN (SELECT ...)`.

Meant for small sets: the ids a person may see. The whole subquery becomes one array.

`precompiled(queryset)`: the subquery compiled on its own, once, and put into other queries
as its SQL text. Django resolves a queryset used as a value by copying and renaming every
table of it and of the subqueries inside it, for every query it goes into: a UNION of the
access layer's branches cost a page a few milliseconds of that (issue 10). The SQL is the
same; only uncorrelated subqueries (no OuterRef) can go in this way.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Field, ForeignObject, Lookup, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In


class AnyOf(In):
    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        if self.rhs_is_direct_value():  # a list of values: as `__in`
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # a foreign key's lookups are its own


class InArray(Lookup):
    """`field__in_array=[1, 2, 3]`: "is one of these ids" with the ids as one parameter,
    whatever their number: on Postgres `= ANY(%s)` with an array, elsewhere `IN (SELECT value
    FROM json_each(%s))`. Where `__in` writes a placeholder per id, this keeps the SQL the
    same for any number of them, so a query compiled once (compiled.py) takes a list."""

    lookup_name = "in_array"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = [int(value) for value in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, ids)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*lhs_params, json.dumps(ids))


Field.register_lookup(InArray)
ForeignObject.register_lookup(InArray)


def in_array_sql(ids) -> tuple[str, list]:
    """`__in_array` for a written-out query: "is one of these ids" and its one parameter, the
    same SQL for any number of ids (so compiled.execute_written can keep it prepared)."""
    ids = [int(value) for value in ids]
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [ids]
    return "IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]


def subquery_sql(queryset: QuerySet) -> tuple[str, tuple]:
    """The SQL and parameters of the ids subquery `queryset`, without ordering (an id
    subquery's order means nothing, and SQLite refuses it in a UNION). Raises EmptyResultSet
    for a subquery that can select nothing."""
    query = queryset.query.clone()
    for part in (query, *query.combined_queries):
        part.clear_ordering(force=True, clear_default=True)
    return query.sql_with_params()


def precompiled(queryset: QuerySet) -> RawSQL | QuerySet:
    """The uncorrelated subquery `queryset` as SQL compiled once (see above); the queryset
    itself when it can select nothing (Django then leaves the condition out as it does)."""
    try:
        sql, params = subquery_sql(queryset)
    except EmptyResultSet:
        return queryset
    return RawSQL(sql, params)


def one_of_sql(subquery: str) -> str:
    """"Is one of these ids" for a written-out query, as `__any_of` writes it: on Postgres
    `= ANY(ARRAY(...))`, run once and planned apart from the query's joins; elsewhere IN."""
    return f"= ANY(ARRAY({subquery}))" if connection.vendor == "postgresql" else f"IN ({subquery})"
