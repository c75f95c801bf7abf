"""The invitation mail travels through the real broker and a real Celery worker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from opleidingsschool.celery import app as celery_app
from opleidingsschool.services import invite_student
from tests import factories
from tests.conftest import port_open, skip_or_fail


@pytest.fixture
def celery_worker_on_redis():
    if not settings.REDIS_URL or not port_open("127.0.0.1", 6379):
        skip_or_fail("a real Celery worker needs REDIS_URL and a running Redis")
    assert celery_app.conf.task_always_eager is False
    with start_worker(
        celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
    ) as worker:
        yield worker


def wait_for(condition, timeout: float = 180.0) -> bool:
    """Polls with a generous deadline: a loaded machine is slower, never red."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.real_celery
@pytest.mark.django_db(transaction=True)
def test_invitation_is_delivered_once_by_a_real_worker(celery_worker_on_redis, mailoutbox):
    invite_student(
        email="echt@example.org", first_name="Echt", last_name="Werker",
        opleiding=factories.OpleidingFactory(), study_year=1,
    )
    assert wait_for(lambda: len(mailoutbox) >= 1)
    time.sleep(0.5)  # a duplicate delivery would show up here
    assert [mail.to for mail in mailoutbox] == [["echt@example.org"]]
    assert mailoutbox[0].subject == "Je account voor Opleidingsschool"
