"""A guest expert from outside the partnership (issue 12: "a guest expert through eduID
answers a leercafé invitation"): the coordinator invites them by name and address from the
leercafé's experts page; they get an account without a workplace, the account invitation
(eduID, SURFconext or a password) and the session's, and then see only what they are invited
to. The eduID round trip itself is in tests/e2e/test_eduid_guest.py."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from opleidingsschool.access import Rol, roles_for
from opleidingsschool.bijeenkomsten import selectors
from opleidingsschool.models import Medewerker, Soort, Uitnodiging, User
from tests import factories

pytestmark = pytest.mark.django_db

GUEST = {"gast-first_name": "Gert", "gast-last_name": "Gast", "gast-email": "Gast@Example.net"}


@pytest.fixture
def leercafe(personas):
    return factories.BijeenkomstFactory(soort=Soort.LEERCAFE, title="Leercafé april",
                                        for_students=True)


def invite(client, leercafe, data, **kwargs):
    return client.post(reverse("bijeenkomsten:invite_guest", args=[leercafe.uuid]), data,
                       **kwargs)


def test_the_coordinator_invites_a_guest_expert_who_gets_an_account_and_two_mails(
    client, personas, leercafe, mailoutbox, django_capture_on_commit_callbacks
):
    differentieren = factories.ExpertiseFactory(name="differentiëren")
    client.force_login(personas.coordinator.user)
    page = client.get(reverse("bijeenkomsten:experts", args=[leercafe.uuid])).content.decode()
    assert "Een gastexpert van buiten uitnodigen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, leercafe, {**GUEST, "gast-expertise": differentieren.pk},
                          follow=True)
    html = response.content.decode()
    assert escape("Gert Gast is uitgenodigd voor ‘Leercafé april’ als gastexpert en krijgt "
                  "een e-mail om in te loggen, met eduID of een eigen wachtwoord.") in html

    guest = Medewerker.objects.get(user__email="gast@example.net")
    assert (guest.gast_van, guest.school, guest.instituut) == (leercafe.partnerschap, None, None)
    assert guest.is_gast and not guest.is_coordinator
    assert guest.user.has_usable_password() is False
    assert list(guest.expertises.all()) == [differentieren]
    uitnodiging = Uitnodiging.objects.get(medewerker=guest)
    assert (uitnodiging.bijeenkomst, uitnodiging.expertise, uitnodiging.status) == (
        leercafe, differentieren, "pending")
    # The invited list names them as a guest expert.
    assert re.search(r"Gert Gast\s*<span[^>]*>gastexpert</span>", html)

    to_guest = [m for m in mailoutbox if m.to == ["gast@example.net"]]
    assert len(to_guest) == 2
    bodies = " ".join(m.body for m in to_guest)
    assert "/accounts/password/reset/key/" in bodies  # the account invitation's link
    assert any(m.subject.startswith("Uitnodiging") for m in to_guest)


def test_the_guest_answers_from_home_and_sees_only_what_they_are_invited_to(
    client, personas, leercafe
):
    from opleidingsschool.bijeenkomsten import services

    uitnodiging, new_account = services.invite_guest_expert(
        bijeenkomst=leercafe, email="gast@example.net", first_name="Gert", last_name="Gast",
        by=personas.coordinator.user,
    )
    assert new_account is True
    guest = uitnodiging.medewerker.user
    for_colleagues = factories.BijeenkomstFactory(title="Alleen voor collega's",
                                                  for_students=False, for_colleagues=True)
    assert roles_for(User.objects.get(pk=guest.pk)) == {Rol.GAST}
    visible = set(selectors.bijeenkomsten_for(User.objects.get(pk=guest.pk)))
    assert leercafe in visible and for_colleagues not in visible

    client.force_login(guest)
    home = client.get(reverse("home")).content.decode()
    assert "Uitnodigingen om te beantwoorden" in home
    assert "Leercafé april" in home
    assert "Je account heeft nog geen rol" not in home
    assert reverse("bijeenkomsten:agenda") in home  # the menu: the agenda, nothing else
    assert reverse("partnerschap:index") not in home
    assert client.get(leercafe.get_absolute_url()).status_code == 200
    assert client.get(for_colleagues.get_absolute_url()).status_code == 404

    response = client.post(reverse("bijeenkomsten:answer", args=[uitnodiging.uuid]),
                           {"answer": "accept"}, follow=True)
    assert "Je hebt de uitnodiging voor ‘Leercafé april’ geaccepteerd." in (
        response.content.decode())
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == "accepted"


def test_a_colleagues_address_invites_that_colleague(client, personas, leercafe, mailoutbox):
    client.force_login(personas.coordinator.user)
    users = User.objects.count()
    response = invite(client, leercafe, {**GUEST, "gast-email": personas.docent.user.email},
                      follow=True)
    assert escape(f"{personas.docent.user} is uitgenodigd voor ‘Leercafé april’.") in (
        response.content.decode())
    assert User.objects.count() == users
    assert Uitnodiging.objects.get().medewerker == personas.docent
    assert personas.docent.gast_van is None


def test_another_accounts_address_is_refused(client, personas, leercafe):
    client.force_login(personas.coordinator.user)
    for email in (personas.student.user.email, personas.other_coordinator.user.email):
        response = invite(client, leercafe, {**GUEST, "gast-email": email})
        assert response.status_code == 200
        assert "Dit e-mailadres hoort bij een account buiten de medewerkers en gastexperts " \
               "van dit partnerschap" in response.content.decode()
    assert Uitnodiging.objects.exists() is False
    assert Medewerker.objects.filter(gast_van__isnull=False).exists() is False


def test_a_form_with_mistakes_is_shown_again(client, personas, leercafe):
    client.force_login(personas.coordinator.user)
    response = invite(client, leercafe, {**GUEST, "gast-email": "geen-adres"})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in response.content.decode()
    assert User.objects.filter(first_name="Gert").exists() is False


def test_only_the_sessions_own_coordinator_invites_a_guest(client, personas, leercafe):
    for person in (personas.other_coordinator, personas.docent):
        client.force_login(person.user)
        assert invite(client, leercafe, GUEST).status_code == 404
    themabijeenkomst = factories.BijeenkomstFactory()
    client.force_login(personas.coordinator.user)
    assert invite(client, themabijeenkomst, GUEST).status_code == 404
    assert User.objects.filter(email="gast@example.net").exists() is False


def test_a_guest_expert_is_suggested_again_for_their_expertise_in_their_partnership_only(
    personas, leercafe
):
    from opleidingsschool.bijeenkomsten import services

    differentieren = factories.ExpertiseFactory(name="differentiëren")
    uitnodiging, _new = services.invite_guest_expert(
        bijeenkomst=leercafe, email="gast@example.net", first_name="Gert", last_name="Gast",
        by=personas.coordinator.user, expertise=differentieren,
    )
    guest = uitnodiging.medewerker
    assert guest in selectors.partnerschap_staff(leercafe.partnerschap)
    assert guest not in selectors.partnerschap_staff(personas.other_coordinator.partnerschap)
    # Not one of the partnership's staff on the coordinator's pages.
    from opleidingsschool.partnerschap.selectors import medewerkers_of

    assert guest not in medewerkers_of(leercafe.partnerschap)


def test_the_coordinator_can_delete_a_guest_experts_account_on_request(
    client, personas, leercafe
):
    from opleidingsschool.bijeenkomsten import services
    from opleidingsschool.partnerschap.selectors import people_of

    uitnodiging, _new = services.invite_guest_expert(
        bijeenkomst=leercafe, email="gast@example.net", first_name="Gert", last_name="Gast",
        by=personas.coordinator.user,
    )
    guest = uitnodiging.medewerker.user
    assert guest in people_of(leercafe.partnerschap)
    assert guest not in people_of(personas.other_coordinator.partnerschap)
    client.force_login(personas.other_coordinator.user)
    client.post(reverse("privacy:erase"), {"email": "gast@example.net", "confirm": "on"})
    assert User.objects.filter(email="gast@example.net").exists()
    client.force_login(personas.coordinator.user)
    client.post(reverse("privacy:erase"), {"email": "gast@example.net", "confirm": "on"})
    assert User.objects.filter(email="gast@example.net").exists() is False
