"""Querysets compiled once per process, and on Postgres prepared once per connection (issue 10).

Building a queryset and compiling it to SQL costs the ORM about a millisecond of Python per
query, and Postgres one or more milliseconds to plan it, where running it takes a fraction
of that. A page that asks the same dozen questions on every request (the triangle page, the
signals) pays that a dozen times. A `CompiledQuery` builds its queryset once, with stand-in
values for its parameters, keeps the SQL and what the ORM needs to turn rows into model
instances, and on every later call only puts the real values in:

    LEERDOELEN = CompiledQuery("driehoek_leerdoelen", lambda stage_id: (
        Leerdoel.objects.filter(stage_id=stage_id).select_related("gesprek")), int)
    LEERDOELEN.list(stage.pk)

The rows become instances through the ORM's own populators, as the queryset would make them
(select_related, annotations, prefetch_related, converters): tests compare the two. Only SQL
text is kept between requests, never anyone's data.

The queryset's shape must not depend on the values: a stand-in must reach the SQL as a
parameter (an id, a date, a list of ids through `field__in_array`), not as a LIMIT or as the
length of an IN list. Compiling refuses a shape where a stand-in is missing from the
parameters or shows in the SQL text. A query whose shape varies (by role, say) is one
CompiledQuery per shape.

A list page asks for one page of rows and how many there are in all: `page_source(*values)`
gives what `pagination.Paginator` reads that from, one compiled query with `COUNT(*) OVER ()`
and the LIMIT and OFFSET as parameters.

Companions: `CompiledSubquery` keeps an ids subquery's SQL the same way, to go into
other queries as text (the access layer's ids), and `CompiledStatement` a whole statement
written from querysets; `attach` and `attach_list` fill related
lists from one compiled query of the whole set, as prefetch_related would from the parents'
ids.

Postgres plans a prepared statement anew for every execution ("custom plans") while its
plan for any values ("generic") looks dearer by its estimates; for a few of the lists that
costs 0.5-1.8 ms of planning per visit where the generic plan runs as fast. Those say
`generic=True` (measured at national size, docs/performance.md): outside a transaction the
statement is run as `SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE ...`, one round
trip, the setting gone with the statement's own transaction. Inside one (a form's atomic
write) it is run as the others are, so the setting never reaches another statement.

Behind PgBouncer in transaction mode a prepared statement may be on another server
connection than the next request's: `DB_PREPARED_STATEMENTS=0` runs the compiled SQL as it is.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import re
import threading
import uuid
import weakref
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.db.models import Count, Model, QuerySet, Window, prefetch_related_objects
from django.db.models.query import get_related_populators

from .lookups import subquery_sql

PAGE_TOTAL = "_page_total"  # the rows' count before the LIMIT, on each row of a page
GENERIC = "SET LOCAL plan_cache_mode = force_generic_plan; "  # before an EXECUTE (generic=True)

# Stand-ins for the parameters while a query is compiled: values no real row or filter has.
# A value of a small integer column (a study year): Django leaves a filter on a number its
# column cannot hold out of the SQL, so its stand-in is one the column can hold.
SMALLINT = "smallint"

_STAND_INS = {
    int: lambda index: -424_242_000 - index,
    SMALLINT: lambda index: 32_123 - index,
    uuid.UUID: lambda index: uuid.UUID(int=0x4242_4242_0000 + index),
    list: lambda index: [-424_242_000 - index],  # ids, as `field__in_array` takes them
    datetime.date: lambda index: datetime.date(1111, 1, 1) + datetime.timedelta(days=index),
    datetime.datetime: lambda index: datetime.datetime(
        1111, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(minutes=index),
}


def _adapted(connection, value):
    """A value as the ORM hands it to the database driver: a date or a moment as is on
    Postgres, as text on SQLite; a list of ids as `__in_array` does (lookups.py)."""
    if isinstance(value, list):
        return value if connection.vendor == "postgresql" else json.dumps(value)
    if isinstance(value, uuid.UUID):
        return value if connection.features.has_native_uuid_field else value.hex
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _slots(name: str, sql: str, params: list, stand_ins: list, connection) -> list[list[int]]:
    """Per value of a call: where it goes in `params` (where its stand-in is)."""
    found = []
    for stand_in in stand_ins:
        stand_in = _adapted(connection, stand_in)
        slots = [index for index, param in enumerate(params)
                 if type(param) is type(stand_in) and param == stand_in]
        if not slots or str(stand_in) in sql:
            raise ValueError(f"{name}: {stand_in!r} is not a parameter of {sql}")
        found.append(slots)
    return found


def _uses_stand_ins(queryset: QuerySet, stand_ins: list, connection) -> bool:
    sql, params = queryset.query.sql_with_params()
    adapted = [_adapted(connection, stand_in) for stand_in in stand_ins]
    return any(param == stand_in and type(param) is type(stand_in)
               for param in params for stand_in in adapted)


def _filled(params: list, slots: list[list[int]], values, connection) -> list:
    params = list(params)
    for places, value in zip(slots, values, strict=True):
        value = _adapted(connection, value)
        for index in places:
            params[index] = value
    return params


def _stand_ins(kinds) -> list:
    return [_STAND_INS[kind](index) for index, kind in enumerate(kinds)]


def kept(cache: dict, lock: threading.Lock, key, make: Callable[[], object]):
    """`cache[key]`, made by `make()` the first time, once whatever the number of threads
    asking (a compiled query's name is its prepared statement's: two of one name would
    collide on a connection)."""
    found = cache.get(key)
    if found is None:
        with lock:
            found = cache.get(key)
            if found is None:
                found = cache[key] = make()
    return found


def _check(name: str, kinds, values) -> None:
    for kind, value in zip(kinds, values, strict=True):
        if kind == SMALLINT:
            if type(value) is not int or not -32_768 <= value <= 32_767:
                raise TypeError(f"{name}: {value!r} is not a small integer")
            continue
        if type(value) is not kind or (kind is datetime.datetime and value.tzinfo is None) or (
                kind is list and not all(type(item) is int for item in value)):
            raise TypeError(f"{name}: {value!r} is not a {kind.__name__}"
                            + (" of ids" if kind is list else ""))


def _prepared(name: str, sql: str) -> tuple[str, str]:
    """PREPARE and EXECUTE for `sql` (%s parameters, %% a percent sign) as statement `name`:
    $1, $2, ... for the parameters, a literal percent sign as itself."""
    numbers = itertools.count(1)
    count = len(re.findall("%s", sql.replace("%%", "")))
    prepare = f"PREPARE {name} AS " + re.sub(
        "%[s%]", lambda match: "%" if match[0] == "%%" else f"${next(numbers)}", sql)
    return prepare, f"EXECUTE {name}({', '.join(['%s'] * count)})"


class _Shape:
    """One CompiledQuery compiled for one database; `paged`: with a LIMIT and an OFFSET
    as its last two parameters."""

    def __init__(self, name: str, queryset: QuerySet, stand_ins: list, alias: str,
                 paged: bool = False, generic: bool = False):
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        params = list(params)
        self.slots = _slots(name, sql, params, stand_ins, compiler.connection)
        if paged:
            sql += " LIMIT %s OFFSET %s"
            params += [0, 0]
        self.paged = paged
        self.alias, self.sql, self.params = alias, sql, params
        self.compiler = compiler
        select, klass_info = compiler.select, compiler.klass_info
        self.model = None  # values_list(): rows as tuples (CompiledQuery.rows), the columns
        # selected in the order asked (Django 5.2's compiler), as its iterable gives them
        if klass_info is not None and queryset._fields is None:
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.model_fields = slice(fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[self.model_fields]]
            self.populators = get_related_populators(klass_info, select, alias)
        self.annotations = list(compiler.annotation_col_map.items())
        self.total_column = compiler.annotation_col_map.get(PAGE_TOTAL)  # paged: the total
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.converters = compiler.get_converters([column[0] for column in select[:compiler.col_count]])
        self.prefetch = queryset._prefetch_related_lookups
        for lookup in self.prefetch:  # a prefetch's own queryset is kept as it was built
            inner = getattr(lookup, "queryset", None)
            if inner is not None and _uses_stand_ins(inner, stand_ins, compiler.connection):
                raise ValueError(f"{name}: the prefetch {lookup.prefetch_to} depends on the "
                                 "values; attach its rows from a CompiledQuery instead")
        # Postgres: the same query as a prepared statement.
        self.prepare_sql, self.execute_sql = _prepared(f"portal_{name}", sql)
        self.generic = generic
        self.prepared: weakref.WeakSet = weakref.WeakSet()  # the driver connections holding it

    def fetch(self, values, limit: int = 0, offset: int = 0) -> list[tuple]:
        connection = connections[self.alias]
        params = _filled(self.params, self.slots, values, connection)
        if self.paged:
            params[-2:] = [limit, offset]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS:
                raw = connection.connection
                if raw not in self.prepared:
                    cursor.execute(self.prepare_sql)
                    self.prepared.add(raw)
                cursor.execute(_generic(connection, self.generic) + self.execute_sql, params)
            else:
                cursor.execute(self.sql, params)
            return cursor.fetchall()

    def converted(self, rows: list[tuple]) -> list[tuple]:
        if self.width is not None:
            rows = [row[:self.width] for row in rows]
        if self.converters:
            rows = [tuple(row) for row in self.compiler.apply_converters(rows, self.converters)]
        return rows

    def build(self, rows: list[tuple]) -> list[Model]:
        rows = self.converted(rows)
        objects = []
        for row in rows:
            instance = self.model.from_db(self.alias, self.init_list, row[self.model_fields])
            for populator in self.populators:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            objects.append(instance)
        if self.prefetch and objects:
            prefetch_related_objects(objects, *self.prefetch)
        return objects


def _generic(connection, generic: bool) -> str:
    """What goes before an EXECUTE: the generic plan's setting, where it may (see above)."""
    return GENERIC if generic and not connection.in_atomic_block else ""


_WRITTEN: dict[str, tuple[str, str]] = {}  # SQL text: its PREPARE and EXECUTE
_WRITTEN_ON: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # driver connection:
# the names of the written-out statements prepared on it


def execute_written(cursor, sql: str, params, *, generic: bool = False) -> None:
    """Run a written-out query whose text is the same for any values (ids through
    lookups.in_array_sql, an access subquery per shape) as `cursor.execute(sql, params)`
    would; on Postgres as a statement prepared once per connection under a name taken from
    the text, so Postgres plans it once and not on every request (0.2-0.8 ms each on the
    evidence page at national size). DB_PREPARED_STATEMENTS=0: as it is. `generic`: see the
    module's docstring."""
    connection = cursor.db
    if connection.vendor != "postgresql" or not settings.DB_PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    statement = _WRITTEN.get(sql)
    if statement is None:
        name = "portal_sql_" + hashlib.sha1(sql.encode()).hexdigest()[:16]
        statement = _WRITTEN.setdefault(sql, _prepared(name, sql))
    prepare, execute_sql = statement
    raw = connection.connection
    names = _WRITTEN_ON.setdefault(raw, set())
    if prepare not in names:
        cursor.execute(prepare)
        names.add(prepare)
    cursor.execute(_generic(connection, generic) + execute_sql, params)


class CompiledQuery:
    """A queryset built by `build(*values)`, compiled once per process and database. `kinds`
    are the types of the values (int, datetime.date, an aware datetime.datetime, uuid.UUID,
    list: ids for `field__in_array`, or SMALLINT: a number of a small integer column), in
    order. `generic`: run on Postgres's generic plan (see the module's docstring)."""

    def __init__(self, name: str, build: Callable[..., QuerySet], *kinds: type,
                 generic: bool = False):
        self.name, self.build, self.kinds, self.generic = name, build, kinds, generic
        self._shapes: dict[tuple[str, bool], _Shape] = {}
        self._lock = threading.Lock()

    def _shape(self, alias: str, paged: bool = False) -> _Shape:
        def make() -> _Shape:
            stand_ins = _stand_ins(self.kinds)
            queryset = self.build(*stand_ins).using(alias)
            if paged:
                queryset = queryset.annotate(**{PAGE_TOTAL: Window(Count("*"))})
            return _Shape(self.name + ("_paged" if paged else ""), queryset, stand_ins, alias,
                          paged, self.generic)

        return kept(self._shapes, self._lock, (alias, paged), make)

    def list(self, *values, using: str = "default", known: dict | None = None) -> list[Model]:
        """The instances the queryset gives for these values. `known`: related objects the
        caller already holds ({"stage": stage}), set on every instance as a related
        manager's queryset sets its owner."""
        _check(self.name, self.kinds, values)
        shape = self._shape(using)
        if shape.model is None:
            raise TypeError(f"{self.name}: a values_list() queryset; use rows()")
        objects = shape.build(shape.fetch(values))
        for name, value in (known or {}).items():
            for instance in objects:
                setattr(instance, name, value)
        return objects

    def page_source(self, *values, using: str = "default", known: dict | None = None,
                    then: Callable[[list[Model]], None] | None = None) -> CompiledRows:
        """The rows for these values as a list page reads them (pagination.Paginator): a
        page and the total, from one query. `then(objects)`: what the page's rows need
        more, as a prefetch would add it (attach() from a compiled query of their ids)."""
        _check(self.name, self.kinds, values)
        return CompiledRows(self, values, using, known or {}, then)

    def rows(self, *values, using: str = "default") -> list[tuple]:
        """The rows a `values_list()` queryset gives for these values, as tuples."""
        _check(self.name, self.kinds, values)
        shape = self._shape(using)
        if shape.model is not None:
            raise TypeError(f"{self.name}: a queryset of instances; use list()")
        return shape.converted(shape.fetch(values))

    def queryset(self, *values) -> QuerySet:
        """The queryset itself, as the ORM runs it (for tests that compare the two)."""
        return self.build(*values)


class CompiledShapes:
    """A CompiledQuery per set of optional values given (a list's filters): `build(*values,
    **optional)` gets a stand-in for each optional value given and None for the others, and
    True or False for each flag (a flag changes the SQL, not a value in it). Each set is
    compiled the first time it is asked for."""

    def __init__(self, name: str, build: Callable[..., QuerySet], *kinds: type,
                 optional: dict[str, type] | None = None, flags: tuple[str, ...] = (),
                 generic: bool = False):
        self.name, self.build, self.kinds, self.generic = name, build, kinds, generic
        self.optional, self.flags = optional or {}, flags
        self._queries: dict[tuple, CompiledQuery] = {}
        self._lock = threading.Lock()

    def _query(self, given: tuple[str, ...], flags: tuple[bool, ...]) -> CompiledQuery:
        fixed = len(self.kinds)

        def build(*values):
            chosen = dict(zip(given, values[fixed:], strict=True))
            return self.build(*values[:fixed], **chosen,
                              **dict(zip(self.flags, flags, strict=True)))

        def make() -> CompiledQuery:
            suffix = "".join(f"_{name}" for name in given) + "".join(
                f"_{flag}" for flag, on in zip(self.flags, flags, strict=True) if on)
            return CompiledQuery(self.name + suffix, build, *self.kinds,
                                 *[self.optional[name] for name in given], generic=self.generic)

        return kept(self._queries, self._lock, (given, flags), make)

    def page_source(self, *values, then: Callable[[list[Model]], None] | None = None,
                    **optional) -> CompiledRows:
        """CompiledQuery.page_source of the shape of these optional values (None: not given)
        and flags."""
        given = tuple(name for name in self.optional if optional.get(name) is not None)
        flags = tuple(bool(optional.get(flag)) for flag in self.flags)
        return self._query(given, flags).page_source(
            *values, *(optional[name] for name in given), then=then)


class CompiledRows:
    """A CompiledQuery's rows for some values, read a page at a time: `window(offset,
    limit)` gives the page's instances and the number of rows in all, from one query. A
    slice and `count()` answer as a queryset's would, for Django's own paginator."""

    def __init__(self, query: CompiledQuery, values: tuple, using: str, known: dict,
                 then: Callable[[list[Model]], None] | None = None):
        self.query, self.values, self.using, self.known = query, values, using, known
        self.then = then

    def window(self, offset: int, limit: int) -> tuple[list[Model], int | None]:
        """The instances from `offset` on (at most `limit`), and the number of rows in all
        (None: no rows there)."""
        shape = self.query._shape(self.using, paged=True)
        objects = shape.build(shape.fetch(self.values, limit, offset))
        for name, value in self.known.items():
            for instance in objects:
                setattr(instance, name, value)
        if self.then is not None and objects:
            self.then(objects)
        return objects, getattr(objects[0], PAGE_TOTAL) if objects else None

    def count(self) -> int:
        """The number of rows in all (the page's total, read from one row; nothing added)."""
        shape = self.query._shape(self.using, paged=True)
        rows = shape.converted(shape.fetch(self.values, 1, 0))
        return rows[0][shape.total_column] if rows else 0

    def __getitem__(self, key: slice) -> list[Model]:
        if not isinstance(key, slice) or key.step is not None or (key.start or 0) < 0:
            raise TypeError("a page of rows: a slice [start:stop]")
        start = key.start or 0
        if key.stop is None:
            raise TypeError("a page of rows has an end")
        return self.window(start, max(key.stop - start, 0))[0] if key.stop > start else []

    def __len__(self) -> int:
        return self.count()


class CompiledSubquery:
    """An ids subquery built by `build(*values)` (a `values("pk")` queryset, a UNION of
    them), compiled once per process and database without its ordering (lookups.subquery_sql);
    `sql(*values)` gives its SQL and parameters with the values put in, to go into other
    queries as a RawSQL (the access layer's ids)."""

    def __init__(self, name: str, build: Callable[..., QuerySet], *kinds: type):
        self.name, self.build, self.kinds = name, build, kinds
        self._compiled: dict[str, tuple[str, list, list]] = {}

    def sql(self, *values, using: str = "default") -> tuple[str, list]:
        _check(self.name, self.kinds, values)
        connection = connections[using]
        compiled = self._compiled.get(using)
        if compiled is None:
            stand_ins = _stand_ins(self.kinds)
            sql, params = subquery_sql(self.build(*stand_ins).using(using))
            params = list(params)
            compiled = (sql, params, _slots(self.name, sql, params, stand_ins, connection))
            self._compiled[using] = compiled  # the same for every thread: no lock needed
        sql, params, slots = compiled
        return sql, _filled(params, slots, values, connection)

    def queryset(self, *values) -> QuerySet:
        """The queryset itself, as the ORM runs it (for tests that compare the two)."""
        return self.build(*values)


class CompiledStatement:
    """A written-out statement whose text `build(*values)` makes from querysets (returning
    the SQL and its parameters), made once per process and database with stand-ins for the
    values, as CompiledSubquery; `sql(*values)` gives the text and the parameters with the
    values put in, for `execute_written`. The partnership overview's counts compiled a dozen
    querysets to SQL on every visit (about 3 ms of Python) for the same text every time."""

    def __init__(self, name: str, build: Callable[..., tuple[str, list]], *kinds: type):
        self.name, self.build, self.kinds = name, build, kinds
        self._compiled: dict[str, tuple[str, list, list]] = {}

    def sql(self, *values, using: str = "default") -> tuple[str, list]:
        _check(self.name, self.kinds, values)
        connection = connections[using]
        compiled = self._compiled.get(using)
        if compiled is None:
            stand_ins = _stand_ins(self.kinds)
            sql, params = self.build(*stand_ins, using=using)
            params = list(params)
            compiled = (sql, params, _slots(self.name, sql, params, stand_ins, connection))
            self._compiled[using] = compiled  # the same for every thread: no lock needed
        sql, params, slots = compiled
        return sql, _filled(params, slots, values, connection)


def attach_list(parents: list[Model], to_attr: str, children, key: str) -> None:
    """Set each parent's `to_attr` to the list of its children (those whose `key` is the
    parent's id), in the children's order, as a Prefetch with to_attr leaves it: the
    children from one compiled query of the parents' ids (`field__in_array`)."""
    grouped: dict[int, list[Model]] = {}
    for child in children:
        grouped.setdefault(getattr(child, key), []).append(child)
    for parent in parents:
        setattr(parent, to_attr, grouped.get(parent.pk, []))


def attach(parents: list[Model], name: str, pairs, *, back: str = "") -> None:
    """Fill each parent's `name` (a related manager: `parent.<name>.all()`) with its
    children, as prefetch_related leaves it: reading it asks nothing more. `pairs`: (parent
    id, child) in the children's order, from a CompiledQuery of the whole set (a placement's
    goals' outcomes, say) instead of a prefetch's IN list of the parents' ids. `back`: the
    children's foreign key to the parent, set to it as a prefetch of a reverse relation does."""
    children: dict[int, list[Model]] = {}
    for parent_id, child in pairs:
        children.setdefault(parent_id, []).append(child)
    for parent in parents:
        if back:
            for child in children.get(parent.pk, ()):
                setattr(child, back, parent)
        related = getattr(parent, name).all()
        related._result_cache, related._prefetch_done = children.get(parent.pk, []), True
        cache = parent.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[name] = related
