"""manage.py restore ARCHIVE: put a backup back, then check it against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opleidingsschool.backups import BackupError, database_is_empty, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database and "
        "MEDIA_ROOT, then verify every table's row count and every file's checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--replace", action="store_true",
            help="restore into a database that already has tables, replacing their contents",
        )

    def handle(self, *args, archive: Path, replace: bool, **options):
        if not database_is_empty() and not replace:
            raise CommandError(
                "The database already has tables. Restore into a fresh, empty database, or "
                "pass --replace to overwrite its contents with the backup."
            )
        try:
            result = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if result.problems:
            raise CommandError("The restore does not match the backup:\n" + "\n".join(result.problems))
        self.stdout.write(
            f"Restored and verified: {result.tables} tables with the backup's row counts, "
            f"{result.files} files with the backup's checksums."
        )
