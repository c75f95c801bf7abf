"""Walk every URL of the portal as every persona, with GET and with POST, and assert the table.

A URL without a row in some tests/<app>/access_routes.py fails this test: new pages must
say who may see them. What they may post is in tests/post_routes.py. Every page the walk
renders is also checked by the Nu HTML Checker (vnu, from `npm ci`), in one batch at the end.
"""

import importlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import PERSONA_NAMES, skip_or_fail
from .html_forms import post_forms
from .post_routes import POST_ROUTES, Post
from .snapshot import RolledBack

# Pages of libraries that are not the portal's own: allauth's account, social-login and MFA pages, the Django
# admin (its own staff check) and the language switch.
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_PREFIXES = ("account_", "socialaccount_", "openid_connect_", "saml_", "mfa_", "usersessions_")
EXEMPT_NAMES = {"set_language"}


def _load_routes():
    routes = []
    for path in sorted(Path(__file__).parent.glob("*/access_routes.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_routes")
        routes.extend(module.ROUTES)
    return routes


ROUTES = _load_routes()


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def _is_exempt(name: str) -> bool:
    namespace = name.split(":")[0] if ":" in name else ""
    bare = name.split(":")[-1]
    return namespace in EXEMPT_NAMESPACES or bare.startswith(EXEMPT_PREFIXES) or (
        name in EXEMPT_NAMES
    )


def test_every_portal_url_has_an_access_row():
    covered = {route.name for route in ROUTES}
    missing = sorted(
        name for name in set(_named_urls()) if not _is_exempt(name) and name not in covered
    )
    assert missing == []


def test_access_rows_name_existing_urls():
    existing = set(_named_urls())
    assert sorted(route.name for route in ROUTES if route.name not in existing) == []


# Pages the GET walk rendered, {(route index, persona): html}, for the Nu HTML Checker.
RENDERED: dict[tuple[int, str], str] = {}
# The GET walk and the HTML check run on one worker (`make test` distributes with
# `--dist loadgroup`), the check last, so it finds every page already rendered.
GET_WALK = pytest.mark.xdist_group("get_walk")


@pytest.fixture
def personas(shared_personas):
    """Built once for this module (tests/conftest.py: module_personas): the walk only reads
    them, and what a POST changes is rolled back with its test."""
    return shared_personas


@pytest.fixture(scope="module")
def sessions(module_personas, django_db_blocker) -> dict[str, str]:
    """Each persona logged in once for the module, {persona: session key}, beside the
    personas in the module's transaction (a log-in is a fair part of a short request: made
    per test, the walks spent more time logging in than walking). A test's own changes to a
    session are rolled back with it, and the cache is cleared per test."""
    keys = {}
    with django_db_blocker.unblock():
        for persona in PERSONA_NAMES:
            client = Client()
            client.force_login(module_personas.user(persona))
            keys[persona] = client.cookies["sessionid"].value
    return keys


def _log_in(client, sessions, persona: str):
    client.cookies["sessionid"] = sessions[persona]
    return client


def _walk(client, sessions, personas, index: int) -> tuple[str, dict[str, int]]:
    route = ROUTES[index]
    url = reverse(route.name, kwargs=route.kwargs(personas))
    got = {}
    for persona in PERSONA_NAMES:
        response = _log_in(client, sessions, persona).get(url)
        got[persona] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            RENDERED[(index, persona)] = response.content.decode()
    client.cookies.pop("sessionid", None)
    return url, got


@GET_WALK
@pytest.mark.django_db
@pytest.mark.parametrize("index", range(len(ROUTES)), ids=[route.name for route in ROUTES])
def test_each_persona_sees_exactly_what_the_table_allows(client, sessions, personas, index):
    route = ROUTES[index]
    url, got = _walk(client, sessions, personas, index)
    expected = {persona: route.expected_status(persona) for persona in PERSONA_NAMES}
    assert got == expected
    anonymous = client.get(url)
    if route.public:
        assert anonymous.status_code == 200
    else:
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("account_login"))


def test_post_rows_name_existing_urls():
    assert sorted(name for name in POST_ROUTES if name not in {route.name for route in ROUTES}) == []


def test_every_post_only_route_says_who_may_post():
    post_only = {
        route.name for route in ROUTES
        if {route.expected_status(persona) for persona in PERSONA_NAMES} == {405}
    }
    assert sorted(
        name for name in post_only if name not in POST_ROUTES or POST_ROUTES[name].allowed is None
    ) == []


def _expected_post(route, rule: Post) -> dict[str, int]:
    expected = {}
    for persona in PERSONA_NAMES:
        on_get = route.expected_status(persona)
        if persona in rule.expect:
            expected[persona] = rule.expect[persona]
        elif rule.allowed is not None:
            expected[persona] = rule.status if persona in rule.allowed else 404
        elif on_get == 200:
            expected[persona] = rule.status
        else:
            expected[persona] = on_get
    return expected


def _form_data(sessions, personas, route, url, rule: Post) -> dict:
    """What a browser would post: the route's own data, else the page's form as shown."""
    if rule.data:
        return rule.data(personas) if callable(rule.data) else dict(rule.data)
    reader = next((p for p in PERSONA_NAMES if route.expected_status(p) == 200), None)
    if reader is None:
        return {}
    page = _log_in(Client(), sessions, reader).get(url)
    if "text/html" not in page.get("Content-Type", ""):
        return {}
    forms = [form for form in post_forms(page.content.decode()) if form.action in ("", url)]
    return forms[0].filled_in() if forms else {}


@pytest.mark.django_db
@pytest.mark.parametrize("index", range(len(ROUTES)), ids=[route.name for route in ROUTES])
def test_each_persona_may_post_exactly_what_the_table_allows(sessions, personas, index):
    route = ROUTES[index]
    rule = POST_ROUTES.get(route.name, Post(status=200))
    url = reverse(route.name, kwargs=route.kwargs(personas))
    expected = _expected_post(route, rule)
    data = _form_data(sessions, personas, route, url, rule)
    clients = {"anonymous": Client(enforce_csrf_checks=True)}
    for persona in PERSONA_NAMES:
        clients[persona] = _log_in(Client(enforce_csrf_checks=True), sessions, persona)
    token = "x" * 32  # any well-formed token: Django compares the cookie with the header
    got, changed = {}, {}
    for persona, client in clients.items():
        client.cookies["csrftoken"] = token
        with RolledBack() as block:
            response = client.post(url, data, HTTP_X_CSRFTOKEN=token)
            got[persona] = response.status_code
            # A public route (the one-click unsubscribe) works for an anonymous visitor too.
            status = expected[persona] if persona != "anonymous" else (
                rule.status if route.public else None)
            made_a_change = status in (301, 302, 303)
            if not made_a_change:
                block.check()
        if block.changed:
            changed[persona] = block.changed
    anonymous = got.pop("anonymous")
    assert got == expected
    if not route.public:
        assert anonymous == 302
    assert changed == {}


VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Pages of allauth that the portal styles itself, checked as an anonymous visitor sees them.
ANONYMOUS_PAGES = ["account_login", "account_reset_password"]


@GET_WALK
@pytest.mark.django_db
def test_every_page_the_walk_renders_is_valid_html(client, sessions, personas, tmp_path):
    """One run of the Nu HTML Checker over every page above (one JVM start, a few seconds)."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        skip_or_fail("the Nu HTML Checker needs java and `npm ci` (node_modules/vnu-jar)")
    # Run alone, or on a worker that walked only part of the table: walk the rest here.
    walked = {index for index, _ in RENDERED}
    for index in range(len(ROUTES)):
        if index not in walked:
            _walk(client, sessions, personas, index)
    pages = {f"{ROUTES[index].name}-{persona}": html for (index, persona), html in RENDERED.items()}
    for name in ANONYMOUS_PAGES:
        pages[f"{name}-anonymous"] = client.get(reverse(name)).content.decode()
    for name, html in pages.items():
        (tmp_path / f"{name.replace(':', '.')}.html").write_text(html)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error" or message.get("subType") == "fatal"
    ]
    assert len(pages) > len(ROUTES)
    assert errors == []
