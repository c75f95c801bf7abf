"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server."""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (factories, asserts) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def fail_on_csp_violations(page):
    """Collect what the browser refused or threw; the test fails on any of it (hardening).

    A Content-Security-Policy violation shows in the console as an error naming the policy;
    an uncaught script error is a `pageerror`.
    """
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}")
        if msg.type == "error" and "Content Security Policy" in msg.text
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return problems


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = fail_on_csp_violations(page)
    yield page
    context.close()
    assert problems == [], "the browser reported Content-Security-Policy violations or script errors"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam",
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = fail_on_csp_violations(page)
    yield page
    context.close()
    assert problems == [], "the browser reported Content-Security-Policy violations or script errors"


@pytest.fixture
def demo(transactional_db):
    """The demo partnership of `manage.py seed_demo`, as a newcomer sees it."""
    from django.core.management import call_command

    call_command("seed_demo", "--force", verbosity=0)


def screenshot(page, name: str) -> None:
    """Keep a picture of what the user saw (screenshots/ is git-ignored; look at them)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, email: str, password: str = "demo") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
