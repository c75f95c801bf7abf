"""A fingerprint of every portal table, to prove that a refused request changed nothing.

One query reads, for each table of the portal's own apps (many-to-many tables included), its
row count and a hash over all its rows, so a changed field shows as well as an added or
removed row.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

_PROJECT = Path(settings.BASE_DIR).resolve()
# Logs that a page was read (the privacy audit trail): reading is not a change.
NOT_CHANGES = {"opleidingsschool_readrecord"}


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
