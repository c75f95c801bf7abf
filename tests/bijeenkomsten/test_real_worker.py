"""Reminders through the real Redis broker and a real Celery worker (not eager mode).

Nothing here waits a fixed time: each test polls, with a generous deadline, for what it
expects (a task finished, a row sent), so a loaded machine is slower, never red."""

import datetime
import smtplib
import time
from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from opleidingsschool.celery import app as celery_app
from opleidingsschool.models import Herinnering
from opleidingsschool.notifications.tasks import task_send_reminders, task_sweep_reminders
from tests import factories
from tests.conftest import port_open, skip_or_fail

pytestmark = [pytest.mark.real_celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    if not settings.REDIS_URL or not port_open("127.0.0.1", 6379):
        skip_or_fail("a real Celery worker needs REDIS_URL and a running Redis")
    assert celery_app.conf.task_always_eager is False
    celery_app.control.purge()
    with start_worker(
        celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
    ) as worker:
        yield worker


@pytest.fixture
def finished():
    """Ids of the tasks the worker finished (a retried task finishes once per try)."""
    done: list[str] = []

    def on_postrun(task_id=None, **kwargs):
        done.append(task_id)

    task_postrun.connect(on_postrun, weak=False)
    yield done
    task_postrun.disconnect(on_postrun)


def wait_for(condition, timeout: float = 180.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def soon_session(*users):
    start = timezone.now() + datetime.timedelta(days=3)
    bijeenkomst = factories.BijeenkomstFactory(
        title="Leercafé", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    for user in users:
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=user)
    return bijeenkomst


def all_sent(count):
    return lambda: Herinnering.objects.filter(status="sent").count() == count


def test_a_reminder_is_delivered_once_by_a_real_worker_despite_duplicate_sweeps(worker, mailoutbox, finished):
    soon_session(
        factories.UserFactory(email="een@example.org"), factories.UserFactory(email="twee@example.org")
    )
    # Two beats fire at once, and a third sweep follows.
    task_sweep_reminders.delay()
    task_sweep_reminders.delay()
    assert wait_for(all_sent(2))
    third = task_sweep_reminders.delay()
    ids = list(Herinnering.objects.values_list("pk", flat=True))
    redelivered = task_send_reminders.delay(ids=ids)  # a redelivered batch
    # A duplicate would show up once these two have run.
    assert wait_for(lambda: {third.id, redelivered.id} <= set(finished))
    assert sorted(mail.to[0] for mail in mailoutbox) == ["een@example.org", "twee@example.org"]
    assert mailoutbox[0].subject.startswith("Herinnering: Leercafé op ")
    assert list(Herinnering.objects.values_list("attempts", flat=True)) == [1, 1]


def test_a_real_worker_retries_a_refused_mail_and_sends_it_once(worker, mailoutbox, finished):
    soon_session(factories.UserFactory(email="retry@example.org"))
    real_send = EmailBackend.send_messages
    calls = []

    def flaky(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", flaky):
        sweep = task_sweep_reminders.delay()
        assert wait_for(all_sent(1))
        # The sweep and the send task (a failed try, then the retry) have all finished.
        assert wait_for(lambda: sweep.id in finished and len(finished) >= 3)
    assert [mail.to for mail in mailoutbox] == [["retry@example.org"]]
    assert len(calls) == 2
    assert Herinnering.objects.get().attempts == 2
