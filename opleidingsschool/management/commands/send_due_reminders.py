"""Run the outbox's sweep once and send what is due, in this process.

The same sweep Celery beat triggers every minute; for the embedded default (no Redis), run
this from cron, e.g. every minute. Safe beside a running beat and workers: every mail is
claimed before it is sent, so nothing goes out twice. A mail the server refused stays in the
outbox and is tried again by a later run (after a backoff), until it is recorded as failed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from opleidingsschool.notifications import outbox


class Command(BaseCommand):
    help = "Send the mails that are due now (each exactly once)."

    def handle(self, *args, **options):
        with transaction.atomic():
            ids = outbox.sweep()
        total = {"sent": 0, "skipped": 0, "taken": 0, "failed": 0}
        for batch in outbox.batches(ids):
            try:
                outcome = outbox.deliver(ids=batch)
            except outbox.SendLater:
                self.stderr.write("some mails were refused; a later run tries them again")
                continue
            for key, count in outcome.items():
                total[key] += count
        self.stdout.write(
            f"{total['sent']} sent, {total['skipped']} no longer needed, "
            f"{total['taken']} handled elsewhere"
        )
