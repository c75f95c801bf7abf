"""Run the outbox's sweep once and send what is due, in this process.

The same sweep Celery beat triggers every minute; for the embedded default (no Redis), run
this from cron, e.g. every minute. With --enqueue it hands the batches to the Celery workers
instead, as beat's sweep does. Safe beside a running beat and workers: every mail is
claimed before it is sent, so nothing goes out twice. A mail the server refused stays in the
outbox and is tried again by a later run (after a backoff), until it is recorded as failed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from opleidingsschool.notifications import outbox


class Command(BaseCommand):
    help = "Send the mails that are due now (each exactly once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true",
            help="Record what is due and hand the batches to the Celery workers (what beat "
                 "does every minute) instead of sending them in this process.",
        )

    def handle(self, *args, enqueue=False, **options):
        with transaction.atomic():
            ids = outbox.sweep()
        if enqueue:
            outbox.enqueue(ids)
            self.stdout.write(f"{len(ids)} mails handed to the workers")
            return
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
