"""Issue 10: a person's home-page panels are kept (homecache) and thrown away by the writes
that change them, so a home opened again is cheap and never shows what is no longer true."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from begeleiding.services.logboek import confirm_logregels
from opleidingsschool import homecache
from opleidingsschool.models import Functie

from .. import factories

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_day_log_entry_and_its_confirmation_reach_the_mentors_kept_home(client, personas):
    client.force_login(personas.wpb.user)
    assert "Niets af te tekenen" in _home(client)
    assert "Niets af te tekenen" in _home(client)  # kept

    entry = factories.LogregelFactory(stage=personas.stage, hours=3)
    html = _home(client)
    assert "1</span> logregel af te tekenen" in html and "Sanne Student" in html

    confirm_logregels(logregels=[entry], by=personas.wpb.user)  # a bulk update: no signal
    assert "Niets af te tekenen" in _home(client)


def test_a_new_session_reaches_every_kept_home(client, personas):
    client.force_login(personas.student.user)
    assert "Gastles over formatief toetsen" not in _home(client)
    factories.BijeenkomstFactory(title="Gastles over formatief toetsen", for_students=True)
    assert "Gastles over formatief toetsen" in _home(client)


def test_a_new_placement_at_the_school_reaches_the_schoolopleiders_kept_home(client, personas):
    client.force_login(personas.schoolopleider.user)
    assert "Nadia Nieuwkomer" not in _home(client)
    student = factories.StudentFactory(user__first_name="Nadia", user__last_name="Nieuwkomer")
    factories.StageFactory(student=student, school=personas.school,
                           schooljaar=personas.schooljaar)
    assert "Nadia Nieuwkomer" in _home(client)


def test_a_mentor_who_stops_no_longer_sees_the_student_on_their_kept_home(client, personas):
    client.force_login(personas.extra_mentor.user)
    assert "Sanne Student" in _home(client)
    begeleider = personas.stage.begeleiders.get(medewerker=personas.extra_mentor)
    begeleider.delete()
    assert "Sanne Student" not in _home(client)


def test_a_write_for_one_student_leaves_other_peoples_kept_homes(client, personas,
                                                                 django_assert_num_queries):
    """Another school's werkplekbegeleider is not in the audience of this student's entry:
    their kept home is served again without making the panels."""
    other = Client()
    other.force_login(personas.other_wpb.user)
    other.get(reverse("home"))
    factories.LogregelFactory(stage=personas.stage)
    homecache.flush()  # what the commit does (a test's transaction never commits)
    with django_assert_num_queries(1):  # the user with profiles and roles: kept panels
        assert other.get(reverse("home")).status_code == 200


def test_the_kept_panels_are_not_used_for_another_language_or_another_day(client, personas,
                                                                           settings):
    client.force_login(personas.student.user)
    assert "Mijn stage" in _home(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "My placement" in _home(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert "Mijn stage" in _home(client)


def test_a_form_on_a_kept_panel_carries_the_token_of_the_device_that_opens_it(personas):
    """The invitation panel has accept/decline forms: the panels are kept per person, the
    CSRF token is put in per request, so a second device can answer."""
    factories.UitnodigingFactory(medewerker=personas.docent, bijeenkomst__title="Leercafé")
    laptop, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for device in (laptop, phone):
        device.force_login(personas.docent.user)
    assert "Leercafé" in _home(laptop)
    html = _home(phone)
    token = html.split('name="csrfmiddlewaretoken" value="')[-1].split('"')[0]
    assert token and token != "homecache-csrf-token-placeholder"
    action = html.split('action="/bijeenkomsten/uitnodigingen/')[1].split('"')[0]
    response = phone.post(f"/bijeenkomsten/uitnodigingen/{action}",
                          {"answer": "accept", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert personas.docent.uitnodigingen.get().status == "accepted"


def test_the_kept_panels_expire_with_the_day(client, personas, monkeypatch):
    client.force_login(personas.wpb.user)
    _home(client)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    assert len(queries) > 2  # made again for the new day


def test_the_mentor_function_of_a_new_begeleider_reaches_their_home(client, personas):
    client.force_login(personas.docent.user)
    assert "Sanne Student" not in _home(client)
    factories.BegeleiderFactory(stage=personas.stage, medewerker=personas.docent,
                                functie=Functie.EXTRA)
    assert "Sanne Student" in _home(client)


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_throws_the_panels_away_at_the_commit(personas):
    """Outside a test's own transaction: the version moves when the write commits, not
    before (a request reading the old rows in between cannot keep them)."""
    from django.core.cache import cache
    from django.db import transaction

    key = f"homev:{personas.wpb.user.pk}"
    before = cache.get(key)
    with transaction.atomic():
        factories.LogregelFactory(stage=personas.stage)
        assert cache.get(key) == before
    assert cache.get(key) != before
    other = cache.get(f"homev:{personas.other_wpb.user.pk}")
    with transaction.atomic():
        factories.LogregelFactory(stage=personas.stage)
    assert cache.get(f"homev:{personas.other_wpb.user.pk}") == other
