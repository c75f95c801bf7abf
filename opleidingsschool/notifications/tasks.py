"""Thin Celery wrappers around the outbox: the sweep and the delivery of a batch.

Their names are the ones they had in the sessions package (queued messages and beat
schedules keep working). A batch is retried with backoff on mail and database errors; every
row is claimed first, so a retry or a duplicate task never sends a mail twice.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.db import DatabaseError, connection, transaction

from . import outbox

logger = logging.getLogger(__name__)


@shared_task(
    name=outbox.SEND_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, OSError, DatabaseError, outbox.SendLater),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def task_send_reminders(*, ids: list[int]) -> dict:
    """Send these mails (see outbox.deliver)."""
    try:
        outcome = outbox.deliver(ids=ids)
    except DatabaseError:
        connection.close()  # the retry starts on a fresh connection
        raise
    logger.info("mails %s: %s", ids[:3], outcome)
    return outcome


@shared_task(name=outbox.SWEEP_TASK, acks_late=True, reject_on_worker_lost=True)
def task_sweep_reminders() -> int:
    """Beat runs this on a plain interval: record what is due from the database, enqueue
    batches of rows to send. Never a far-future ETA."""
    with transaction.atomic():
        ids = outbox.sweep()
        transaction.on_commit(lambda: outbox.enqueue(ids))
    logger.info("mail sweep queued %s mails", len(ids))
    return len(ids)


__all__ = ["task_send_reminders", "task_sweep_reminders"]
