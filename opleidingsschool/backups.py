"""Backup and restore of everything the portal holds: the database and the uploaded files.

One archive (`.tar.gz`) holds `manifest.json`, the database dump and `media/` with every
uploaded file. The manifest records each table's row count (taken in the same snapshot as the
dump) and each file's SHA-256, so a restore proves itself: after restoring, every table's
row count and every file's checksum must equal the manifest's (`verify`).

Postgres is dumped with `pg_dump --format=custom` and restored with `pg_restore` (the
PostgreSQL client tools, at least the server's major version); the embedded SQLite default is
copied with SQLite's online backup.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """The archive is unusable, a tool failed, or a restore did not match its manifest."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Row count of every table in the database (not only Django's models)."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def media_checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every file below root, by its relative POSIX path."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _pg_environment() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, [*args, "--dbname", str(db["NAME"])]


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (the PostgreSQL client tools)") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _dump_database(target: Path) -> dict[str, int]:
    """Dump the database into target; return the row counts of the very same snapshot."""
    if connection.vendor == "postgresql":
        env, args = _pg_environment()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts = table_counts()
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--file={target}", *args],
                env,
            )
        return counts
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        counts = {
            name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for (name,) in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        }
        copy.close()
        return counts
    raise BackupError(f"no backup for the database engine {connection.vendor}")


def create_backup(archive: Path) -> dict:
    """Write the database and MEDIA_ROOT into archive; return its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DUMP_NAMES.get(connection.vendor, "database")
        tables = _dump_database(dump)
        files = media_checksums(media_root)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {
                "vendor": connection.vendor, "file": dump.name, "sha256": sha256_of(dump),
                "tables": tables,
            },
            "media": files,
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
            for name in files:
                tar.add(media_root / name, arcname=MEDIA_PREFIX + name)
        partial.replace(archive)  # never a half-written archive under the real name
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive} is not a portal backup: {error}") from error
    if not manifest or manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{archive} has no manifest this version understands")
    return manifest


@dataclass
class Verification:
    tables: int
    files: int
    problems: list[str]


def verify(manifest: dict) -> Verification:
    """Compare the live database and MEDIA_ROOT with a manifest: counts and checksums."""
    problems = []
    expected_tables = manifest["database"]["tables"]
    actual_tables = table_counts()
    for name in sorted(set(expected_tables) | set(actual_tables)):
        expected, actual = expected_tables.get(name), actual_tables.get(name)
        if expected != actual:
            problems.append(f"table {name}: {actual} rows, the backup has {expected}")
    actual_files = media_checksums(Path(settings.MEDIA_ROOT))
    for name, checksum in sorted(manifest["media"].items()):
        if name not in actual_files:
            problems.append(f"file {name} is missing")
        elif actual_files[name] != checksum:
            problems.append(f"file {name} differs from the backup (checksum)")
    return Verification(tables=len(expected_tables), files=len(manifest["media"]), problems=problems)


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore_backup(archive: Path) -> Verification:
    """Restore archive into the configured database and MEDIA_ROOT, then verify it."""
    manifest = read_manifest(archive)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"the backup is of a {vendor} database, this portal uses {connection.vendor}")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(scratch, filter="data")  # refuses absolute paths and '..'
        dump = Path(scratch) / manifest["database"]["file"]
        if sha256_of(dump) != manifest["database"]["sha256"]:
            raise BackupError("the database dump in the archive is damaged (checksum)")
        for name, checksum in manifest["media"].items():
            if sha256_of(Path(scratch) / MEDIA_PREFIX / PurePosixPath(name)) != checksum:
                raise BackupError(f"file {name} in the archive is damaged (checksum)")
        _restore_database(dump)
        for name in manifest["media"]:
            target = media_root / PurePosixPath(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(scratch) / MEDIA_PREFIX / PurePosixPath(name), target)
    return verify(manifest)


def _restore_database(dump: Path) -> None:
    if connection.vendor == "postgresql":
        env, args = _pg_environment()
        connection.close()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", *args, str(dump)],
            env,
        )
    else:
        connection.close()
        shutil.copyfile(dump, settings.DATABASES["default"]["NAME"])
