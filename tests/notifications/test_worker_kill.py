"""A real Celery worker process is killed with SIGKILL in the middle of a batch and started
again: every due reminder leaves soon after, exactly once (at most the one mail the server
accepted just before the kill may come twice, with the same Message-ID).

The timings are shortened here (claims expire after 4 s, a lost task is queued again after
4 s, the sweep runs every second); with the defaults (45 s, 45 s, a minute) the same recovery
takes under two minutes. The test polls with a generous deadline: a slow machine is slower,
not red."""

import datetime
import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from opleidingsschool.celery import app as celery_app
from opleidingsschool.models import Herinnering
from opleidingsschool.notifications import outbox
from tests import factories
from tests.conftest import port_open, skip_or_fail

pytestmark = [pytest.mark.real_celery, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 40


def _worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "opleidingsschool", "worker", "--pool=solo",
         "--concurrency=1", "--without-heartbeat", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait(condition, timeout=180.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _message_ids(folder: Path) -> Counter:
    return Counter(
        email.message_from_bytes(path.read_bytes())["Message-ID"] for path in folder.glob("*.eml")
    )


def _database_url() -> str:
    db = settings.DATABASES["default"]
    login = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_a_killed_worker_leaves_nothing_behind_and_sends_nothing_twice(tmp_path):
    if not settings.REDIS_URL or not port_open("127.0.0.1", 6379):
        skip_or_fail("a real Celery worker needs REDIS_URL and a running Redis")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip_or_fail("a worker process shares the test database only on Postgres")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_BACKEND": "tests.notifications.slow_backend.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
        "SLOW_MAIL_SECONDS": "0.2",
        "REMINDER_BATCH_SIZE": "10",
        "REMINDER_CLAIM_TIMEOUT": "4",
        "REMINDER_REQUEUE_AFTER": "4",
        "CELERY_VISIBILITY_TIMEOUT": "8",
    }
    celery_app.control.purge()
    start = timezone.now() + datetime.timedelta(days=3)
    bijeenkomst = factories.BijeenkomstFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    for _ in range(RECIPIENTS):
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=factories.UserFactory())

    first = _worker(env)
    try:
        with override(REMINDER_BATCH_SIZE=10):
            outbox.enqueue(outbox.sweep())
        assert _wait(lambda: len(list(tmp_path.glob("*.eml"))) >= 3), "the worker sent nothing"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    sent_before = len(list(tmp_path.glob("*.eml")))
    assert sent_before < RECIPIENTS, "the worker finished before it was killed"

    second = _worker(env)
    restarted = time.monotonic()
    try:
        def all_sent():
            # What beat does: the sweep, every second here.
            with override(REMINDER_CLAIM_TIMEOUT=4, REMINDER_REQUEUE_AFTER=4, REMINDER_BATCH_SIZE=10):
                outbox.enqueue(outbox.sweep())
            time.sleep(1)
            return Herinnering.objects.filter(status="sent").count() == RECIPIENTS

        assert _wait(all_sent), "not every reminder left after the restart"
        elapsed = time.monotonic() - restarted
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=30)
        except subprocess.TimeoutExpired:
            second.kill()
    ids = _message_ids(tmp_path)
    assert len(ids) == RECIPIENTS  # none lost
    assert sum(count - 1 for count in ids.values()) <= 1  # only a mail accepted right at the kill
    assert elapsed < 60


def override(**values):
    from django.test.utils import override_settings

    return override_settings(**values)
