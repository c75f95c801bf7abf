"""Helper of `manage.py bench`: prepare N due session reminders, or count how many are done."""

import datetime
import json

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from opleidingsschool.models import Bijeenkomst, Soort

TITLE = "Benchbijeenkomst herinneringen"


class Command(BaseCommand):
    help = "Bench helper: --prepare N creates a session in two days with N registrations."

    def add_arguments(self, parser):
        parser.add_argument("--prepare", type=int)
        parser.add_argument("--count", action="store_true")
        parser.add_argument("--clean", action="store_true",
                            help="Remove the session an earlier run prepared (its 50,000 "
                                 "registrations would weigh on the agenda of the next run).")

    def handle(self, *args, prepare=None, count=False, clean=False, **options):
        if clean:
            self.clean()
        if prepare is not None:
            self.stdout.write(json.dumps({"count": self.prepare(prepare)}))
        if count:
            herinnering = apps.get_model("opleidingsschool", "Herinnering")
            done = herinnering.objects.filter(
                bijeenkomst__title=TITLE, status__in=["sent", "skipped"]
            ).count()
            self.stdout.write(json.dumps({"done": done}))

    @transaction.atomic
    def clean(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM opleidingsschool_bijeenkomst WHERE title = %s", [TITLE]
            )
            for (old,) in cursor.fetchall():
                for table in ("opleidingsschool_herinnering", "opleidingsschool_aanmelding",
                              "opleidingsschool_bijeenkomst_schools"):
                    cursor.execute(f"DELETE FROM {table} WHERE bijeenkomst_id = %s", [old])  # noqa: S608
                cursor.execute("DELETE FROM opleidingsschool_bijeenkomst WHERE id = %s", [old])

    @transaction.atomic
    def prepare(self, wanted: int) -> int:
        self.clean()
        starts = timezone.now() + datetime.timedelta(days=2)
        bijeenkomst = Bijeenkomst.objects.create(
            soort=Soort.THEMABIJEENKOMST, title=TITLE, starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2), place="Aula", capacity=None,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO opleidingsschool_aanmelding (uuid, status, registered_at, user_id,
                       bijeenkomst_id)
                   SELECT gen_random_uuid(), 'registered', now(), id, %s
                   FROM (SELECT id FROM opleidingsschool_user WHERE is_active ORDER BY id LIMIT %s) u""",
                [bijeenkomst.pk, wanted],
            )
            return cursor.rowcount
