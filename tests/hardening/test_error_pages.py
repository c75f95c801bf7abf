"""Error pages (400, 403, 404, 500) in the portal's layout, the user's language, a way back.

pytest-django runs with DEBUG off, so these are the pages a user sees in production.
"""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_unknown_page_shows_a_dutch_404_in_the_portal_with_the_menu(client, personas):
    client.force_login(personas.student.user)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = _text(response)
    assert "<title>Pagina niet gevonden · Opleidingsschool</title>" in html
    assert "Deze pagina bestaat niet" in html
    assert f'href="{reverse("home")}">Naar de startpagina</a>' in html
    # The portal around it: the person's own menu, the favicon and the language switch.
    assert f'href="{reverse("begeleiding:leervraag_list")}"' in html
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert 'name="language" value="en"' in html


def test_an_outsiders_404_does_not_say_the_object_exists(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.other_student.user)
    response = client.get(reverse("begeleiding:leervraag_detail", kwargs={"uuid": leervraag.uuid}))
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in _text(response)
    assert leervraag.title not in _text(response)


def test_404_is_in_english_for_someone_who_chose_english(client, personas):
    client.force_login(personas.student.user)
    client.cookies["django_language"] = "en"
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "This page does not exist" in _text(response)
    assert '<html lang="en">' in _text(response)


def test_a_mentor_refused_an_edit_sees_a_dutch_403_with_a_way_back(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.wpb.user)
    response = client.get(reverse("begeleiding:leervraag_edit", kwargs={"uuid": leervraag.uuid}))
    assert response.status_code == 403
    html = _text(response)
    assert "<title>Niet toegestaan · Opleidingsschool</title>" in html
    assert "Dit mag je niet doen" in html
    assert "Vraag het je coördinator." in html
    assert f'href="{reverse("home")}">Naar de startpagina</a>' in html


def test_a_form_sent_without_its_csrf_token_gets_the_portals_403_and_changes_nothing(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.student.user)
    response = client.post(
        reverse("begeleiding:leervraag_create"), {"title": "Zonder token"}
    )
    assert response.status_code == 403
    assert "Het formulier kon niet worden verstuurd" in _text(response)
    assert "Er is niets opgeslagen." in _text(response)
    assert not personas.student.leervragen.filter(title="Zonder token").exists()


def test_a_request_for_an_unknown_host_gets_the_dutch_400(client):
    response = client.get("/accounts/login/", HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    html = _text(response)
    assert "Het portaal begreep dit verzoek niet" in html
    assert "Er is niets veranderd." in html
    assert f'href="{reverse("home")}">Naar de startpagina</a>' in html


def test_a_crash_shows_the_dutch_500_even_when_the_menu_cannot_be_built(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas.student.user)
    # The database fails: the page crashes, and so would the menu's context processor.
    with mock.patch(
        "opleidingsschool.views.roles_for", side_effect=RuntimeError("database down")
    ), mock.patch(
        "opleidingsschool.context_processors.roles_for", side_effect=RuntimeError("database down")
    ):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    html = _text(response)
    assert "<title>Er ging iets mis · Opleidingsschool</title>" in html
    assert "Er ging iets mis aan onze kant" in html
    assert f'href="{reverse("home")}">Naar de startpagina</a>' in html
    assert "database down" not in html
    # No language form without a CSRF token on this page.
    assert 'name="language"' not in html
    assert "script-src 'self'" in response["Content-Security-Policy"].split("; ")


def test_the_500_page_is_in_english_for_someone_who_chose_english(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas.student.user)
    client.cookies["django_language"] = "en"
    with mock.patch("opleidingsschool.views.roles_for", side_effect=RuntimeError("boom")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in _text(response)


def test_the_500_page_shows_while_the_database_is_down(personas):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    client = Client(raise_request_exception=False)
    client.force_login(personas.student.user)
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("down")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant" in _text(response)
    assert 'href="/static/favicon.svg"' in _text(response)
