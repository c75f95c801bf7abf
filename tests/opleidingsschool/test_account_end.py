"""Ending an account (issue 13): the coordinator asks first, then ends it with a POST; the
person can no longer log in; until the retention job erases it, the coordinator can reopen
it. Everyone else finds no such page (404)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from opleidingsschool.models import User
from opleidingsschool.services import end_account
from tests import factories
from tests.conftest import PERSONA_NAMES

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# A Tuesday morning; with the default 365 days the account goes in the night of 11 March 2027.
ENDED = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _ended_day():
    with time_machine.travel(ENDED, tick=False):
        yield


@pytest.fixture
def coordinator_client(client, personas):
    client.force_login(personas.coordinator.user)
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _state(user) -> tuple:
    user.refresh_from_db()
    return (user.is_active, user.ended_at)


def test_coordinator_is_asked_first_and_nothing_changes_on_the_question(
    coordinator_client, personas
):
    url = reverse("partnerschap:student_end", args=[personas.student.uuid])

    response = coordinator_client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Het account van Sanne Student beëindigen?" in page
    assert "Sanne Student (sanne@example.org) kan vanaf nu niet meer inloggen" in page
    assert "Op 11 maart 2027 verwijdert de nachtelijke opschoonronde het account" in page
    # Her placement is still running: the coordinator is told before ending.
    assert "Deze persoon zit nog in deze stages." in page
    assert personas.stage.get_absolute_url() in page
    assert "Ja, beëindig het account" in page
    assert _state(personas.student.user) == (True, None)


def test_coordinator_ends_an_account_and_gets_a_dutch_message(coordinator_client, personas):
    url = reverse("partnerschap:student_end", args=[personas.student.uuid])

    response = coordinator_client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("partnerschap:student_edit",
                                           args=[personas.student.uuid])
    assert _messages(response) == [
        "Het account van Sanne Student is beëindigd: deze persoon kan niet meer inloggen. "
        "Het account wordt op 11 maart 2027 verwijderd, tenzij je het eerder heropent."
    ]
    assert _state(personas.student.user) == (False, ENDED)


def test_the_persons_page_says_when_the_account_goes_and_offers_to_reopen(
    coordinator_client, personas
):
    end_account(user=personas.wpb.user, by=personas.coordinator.user)

    page = coordinator_client.get(personas.wpb.get_absolute_url()).content.decode()
    listed = coordinator_client.get(reverse("partnerschap:medewerker_list")).content.decode()

    assert "Account beëindigd" in page
    assert "Beëindigd op 10 maart 2026: deze persoon kan niet meer inloggen." in page
    assert "Op 11 maart 2027 verwijdert de nachtelijke opschoonronde het account" in page
    assert reverse("partnerschap:medewerker_reopen", args=[personas.wpb.uuid]) in page
    assert reverse("partnerschap:medewerker_end", args=[personas.wpb.uuid]) not in page
    assert "Stuur de uitnodiging opnieuw" not in page
    assert "account beëindigd" in listed


def test_coordinator_reopens_an_ended_account(coordinator_client, personas):
    end_account(user=personas.starter.user, by=personas.coordinator.user)

    response = coordinator_client.post(
        reverse("partnerschap:starter_reopen", args=[personas.starter.uuid]))

    assert response["Location"] == reverse("partnerschap:starter_edit",
                                           args=[personas.starter.uuid])
    assert _messages(response) == [
        f"Het account van {personas.starter} is heropend: deze persoon kan weer inloggen."]
    assert _state(personas.starter.user) == (True, None)


def test_ending_and_reopening_take_a_post(coordinator_client, personas):
    end_account(user=personas.starter.user, by=personas.coordinator.user)

    response = coordinator_client.get(
        reverse("partnerschap:starter_reopen", args=[personas.starter.uuid]))

    assert response.status_code == 405
    assert _state(personas.starter.user) == (False, ENDED)


def test_an_ended_person_can_no_longer_log_in(client, personas):
    user = personas.student.user
    user.set_password("een-goed-wachtwoord")
    user.save()
    end_account(user=user, by=personas.coordinator.user)

    response = client.post(
        reverse("account_login"),
        {"login": "sanne@example.org", "password": "een-goed-wachtwoord"}, follow=True,
    )

    assert response.context["user"].is_authenticated is False
    assert "Dit account is niet meer actief." in response.content.decode()
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))


def test_a_session_still_open_stops_working_when_the_account_is_ended(client, personas):
    client.force_login(personas.wpb.user)
    assert client.get(reverse("home")).status_code == 200

    end_account(user=personas.wpb.user, by=personas.coordinator.user)

    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))


def test_a_reopened_account_logs_in_again(client, coordinator_client, personas):
    user = personas.student.user
    user.set_password("een-goed-wachtwoord")
    user.save()
    end_account(user=user, by=personas.coordinator.user)
    coordinator_client.post(reverse("partnerschap:student_reopen", args=[personas.student.uuid]))

    assert client.login(email="sanne@example.org", password="een-goed-wachtwoord") is True


def test_a_coordinator_cannot_end_their_own_account(coordinator_client, personas):
    url = reverse("partnerschap:medewerker_end", args=[personas.coordinator.uuid])

    page = coordinator_client.get(personas.coordinator.get_absolute_url()).content.decode()

    assert url not in page
    assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(url).status_code == 403
    assert _state(personas.coordinator.user) == (True, None)


def test_an_ended_account_is_not_ended_again_and_an_active_one_not_reopened(
    coordinator_client, personas
):
    end_account(user=personas.wpb.user, by=personas.coordinator.user)

    with time_machine.travel(ENDED + datetime.timedelta(days=3), tick=False):
        again = coordinator_client.post(
            reverse("partnerschap:medewerker_end", args=[personas.wpb.uuid]))
        reopen = coordinator_client.post(
            reverse("partnerschap:student_reopen", args=[personas.student.uuid]))

    assert (again.status_code, reopen.status_code) == (403, 403)
    assert _state(personas.wpb.user) == (False, ENDED)  # the period still counts from the first
    assert _state(personas.student.user) == (True, None)


def test_an_erased_account_cannot_be_reopened(coordinator_client, personas):
    from opleidingsschool.privacy.erasure import erase_account

    end_account(user=personas.student.user, by=personas.coordinator.user)
    erase_account(user=personas.student.user)

    response = coordinator_client.post(
        reverse("partnerschap:student_reopen", args=[personas.student.uuid]))
    page = coordinator_client.get(
        reverse("partnerschap:student_edit", args=[personas.student.uuid])).content.decode()

    assert response.status_code == 403
    assert _state(personas.student.user) == (False, None)
    assert "Account gesloten" in page


@pytest.mark.parametrize("name", [name for name in PERSONA_NAMES if name != "coordinator"])
def test_nobody_but_a_coordinator_finds_the_pages(client, personas, name):
    ended = factories.StarterFactory()
    end_account(user=ended.user, by=personas.coordinator.user)
    client.force_login(personas.user(name))
    end_url = reverse("partnerschap:student_end", args=[personas.student.uuid])
    reopen_url = reverse("partnerschap:starter_reopen", args=[ended.uuid])

    assert [client.get(end_url).status_code, client.post(end_url).status_code,
            client.get(reopen_url).status_code, client.post(reopen_url).status_code] == [
        404, 404, 404, 404]
    assert _state(personas.student.user) == (True, None)
    assert _state(ended.user) == (False, ENDED)


def test_an_anonymous_visitor_is_sent_to_log_in(client, personas):
    url = reverse("partnerschap:student_end", args=[personas.student.uuid])

    response = client.post(url)

    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert User.objects.get(pk=personas.student.user.pk).is_active is True
