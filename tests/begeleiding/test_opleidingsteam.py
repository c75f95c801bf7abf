"""The opleidingsteam (issue 14): the schoolopleider adds colleagues of the school, who then
open the school's day page and week and note lines of the group round, and nothing else of
the schoolopleider's. Today is Wednesday 10 March 2027 (conftest)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from begeleiding import services
from begeleiding.models import Logregel, Opleidingsteamlid
from tests import factories
from tests.test_url_access import ROUTES

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)
TEAM_URL = reverse("begeleiding:opleidingsteam")
DAY_URL = reverse("begeleiding:schooldag")
# The pages of the opleidingsteam: a team member gets them as the schoolopleider does.
TEAM_PAGES = {"begeleiding:schooldag", "begeleiding:schooldag_week",
              "begeleiding:schooldag_datum"}


def _colleague(personas, **kwargs):
    return factories.MedewerkerFactory(school=personas.school, **kwargs)


def _menu_labels(response):
    return [item.label for group in response.context["portal_menu"] for item in group.items]


def test_schoolopleider_adds_a_colleague_who_then_runs_the_school_day(client, personas):
    client.force_login(personas.docent.user)
    assert client.get(DAY_URL).status_code == 404
    assert "Schooldag" not in _menu_labels(client.get(reverse("home")))

    client.force_login(personas.schoolopleider.user)
    response = client.post(TEAM_URL, {"medewerker": str(personas.docent.uuid)}, follow=True)
    assert f"{escape(personas.docent)} zit nu in het opleidingsteam" in (
        response.content.decode())
    lid = Opleidingsteamlid.objects.get()
    assert (lid.school, lid.medewerker, lid.added_by) == (
        personas.school, personas.docent, personas.schoolopleider.user)
    assert [item.medewerker for item in response.context["leden"]] == [personas.docent]

    client.force_login(personas.docent.user)
    home = client.get(reverse("home"))
    assert "Schooldag" in _menu_labels(home)
    assert "Je zit in het opleidingsteam van Het Testlyceum." in home.content.decode()
    response = client.get(DAY_URL, {"ronde": "einde"})
    assert response.status_code == 200
    assert [rij.student for rij in response.context["rijen"]] == [personas.student]
    # No way to the team page from the day page: that is the schoolopleider's.
    assert TEAM_URL not in response.content.decode()
    assert client.get(reverse("begeleiding:schooldag_week")).status_code == 200
    # The team member notes a line of the group round, like the schoolopleider.
    prefix = str(personas.student.uuid)
    response = client.post(
        reverse("begeleiding:schooldag_close", args=[TODAY.isoformat(), personas.student.uuid]),
        {f"{prefix}-done": "Twee lessen gegeven in 2 vwo", f"{prefix}-hours": "4"})
    assert response.status_code == 302
    entry = Logregel.objects.get()
    assert (entry.student, entry.done, entry.confirmed_at) == (
        personas.student, "Twee lessen gegeven in 2 vwo", None)


def test_a_team_member_gets_no_other_powers_of_the_schoolopleider(client, personas):
    """Every page the schoolopleider opens and a plain colleague does not: a colleague on
    the team gets what a plain colleague gets, except the school day's own pages."""
    member = _colleague(personas)
    factories.OpleidingsteamlidFactory(medewerker=member)
    got, expected = {}, {}
    for route in ROUTES:
        if route.expected_status("schoolopleider") != 200 or (
            route.expected_status("docent") == 200
        ):
            continue
        url = reverse(route.name, kwargs=route.kwargs(personas))
        client.force_login(member.user)
        got[route.name] = client.get(url).status_code
        expected[route.name] = 200 if route.name in TEAM_PAGES else route.expected_status(
            "docent")
    assert got == expected
    assert set(TEAM_PAGES) <= set(got)


def test_a_colleague_of_another_school_cannot_be_added(client, personas):
    client.force_login(personas.schoolopleider.user)
    response = client.post(TEAM_URL, {"medewerker": str(personas.other_wpb.uuid)})
    assert response.status_code == 200
    assert "Kies een collega van Het Testlyceum uit de lijst." in response.content.decode()
    assert Opleidingsteamlid.objects.count() == 0
    # Nor through the service.
    with pytest.raises(ValidationError) as error:
        services.add_teamlid(school=personas.school, medewerker=personas.other_wpb,
                             by=personas.schoolopleider.user)
    assert error.value.message_dict == {"medewerker": ["Kies een collega van Het Testlyceum."]}
    assert Opleidingsteamlid.objects.count() == 0


def test_a_schoolopleider_or_a_member_is_not_added_twice(client, personas):
    other_opleider = _colleague(personas, is_schoolopleider=True)
    factories.OpleidingsteamlidFactory(medewerker=personas.docent)
    client.force_login(personas.schoolopleider.user)
    # Neither is offered.
    choices = [value for value, _label in client.get(TEAM_URL).context["form"]
               .fields["medewerker"].widget.choices]
    assert str(personas.docent.uuid) not in choices
    assert str(other_opleider.uuid) not in choices
    assert str(personas.wpb.uuid) in choices
    with pytest.raises(ValidationError) as error:
        services.add_teamlid(school=personas.school, medewerker=personas.docent,
                             by=personas.schoolopleider.user)
    assert error.value.messages == [f"{personas.docent} zit al in het opleidingsteam."]
    with pytest.raises(ValidationError) as error:
        services.add_teamlid(school=personas.school, medewerker=other_opleider,
                             by=personas.schoolopleider.user)
    assert error.value.messages == [f"{other_opleider} is schoolopleider en opent de "
                                    "schooldag al."]
    assert Opleidingsteamlid.objects.count() == 1


def test_search_narrows_the_colleagues_offered(client, personas):
    client.force_login(personas.schoolopleider.user)
    response = client.get(TEAM_URL, {"q": personas.wpb.user.email})
    choices = response.context["form"].fields["medewerker"].widget.choices
    assert choices[1:] == [(str(personas.wpb.uuid),
                            f"{personas.wpb.user} ({personas.wpb.user.email})")]
    response = client.get(TEAM_URL, {"q": "niemand-heet-zo"})
    assert "Geen collega van de school past bij ‘niemand-heet-zo’." in response.content.decode()


def test_the_team_page_has_an_empty_state(client, personas):
    client.force_login(personas.schoolopleider.user)
    content = client.get(TEAM_URL).content.decode()
    assert "Nog geen collega's in het team." in content
    assert escape(personas.schoolopleider.user) in content  # the schoolopleider is on it


def test_removing_a_member_takes_the_school_day_away_at_once(client, personas):
    lid = factories.OpleidingsteamlidFactory(medewerker=personas.docent)
    member = client
    member.force_login(personas.docent.user)
    assert member.get(DAY_URL).status_code == 200

    from django.test import Client

    opleider = Client()
    opleider.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:opleidingsteam_remove", args=[lid.uuid])
    confirm = opleider.get(url).content.decode()
    assert f"{escape(personas.docent)} uit het opleidingsteam van Het Testlyceum halen?" in (
        confirm)
    response = opleider.post(url, follow=True)
    assert f"{escape(personas.docent)} zit niet meer in het opleidingsteam." in (
        response.content.decode())
    assert Opleidingsteamlid.objects.count() == 0
    # The member's very next request: no day page, no menu item.
    assert member.get(DAY_URL).status_code == 404
    assert "Schooldag" not in _menu_labels(member.get(reverse("home")))


def test_another_schools_schoolopleider_cannot_remove_a_member(client, personas):
    lid = factories.OpleidingsteamlidFactory(medewerker=personas.docent)
    stranger = factories.MedewerkerFactory(school=personas.other_school, is_schoolopleider=True)
    client.force_login(stranger.user)
    url = reverse("begeleiding:opleidingsteam_remove", args=[lid.uuid])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Opleidingsteamlid.objects.count() == 1


def test_a_member_who_moved_to_another_school_opens_no_day_page(client, personas):
    factories.OpleidingsteamlidFactory(medewerker=personas.docent)
    personas.docent.school = personas.other_school
    personas.docent.save(update_fields=["school"])
    client.force_login(personas.docent.user)
    assert client.get(DAY_URL).status_code == 404
    assert "Schooldag" not in _menu_labels(client.get(reverse("home")))


def test_being_on_the_team_costs_no_query_on_other_pages(client, personas, count_queries):
    client.force_login(personas.docent.user)
    url = reverse("begeleiding:lesaanbod_list")
    client.get(url)
    before, _response = count_queries(client, url)
    factories.OpleidingsteamlidFactory(medewerker=personas.docent)
    client.get(url)
    after, response = count_queries(client, url)
    assert "Schooldag" in _menu_labels(response)
    assert after == before


def test_the_team_page_has_a_fixed_number_of_queries(client, personas, count_queries):
    factories.OpleidingsteamlidFactory(medewerker=personas.docent)
    client.force_login(personas.schoolopleider.user)
    few, _response = count_queries(client, TEAM_URL)
    for _index in range(6):
        factories.OpleidingsteamlidFactory(medewerker=_colleague(personas))
        _colleague(personas)
    many, response = count_queries(client, TEAM_URL)
    assert len(response.context["leden"]) == 7
    assert few == many == 4
