"""Real Celery worker processes for the outbox's fault tests: they share the test database
(Postgres) and the test's Redis database, and write each mail as an .eml file
(tests.notifications.slow_backend) so a test can count what arrived."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from django.conf import settings

from tests.conftest import port_open, skip_or_fail

ROOT = Path(__file__).resolve().parents[2]


def require_worker_services() -> None:
    if not settings.REDIS_URL or not port_open("127.0.0.1", 6379):
        skip_or_fail("a real Celery worker needs REDIS_URL and a running Redis")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip_or_fail("a worker process shares the test database only on Postgres")


def database_url() -> str:
    """The test database, for a worker process."""
    db = settings.DATABASES["default"]
    login = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(mail_folder: Path, **extra: str) -> dict[str, str]:
    """Slow mail into files; a claim expires after 4 s, a lost task is queued again after 4 s
    and an unacknowledged one after 8 s (the defaults are 45, 45 and 90)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_BACKEND": "tests.notifications.slow_backend.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_folder),
        "SLOW_MAIL_SECONDS": "0.2",
        "FAIL_MAIL_EVERY": "0",
        "REMINDER_BATCH_SIZE": "10",
        "REMINDER_CLAIM_TIMEOUT": "4",
        "REMINDER_REQUEUE_AFTER": "4",
        "CELERY_VISIBILITY_TIMEOUT": "8",
        **extra,
    }


def start_worker(env: dict[str, str], *, name: str = "worker", log: Path | None = None) -> subprocess.Popen:
    """A `celery worker` process with one solo pool; its log (warnings and up) goes to `log`."""
    output = log.open("ab") if log else subprocess.DEVNULL
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "opleidingsschool", "worker", "--pool=solo",
             "--concurrency=1", "--without-heartbeat", "--without-gossip", "--without-mingle",
             "--loglevel=WARNING", f"--hostname={name}@%h"],
            cwd=ROOT, env=env, stdout=output, stderr=output,
        )
    finally:
        if log:
            output.close()  # the child holds its own copy


def stop_worker(process: subprocess.Popen) -> None:
    """A warm shutdown (the task at hand finishes); a kill when that takes too long."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def wait_for(condition, timeout: float = 180.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def message_ids(folder: Path) -> Counter:
    """How often each Message-ID arrived."""
    return Counter(
        email.message_from_bytes(path.read_bytes())["Message-ID"] for path in folder.glob("*.eml")
    )
