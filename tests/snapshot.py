"""A fingerprint of every portal table, to prove that a refused request changed nothing.

One query reads, for each table of the portal's own apps (many-to-many tables included), its
row count and a hash over all its rows, so a changed field shows as well as an added or
removed row.

`RolledBack` runs a request in a savepoint that is rolled back and tells which tables it
changed. Fingerprinting every table costs far more than the request, so it first asks
Postgres whether the transaction wrote a portal row at all (pg_stat_xact_user_tables counts
every row inserted, updated or deleted so far, in rolled-back savepoints too): when none was
written, nothing changed. Only when one was, the tables are fingerprinted inside the
savepoint and again after the rollback, which brings back exactly what was there before.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

_PROJECT = Path(settings.BASE_DIR).resolve()
# Logs that a page was read (the privacy audit trail): reading is not a change.
NOT_CHANGES = {"opleidingsschool_readrecord"}


@functools.cache
def _portal_tables() -> list[str]:
    tables = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if _PROJECT not in path.parents or ".venv" in path.parts:
            continue
        for model in config.get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed and (
                model._meta.db_table not in NOT_CHANGES
            ):
                tables.add(model._meta.db_table)
    return sorted(tables)


def snapshot() -> dict[str, tuple[int, str]]:
    """{table: (rows, hash of the rows)} for every portal table, in one query."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        f" FROM {quote(table)} t"
        for table in _portal_tables()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {table: (rows, digest) for table, rows, digest in cursor.fetchall()}


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))


def _written() -> list[tuple]:
    """The rows this transaction has inserted, updated and deleted so far, per portal table
    it wrote."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE relname = ANY(%s) AND n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname",
            [_portal_tables()],
        )
        return cursor.fetchall()


class RolledBack:
    """`with RolledBack() as block:` run a request, call `block.check()` where a change would
    be wrong; after the block, `block.changed` lists the portal tables it changed. The block's
    writes are always rolled back."""

    def __init__(self):
        self.changed: list[str] = []
        self._inside: dict | None = None

    def __enter__(self) -> RolledBack:
        self._written = _written()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        return self

    def check(self) -> None:
        if _written() != self._written:
            self._inside = snapshot()

    def __exit__(self, *exc) -> bool:
        transaction.set_rollback(True)
        self._atomic.__exit__(*exc)
        if self._inside is not None and exc[0] is None:
            self.changed = changed_tables(snapshot(), self._inside)
        return False
