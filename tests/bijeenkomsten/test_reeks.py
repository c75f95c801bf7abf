"""A series reviewed and edited as one list, reached from the planning page."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from opleidingsschool.models import Bijeenkomst
from tests import factories

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def make_series(count: int, **extra):
    reeks = factories.ReeksFactory(title="Leercafé", description="eerste donderdag")
    sessions = [
        factories.BijeenkomstFactory(
            reeks=reeks, title=f"Leercafé {weeks}", place="Mediatheek",
            starts_at=factories.next_thursday_at(14, weeks=weeks),
            ends_at=factories.next_thursday_at(16, weeks=weeks), **extra)
        for weeks in range(1, count + 1)
    ]
    return reeks, sessions


def row(index, bijeenkomst, **changes):
    local = bijeenkomst.starts_at.astimezone(AMSTERDAM)
    values = {"session": bijeenkomst.uuid, "day": local.date().isoformat(), "start_time": "14:00",
              "end_time": "16:00", "place": bijeenkomst.place, **changes}
    return {f"s-{index}-{name}": str(value) for name, value in values.items()}


def post(client, reeks, sessions, changes: dict[int, dict]):
    data = {"s-TOTAL_FORMS": str(len(sessions)), "s-INITIAL_FORMS": str(len(sessions)),
            "s-MIN_NUM_FORMS": "0", "s-MAX_NUM_FORMS": "60"}
    for index, bijeenkomst in enumerate(sessions):
        data.update(row(index, bijeenkomst, **changes.get(index, {})))
    return client.post(reverse("bijeenkomsten:reeks", args=[reeks.uuid]), data, follow=True)


def test_the_planning_page_leads_to_the_series_list(client, personas):
    reeks, sessions = make_series(3)
    client.force_login(personas.coordinator.user)
    html = client.get(reverse("bijeenkomsten:planning")).content.decode()
    url = reverse("bijeenkomsten:reeks", args=[reeks.uuid])
    assert f'href="{url}"' in html
    assert "3 bijeenkomsten" in html
    page = client.get(url).content.decode()
    assert "Reeks ‘Leercafé’" in page
    assert [b.title in page for b in sessions] == [True, True, True]


@pytest.mark.parametrize("count", [1, 8])
def test_the_series_list_costs_the_same_queries_for_one_and_many_sessions(
        client, personas, django_assert_num_queries, count):
    reeks, _sessions = make_series(count)
    client.force_login(personas.coordinator.user)
    with django_assert_num_queries(4):
        assert client.get(reverse("bijeenkomsten:reeks", args=[reeks.uuid])).status_code == 200


def test_moving_two_sessions_of_a_series_in_one_go_tells_who_comes(
        client, personas, django_capture_on_commit_callbacks):
    reeks, sessions = make_series(3)
    factories.AanmeldingFactory(bijeenkomst=sessions[1], user=personas.student.user)
    client.force_login(personas.coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, reeks, sessions, {1: {"place": "Aula"}, 2: {"start_time": "15:00",
                                                                         "end_time": "17:00"}})
    assert "Reeks ‘Leercafé’ opgeslagen: 2 bijeenkomsten gewijzigd." in response.content.decode()
    moved = {b.pk: (b.place, b.starts_at.astimezone(AMSTERDAM).hour, b.sequence)
             for b in Bijeenkomst.objects.all()}
    assert moved == {sessions[0].pk: ("Mediatheek", 14, 0), sessions[1].pk: ("Aula", 14, 1),
                     sessions[2].pk: ("Mediatheek", 15, 1)}
    assert [message.to for message in mail.outbox] == [[personas.student.user.email]]


def test_a_wrong_row_changes_nothing_and_says_where(client, personas):
    reeks, sessions = make_series(2)
    client.force_login(personas.coordinator.user)
    response = post(client, reeks, sessions, {0: {"place": "Aula"},
                                              1: {"start_time": "16:00", "end_time": "15:00"}})
    assert response.status_code == 200
    html = response.content.decode()
    assert "De bijeenkomst moet eindigen na de begintijd." in html
    assert 'value="Aula"' in html
    assert sorted(Bijeenkomst.objects.values_list("place", "sequence")) == [
        ("Mediatheek", 0), ("Mediatheek", 0)]


def test_past_and_cancelled_sessions_are_shown_but_not_editable(client, personas):
    reeks, sessions = make_series(1)
    factories.BijeenkomstFactory(reeks=reeks, title="Leercafé afgelast", status="cancelled",
                                 starts_at=factories.next_thursday_at(14, weeks=2),
                                 ends_at=factories.next_thursday_at(16, weeks=2))
    past = datetime.datetime.now(AMSTERDAM) - datetime.timedelta(days=30)
    factories.BijeenkomstFactory(reeks=reeks, title="Leercafé vorige maand", starts_at=past,
                                 ends_at=past + datetime.timedelta(hours=2))
    client.force_login(personas.coordinator.user)
    response = client.get(reverse("bijeenkomsten:reeks", args=[reeks.uuid]))
    html = response.content.decode()
    assert "Leercafé afgelast" in html and "Leercafé vorige maand" in html
    assert response.context["formset"].total_form_count() == 1
    assert html.count('name="s-0-place"') == 1 and 's-1-place' not in html


def test_only_coordinators_open_a_series(client, personas):
    reeks, _sessions = make_series(1)
    client.force_login(personas.wpb.user)
    assert client.get(reverse("bijeenkomsten:reeks", args=[reeks.uuid])).status_code == 404
