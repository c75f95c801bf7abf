"""Rapport over time (issue 14): the schoolopleider sees every rapport check at the school
with its trend and comments, and notes what was agreed; the student sees their own ratings
over time; mentors and coordinators never see an individual rating."""

import datetime

import pytest
from django.urls import reverse

from begeleiding.models import Klikafspraak
from opleidingsschool.models import Functie, ReadRecord
from tests import factories
from tests.conftest import PERSONA_NAMES

pytestmark = pytest.mark.django_db

NOV = datetime.date(2026, 11, 1)
FEB = datetime.date(2027, 2, 1)
LAST_YEAR = datetime.date(2026, 5, 1)


def _wpb_relation(personas):
    return personas.stage.begeleiders.get(functie=Functie.WERKPLEKBEGELEIDER)


def _falling(personas):
    relation = _wpb_relation(personas)
    factories.KlikcheckFactory(begeleider=relation, period_start=LAST_YEAR, score=1,
                               comment="Vorig schooljaar")
    factories.KlikcheckFactory(begeleider=relation, period_start=NOV, score=4,
                               comment="Fijne start")
    return factories.KlikcheckFactory(begeleider=relation, period_start=FEB, score=3,
                                      comment="Weinig tijd voor nagesprekken")


def test_schoolopleider_sees_every_check_with_trend_and_comments(client, personas):
    latest = _falling(personas)
    extra = personas.stage.begeleiders.get(functie=Functie.EXTRA)
    factories.KlikcheckFactory(begeleider=extra, period_start=FEB, score=5)
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("begeleiding:klik_school"))
    rijen = response.context["rijen"]
    # The falling score first, the school year only (not last May's 1).
    assert [(rij.begeleider.medewerker, rij.trend, rij.needs_talk) for rij in rijen] == [
        (personas.wpb, [4, 3], True), (personas.extra_mentor, [5], False)]
    content = response.content.decode()
    assert "Weinig tijd voor nagesprekken" in content
    assert "Vorig schooljaar" not in content
    assert "dalend" in content
    assert f'action="/begeleiding/klik/{latest.uuid}/afspraak/"' in content
    # Who read it: every rating shown is in the student's read log.
    assert ReadRecord.objects.filter(owner=personas.student.user,
                                     reader=personas.schoolopleider.user).count() == 3


def test_a_low_score_prompts_a_talk(client, personas):
    factories.KlikcheckFactory(begeleider=_wpb_relation(personas), period_start=FEB, score=2)
    client.force_login(personas.schoolopleider.user)
    content = client.get(reverse("begeleiding:klik_school")).content.decode()
    assert "Praat met Sanne Student" in content
    assert "laag" in content


def test_klik_overview_has_a_fixed_number_of_queries(client, personas, count_queries):
    _falling(personas)
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:klik_school")
    few, _response = count_queries(client, url)
    for _index in range(4):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        relation = factories.BegeleiderFactory(stage=stage)
        factories.KlikcheckFactory(begeleider=relation, period_start=NOV, score=2)
        check = factories.KlikcheckFactory(begeleider=relation, period_start=FEB, score=1)
        Klikafspraak.objects.create(klikcheck=check, text="Gesprek gepland",
                                    author=personas.schoolopleider.user)
    many, response = count_queries(client, url)
    assert len(response.context["rijen"]) == 5
    assert few == many


def test_schoolopleider_notes_what_was_agreed_and_the_student_reads_it(client, personas):
    latest = _falling(personas)
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:klikafspraak_create", args=[latest.uuid])
    response = client.post(url, {f"{latest.uuid}-text": "Elke vrijdag een kwartier nagesprek."})
    assert response.status_code == 302
    assert [a.text for a in Klikafspraak.objects.all()] == ["Elke vrijdag een kwartier nagesprek."]
    client.force_login(personas.student.user)
    content = client.get(reverse("begeleiding:klik_verloop")).content.decode()
    assert "Elke vrijdag een kwartier nagesprek." in content


def test_an_empty_agreement_is_refused_with_a_message(client, personas):
    latest = _falling(personas)
    client.force_login(personas.schoolopleider.user)
    response = client.post(reverse("begeleiding:klikafspraak_create", args=[latest.uuid]),
                           {f"{latest.uuid}-text": "  "})
    assert response.status_code == 200
    assert "Schrijf op wat je met de student hebt afgesproken." in response.content.decode()
    assert Klikafspraak.objects.count() == 0


def test_student_sees_own_ratings_over_time(client, personas):
    _falling(personas)
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:klik_verloop"))
    assert [(rij.begeleider.medewerker, rij.trend) for rij in response.context["rijen"]] == [
        (personas.wpb, [4, 3])]
    assert "Weinig tijd voor nagesprekken" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_who_sees_individual_ratings(client, personas, persona):
    """Only the schoolopleider (all at the school) and the student (their own) see a rating;
    the rated mentor, other mentors, colleagues and coordinators never do."""
    latest = _falling(personas)
    Klikafspraak.objects.create(klikcheck=latest, text="Geheime afspraak",
                                author=personas.schoolopleider.user)
    client.force_login(personas.user(persona))
    seen = set()
    for name in ("begeleiding:klik_school", "begeleiding:klik_verloop"):
        response = client.get(reverse(name))
        if response.status_code == 200 and "Weinig tijd voor nagesprekken" in (
            response.content.decode()
        ):
            seen.add(name)
            assert "Geheime afspraak" in response.content.decode()
    expected = {"schoolopleider": {"begeleiding:klik_school"},
                "student": {"begeleiding:klik_verloop"}}.get(persona, set())
    assert seen == expected


@pytest.mark.parametrize("persona", ["wpb", "extra_mentor", "coordinator", "docent", "student"])
def test_only_the_schoolopleider_notes_an_agreement(client, personas, persona):
    latest = _falling(personas)
    client.force_login(personas.user(persona))
    response = client.post(reverse("begeleiding:klikafspraak_create", args=[latest.uuid]),
                           {f"{latest.uuid}-text": "Afspraak"})
    # The student sees the check (403); for anyone else it does not exist (404).
    assert response.status_code == (403 if persona == "student" else 404)
    assert Klikafspraak.objects.count() == 0
