"""Thin Celery wrappers around the reminder sweep and delivery."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.db import transaction

from . import reminders

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def task_send_reminders(*, ids: list[int]) -> dict:
    """Send these reminders; each is claimed first, so a retry or a duplicate task never
    sends one twice (see reminders.deliver)."""
    outcome = reminders.deliver(ids=ids)
    logger.info("reminders %s: %s", ids[:3], outcome)
    return outcome


@shared_task(acks_late=True)
def task_sweep_reminders() -> int:
    """Beat runs this on a plain interval: record what is due from the database, enqueue
    batches of rows to send. Never a far-future ETA."""
    with transaction.atomic():
        ids = reminders.sweep()
        batches = reminders.batches(ids)
        transaction.on_commit(lambda: [task_send_reminders.delay(ids=batch) for batch in batches])
    logger.info("reminder sweep queued %s reminders in %s batches", len(ids), len(batches))
    return len(ids)


__all__ = ["task_send_reminders", "task_sweep_reminders"]
