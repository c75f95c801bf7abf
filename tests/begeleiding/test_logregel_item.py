"""Issue 10: a day-log entry is written in Python ({% logregel_item %}, begeleiding/
templatetags/logboek.py) with the markup of begeleiding/includes/_logregel_item.html,
character for character, for every viewer and every state of an entry."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from begeleiding.models import Visibility
from begeleiding.templatetags.logboek import logregel_item
from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string(
    '{% include "begeleiding/includes/_logregel_item.html" %}')


def _entries(personas):
    stage, student = personas.stage, personas.student
    factories.LogregelFactory(stage=stage, done="Twee lessen\ngegeven <b>&</b> meer", learned="")
    factories.LogregelFactory(stage=stage, hours=Decimal("3.25"), visibility=Visibility.PRIVATE,
                              confirmed_at=timezone.now())
    factories.LogregelFactory(stage=stage, hours=Decimal("1"), leervraag=factories.LeervraagFactory(
        student=student, title='Orde & "rust"'))
    factories.LogregelFactory(stage=stage, leervraag=factories.LeervraagFactory(
        student=student, visibility=Visibility.PRIVATE))
    session = factories.BijeenkomstFactory()
    factories.LogregelFactory(stage=stage, aanmelding=factories.AanmeldingFactory(
        bijeenkomst=session, user=student.user), date=datetime.date(2030, 2, 3))


@pytest.mark.parametrize("who", ["student", "wpb", "instituutsopleider"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_entry_is_the_templates_markup(client, personas, who, language):
    _entries(personas)
    client.force_login(personas.user(who))
    url = (reverse("begeleiding:logboek") if who == "student" else
           reverse("begeleiding:logboek_student", args=[personas.student.uuid]))
    with translation.override(language):
        response = client.get(url + "?page=1", HTTP_ACCEPT_LANGUAGE=language)
        context = response.context
        entries = list(context["page"].object_list)
        assert len(entries) == 5
        values = {key: context[key] for key in ("stage", "own", "is_wpb", "request", "csrf_token")}
        assert values["is_wpb"] == (who == "wpb")
        for entry in entries:
            flat = {**values, "entry": entry}
            assert logregel_item(flat, entry) == TEMPLATE.render(flat), entry.done
        html = response.content.decode()
        assert html.count('<div class="list-group-item py-3" id="logregel-') == 5
    if who == "wpb":
        assert html.count('name="csrfmiddlewaretoken"') >= 4
