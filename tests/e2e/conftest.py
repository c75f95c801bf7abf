"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server.

Every page a journey loads, in `page` and in `phone`, is checked with axe-core (WCAG 2.1 A and
AA rules, from the npm package that `npm ci` installs): a journey fails on any violation, so
an inaccessible page cannot slip in with a new feature.
"""

import datetime
import io
import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail
from tests.totp import current_code

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
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    Playwright's sync API runs an event loop in this thread while the browser is open; the
    ORM calls made by the test itself (factories, asserts) are still synchronous and safe, so
    Django's async guard is lifted for exactly that time. Module scope closes the loop again
    before the other tests of the run (which use async_to_sync, or start `check --deploy`
    in a subprocess that must not inherit the flag)."""
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_SOURCE.exists():
        skip_or_fail(f"axe-core not found at {AXE_SOURCE} (run `npm ci` in the repository)")
    return AXE_SOURCE.read_text()


class AxeChecker:
    """Runs axe-core on every page the browser loads and keeps what it finds.

    axe is handed to the page with `page.evaluate` (a DevTools call), not a <script> tag, so
    the portal's Content-Security-Policy stays as strict as it is for users.
    """

    def __init__(self, page, source: str):
        self.page = page
        self.source = source
        self.violations: list[str] = []
        self.checked: list[str] = []
        page.on("load", lambda _: self.check())

    def check(self) -> None:
        page = self.page
        url = page.url
        try:
            if "text/html" not in page.evaluate("document.contentType"):
                return
            page.evaluate(self.source)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']})",
                AXE_TAGS,
            )
        except Exception as error:  # noqa: BLE001
            # The journey moved on while axe ran; the next page gets its own check.
            message = str(error)
            # axe still busy with the previous load, or the page gone: skip this one check.
            if page.is_closed() or any(sign in message for sign in (
                "context was destroyed", "navigat", "already running", "has been closed",
            )):
                return
            raise
        self.checked.append(url)
        for violation in result["violations"]:
            for node in violation["nodes"]:
                self.violations.append(
                    f"{url}: {violation['id']} ({violation['help']}) at "
                    f"{' '.join(map(str, node['target']))}: {node['failureSummary']}"
                )

    def assert_clean(self) -> None:
        assert self.violations == [], "axe-core found accessibility violations:\n" + "\n".join(
            dict.fromkeys(self.violations)
        )


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


def _checked_page(browser, live_server, axe_source, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam", **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = fail_on_csp_violations(page)
    checker = AxeChecker(page, axe_source)
    return context, page, checker, problems


def _closed_clean(context, checker, problems) -> None:
    # The last page, whose load event may not have reached the test yet (not a tab the
    # journey never used: its empty about:blank has no title or language to check).
    page = checker.page
    if not page.is_closed() and page.url not in checker.checked and page.url != "about:blank":
        checker.check()
    context.close()
    assert problems == [], "the browser reported Content-Security-Policy violations or script errors"
    checker.assert_clean()


@pytest.fixture
def page(browser, live_server, axe_source):
    context, page, checker, problems = _checked_page(
        browser, live_server, axe_source, viewport={"width": 1280, "height": 900}
    )
    yield page
    _closed_clean(context, checker, problems)


@pytest.fixture
def phone(browser, live_server, axe_source):
    context, page, checker, problems = _checked_page(
        browser, live_server, axe_source,
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
    )
    yield page
    _closed_clean(context, checker, problems)


# The demo's rows as this process's first `seed_demo` left them, per table in Postgres's COPY
# format: later journeys get them copied back in, a tenth of a second instead of seeding for
# seconds. The uploaded files of the demo stay in MEDIA_ROOT between journeys anyway.
# The demo is laid out around today, so it is kept per day: a journey that travels to a
# school Tuesday seeds that day once, and the journeys after it get today's rows back.
_DEMO_ROWS: dict[datetime.date, dict[str, bytes]] = {}


def _tables(connection) -> list[str]:
    return [table for table in connection.introspection.table_names()
            if table != "django_migrations"]


def _copy_demo_out(connection) -> dict[str, bytes]:
    rows = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _tables(connection):
            buffer = io.BytesIO()
            cursor.copy_expert(f"COPY {quote(table)} TO STDOUT", buffer)
            if buffer.tell():
                rows[table] = buffer.getvalue()
    return rows


def _copy_demo_in(connection, rows: dict[str, bytes]) -> None:
    """Empty every table (as the journey before left them: flushed, with the content types
    made again) and copy the demo's rows back in, with the foreign-key triggers off while
    the tables fill in any order. Sequences only move on, so new rows get new ids."""
    from django.contrib.contenttypes.models import ContentType

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(map(quote, _tables(connection)))} CASCADE")
        cursor.execute("SET session_replication_role = replica")
        try:
            for table, data in rows.items():
                cursor.copy_expert(f"COPY {quote(table)} FROM STDIN", io.BytesIO(data))
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    ContentType.objects.clear_cache()


@pytest.fixture
def demo(transactional_db):
    """The demo partnership of `manage.py seed_demo`, as a newcomer sees it."""
    from django.core.management import call_command
    from django.db import connection

    today = datetime.date.today()
    if connection.vendor != "postgresql":
        call_command("seed_demo", "--force", verbosity=0)
    elif today in _DEMO_ROWS:
        _copy_demo_in(connection, _DEMO_ROWS[today])
    else:
        call_command("seed_demo", "--force", verbosity=0)
        _DEMO_ROWS[today] = _copy_demo_out(connection)


def screenshot(page, name: str) -> None:
    """Keep a picture of what the user saw (screenshots/ is git-ignored; look at them)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, email: str, password: str = "demo") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if page.url.endswith("/accounts/2fa/totp/activate/"):
        set_up_second_factor(page)
        page.goto("/")


def set_up_second_factor(page) -> str:
    """Coordinators and staff set up an authenticator app right after logging in (issue 12):
    do it as they would, with the key the page shows. Returns the key."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    secret = page.locator("#totp-secret").inner_text().strip()
    # A code typed as its 30-second window closes can be refused, and a loaded machine is
    # slow: one more try with a fresh code, with time to spare. (The first try waits only
    # when under 3 seconds are left: waiting for a margin of 10 cost every log-in of staff
    # 1.7 seconds on average.)
    for attempt in range(2):
        page.get_by_label("Code uit de app").fill(current_code(secret, margin=10 if attempt else 3))
        page.get_by_role("button", name="Aanzetten").click()
        try:
            page.wait_for_url("**/accounts/2fa/recovery-codes/", timeout=30_000)
            return secret
        except PlaywrightTimeout:
            if attempt:
                raise
    return secret
