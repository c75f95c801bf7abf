"""Bad input never gives a 500: every form of the portal gets nonsense and empty posts.

For every page in the access table, a persona who may open it fetches it, and each POST form
on it is submitted twice: empty, and with nonsense in every field (impossible dates, negative
and huge numbers, very long text, unknown choices). The portal may refuse, redirect or show
the form again with errors, but it may never fail with a server error.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from .conftest import PERSONA_NAMES
from .test_url_access import ROUTES

NONSENSE = {
    "date": "2026-02-31",
    "datetime-local": "31-31-2026T25:61",
    "time": "25:99",
    "number": "-99999999999999999999",
    "email": "geen-adres@",
    "url": "javascript:alert(1)",
    "checkbox": "misschien",
    "radio": "onbekend",
    "file": "",
    "select": "00000000-0000-0000-0000-000000000000",
    "textarea": "x" * 20000,
    "text": "<script>alert(1)</script>" + "é" * 300,
}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "select", "textarea"}:
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken":
                return
            kind = tag if tag != "input" else (attrs.get("type") or "text")
            if kind in {"hidden", "submit", "button"}:
                self._current["fields"].setdefault(name, attrs.get("value") or "")
                return
            self._current["fields"][name] = NONSENSE.get(kind, NONSENSE["text"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _post_forms(client, url):
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(page.content.decode())
    results = []
    for form in parser.forms:
        action = form["action"] or url
        if action.startswith(("http", "#")) or reverse("account_logout") in action:
            continue
        if "/i18n/" in action:
            continue
        for data in ({}, form["fields"]):
            response = client.post(action, data)
            results.append((action, response.status_code))
    return results


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.allowed], ids=lambda r: r.name)
def test_nonsense_and_empty_posts_never_give_a_server_error(client, personas, route):
    url = reverse(route.name, kwargs=route.kwargs(personas))
    persona = next(name for name in PERSONA_NAMES if name in route.allowed)
    client.force_login(personas.user(persona))
    results = _post_forms(client, url)
    assert [result for result in results if result[1] >= 500] == []
