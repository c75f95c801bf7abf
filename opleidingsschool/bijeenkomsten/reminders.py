"""Reminders that arrive exactly once.

How it holds together:

1. `sweep()` runs on a plain interval (Celery beat, every few minutes; or
   `manage.py send_due_reminders`). It asks every registered ReminderSource what is due *now*,
   computed from the database, and inserts one Herinnering row per (thing, person, kind) with
   ON CONFLICT DO NOTHING: the unique constraint makes "at most one" a database guarantee.
   Nothing is ever scheduled as a far-future ETA.
2. It then picks rows still to send: new ones, ones queued long ago whose task got lost
   (Redis restart), and ones claimed by a worker that died (claim older than the timeout).
3. `deliver()` claims each row with one conditional UPDATE (only one worker can win it),
   sends the mail with a Message-ID derived from the row, and marks it sent. A failure
   releases the claim so a retry can win it again. A sent row is never claimed again.

The one window no database can close (the mail server accepted the mail, the worker died
before recording it) leads to a resend with the same Message-ID, recognisably the same mail.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from opleidingsschool import registries
from opleidingsschool.models import Herinnering, HerinneringStatus

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
MAX_PER_SWEEP = 5000


def message_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"


def _source_for(subject_key: str) -> registries.ReminderSource | None:
    prefix = subject_key.split(":", 1)[0]
    for source in registries.reminder_sources:
        if source.prefix == prefix:
            return source
    return None


def record(rows: Iterable[registries.DueReminder]) -> None:
    """Insert Herinnering rows; an existing (thing, person, kind) is left as it is."""
    Herinnering.objects.bulk_create(
        [
            Herinnering(
                subject_key=row.subject_key,
                user_id=row.user_id,
                kind=row.kind,
                bijeenkomst_id=row.bijeenkomst_id,
            )
            for row in rows
        ],
        ignore_conflicts=True,
        batch_size=INSERT_BATCH,
    )


def claim_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT)


def requeue_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REMINDER_REQUEUE_AFTER)


def to_send(*, now: datetime.datetime) -> list[int]:
    """The rows a task should (still) try, marked as queued now. Two queries."""
    ids = list(
        Herinnering.objects.filter(
            Q(status=HerinneringStatus.PENDING, enqueued_at__isnull=True)
            | Q(status=HerinneringStatus.PENDING, enqueued_at__lt=now - requeue_after())
            | Q(status=HerinneringStatus.CLAIMED, claimed_at__lt=now - claim_timeout())
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:MAX_PER_SWEEP]
    )
    if ids:
        Herinnering.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids


def sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Record what is due now and return the ids of the rows to send. The number of queries
    does not depend on the number of recipients."""
    now = now or timezone.now()
    rows = [row for source in registries.reminder_sources for row in source.due(now=now)]
    if rows:
        record(rows)
    return to_send(now=now)


def batches(ids: list[int], size: int | None = None) -> list[list[int]]:
    size = size or settings.REMINDER_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def claim(pk: int, *, now: datetime.datetime) -> bool:
    """Win the right to send this row: one conditional UPDATE, so only one worker wins."""
    return bool(
        Herinnering.objects.filter(pk=pk)
        .filter(
            Q(status=HerinneringStatus.PENDING)
            | Q(status=HerinneringStatus.CLAIMED, claimed_at__lt=now - claim_timeout())
        )
        .update(status=HerinneringStatus.CLAIMED, claimed_at=now, attempts=F("attempts") + 1)
    )


def _finish(pk: int, status: str) -> None:
    Herinnering.objects.filter(pk=pk, status=HerinneringStatus.CLAIMED).update(
        status=status, sent_at=timezone.now()
    )


def _release(pk: int) -> None:
    Herinnering.objects.filter(pk=pk, status=HerinneringStatus.CLAIMED).update(
        status=HerinneringStatus.PENDING, claimed_at=None
    )


def deliver_one(pk: int) -> str:
    """Claim, build, send and record one reminder. Returns what happened."""
    if not claim(pk, now=timezone.now()):
        return "taken"
    herinnering = Herinnering.objects.select_related("user").get(pk=pk)
    source = _source_for(herinnering.subject_key)
    try:
        message = None
        if source is not None and herinnering.user.is_active:
            message = source.build(herinnering=herinnering)
        if message is None:
            _finish(pk, HerinneringStatus.SKIPPED)
            return "skipped"
        message.extra_headers["Message-ID"] = herinnering.message_id(message_domain())
        message.send()
    except Exception:
        # Give the row back so the retry (or a later sweep) can claim it again.
        _release(pk)
        raise
    _finish(pk, HerinneringStatus.SENT)
    logger.info("reminder %s (%s) sent to user %s", pk, herinnering.kind, herinnering.user_id)
    return "sent"


def deliver(*, ids: list[int]) -> dict[str, int]:
    """Send the reminders with these ids; each at most once whatever runs beside it."""
    outcome = {"sent": 0, "skipped": 0, "taken": 0}
    for pk in ids:
        outcome[deliver_one(pk)] += 1
    return outcome
