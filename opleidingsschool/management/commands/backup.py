"""manage.py backup ARCHIVE: the database and the uploaded files in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opleidingsschool.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database (one consistent snapshot) and every uploaded file into one "
        ".tar.gz archive, with each table's row count and each file's SHA-256 in its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the archive to write, e.g. backup.tar.gz")

    def handle(self, *args, archive: Path, **options):
        if archive.exists():
            raise CommandError(f"{archive} exists already; choose a new name")
        try:
            manifest = create_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["database"]["tables"]
        self.stdout.write(
            f"Backup written to {archive}: {len(tables)} tables, {sum(tables.values())} rows, "
            f"{len(manifest['media'])} files."
        )
