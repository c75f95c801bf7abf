"""Walk every URL of the portal as every persona and assert the access table.

A URL without a row in some tests/<app>/access_routes.py fails this test: new pages must
say who may see them.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import PERSONA_NAMES

# Pages of libraries that are not the portal's own: allauth's account pages, the Django
# admin (its own staff check) and the language switch.
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_PREFIXES = ("account_", "socialaccount_", "mfa_", "usersessions_")
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


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_each_persona_sees_exactly_what_the_table_allows(client, personas, route):
    url = reverse(route.name, kwargs=route.kwargs(personas))
    got = {}
    for persona in PERSONA_NAMES:
        client.force_login(personas.user(persona))
        got[persona] = client.get(url).status_code
    client.logout()
    expected = {persona: route.expected_status(persona) for persona in PERSONA_NAMES}
    assert got == expected
    anonymous = client.get(url)
    if route.public:
        assert anonymous.status_code == 200
    else:
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("account_login"))
