"""A coordinator can see how each person logs in (issue 12): e-mail and password, SURFconext
(with the institution it sent) or eduID, and whether an authenticator app is set up; on the
staff, student and starter lists at a fixed number of queries."""

import uuid

import pytest
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

# The coordinator's lists, as tests/test_key_pages.py counts them: +1 on each for the linked
# identities of the page's people (one prefetch; the authenticator app is an EXISTS per row).
LIST_QUERIES = {"medewerker": 7, "student": 7, "starter": 4}


def link(user, provider: str, uid: str, organisation: str = "") -> SocialAccount:
    claims = {"sub": uid, "email": user.email}
    if organisation:
        claims |= {"schac_home_organization": organisation,
                   "eduperson_affiliation": ["student"]}
    return SocialAccount.objects.create(user=user, provider=provider, uid=uid,
                                        extra_data={"userinfo": claims})


def with_totp(user) -> None:
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})


def badges_of(response, email: str) -> str:
    """The list row of the person with `email`, as text."""
    html = response.content.decode()
    row = html[html.index(email):]
    return row[: row.index("</td>")]


def test_the_lists_say_how_each_person_logs_in(client, personas):
    client.force_login(personas.coordinator.user)
    student = personas.student.user  # sanne@example.org: a password and SURFconext
    link(student, "surfconext", "sanne-sub", "testhogeschool.nl")
    with_totp(student)
    other = personas.other_student.user  # otto@example.org: eduID only, no password
    other.set_unusable_password()
    other.save()
    link(other, "eduid", "otto-sub")
    wpb = personas.wpb.user  # wim@example.org: no password, no identity yet
    wpb.set_unusable_password()
    wpb.save()

    students = client.get(reverse("partnerschap:student_list"))
    sanne = badges_of(students, "sanne@example.org")
    assert "E-mail en wachtwoord" in sanne
    assert "SURFconext · testhogeschool.nl" in sanne
    assert "Tweede stap aan" in sanne
    otto = badges_of(students, "otto@example.org")
    assert "eduID" in otto
    assert "E-mail en wachtwoord" not in otto
    assert "Geen tweede stap" in otto

    staff = client.get(reverse("partnerschap:medewerker_list"))
    wim = badges_of(staff, "wim@example.org")
    assert "Nog geen manier om in te loggen" in wim
    assert "Geen tweede stap" in wim

    starter = personas.starter.user  # stef@example.org: a password and eduID, and the app
    link(starter, "eduid", "stef-sub")
    with_totp(starter)
    starters = client.get(reverse("partnerschap:starter_list"))
    stef = badges_of(starters, "stef@example.org")
    assert "E-mail en wachtwoord" in stef
    assert "eduID" in stef
    assert "SURFconext" not in stef
    assert "Tweede stap aan" in stef


def test_a_persons_pages_say_how_they_log_in(client, personas):
    client.force_login(personas.coordinator.user)
    link(personas.student.user, "surfconext", "sanne-sub", "testhogeschool.nl")
    with_totp(personas.wpb.user)

    html = client.get(reverse("partnerschap:student_edit", args=[personas.student.uuid]))
    html = html.content.decode()
    assert "Zo logt deze persoon in" in html
    assert "SURFconext · testhogeschool.nl" in html
    assert "Geen tweede stap" in html
    for name in ("medewerker_detail", "medewerker_edit"):
        html = client.get(reverse(f"partnerschap:{name}", args=[personas.wpb.uuid]))
        html = html.content.decode()
        assert "E-mail en wachtwoord" in html
        assert "Tweede stap aan" in html
    link(personas.starter.user, "eduid", "stef-sub")
    html = client.get(reverse("partnerschap:starter_edit", args=[personas.starter.uuid]))
    html = html.content.decode()
    assert "Zo logt deze persoon in" in html
    assert "eduID" in html


def test_another_partnerships_person_is_not_shown(client, personas):
    client.force_login(personas.other_coordinator.user)
    url = reverse("partnerschap:student_edit", args=[personas.student.uuid])
    assert client.get(url).status_code == 404


def add_people(kind: str, number: int, schooljaar, school) -> None:
    """People with every way to log in: a password, SURFconext, eduID and the app."""
    for _ in range(number):
        if kind == "medewerker":
            user = factories.MedewerkerFactory(is_werkplekbegeleider=True).user
        elif kind == "starter":
            user = factories.StarterFactory(school=school).user
        else:
            user = factories.StageFactory(schooljaar=schooljaar).student.user
        link(user, "surfconext", f"surf-{uuid.uuid4()}", "testhogeschool.nl")
        link(user, "eduid", f"eduid-{uuid.uuid4()}")
        with_totp(user)


@pytest.mark.parametrize("kind", ["medewerker", "student", "starter"])
def test_the_lists_cost_the_same_queries_for_few_and_many_people(
    client, personas, kind, django_assert_num_queries
):
    client.force_login(personas.coordinator.user)
    url = reverse(f"partnerschap:{kind}_list")
    add_people(kind, 1, personas.schooljaar, personas.school)
    client.get(url)  # per-process first-request work aside
    with django_assert_num_queries(LIST_QUERIES[kind]):
        few = client.get(url)
    add_people(kind, 25, personas.schooljaar, personas.school)
    with django_assert_num_queries(LIST_QUERIES[kind]):
        many = client.get(url)

    assert len(few.context["page"].object_list) < len(many.context["page"].object_list) == 25
    linked = sum(1 for row in many.context["page"].object_list if row.user.linked_accounts)
    assert linked >= 15  # the personas without an identity share the page
    assert many.content.decode().count("SURFconext · testhogeschool.nl") == linked
    assert many.content.decode().count("Tweede stap aan") == linked
