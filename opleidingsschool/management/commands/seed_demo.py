"""`manage.py seed_demo`: a small fictional partnership to try the portal with."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opleidingsschool.demo import PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Create (or refresh) a small fictional partnership with demo log-ins, all with the "
        f"password '{PASSWORD}'. Safe to run twice. Sends no mail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Run even though DEBUG is off (demo accounts have a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                f"seed_demo creates accounts with the password '{PASSWORD}', so it only runs "
                "with DEBUG on. Use --force to run it anyway."
            )
        summary = seed_demo()
        counts = summary.counts
        years = ", ".join(
            f"year {year}: {count}" for year, count in summary.students_per_year.items()
        )
        lines = [
            f"Demo partnership ready for school year {summary.schooljaar} "
            f"(and {summary.previous_schooljaar}).",
            f"  {counts['schools']} schools, {counts['institutes']} institutes, "
            f"{counts['programmes']} programmes, {counts['expertise tags']} expertise tags",
            f"  {counts['students']} students ({years}), {counts['placements']} placements",
            f"  {counts['staff members']} staff members: {counts['werkplekbegeleiders']} "
            f"werkplekbegeleiders, {counts['schoolopleiders']} schoolopleiders, "
            f"{counts['instituutsopleiders']} instituutsopleiders, {counts['extra mentors']} "
            f"extra mentors, {counts['coordinators']} coordinators",
            f"  {counts['starters']} starters",
            f"Log in with password '{PASSWORD}' as:",
        ]
        width = max(len(email) for email, _ in summary.logins)
        lines += [f"  {email.ljust(width)}  {what}" for email, what in summary.logins]
        lines.append(f"  (every other demo person too: first.last@example.org, password '{PASSWORD}')")
        self.stdout.write("\n".join(lines))
