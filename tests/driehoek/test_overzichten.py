"""The overview pages run a fixed number of queries, with one row or many, and show only
the user's own triangles."""

import datetime

import pytest
from django.urls import reverse

from opleidingsschool.models import Functie
from tests import factories

from .conftest import AMSTERDAM

pytestmark = pytest.mark.django_db


def _fill_stage(stage, users, index):
    gesprek = factories.DriehoeksgesprekFactory(
        stage=stage, deelnemers=users, title=f"Gesprek {index}",
        starts_at=datetime.datetime(2027, 3, 20 + index % 5, 14, tzinfo=AMSTERDAM),
        ends_at=datetime.datetime(2027, 3, 20 + index % 5, 15, tzinfo=AMSTERDAM),
        shared_at=datetime.datetime(2027, 3, 1, tzinfo=AMSTERDAM),
        notes_progress="Voortgang",
    )
    factories.AkkoordFactory(gesprek=gesprek, user=users[0])
    factories.LeerdoelFactory(stage=stage, gesprek=gesprek)
    factories.ActiepuntFactory(stage=stage, gesprek=gesprek, owner=users[-1])
    factories.BehoefteFactory(stage=stage, gesprek=gesprek)
    evaluation = factories.TussenevaluatieFactory(
        stage=stage, date=datetime.date(2027, 1, 10 + index % 10),
        shared_at=datetime.datetime(2027, 1, 20, tzinfo=AMSTERDAM),
    )
    factories.OordeelFactory(tussenevaluatie=evaluation)
    return gesprek


def test_the_triangle_overview_has_a_fixed_query_count(client, personas, triangle, count_queries):
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:index")
    _fill_stage(personas.stage, triangle, 0)
    small, response = count_queries(client, url)
    assert [stage.student for stage in response.context["page"].object_list] == [personas.student]
    for index in range(1, 8):
        stage = factories.StageFactory(schooljaar=personas.schooljaar, school=personas.school)
        factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb,
                                    functie=Functie.WERKPLEKBEGELEIDER)
        _fill_stage(stage, [stage.student.user, personas.wpb.user], index)
    large, response = count_queries(client, url)
    assert len(response.context["page"].object_list) == 8
    assert large == small


def test_the_year_page_has_a_fixed_query_count(client, personas, triangle, count_queries):
    client.force_login(personas.instituutsopleider.user)
    url = reverse("driehoek:stage", kwargs={"uuid": personas.stage.uuid})
    _fill_stage(personas.stage, triangle, 0)
    small, _response = count_queries(client, url)
    for index in range(1, 8):
        _fill_stage(personas.stage, triangle, index)
    large, response = count_queries(client, url)
    assert len(response.context["gesprekken"]) == 8
    assert large == small
    print_small = count_queries(client, reverse("driehoek:stage_print",
                                         kwargs={"uuid": personas.stage.uuid}))[0]
    _fill_stage(personas.stage, triangle, 9)
    assert count_queries(client, reverse("driehoek:stage_print",
                                  kwargs={"uuid": personas.stage.uuid}))[0] == print_small


def test_the_student_does_not_see_draft_items_on_the_year_page(client, personas, triangle):
    draft = factories.DriehoeksgesprekFactory(stage=personas.stage, deelnemers=triangle,
                                              notes_progress="Concepttekst")
    factories.LeerdoelFactory(stage=personas.stage, gesprek=draft, title="Conceptdoel")
    client.force_login(personas.student.user)
    page = client.get(reverse("driehoek:stage", kwargs={"uuid": personas.stage.uuid}))
    assert "Conceptdoel" not in page.content.decode()
    print_page = client.get(reverse("driehoek:stage_print",
                                    kwargs={"uuid": personas.stage.uuid})).content.decode()
    assert "Conceptdoel" not in print_page and "Concepttekst" not in print_page
    client.force_login(personas.wpb.user)
    assert "Conceptdoel" in client.get(
        reverse("driehoek:stage", kwargs={"uuid": personas.stage.uuid})).content.decode()


def test_the_overview_shows_only_triangles_the_user_is_in(client, personas):
    client.force_login(personas.extra_mentor.user)
    response = client.get(reverse("driehoek:index"))
    assert list(response.context["page"].object_list) == []
    assert "Je zit dit jaar niet in een driehoek." in response.content.decode()


def test_menu_shows_the_triangle_to_members_and_needs_to_coordinators(client, personas):
    client.force_login(personas.student.user)
    assert f'href="{reverse("driehoek:index")}"' in client.get(reverse("home")).content.decode()
    client.force_login(personas.coordinator.user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("driehoek:behoeften") in page
    assert f'href="{reverse("driehoek:index")}"' not in page


def test_the_year_page_names_each_meetings_participants(client, personas, triangle):
    """The meetings come with their participants in one query (issue 10); a meeting without
    participants is listed once, with none."""
    with_all = factories.DriehoeksgesprekFactory(stage=personas.stage, deelnemers=triangle,
                                                 title="Startgesprek")
    alone = factories.DriehoeksgesprekFactory(stage=personas.stage, deelnemers=[],
                                              title="Gesprek zonder deelnemers")
    client.force_login(personas.wpb.user)
    response = client.get(reverse("driehoek:stage", kwargs={"uuid": personas.stage.uuid}))
    assert [gesprek.pk for gesprek in response.context["gesprekken"]].count(alone.pk) == 1
    shown = {gesprek.pk: [user.get_short_name() for user in gesprek.deelnemers.all()]
             for gesprek in response.context["gesprekken"]}
    assert sorted(shown[with_all.pk]) == sorted(user.get_short_name() for user in triangle)
    assert shown[alone.pk] == []
    page = response.content.decode()
    line = page[page.index("Startgesprek"):].split("</div>")[0]
    assert all(user.get_short_name() in line for user in triangle)
    printed = client.get(reverse("driehoek:stage_print",
                                 kwargs={"uuid": personas.stage.uuid})).content.decode()
    assert all(str(user) in printed for user in triangle)
