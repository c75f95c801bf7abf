"""`manage.py seed_scale`: a national-size dataset beside the demo, for `make bench`."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from opleidingsschool import scale


class Command(BaseCommand):
    help = (
        "Add a national-size fictional dataset on top of the demo (default 1,000 schools: "
        "40,000 students, 4,000,000 day-log entries, 5,000 sessions). Postgres only; runs "
        "seed_demo first. Runs once per database: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=1000,
                            help="Number of schools; everything else scales with it.")
        parser.add_argument("--force", action="store_true",
                            help="Run even though DEBUG is off (accounts get a known password).")

    def handle(self, *args, schools=1000, force=False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale needs Postgres (set DATABASE_URL).")
        if not settings.DEBUG and not force:
            raise CommandError("seed_scale creates accounts with a known password; it only "
                               "runs with DEBUG on. Use --force to run it anyway.")
        if schools < 1:
            raise CommandError("--schools must be at least 1.")
        started = time.monotonic()
        call_command("seed_demo", force=True, stdout=self.stdout)
        if scale.already_seeded():
            self.stdout.write("The national-size dataset is already there; nothing changed.")
            return

        def log(message: str) -> None:
            self.stdout.write(f"  [{time.monotonic() - started:6.1f} s] {message}")
            self.stdout.flush()

        with transaction.atomic():
            plan = scale.seed_scale(schools=schools, today=timezone.localdate(), log=log)
        # A database in use is vacuumed by autovacuum, which marks the pages whose rows every
        # transaction sees; the planner counts on that for index-only scans (a session's
        # registrations counted from the (session, status) index). Fresh bulk inserts have
        # none of it, and a server with autovacuum off never gets it: vacuum them here, table
        # by table (never the shared catalogs). Not inside a caller's transaction (a test's):
        # VACUUM cannot run there.
        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                for table in connection.introspection.django_table_names(only_existing=True):
                    cursor.execute(f'VACUUM (ANALYZE) "{table}"')
            log("vacuumed: the visibility map and statistics as autovacuum keeps them")
        log(f"done: {plan.schools} schools, {plan.students} students, {plan.users} people")
