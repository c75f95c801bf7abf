"""The health endpoint for the monitoring (django-health-check): machine-readable JSON.

`/health/` checks the database, Redis, that a Celery worker answers a ping, and that the
reminder sweep ran recently. Which checks apply follows the deployment: Redis only with
REDIS_URL, the worker and the sweep only when tasks go to a broker (not run in-process as in
the embedded default). `/health/web/` is the web container's own probe (database and Redis:
it can serve pages); `/health/sweep/` is the beat container's (the sweep is on time).

No login (the monitoring has none), no personal data: only check names, "ok"/"error", a short
reason and the time of the last sweep. With HEALTH_TOKEN set, the caller must send it as
`Authorization: Bearer <token>` (or `?token=`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

# Set by the reminder sweep (an aware datetime) each time it ran; see the outbox's sweep.
LAST_SWEEP_CACHE_KEY = "notifications:last_sweep_at"


@dataclasses.dataclass
class RedisPing(HealthCheck):
    """Redis (the Celery broker and the shared cache) answers a PING."""

    timeout = datetime.timedelta(seconds=2)

    def run(self) -> None:
        import redis

        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        try:
            client.ping()
        except redis.RedisError as error:
            raise ServiceUnavailable("Redis does not answer") from error
        finally:
            client.close()


@dataclasses.dataclass
class CeleryWorker(HealthCheck):
    """At least one Celery worker answers a ping over the broker within a second."""

    timeout = datetime.timedelta(seconds=2)

    def run(self) -> None:
        from .celery import app

        try:
            replies = app.control.ping(timeout=1.0)
        except OSError as error:
            raise ServiceUnavailable("the broker cannot be reached") from error
        if not any(reply == {"ok": "pong"} for answer in replies for reply in answer.values()):
            raise ServiceUnavailable("no Celery worker answers")


@dataclasses.dataclass
class ReminderSweep(HealthCheck):
    """The reminder sweep ran within the last few sweep intervals (beat and a worker work)."""

    timeout = datetime.timedelta(seconds=2)

    def last_sweep_at(self) -> datetime.datetime | None:
        value = cache.get(LAST_SWEEP_CACHE_KEY)
        return value if isinstance(value, datetime.datetime) else None

    def run(self) -> None:
        last = self.last_sweep_at()
        if last is None:
            raise ServiceUnavailable("no reminder sweep recorded")
        stale_after = datetime.timedelta(minutes=settings.HEALTH_SWEEP_STALE_AFTER_MINUTES)
        if timezone.now() - last > stale_after:
            raise ServiceUnavailable(
                f"the last reminder sweep is older than {settings.HEALTH_SWEEP_STALE_AFTER_MINUTES} minutes"
            )


CHECK_NAMES = {Database: "database", RedisPing: "redis", CeleryWorker: "celery_worker",
               ReminderSweep: "reminder_sweep"}


def tasks_use_a_broker() -> bool:
    """True when tasks go to Redis and a worker; false when they run in-process."""
    from .celery import app

    return bool(settings.REDIS_URL) and not app.conf.task_always_eager


class HealthView(HealthCheckView):
    """Runs the checks named in `parts` that apply to this deployment; always answers JSON."""

    parts: tuple[str, ...] = ("database", "redis", "celery_worker", "reminder_sweep")

    def get_checks(self):
        applies = {
            "database": True,
            "redis": bool(settings.REDIS_URL),
            "celery_worker": tasks_use_a_broker(),
            "reminder_sweep": tasks_use_a_broker(),
        }
        for check_class, name in CHECK_NAMES.items():
            if name in self.parts and applies[name]:
                yield check_class()

    async def get(self, request, *args, **kwargs):
        token = settings.HEALTH_TOKEN
        if token:
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            given = given or request.GET.get("token", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return JsonResponse({"status": "forbidden"}, status=403)
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        return self.render_to_response_json(503 if self.has_errors() else 200)

    def has_errors(self) -> bool:
        return any(result.error for result in self.results)

    def render_to_response_json(self, status):
        checks = {}
        for result in self.results:
            entry = {"status": "error" if result.error else "ok"}
            if result.error:
                entry["reason"] = result.error.message
            if isinstance(result.check, ReminderSweep):
                last = result.check.last_sweep_at()
                entry["last_sweep_at"] = last.isoformat() if last else None
            checks[CHECK_NAMES[type(result.check)]] = entry
        return JsonResponse(
            {"status": "error" if self.has_errors() else "ok", "checks": checks}, status=status
        )
