"""`field__any_of=subquery`: a subquery of ids that Postgres does not have to plan as a join.

Django writes `field__in=subquery` as `field IN (SELECT ...)`, which Postgres turns into a
semi-join and places among the query's other joins. The access layer's subqueries are a
UNION of branches with joins of their own; next to a page's `select_related`, the join
search grows with every relation: at national size the day log's list took 7-13 ms to plan
and under 0.5 ms to run (issue 10). `field = ANY(ARRAY(SELECT ...))` is the same condition,
but Postgres runs the subquery once, on its own (an InitPlan), and the page's query keeps
only its own tables to order. Elsewhere (SQLite) it is the plain `IN (SELECT ...)`.

Meant for small sets: the ids a person may see. The whole subquery becomes one array.
"""

from __future__ import annotations

from django.db.models import Field, ForeignObject
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
