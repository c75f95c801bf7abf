"""Bad input never gives a server error, and a refused form changes nothing.

For every page in the access table, a persona who may open it fetches it, and every POST form
on it is submitted empty, with fixed nonsense in every field, and with a modest number of
generated values (hypothesis): long, empty, malformed, hostile and boundary values per kind of
field, including the bounds the browser enforces (the server must enforce them too). The
portal may refuse, redirect or show the form again with errors, but never fail with a server
error, and a form shown again with errors (or any other refusal) leaves every table as it was.
The examples are derandomized: CI posts the same values on every run.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import PERSONA_NAMES
from .html_forms import Form, FormField, post_forms
from .snapshot import RolledBack
from .test_url_access import ROUTES

EXAMPLES_PER_FORM = 6


@pytest.fixture
def personas(shared_personas):
    """Built once for this module (tests/conftest.py: module_personas); a refused form
    changes nothing, and an accepted one is rolled back with its test."""
    return shared_personas

ACCEPTED = {301, 302, 303}

NONSENSE = {
    "date": "2026-02-31",
    "datetime-local": "31-31-2026T25:61",
    "time": "25:99",
    "number": "-99999999999999999999",
    "email": "geen-adres@",
    "url": "javascript:alert(1)",
    "checkbox": "misschien",
    "radio": "onbekend",
    "select": "00000000-0000-0000-0000-000000000000",
    "textarea": "x" * 20000,
    "text": "<script>alert(1)</script>" + "é" * 300,
}

# The far edge of what a field may hold: the server must refuse what the browser would stop.
BOUNDARY = {
    "date": "9999-12-31",
    "datetime-local": "9999-12-31T23:59",
    "time": "23:59",
    "number": "99999999999999999999",
    "email": "a@" + "b" * 300 + ".nl",
    "url": "https://" + "b" * 3000 + ".nl/",
    "textarea": "é" * 100000,
    "text": "x" * 5000,
}

HOSTILE_TEXT = [
    "", " ", "x" * 20000, "é" * 1000, "<script>alert(1)</script>", "'; DROP TABLE x; --",
    "\x00", "nul\x00byte", "{{ 7*7 }}", "%s%n", "\u202eomgekeerd", "😀" * 50, "\r\n" * 100,
]
NUMBERS = [
    "", "0", "-1", "1,5", "1.5", "1e309", "NaN", "-0", "99999999999999999999",
    "-99999999999999999999", "32768", "2147483648", "9223372036854775808", "abc", " 3 ",
]
DATES = ["", "9999-12-31", "0001-01-01", "2026-02-29", "2024-02-29", "10000-01-01", "31-12-2026"]
TIMES = ["", "00:00", "23:59", "24:00", "12:60", "9", "12:00:00"]
BAD_CHOICES = ["", "-1", "0", "999999999", "00000000-0000-0000-0000-000000000000", "x" * 300]

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


def _bounds(field: FormField) -> list[str]:
    """Just outside (and at) the bounds the browser enforces."""
    values = []
    for attr in ("min", "max"):
        bound = field.attrs.get(attr)
        if bound and bound.lstrip("-").isdigit():
            values += [bound, str(int(bound) - 1), str(int(bound) + 1)]
        elif bound:
            values.append(bound)
    if field.attrs.get("maxlength", "").isdigit():
        length = int(field.attrs["maxlength"])
        values += ["x" * length, "x" * (length + 1)]
    return values


def _field_values(field: FormField) -> st.SearchStrategy:
    kind = field.kind
    if kind in {"select", "radio", "checkbox"}:
        choices = field.options + BAD_CHOICES
        if "multiple" in field.attrs or kind == "checkbox":
            return st.lists(st.sampled_from(choices), max_size=3)
        return st.sampled_from(choices).map(lambda value: [value])
    if kind == "hidden":
        return st.sampled_from(field.values + HOSTILE_TEXT[:5]).map(lambda value: [value])
    if kind == "number":
        pool = st.sampled_from(NUMBERS + _bounds(field)) | st.integers(-2**70, 2**70).map(str)
    elif kind == "date":
        pool = st.sampled_from(DATES + _bounds(field)) | st.dates().map(lambda d: d.isoformat())
    elif kind == "time":
        pool = st.sampled_from(TIMES + _bounds(field))
    elif kind == "datetime-local":
        pool = st.sampled_from([f"{d}T{t}" for d in DATES[1:4] for t in TIMES[1:4]] + DATES)
    else:
        pool = st.sampled_from(HOSTILE_TEXT + _bounds(field)) | _text
    return pool.map(lambda value: [value])


CHOICES = {"select", "radio", "checkbox"}
PLAIN = {
    "text": "Proef", "textarea": "Proef", "email": "proef@example.org", "number": "1",
    "url": "https://example.org/", "date": "2026-12-03", "time": "10:00",
    "datetime-local": "2026-12-03T10:00",
}


def _baseline(form: Form) -> dict[str, list[str]]:
    """The form as shown, with plain values where it is empty, so one bad field gets far."""
    data = form.filled_in()
    for name, field in form.fields.items():
        if data.get(name, [""]) != [""] or field.kind in {"hidden", "file", "checkbox"}:
            continue
        if field.kind in CHOICES:
            options = [option for option in field.options if option]
            if options:
                data[name] = options[:1]
        else:
            data[name] = [PLAIN.get(field.kind, "Proef")]
    return data


def _nonsense(form: Form) -> dict:
    return {**form.filled_in(), **{
        name: NONSENSE.get(field.kind, NONSENSE["text"])
        for name, field in form.fields.items() if field.kind not in {"hidden", "file"}
    }}


def _one_boundary_at_a_time(form: Form) -> list[dict]:
    baseline = _baseline(form)
    return [
        {**baseline, name: BOUNDARY.get(field.kind, BOUNDARY["text"])}
        for name, field in form.fields.items()
        if field.kind not in CHOICES | {"hidden", "file"}
    ]


def _form_values(form: Form) -> st.SearchStrategy:
    """The baseline with any of its fields replaced by a generated value."""
    baseline = _baseline(form)
    return st.fixed_dictionaries({
        name: st.just(baseline[name]) | _field_values(field) if name in baseline
        else _field_values(field)
        for name, field in form.fields.items() if field.kind != "file"
    }).map(lambda data: {**baseline, **data})


def _post_refusing_changes(client, action: str, data: dict) -> tuple[int, list[str]]:
    """Post inside a rolled-back savepoint: the status, and the tables a refusal changed."""
    with RolledBack() as block:
        response = client.post(action, data)
        if response.status_code not in ACCEPTED:
            block.check()
    return response.status_code, block.changed


def _forms_of(client, url: str) -> list[Form]:
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return []
    forms = []
    for form in post_forms(page.content.decode()):
        form.action = form.action or url
        if form.action.startswith(("http", "#")) or "/i18n/" in form.action:
            continue
        if reverse("account_logout") in form.action:
            continue
        forms.append(form)
    return forms


def _fuzz(client, form: Form, failures: list) -> None:
    """Post a few generated variants of the form (derandomized: the same ones on every run)."""

    @settings(
        max_examples=EXAMPLES_PER_FORM, derandomize=True, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_form_values(form))
    def post_generated(data):
        status, changed = _post_refusing_changes(client, form.action, data)
        if status >= 500 or changed:
            failures.append((form.action, status, changed, data))

    post_generated()


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.allowed], ids=lambda r: r.name)
def test_bad_input_never_gives_a_server_error_and_a_refusal_changes_nothing(
    client, personas, route
):
    url = reverse(route.name, kwargs=route.kwargs(personas))
    persona = next(name for name in PERSONA_NAMES if name in route.allowed)
    client.force_login(personas.user(persona))
    client.raise_request_exception = False  # a server error is a status here, the run goes on
    failures = []
    for form in _forms_of(client, url):
        variants = [{}, _nonsense(form), *_one_boundary_at_a_time(form)]
        for data in variants:
            status, changed = _post_refusing_changes(client, form.action, data)
            if status >= 500 or changed:
                failures.append((form.action, status, changed, data))

        _fuzz(client, form, failures)
    shown = [
        (action, status, changed, {name: str(value)[:80] for name, value in data.items()})
        for action, status, changed, data in failures[:3]
    ]
    assert [failure[:3] for failure in failures] == [], shown
