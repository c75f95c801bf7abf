"""Backup and restore: one archive with the database and the uploaded files, with checksums."""

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from opleidingsschool.backups import BackupError, read_manifest, restore_backup
from opleidingsschool.models import User
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "inleveringen").mkdir(parents=True)
    (settings.MEDIA_ROOT / "inleveringen" / "lesplan.pdf").write_bytes(b"%PDF-1.4 lesplan")
    (settings.MEDIA_ROOT / "verslag.txt").write_text("Reflectie op de les", encoding="utf-8")
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(media, tmp_path):
    factories.LeervraagFactory.create_batch(3)
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


@pytest.fixture
def fresh_database():
    if connection.vendor != "postgresql":
        pytest.skip("the restore drill runs on Postgres")
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = psycopg2.connect(**_params("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _params(dbname):
    db = settings.DATABASES["default"]
    return {"dbname": dbname, "user": db["USER"], "password": db["PASSWORD"] or None,
            "host": db["HOST"] or None, "port": db["PORT"] or None}


def test_the_archive_lists_every_table_and_every_file_with_checksums(archive):
    manifest = read_manifest(archive)
    assert manifest["database"]["tables"]["opleidingsschool_user"] == User.objects.count()
    assert manifest["database"]["tables"]["begeleiding_leervraag"] == 3
    assert sorted(manifest["media"]) == ["inleveringen/lesplan.pdf", "verslag.txt"]
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted([
            "manifest.json", manifest["database"]["file"],
            "media/inleveringen/lesplan.pdf", "media/verslag.txt",
        ])


def test_verify_finds_a_changed_file_and_a_row_added_since(archive, media):
    from begeleiding.models import Leervraag

    out = io.StringIO()
    call_command("verify_backup", str(archive), stdout=out)
    assert out.getvalue().startswith("Equal to the backup: ")
    (media / "verslag.txt").write_text("later aangepast", encoding="utf-8")
    audited = read_manifest(archive)["database"]["tables"]["auditlog_logentry"]
    factories.LeervraagFactory(student=Leervraag.objects.first().student)
    with pytest.raises(CommandError) as refused:
        call_command("verify_backup", str(archive))
    assert str(refused.value) == (
        "Differences with the backup:\n"
        # the new question's entry in the audit log (django-auditlog)
        f"table auditlog_logentry: {audited + 1} rows, the backup has {audited}\n"
        "table begeleiding_leervraag: 4 rows, the backup has 3\n"
        "file verslag.txt differs from the backup (checksum)"
    )


def test_restore_refuses_a_database_that_has_tables(archive):
    with pytest.raises(CommandError, match="The database already has tables"):
        call_command("restore", str(archive))


def test_a_damaged_archive_is_refused_before_anything_changes(archive, tmp_path, media):
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/verslag.txt":
                data = b"Reflectie op de les!"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    (media / "verslag.txt").unlink()
    with pytest.raises(BackupError, match="file verslag.txt in the archive is damaged"):
        restore_backup(damaged)
    assert not (media / "verslag.txt").exists()


def test_the_drill_restores_a_fresh_database_with_equal_rows_and_files(
    archive, fresh_database, tmp_path
):
    restored_media = tmp_path / "restored"
    db = settings.DATABASES["default"]
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                        f"{db['PORT'] or 5432}/{fresh_database}",
        "MEDIA_ROOT": str(restored_media),
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    manifest = read_manifest(archive)
    assert result.stdout == (
        f"Restored and verified: {len(manifest['database']['tables'])} tables with the backup's "
        "row counts, 2 files with the backup's checksums.\n"
    )
    restored = psycopg2.connect(**_params(fresh_database))
    with restored.cursor() as cursor:
        cursor.execute("SELECT title FROM begeleiding_leervraag ORDER BY id")
        titles = [row[0] for row in cursor.fetchall()]
    restored.close()
    from begeleiding.models import Leervraag

    assert titles == list(Leervraag.objects.order_by("id").values_list("title", flat=True))
    assert (restored_media / "inleveringen" / "lesplan.pdf").read_bytes() == b"%PDF-1.4 lesplan"
