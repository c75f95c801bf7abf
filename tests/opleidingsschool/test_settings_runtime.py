"""Settings that depend on how the portal is started, read in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

PROBE = (
    "import json, sys; sys.argv = {argv!r}; "
    "from opleidingsschool import settings as s; "
    "print(json.dumps({{'conn_max_age': s.DATABASES['default'].get('CONN_MAX_AGE'), "
    "'lang_secure': s.LANGUAGE_COOKIE_SECURE, 'lang_httponly': s.LANGUAGE_COOKIE_HTTPONLY, "
    "'lang_samesite': s.LANGUAGE_COOKIE_SAMESITE, 'redis_url': s.REDIS_URL}}))"
)


def read_settings(argv: list[str], **environ: str) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "DB_CONN_MAX_AGE", "SECURE_COOKIES", "SECRET_KEY",
                          "PYTEST_XDIST_WORKER", "PYTEST_XDIST_REDIS_URL"}}
    env.update(DATABASE_URL="postgres://u@127.0.0.1:5432/x", **environ)
    result = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["manage.py", "runserver"], {"DEBUG": "0", "SECRET_KEY": "x"}, 0),
        (["manage.py", "runserver"], {}, 0),
        (["gunicorn"], {"DEBUG": "1"}, 0),
        (["gunicorn"], {"DEBUG": "0", "SECRET_KEY": "x"}, 600),
        (["gunicorn"], {"DEBUG": "0", "SECRET_KEY": "x", "DB_CONN_MAX_AGE": "60"}, 60),
        (["manage.py", "runserver"], {"DB_CONN_MAX_AGE": "30"}, 30),
    ],
)
def test_connections_are_not_kept_under_the_development_server(argv, environ, expected):
    assert read_settings(argv, **environ)["conn_max_age"] == expected


def test_language_cookie_is_secure_http_only_and_same_site_in_production():
    values = read_settings(["gunicorn"], DEBUG="0", SECRET_KEY="x")
    values.pop("redis_url")
    assert values == {"conn_max_age": 600, "lang_secure": True, "lang_httponly": True,
                      "lang_samesite": "Lax"}


def test_language_cookie_set_by_the_language_switch_carries_the_flags(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["secure"], cookie["httponly"], cookie["samesite"]) == (
        "en", True, True, "Lax")


def test_each_parallel_test_process_and_the_workers_it_starts_share_one_redis_database():
    """Under pytest-xdist the second process (gw1) moves to the Redis database below the
    configured one; a Celery worker it starts inherits that URL and must stay on it (the
    worker-kill tests sent nothing when it moved one further)."""
    gw1 = read_settings(["pytest"], REDIS_URL="redis://127.0.0.1:6379/14",
                        PYTEST_XDIST_WORKER="gw1")
    assert gw1["redis_url"] == "redis://127.0.0.1:6379/13"
    child = read_settings(["celery"], REDIS_URL=gw1["redis_url"], PYTEST_XDIST_WORKER="gw1",
                          PYTEST_XDIST_REDIS_URL=gw1["redis_url"])
    assert child["redis_url"] == "redis://127.0.0.1:6379/13"
    alone = read_settings(["pytest"], REDIS_URL="redis://127.0.0.1:6379/14")
    assert alone["redis_url"] == "redis://127.0.0.1:6379/14"
