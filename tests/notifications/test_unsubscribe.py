"""One-click unsubscribe (RFC 8058): a signed, expiring token turns off one kind of mail
without logging in; a GET only asks; a tampered or expired token changes nothing."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from opleidingsschool.models import NotificatieVoorkeur
from opleidingsschool.notifications.unsubscribe import make_token
from tests import factories

pytestmark = pytest.mark.django_db


def _url(user, field="same_day"):
    return reverse("notifications:unsubscribe", kwargs={"token": make_token(user_id=user.pk, field=field)})


def test_a_get_asks_first_and_changes_nothing(db):
    user = factories.UserFactory(email="vraag@example.org")
    response = Client().get(_url(user))
    page = response.content.decode()
    assert response.status_code == 200
    kind = "een herinnering op de ochtend van de bijeenkomst"
    assert f"Geen ‘{kind}’ meer sturen naar vraag@example.org?" in page
    assert "Ja, stop deze mails" in page
    assert not NotificatieVoorkeur.objects.filter(user=user).exists()


def test_a_post_without_a_session_or_csrf_token_turns_that_kind_off(db):
    user = factories.UserFactory()
    factories.NotificatieVoorkeurFactory(user=user, week_before=True, same_day=True, changes=True)
    response = Client(enforce_csrf_checks=True).post(_url(user, "changes"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 303
    done = Client().get(response["Location"])
    assert "staat uit" in done.content.decode()
    voorkeur = NotificatieVoorkeur.objects.get(user=user)
    assert (voorkeur.week_before, voorkeur.same_day, voorkeur.changes) == (True, True, False)


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
    lambda token: "x" + token,  # the payload
    lambda token: token.split(":")[0],  # no signature at all
])
def test_a_tampered_token_is_refused_and_changes_nothing(db, tamper):
    user = factories.UserFactory()
    token = make_token(user_id=user.pk, field="week_before")
    url = reverse("notifications:unsubscribe", kwargs={"token": tamper(token)})
    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 400
        assert "Deze link werkt niet meer" in response.content.decode()
    assert not NotificatieVoorkeur.objects.filter(user=user).exists()


def test_a_token_signed_with_another_key_is_refused(db):
    from django.core import signing

    user = factories.UserFactory()
    forged = signing.dumps({"u": user.pk, "f": "changes"}, key="not-the-secret-key",
                           salt="opleidingsschool.notifications.unsubscribe")
    url = reverse("notifications:unsubscribe", kwargs={"token": forged})
    assert Client().post(url).status_code == 400
    assert not NotificatieVoorkeur.objects.filter(user=user).exists()


def test_an_expired_token_is_refused(db, settings):
    settings.UNSUBSCRIBE_TOKEN_MAX_AGE = 60 * 60 * 24 * 90
    user = factories.UserFactory()
    start = datetime.datetime(2099, 1, 1, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        url = _url(user, "week_before")
    with time_machine.travel(start + datetime.timedelta(days=89), tick=False):
        assert Client().get(url).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=91), tick=False):
        response = Client().post(url)
    assert response.status_code == 400
    assert not NotificatieVoorkeur.objects.filter(user=user).exists()


def test_a_post_without_the_one_click_body_changes_nothing(db):
    user = factories.UserFactory()
    response = Client().post(_url(user, "changes"), {"List-Unsubscribe": "nonsense"})
    assert response.status_code == 400
    assert "Ja, stop deze mails" in response.content.decode()
    assert not NotificatieVoorkeur.objects.filter(user=user).exists()


def test_an_unknown_kind_cannot_be_signed():
    with pytest.raises(ValueError):
        make_token(user_id=1, field="is_superuser")
