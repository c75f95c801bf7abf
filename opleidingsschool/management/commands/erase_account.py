"""Delete an account on request (issue 13), keeping the student's experience hours."""

from django.core.management.base import BaseCommand, CommandError

from opleidingsschool.models import User
from opleidingsschool.privacy.erasure import erase_account


class Command(BaseCommand):
    help = ("Delete everything the portal holds about one person, on their request; a "
            "student's experience hours (date, activity, hours, confirmation) are kept.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do it; without, only say who.")

    def handle(self, *args, email, yes, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with e-mail {email}.")
        if not yes:
            self.stdout.write(f"Would erase {user.get_full_name()} <{user.email}>; add --yes.")
            return
        counts = erase_account(user=user)
        self.stdout.write(f"Erased account {user.pk}: {counts}")
