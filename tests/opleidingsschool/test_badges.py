"""Issue 10: the row badges are tags written in Python with the markup of the templates they
replace (kept here as they were), for every combination, in Dutch and in English."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

STAGE_KIND = (
    '{% load i18n %}{% if stage.is_lio %} <span class="badge text-bg-info">{% translate "LIO" %}'
    '</span>{% elif stage.is_inductie %} <span class="badge text-bg-light border">'
    '{% translate "induction" %}</span>{% endif %}{% if stage.closed_at %} <span class="badge '
    'text-bg-light border">{% translate "closed" %}</span>{% endif %}'
)
TRIANGLE = (
    '{% load i18n %}{% if stage.is_finished %}<span class="badge text-bg-light border">'
    '{% translate "finished" %}</span>{% else %}{% if not stage.has_wpb %}<span class="badge '
    'text-bg-warning">{% translate "no workplace mentor" %}</span> {% endif %}{% if not '
    'stage.has_opleider %}<span class="badge text-bg-warning">{% translate "no teacher educator" '
    '%}</span>{% endif %}{% endif %}'
)
ACCOUNT = (
    '{% load i18n %}{% if account.is_ended %} <span class="badge text-bg-danger">{% translate '
    '"account ended" %}</span>{% elif not account.is_active %} <span class="badge '
    'text-bg-secondary">{% translate "account closed" %}</span>{% endif %}'
)


def _both(reference: str, ours: str, **context) -> tuple[str, str]:
    return (Template(reference).render(Context(context)),
            Template("{% load badges %}" + ours).render(Context(context)))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_badges_are_the_markup_of_the_templates_they_replace(language):
    seen = set()
    with translation.override(language):
        for lio, inductie, closed, finished, wpb, opleider in itertools.product([False, True], repeat=6):
            stage = SimpleNamespace(is_lio=lio, is_inductie=inductie, closed_at=closed or None,
                                    is_finished=finished, has_wpb=wpb, has_opleider=opleider)
            for reference, ours in ((STAGE_KIND, "{% stage_kind stage %}"),
                                    (TRIANGLE, "{% triangle_badges stage %}")):
                expected, got = _both(reference, ours, stage=stage)
                assert got == expected
                seen.add(expected)
        for ended, active in itertools.product([False, True], repeat=2):
            account = SimpleNamespace(is_ended=ended, is_active=active)
            expected, got = _both(ACCOUNT, "{% account_badge account %}", account=account)
            assert got == expected
            seen.add(expected)
    assert len(seen) > 8  # every kind of badge was written, not only empty ones
    if language == "nl":
        assert any("geen werkplekbegeleider" in text for text in seen)


LOGIN_METHODS = (  # the inclusion tag's template as it was
    '{% load i18n %}<ul class="list-inline small mb-0 mt-1" aria-label="{% translate '
    '\'How this person logs in\' %}">\n  {% if methods.password %}<li class="list-inline'
    '-item"><span class="badge text-bg-light border">{% translate "E-mail and passwor'
    'd" %}</span></li>{% endif %}\n  {% for identity in methods.identities %}<li class'
    '="list-inline-item"><span class="badge text-bg-light border">{{ identity.provide'
    'r }}{% if identity.organisation %} · {{ identity.organisation }}{% endif %}</spa'
    'n></li>{% endfor %}\n  {% if not methods.password and not methods.identities %}<l'
    'i class="list-inline-item"><span class="badge text-bg-warning">{% translate "No '
    'way to log in yet" %}</span></li>{% endif %}\n  <li class="list-inline-item">{% i'
    'f methods.second_factor %}<span class="badge text-bg-success">{% translate "Seco'
    'nd step on" %}</span>{% else %}<span class="badge text-bg-light border">{% trans'
    'late "No second step" %}</span>{% endif %}</li>\n</ul>\n'
)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_login_badges_are_the_markup_of_the_template_they_replace(language, monkeypatch):
    from opleidingsschool.federation import Identity, LoginMethods
    from opleidingsschool.templatetags import login_methods as tags

    surf = Identity(1, "SURFconext & co", "hogeschool.example", (), "")
    eduid = Identity(2, "eduID", "", (), "")
    seen = set()
    with translation.override(language):
        for password, identities, second in itertools.product(
                [False, True], [[], [surf], [surf, eduid]], [False, True]):
            methods = LoginMethods(password, identities, second)
            monkeypatch.setattr(tags, "login_methods_of", lambda person, methods=methods: methods)
            expected = Template(LOGIN_METHODS).render(Context({"methods": methods}))
            got = Template("{% load login_methods %}{% login_methods person %}").render(
                Context({"person": object()}))
            assert got == expected
            seen.add(got)
    assert len(seen) == 12 and any("SURFconext &amp; co · hogeschool.example" in s for s in seen)
