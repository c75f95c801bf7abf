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
        log(f"done: {plan.schools} schools, {plan.students} students, {plan.users} people")
