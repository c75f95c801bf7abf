"""A hardened deployment: HTTPS behind a proxy, HSTS, and a strict Content-Security-Policy."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
STRICT_POLICY = (
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'",
)


def _env_example() -> dict[str, str]:
    """The variables .env.example sets (what an operator starts from)."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"([A-Z_]+)=(.*)", line)
        if match:
            values[match[1]] = match[2].strip('"')
    return values


def _production_env(**extra) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "HEALTH_"))}
    return env | _env_example() | {"SECRET_KEY": secrets.token_urlsafe(50)} | extra


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_production_defaults_are_https_only():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, list(s.SECURE_PROXY_SSL_HEADER)]))"
    )
    env = _production_env(DJANGO_SETTINGS_MODULE="opleidingsschool.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        True, 31536000, True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"]
    ]


@pytest.mark.django_db
def test_behind_the_proxy_plain_http_is_redirected_and_https_gets_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    plain = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="http")
    assert (plain.status_code, plain["Location"]) == (301, "https://testserver/accounts/login/")
    secure = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_strict_policy(client, personas):
    anonymous = [client.get(reverse("account_login")), client.get(reverse("health")),
                 client.get("/admin/login/")]
    client.force_login(personas.student.user)
    logged_in = [client.get(reverse("home")), client.get("/bestaat-niet/"),
                 client.get(reverse("theme_css"))]
    responses = anonymous + logged_in
    # The admin's log-in is a redirect to the portal's (issue 12: the second factor applies).
    assert [response.status_code for response in responses] == [200, 200, 302, 200, 404, 200]
    for response in responses:
        policy = response["Content-Security-Policy"]
        assert sorted(policy.split("; ")) == sorted([*STRICT_POLICY, "font-src 'self'",
                                                      "connect-src 'self'"])
        assert "unsafe" not in policy and "http" not in policy
