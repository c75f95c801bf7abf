"""`manage.py bench` (`make bench`): key pages at demo and national size beside a bare view.

Creates two databases next to DATABASE_URL's (`<name>_bench_demo`, `<name>_bench_scale`),
serves each with gunicorn (DEBUG off), drives wrk against every key page logged in as the
role that opens it, times the reminder sweep and a 50-user page mix, and prints one table.
It never fails on timing: the figures are for people to read (docs/performance.md).
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from opleidingsschool.benchmark import report, runner


class Command(BaseCommand):
    help = "Benchmark the key pages at demo and national size (needs Postgres and wrk)."

    def add_arguments(self, parser):
        defaults = runner.Options()
        parser.add_argument("--schools", type=int, default=defaults.schools)
        parser.add_argument("--duration", type=int, default=defaults.duration,
                            help="Seconds of load per page and size.")
        parser.add_argument("--connections", type=int, default=defaults.connections)
        parser.add_argument("--rounds", type=int, default=defaults.rounds,
                            help="Runs per page and size; the fastest counts.")
        parser.add_argument("--bare-duration", type=int, default=defaults.bare_duration,
                            help="Seconds of the bare view before each page.")
        parser.add_argument("--workers", type=int, default=defaults.workers,
                            help="gunicorn worker processes.")
        parser.add_argument("--reminders", type=int, default=defaults.reminders)
        parser.add_argument("--mix-users", type=int, default=defaults.mix_users)
        parser.add_argument("--mix-duration", type=int, default=defaults.mix_duration)
        parser.add_argument("--sweep-limit", type=int, default=defaults.sweep_limit,
                            help="Seconds the reminder sweep may run before it is reported.")
        parser.add_argument("--reuse", action="store_true",
                            help="Keep the national-size database when it has --schools schools.")
        parser.add_argument("--demo-from-current", action="store_true",
                            help="Copy DATABASE_URL's database (migrated, seed_demo only) as the "
                                 "demo-size one instead of migrating a new one (CI).")
        parser.add_argument("--json", help="Also write the raw figures to this file.")

    def handle(self, *args, json=None, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The bench needs Postgres: set DATABASE_URL.")
        fields = runner.Options.__dataclass_fields__
        chosen = runner.Options(**{k: v for k, v in options.items() if k in fields})
        started = time.monotonic()

        def log(message):
            self.stdout.write(f"[{time.monotonic() - started:6.0f} s] {message}")
            self.stdout.flush()

        try:
            results = runner.Bench(chosen, log).run()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if json:
            with open(json, "w") as out:
                out.write(_dumps(results))
        self.stdout.write("")
        self.stdout.write(report.table(results))


def _dumps(results) -> str:
    return json.dumps(results, indent=1)
