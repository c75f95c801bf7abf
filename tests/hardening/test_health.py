"""The health endpoint: what the monitoring and the containers' probes read."""

import datetime

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from opleidingsschool.celery import app as celery_app
from opleidingsschool.health import LAST_SWEEP_CACHE_KEY
from tests.conftest import port_open, skip_or_fail

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_running():
    if not settings.REDIS_URL or not port_open("127.0.0.1", 6379):
        skip_or_fail("the health checks of a real stack need REDIS_URL and a running Redis")


@pytest.fixture
def broker(redis_running):
    """Tasks go to Redis and a worker, as in a deployment (not in-process)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


def test_in_process_tasks_need_only_the_database_and_redis(client, redis_running):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"status": "ok"}, "redis": {"status": "ok"}},
    }
    assert "no-cache" in response["Cache-Control"]


def test_a_stack_without_a_worker_or_a_sweep_is_reported_unhealthy(client, broker):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {
            "database": {"status": "ok"},
            "redis": {"status": "ok"},
            "celery_worker": {"status": "error", "reason": "no Celery worker answers"},
            "reminder_sweep": {
                "status": "error", "reason": "no reminder sweep recorded", "last_sweep_at": None,
            },
        },
    }


def test_the_web_probe_ignores_the_worker(client, broker):
    response = client.get("/health/web/")
    assert response.status_code == 200
    assert list(response.json()["checks"]) == ["database", "redis"]


@pytest.mark.real_celery
@pytest.mark.django_db(transaction=True)
def test_a_running_worker_and_a_recent_sweep_make_the_stack_healthy(client, broker):
    swept = timezone.now() - datetime.timedelta(seconds=30)
    cache.set(LAST_SWEEP_CACHE_KEY, swept, None)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "redis": {"status": "ok"},
            "celery_worker": {"status": "ok"},
            "reminder_sweep": {"status": "ok", "last_sweep_at": swept.isoformat()},
        },
    }


def test_the_sweep_is_stale_after_three_sweep_intervals(client, broker, settings):
    settings.REMINDER_SWEEP_MINUTES = 5
    settings.HEALTH_SWEEP_STALE_AFTER_MINUTES = 15  # the default: three sweep intervals
    swept = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=datetime.UTC)
    cache.set(LAST_SWEEP_CACHE_KEY, swept, None)
    with time_machine.travel(swept + datetime.timedelta(minutes=15), tick=False):
        on_time = client.get("/health/sweep/")
    with time_machine.travel(swept + datetime.timedelta(minutes=15, seconds=1), tick=False):
        late = client.get("/health/sweep/")
    assert (on_time.status_code, late.status_code) == (200, 503)
    assert late.json()["checks"]["reminder_sweep"] == {
        "status": "error",
        "reason": "the last reminder sweep is older than 15 minutes",
        "last_sweep_at": "2026-11-30T08:00:00+00:00",
    }


def test_the_sweep_is_by_default_stale_after_three_sweep_intervals():
    assert settings.HEALTH_SWEEP_STALE_AFTER_MINUTES == 3 * settings.REMINDER_SWEEP_MINUTES


def test_with_a_token_set_the_monitoring_must_send_it(client, settings, redis_running):
    settings.HEALTH_TOKEN = "geheim-token"
    refused = client.get("/health/")
    wrong = client.get("/health/", HTTP_AUTHORIZATION="Bearer fout")
    as_header = client.get("/health/", HTTP_AUTHORIZATION="Bearer geheim-token")
    as_parameter = client.get("/health/?token=geheim-token")
    assert (refused.status_code, wrong.status_code) == (403, 403)
    assert refused.json() == {"status": "forbidden"}
    assert (as_header.status_code, as_parameter.status_code) == (200, 200)


def test_the_endpoint_answers_plain_http_while_pages_redirect_to_https(client, settings, redis_running):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/web/").status_code == 200
    page = client.get("/accounts/login/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/accounts/login/"
