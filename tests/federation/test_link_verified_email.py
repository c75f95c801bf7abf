"""Linking a first federated log-in on a verified e-mail address is the coordinator's
choice per school or institute (issue 12); whose account it reaches follows their school or
institute."""

import pytest
from django.urls import reverse

from opleidingsschool.federation import links_verified_email_q
from opleidingsschool.models import Instituut, School, User
from tests import factories

pytestmark = pytest.mark.django_db


def linkable() -> set[str]:
    return set(User.objects.filter(links_verified_email_q()).values_list("email", flat=True))


def test_whose_account_links_follows_their_school_or_institute(personas):
    assert linkable() == set()
    personas.school.link_verified_email = True
    personas.school.save()
    # The school's staff, its students on placement there, and its starters.
    assert linkable() == {
        personas.student.user.email, personas.wpb.user.email,
        personas.schoolopleider.user.email, personas.docent.user.email, "eva@example.org",
        personas.starter.user.email,
    }
    personas.school.link_verified_email = False
    personas.school.save()
    instituut = personas.instituutsopleider.instituut
    instituut.link_verified_email = True
    instituut.save()
    # The institute's staff and the students of its programmes (at any school).
    assert personas.instituutsopleider.user.email in linkable()
    assert personas.student.user.email in linkable()
    assert personas.outsider.email not in linkable()
    assert personas.other_student.user.email not in linkable() or \
        personas.other_student.opleiding.instituut == instituut


def test_the_coordinator_switches_it_on_for_a_school_and_an_institute(client, personas):
    client.force_login(personas.coordinator.user)
    url = reverse("partnerschap:school_edit", args=[personas.school.uuid])
    page = client.get(url).content.decode()
    assert "Eerste inlog koppelen op een bevestigd e-mailadres" in page
    assert "Uit: alleen via de uitnodigingslink." in page
    response = client.post(url, {"name": personas.school.name, "city": "Testdam",
                                 "regio": personas.school.regio, "link_verified_email": "on"})
    assert response.status_code == 302
    assert School.objects.get(pk=personas.school.pk).link_verified_email is True
    client.post(url, {"name": personas.school.name, "city": "Testdam",
                      "regio": personas.school.regio})
    assert School.objects.get(pk=personas.school.pk).link_verified_email is False

    response = client.post(reverse("partnerschap:instituut_create"),
                           {"name": "Nieuwe Lerarenopleiding", "city": "Ergens",
                            "link_verified_email": "on"})
    assert response.status_code == 302
    assert Instituut.objects.get(name="Nieuwe Lerarenopleiding").link_verified_email is True


def test_another_partnerships_school_cannot_be_switched(client, personas):
    client.force_login(personas.coordinator.user)
    elsewhere = factories.SchoolFactory(
        name="Verre School", partnerschap=factories.PartnerschapFactory())
    url = reverse("partnerschap:school_edit", args=[elsewhere.uuid])
    assert client.post(url, {"name": "Verre School", "regio": "midden",
                             "link_verified_email": "on"}).status_code == 404
    assert School.objects.get(pk=elsewhere.pk).link_verified_email is False
