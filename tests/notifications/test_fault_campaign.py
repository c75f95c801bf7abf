"""The fault campaign of issue 16, kept as a test: real Celery workers send the reminders of a
session while one thing goes wrong, five runs, each over a session of its own:

1. a worker is killed (SIGKILL) in the middle of a batch and started again;
2. Redis comes back empty in the middle of a batch (FLUSHDB of the broker's database): the
   queued tasks are gone;
3. the mail server drops the connection or refuses service or a recipient, for now, on every
   fifth mail;
4. Postgres terminates the worker's backend in the middle of a batch;
5. three sweeps run at the same moment, every second, and each offers again what is still
   queued, to two workers.

Per run it counts the mails lost (a reminder whose mail never arrived) and doubled (a
Message-ID that arrived more than once). Both must be zero, except that the killed worker may
have been killed between "the mail server accepted it" and "recorded": that one mail may come
twice. Timings are shortened (claims expire after 4 s, a lost task is offered again after 4 s,
the sweep runs every second) and recovery must take under a minute; with the defaults (45 s,
45 s, a minute) what the sweep has to pick up again waits at most one timeout plus one sweep
interval, under two minutes. The test polls with a generous deadline: a slow machine is slower,
not red. `pytest -s` shows the campaign's table."""

from __future__ import annotations

import datetime
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.db import connection, connections
from django.utils import timezone

from opleidingsschool.celery import app as celery_app
from opleidingsschool.models import Bijeenkomst, Herinnering, HerinneringStatus
from opleidingsschool.notifications import outbox
from tests import factories
from tests.notifications.workers import (
    message_ids,
    require_worker_services,
    start_worker,
    stop_worker,
    wait_for,
    worker_env,
)

pytestmark = [pytest.mark.slow, pytest.mark.real_celery, pytest.mark.django_db(transaction=True)]
RECIPIENTS = 30
DEADLINE = 180.0  # seconds a run may take before its unsent mails count as lost
RECOVERY = 60.0  # seconds from the fault to the last mail recorded, with the short timings
SENT_BEFORE_FAULT = 3


@dataclass
class Run:
    fault: str
    bijeenkomst: Bijeenkomst
    may_double: int = 0
    recovered_in: float | None = None  # None: not every mail was recorded within the deadline
    sent: int = 0
    lost: int = 0
    doubled: int = 0
    notes: list[str] = field(default_factory=list)


def _session() -> Bijeenkomst:
    start = timezone.now() + datetime.timedelta(days=3)
    bijeenkomst = factories.BijeenkomstFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    for _ in range(RECIPIENTS):
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=factories.UserFactory())
    return bijeenkomst


def _beat() -> None:
    """What beat does, once."""
    outbox.enqueue(outbox.sweep())


def _competing_beats(pool: ThreadPoolExecutor, sweeps: int) -> None:
    """`sweeps` sweeps released at the same moment, each on its own database connection."""
    barrier = threading.Barrier(sweeps)

    def one() -> None:
        try:
            barrier.wait(timeout=30)
            _beat()
        finally:
            connections.close_all()

    for future in [pool.submit(one) for _ in range(sweeps)]:
        future.result()


def _recorded(run: Run) -> bool:
    return (
        Herinnering.objects.filter(bijeenkomst=run.bijeenkomst, status=HerinneringStatus.SENT).count()
        == RECIPIENTS
    )


def _recover(run: Run, since: float, beat=_beat) -> None:
    """Beat every second until every mail of the run is recorded as sent, or the deadline."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        beat()
        if _recorded(run):
            run.recovered_in = time.monotonic() - since
            return
        time.sleep(1)


def _arrived(folder: Path) -> int:
    return len(list(folder.glob("*.eml")))


def _in_the_middle(run: Run, folder: Path, before: int) -> None:
    """Wait until the run's first mails arrived; the fault comes before the last one."""
    assert wait_for(lambda: _arrived(folder) >= before + SENT_BEFORE_FAULT), f"{run.fault}: nothing sent"
    assert _arrived(folder) - before < RECIPIENTS, f"{run.fault}: every mail left before the fault"


def _count(runs: list[Run], folder: Path) -> set[str]:
    """Fill in sent, lost and doubled per run; returns Message-IDs that belong to no run."""
    arrived = message_ids(folder)
    domain = outbox.message_domain()
    known: set[str] = set()
    for run in runs:
        expected = {
            row.message_id(domain) for row in Herinnering.objects.filter(bijeenkomst=run.bijeenkomst)
        }
        assert len(expected) == RECIPIENTS, f"{run.fault}: the sweep recorded {len(expected)} reminders"
        known |= expected
        run.sent = sum(1 for message_id in expected if arrived[message_id])
        run.lost = RECIPIENTS - run.sent
        run.doubled = sum(arrived[message_id] - 1 for message_id in expected if arrived[message_id] > 1)
    return set(arrived) - known


def _table(runs: list[Run]) -> str:
    lines = [
        f"{'fault':<44}{'recipients':>11}{'sent':>6}{'lost':>6}{'doubled':>9}{'recovered in':>14}",
    ]
    for run in runs:
        seconds = f"{run.recovered_in:.1f} s" if run.recovered_in is not None else "never"
        lines.append(
            f"{run.fault:<44}{RECIPIENTS:>11}{run.sent:>6}{run.lost:>6}{run.doubled:>9}{seconds:>14}"
        )
        lines += [f"    {note}" for note in run.notes]
    return "\n".join(lines)


def _terminate_other_backends() -> int:
    """Every Postgres backend of the test database but this test's own: the workers'."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return sum(1 for (terminated,) in cursor.fetchall() if terminated)


def test_a_fault_campaign_loses_no_mail_and_doubles_none(tmp_path, settings):
    require_worker_services()
    settings.REMINDER_CLAIM_TIMEOUT = 4
    settings.REMINDER_REQUEUE_AFTER = 4
    settings.REMINDER_BATCH_SIZE = 10
    mail = tmp_path / "mail"
    mail.mkdir()
    logs = tmp_path / "logs"
    logs.mkdir()
    env = worker_env(mail)
    celery_app.control.purge()
    runs: list[Run] = []
    workers = []

    def worker(name: str, **extra: str):
        process = start_worker({**env, **extra}, name=name, log=logs / f"{name}.log")
        workers.append(process)
        return process

    try:
        # 1. A worker killed in the middle of a batch, then started again.
        run = Run("worker killed (SIGKILL), restarted", _session(), may_double=1)
        runs.append(run)
        before = _arrived(mail)
        first = worker("killed")
        _beat()
        _in_the_middle(run, mail, before)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        fault = time.monotonic()
        second = worker("restarted")
        _recover(run, fault)
        stop_worker(second)

        # 2. Redis restarted empty in the middle of a batch: the queued tasks are gone.
        run = Run("Redis emptied (FLUSHDB of the broker)", _session())
        runs.append(run)
        before = _arrived(mail)
        third = worker("flushed")
        _beat()
        _in_the_middle(run, mail, before)
        broker = redis.Redis.from_url(settings.REDIS_URL)
        queued = broker.llen("celery")
        broker.flushdb()
        broker.close()
        fault = time.monotonic()
        run.notes.append(f"{queued} queued tasks flushed")
        _recover(run, fault)
        stop_worker(third)
        assert queued > 0, "Redis was emptied with no task queued: the fault missed"

        # 3. The mail server drops the connection or refuses, for now, every fifth mail.
        run = Run("mail server refusing every 5th mail", _session())
        runs.append(run)
        fourth = worker("refused", FAIL_MAIL_EVERY="5")
        fault = time.monotonic()
        _recover(run, fault)
        stop_worker(fourth)
        rows = Herinnering.objects.filter(bijeenkomst=run.bijeenkomst)
        tries = sum(rows.values_list("attempts", flat=True))
        run.notes.append(f"{tries - RECIPIENTS} refused tries")
        assert tries > RECIPIENTS, "no mail was refused: the fault missed"

        # 4. Postgres terminates the worker's backend in the middle of a batch.
        run = Run("Postgres backends terminated", _session())
        runs.append(run)
        before = _arrived(mail)
        fifth = worker("terminated")
        _beat()
        _in_the_middle(run, mail, before)
        terminated = _terminate_other_backends()
        fault = time.monotonic()
        run.notes.append(f"{terminated} backends terminated")
        _recover(run, fault)
        stop_worker(fifth)
        assert terminated > 0, "no worker backend was terminated: the fault missed"

        # 5. Three sweeps at the same moment, every second, with two workers; what is queued
        # but not yet claimed is offered again by every sweep (requeue after 1 s).
        run = Run("3 competing sweeps, 2 workers", _session())
        runs.append(run)
        settings.REMINDER_REQUEUE_AFTER = 1
        sixth, seventh = worker("competing-a"), worker("competing-b")
        with ThreadPoolExecutor(max_workers=3) as pool:
            fault = time.monotonic()
            _recover(run, fault, beat=lambda: _competing_beats(pool, 3))
        stop_worker(sixth)
        stop_worker(seventh)
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)

    strangers = _count(runs, mail)
    print(f"\nFault campaign ({RECIPIENTS} recipients per run, worker logs in {logs}):\n{_table(runs)}")
    problems = [f"mails of no run arrived: {sorted(strangers)}"] if strangers else []
    for run in runs:
        if run.lost:
            problems.append(f"{run.fault}: {run.lost} lost")
        if run.doubled > run.may_double:
            problems.append(f"{run.fault}: {run.doubled} doubled")
        if run.recovered_in is None or run.recovered_in >= RECOVERY:
            problems.append(f"{run.fault}: not recovered within {RECOVERY:.0f} s")
    assert problems == []
