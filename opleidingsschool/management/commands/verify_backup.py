"""manage.py verify_backup ARCHIVE: does the live database and MEDIA_ROOT equal a backup?"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opleidingsschool.backups import BackupError, read_manifest, verify


class Command(BaseCommand):
    help = (
        "Compare every table's row count and every file's checksum with a backup's manifest; "
        "changes nothing. Exits non-zero on a difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        try:
            result = verify(read_manifest(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if result.problems:
            raise CommandError("Differences with the backup:\n" + "\n".join(result.problems))
        self.stdout.write(
            f"Equal to the backup: {result.tables} tables (row counts), {result.files} files (checksums)."
        )
