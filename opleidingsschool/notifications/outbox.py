"""Mail that arrives exactly once.

1. `sweep()` runs on a plain interval (Celery beat, every minute; or `manage.py
   send_due_reminders`). It asks every registered source what is due *now*, computed from the
   database, and inserts one Herinnering row per (thing, person, kind) with ON CONFLICT DO
   NOTHING: the unique constraint makes "at most one" a database guarantee. Nothing is ever
   scheduled as a far-future ETA. Notices (a session moved, a meeting planned, a mentor
   request, an account invitation) are recorded the same way by `notify()` and enqueued once
   the transaction commits.
2. The sweep then picks every row still to send, without a cap: new ones, ones queued long
   ago whose task got lost (a Redis restart), ones whose claim a dead worker left behind.
3. `deliver()` claims a batch with one UPDATE (only one worker can win a row), lets each
   source decide for the whole batch what still applies, sends the mails over one mail
   connection with a Message-ID derived from the row, and records each one as sent. A worker
   keeps its claims fresh while it sends, so a dead worker's claims expire within
   REMINDER_CLAIM_TIMEOUT. A mail that fails goes back with its error, to be tried again
   later (backoff); after REMINDER_MAX_ATTEMPTS it is recorded as failed, never dropped.

The one window no database can close (the mail server accepted the mail, the process died
before recording it) leads to a resend with the same Message-ID, recognisably the same mail.
The records made while a batch is sent are committed without waiting for the disk
(`synchronous_commit` off): a crash of the database server itself can lose the last fraction
of a second of them, with the same outcome. Claims wait for the disk as usual.
If only the database connection died, the sent mail is recorded on a fresh connection.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import time
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from opleidingsschool.celery import app as celery_app
from opleidingsschool.models import Herinnering, HerinneringStatus, NotificatieVoorkeur, SkipReason

from . import registry

logger = logging.getLogger(__name__)

INSERT_BATCH = 1000
LAST_SWEEP_KEY = "notifications:last_sweep_at"
# The task's name stays what it was when it lived in the sessions package, so messages
# already queued and beat schedules keep working.
SEND_TASK = "opleidingsschool.bijeenkomsten.tasks.task_send_reminders"
SWEEP_TASK = "opleidingsschool.bijeenkomsten.tasks.task_sweep_reminders"
# Refused for this one message (a bad address, a rejected content): the rest of the batch goes on.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)

# Mails accepted by the mail server whose "sent" could not be recorded (the database was
# gone): recorded first thing in this process's next delivery, never sent again from here.
_unrecorded: set[int] = set()


class SendLater(Exception):
    """Some mails of the batch were refused; they are given back to be tried again."""


def message_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"


def claim_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT)


def requeue_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REMINDER_REQUEUE_AFTER)


def backoff(attempts: int) -> datetime.timedelta:
    """How long a failed mail waits before the sweep offers it again (doubling, at most an hour)."""
    return datetime.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


# --- Recording ------------------------------------------------------------------------------


def record(rows: Iterable[registry.Due]) -> None:
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


def batches(ids: list[int], size: int | None = None) -> list[list[int]]:
    size = size or settings.REMINDER_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def enqueue(ids: list[int]) -> None:
    """One send task per batch (by task name: the outbox does not import its tasks). The rows
    are committed already: when the broker is down, or a batch run in-process (no Redis)
    fails, the request goes on and the sweep sends them later."""
    task = celery_app.tasks[SEND_TASK]
    for batch in batches(ids):
        try:
            task.delay(ids=batch)
        except Exception:
            logger.warning("mails %s not sent now; the sweep tries again", batch[:3], exc_info=True)


def notify(rows: Iterable[registry.Due]) -> list[int]:
    """Record notices (once per thing, person and kind) and send them after the commit. If
    that enqueue gets lost, the sweep picks the rows up again. Three queries."""
    rows = list(rows)
    if not rows:
        return []
    record(rows)
    wanted: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in rows:
        wanted[(row.subject_key, row.kind)].add(row.user_id)
    match = Q()
    for (subject_key, kind), user_ids in wanted.items():
        match |= Q(subject_key=subject_key, kind=kind, user_id__in=user_ids)
    pending = Herinnering.objects.filter(
        match, status=HerinneringStatus.PENDING, enqueued_at__isnull=True
    )
    ids = sorted(pending.values_list("pk", flat=True))
    if ids:
        Herinnering.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
        transaction.on_commit(lambda: enqueue(ids))
    return ids


# --- The sweep ------------------------------------------------------------------------------


def _to_send_filter(now: datetime.datetime) -> Q:
    return (
        Q(status=HerinneringStatus.PENDING, enqueued_at__isnull=True)
        | Q(status=HerinneringStatus.PENDING, enqueued_at__lt=now - requeue_after())
        | Q(status=HerinneringStatus.CLAIMED, claimed_at__lt=now - claim_timeout())
    )


def to_send(*, now: datetime.datetime) -> list[int]:
    """Every row a task should (still) try, marked as queued now. Two queries, no cap."""
    condition = _to_send_filter(now)
    ids = list(
        Herinnering.objects.filter(condition).order_by("pk").values_list("pk", flat=True)
    )
    if ids:
        Herinnering.objects.filter(condition, pk__lte=ids[-1]).update(enqueued_at=now)
    return ids


def sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Record what is due now and return the ids of the rows to send. The number of queries
    does not depend on the number of recipients."""
    now = now or timezone.now()
    rows = [row for source in registry.sources for row in source.due(now=now)]
    if rows:
        record(rows)
    ids = to_send(now=now)
    cache.set(LAST_SWEEP_KEY, timezone.now(), None)
    return ids


# --- Claiming -------------------------------------------------------------------------------


def _claimable(now: datetime.datetime) -> Q:
    return Q(status=HerinneringStatus.PENDING) | Q(
        status=HerinneringStatus.CLAIMED, claimed_at__lt=now - claim_timeout()
    )


def claim_batch(ids: Iterable[int], *, now: datetime.datetime) -> list[int]:
    """Win the right to send these rows: rows another worker is on are skipped (SKIP LOCKED)
    and the winners are claimed with one UPDATE. Two queries."""
    with transaction.atomic():
        won = list(
            Herinnering.objects.filter(_claimable(now), pk__in=set(ids))
            .exclude(pk__in=_unrecorded)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if won:
            Herinnering.objects.filter(pk__in=won).update(
                status=HerinneringStatus.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
            )
    return won


def claim(pk: int, *, now: datetime.datetime) -> bool:
    return bool(claim_batch([pk], now=now))


def _on_fresh_connection(action):
    """Run a write; when the database connection died under it, once more on a new one."""
    try:
        return action()
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        logger.warning("database connection lost; retrying on a fresh connection", exc_info=True)
        connection.close()
        return action()


def _mark_sent(pk: int) -> None:
    def action():
        Herinnering.objects.filter(pk=pk, status=HerinneringStatus.CLAIMED).update(
            status=HerinneringStatus.SENT, sent_at=timezone.now(), last_error=""
        )

    try:
        _on_fresh_connection(action)
    except DatabaseError:
        _unrecorded.add(pk)
        raise


def _flush_unrecorded() -> None:
    if _unrecorded:
        Herinnering.objects.filter(pk__in=_unrecorded, status=HerinneringStatus.CLAIMED).update(
            status=HerinneringStatus.SENT, sent_at=timezone.now()
        )
        _unrecorded.clear()


def _skip(reasons: dict[int, str]) -> None:
    by_reason: dict[str, list[int]] = defaultdict(list)
    for pk, reason in reasons.items():
        by_reason[str(reason)].append(pk)
    now = timezone.now()
    for reason, pks in by_reason.items():
        Herinnering.objects.filter(pk__in=pks, status=HerinneringStatus.CLAIMED).update(
            status=HerinneringStatus.SKIPPED, reason=reason, sent_at=now
        )


def _give_back(row: Herinnering, error: BaseException) -> str:
    """A failed try: back to pending (with backoff), or failed after the last try."""
    message = f"{type(error).__name__}: {error}"[:2000]
    now = timezone.now()
    final = row.attempts >= settings.REMINDER_MAX_ATTEMPTS
    fields = (
        {"status": HerinneringStatus.FAILED, "sent_at": now}
        if final
        else {
            "status": HerinneringStatus.PENDING,
            "claimed_at": None,
            "enqueued_at": now + backoff(row.attempts),
        }
    )
    _on_fresh_connection(
        lambda: Herinnering.objects.filter(pk=row.pk, status=HerinneringStatus.CLAIMED).update(
            last_error=message, **fields
        )
    )
    logger.warning("mail %s (%s) failed, try %s: %s", row.pk, row.kind, row.attempts, message)
    return "failed"


def _release_untried(pks: list[int]) -> None:
    """Rows claimed but not tried (the batch stopped): back to pending, not counted as a try."""
    if pks:
        _on_fresh_connection(
            lambda: Herinnering.objects.filter(pk__in=pks, status=HerinneringStatus.CLAIMED).update(
                status=HerinneringStatus.PENDING,
                claimed_at=None,
                enqueued_at=timezone.now(),
                attempts=F("attempts") - 1,
            )
        )


def _refresh_claims(pks: list[int]) -> None:
    Herinnering.objects.filter(pk__in=pks, status=HerinneringStatus.CLAIMED).update(
        claimed_at=timezone.now()
    )


# --- Building and sending -------------------------------------------------------------------


def build(rows: list[Herinnering]) -> dict[int, object]:
    """Per row the mail to send or the reason to skip it. A fixed number of queries per
    source, whatever the size of the batch."""
    result: dict[int, object] = {}
    preferences = {
        voorkeur.user_id: voorkeur
        for voorkeur in NotificatieVoorkeur.objects.filter(user_id__in={row.user_id for row in rows})
    }
    per_source: dict[str, list[Herinnering]] = defaultdict(list)
    for row in rows:
        source = registry.source_for(row.subject_key)
        field = source.preference(row.kind) if source else None
        voorkeur = preferences.get(row.user_id)
        if source is None:
            result[row.pk] = SkipReason.GONE
        elif not row.user.is_active:
            result[row.pk] = SkipReason.INACTIVE
        elif field and voorkeur is not None and not getattr(voorkeur, field):
            result[row.pk] = SkipReason.PREFERENCE
        else:
            per_source[source.prefix].append(row)
    domain = message_domain()
    for prefix, source_rows in per_source.items():
        built = registry.source_for(f"{prefix}:").build(rows=source_rows)
        for row in source_rows:
            outcome = built.get(row.pk) or SkipReason.GONE
            if not isinstance(outcome, str):
                outcome.extra_headers["Message-ID"] = row.message_id(domain)
            result[row.pk] = outcome
    return result


@contextmanager
def _records_without_waiting():
    """While a batch is sent, its records ("sent", a failed try, a fresher claim) are
    committed without waiting for the disk: one commit per mail, and waiting for each was
    half the time of a batch (issue 10). Only a crash of the database server itself within
    a fraction of a second can lose such a record, which leads to the resend (same
    Message-ID) described above. The claim, made before, waited as usual."""
    if connection.vendor != "postgresql":
        yield
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    except DatabaseError:  # the batch is sent all the same; its records wait for the disk
        logger.warning("synchronous_commit could not be turned off", exc_info=True)
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # the connection is gone; a new one starts with the default
            logger.debug("resetting synchronous_commit failed", exc_info=True)


def _send(pairs: list[tuple[Herinnering, object]], outcome: dict[str, int]) -> None:
    with _records_without_waiting():
        _send_each(pairs, outcome)


def _send_each(pairs: list[tuple[Herinnering, object]], outcome: dict[str, int]) -> None:
    mail = get_connection()
    beat_every = settings.REMINDER_CLAIM_TIMEOUT / 3
    last_beat = time.monotonic()
    refused = False
    try:
        try:
            mail.open()
        except Exception as error:
            # No connection to the mail server: a failed try for every mail of the batch.
            for row, _message in pairs:
                _give_back(row, error)
            raise
        for index, (row, message) in enumerate(pairs):
            if time.monotonic() - last_beat > beat_every:
                _refresh_claims([later.pk for later, _message in pairs[index:]])
                last_beat = time.monotonic()
            message.connection = mail
            try:
                mail.send_messages([message])
            except MESSAGE_ERRORS as error:
                outcome[_give_back(row, error)] += 1
                refused = True
                continue
            except Exception as error:
                # The connection (or the server) is gone: this one failed, the rest waits.
                _give_back(row, error)
                _release_untried([later.pk for later, _message in pairs[index + 1 :]])
                raise
            _mark_sent(row.pk)
            outcome["sent"] += 1
            logger.info("mail %s (%s) sent to user %s", row.pk, row.kind, row.user_id)
    finally:
        try:
            mail.close()
        except Exception:  # closing a connection the server already dropped
            logger.debug("closing the mail connection failed", exc_info=True)
    if refused:
        raise SendLater("some mails of this batch were refused; they will be tried again")


def deliver(*, ids: list[int]) -> dict[str, int]:
    """Send the mails with these ids; each at most once whatever runs beside it. The number
    of queries per mail is a constant."""
    outcome = {"sent": 0, "skipped": 0, "taken": 0, "failed": 0}
    _flush_unrecorded()
    won = claim_batch(ids, now=timezone.now())
    outcome["taken"] = len(ids) - len(won)
    if not won:
        return outcome
    rows = list(Herinnering.objects.filter(pk__in=won).select_related("user").order_by("pk"))
    try:
        plan = build(rows)
    except Exception:
        _release_untried(won)
        raise
    skipped = {pk: reason for pk, reason in plan.items() if isinstance(reason, str)}
    _skip(skipped)
    outcome["skipped"] = len(skipped)
    _send([(row, plan[row.pk]) for row in rows if row.pk not in skipped], outcome)
    return outcome


def deliver_one(pk: int) -> str:
    """Claim, build, send and record one mail. Returns what happened."""
    outcome = deliver(ids=[pk])
    return next(key for key, count in outcome.items() if count)
