"""A real Celery worker process is killed with SIGKILL in the middle of a batch and started
again: every due reminder leaves soon after, exactly once (at most the one mail the server
accepted just before the kill may come twice, with the same Message-ID).

The timings are shortened here (claims expire after 4 s, a lost task is queued again after
4 s, the sweep runs every second); with the defaults (45 s, 45 s, a minute) the same recovery
takes under two minutes. The test polls with a generous deadline: a slow machine is slower,
not red."""

import datetime
import signal
import time

import pytest
from django.utils import timezone

from opleidingsschool.celery import app as celery_app
from opleidingsschool.models import Herinnering
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

pytestmark = [pytest.mark.real_celery, pytest.mark.django_db(transaction=True)]
RECIPIENTS = 40


def test_a_killed_worker_leaves_nothing_behind_and_sends_nothing_twice(tmp_path):
    require_worker_services()
    env = worker_env(tmp_path)
    celery_app.control.purge()
    start = timezone.now() + datetime.timedelta(days=3)
    bijeenkomst = factories.BijeenkomstFactory(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    for _ in range(RECIPIENTS):
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=factories.UserFactory())

    first = start_worker(env)
    try:
        with override(REMINDER_BATCH_SIZE=10):
            outbox.enqueue(outbox.sweep())
        assert wait_for(lambda: len(list(tmp_path.glob("*.eml"))) >= 3), "the worker sent nothing"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    sent_before = len(list(tmp_path.glob("*.eml")))
    assert sent_before < RECIPIENTS, "the worker finished before it was killed"

    second = start_worker(env)
    restarted = time.monotonic()
    try:
        def all_sent():
            # What beat does: the sweep, every second here.
            with override(REMINDER_CLAIM_TIMEOUT=4, REMINDER_REQUEUE_AFTER=4, REMINDER_BATCH_SIZE=10):
                outbox.enqueue(outbox.sweep())
            time.sleep(1)
            return Herinnering.objects.filter(status="sent").count() == RECIPIENTS

        assert wait_for(all_sent), "not every reminder left after the restart"
        elapsed = time.monotonic() - restarted
    finally:
        stop_worker(second)
    ids = message_ids(tmp_path)
    assert len(ids) == RECIPIENTS  # none lost
    assert sum(count - 1 for count in ids.values()) <= 1  # only a mail accepted right at the kill
    assert elapsed < 60


def override(**values):
    from django.test.utils import override_settings

    return override_settings(**values)
