"""Run the reminder sweep once and send what is due, in this process.

The same sweep Celery beat triggers every few minutes; for the embedded default (no Redis),
run this from cron, e.g. every five minutes. Safe beside a running beat and workers: every
reminder is claimed before it is sent, so nothing goes out twice.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from opleidingsschool.bijeenkomsten import reminders


class Command(BaseCommand):
    help = "Send the reminders that are due now (each exactly once)."

    def handle(self, *args, **options):
        with transaction.atomic():
            ids = reminders.sweep()
        outcome = reminders.deliver(ids=ids)
        self.stdout.write(
            f"{outcome['sent']} sent, {outcome['skipped']} no longer needed, "
            f"{outcome['taken']} handled elsewhere"
        )
