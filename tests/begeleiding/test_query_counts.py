"""The remaining list pages cost the same number of queries for one row and for many."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opleidingsschool.models import BegeleiderStatus, Functie
from tests import factories

pytestmark = pytest.mark.django_db


def _same(client, count_queries, url, add_rows, rows_in_context):
    few, _ = count_queries(client, url)
    add_rows()
    many, response = count_queries(client, url)
    assert rows_in_context(response) > 1
    assert few == many


def test_suggestions(client, personas, count_queries):
    tag = factories.ExpertiseFactory(name="differentiëren")
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])

    def colleague():
        medewerker = factories.MedewerkerFactory(school=personas.school, visitors_welcome=True,
                                                 expertises=[tag])
        factories.LesaanbodFactory(medewerker=medewerker)
        factories.LesaanbodFactory(medewerker=medewerker, weekday=4)

    colleague()
    client.force_login(personas.student.user)
    _same(client, count_queries,
          reverse("begeleiding:leervraag_suggestions", args=[leervraag.uuid]),
          lambda: [colleague() for _index in range(5)],
          lambda response: len(response.context["suggestions"]))


def test_signals(client, personas, count_queries):
    def student_with_signals():
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        begeleider = factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb)
        factories.KlikcheckFactory(begeleider=begeleider, score=1)
        factories.LeervraagFactory(student=stage.student, last_activity_at=timezone.now()
                                   - datetime.timedelta(days=40))

    student_with_signals()
    client.force_login(personas.schoolopleider.user)
    _same(client, count_queries, reverse("signalen"),
          lambda: [student_with_signals() for _index in range(4)],
          lambda response: sum(len(group["signals"]) for group in response.context["groups"]))


def test_lesaanbod_list(client, personas, count_queries):
    factories.LesaanbodFactory(medewerker=personas.docent)
    client.force_login(personas.docent.user)
    _same(client, count_queries, reverse("begeleiding:lesaanbod_list"),
          lambda: [factories.LesaanbodFactory(medewerker=personas.docent, lesson_hour=hour)
                   for hour in range(4, 9)],
          lambda response: len(response.context["lessons"]))


def test_mentor_requests(client, personas, count_queries):
    def request():
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.BegeleiderFactory(stage=stage, medewerker=personas.docent,
                                    functie=Functie.EXTRA, status=BegeleiderStatus.PROPOSED,
                                    is_raadgever=True)

    request()
    client.force_login(personas.docent.user)
    _same(client, count_queries, reverse("begeleiding:mentor_requests"),
          lambda: [request() for _index in range(4)],
          lambda response: len(response.context["requests"]))


def test_mentor_network(client, personas, count_queries):
    client.force_login(personas.student.user)
    _same(client, count_queries, reverse("begeleiding:netwerk"),
          lambda: [factories.BegeleiderFactory(stage=personas.stage, functie=Functie.EXTRA)
                   for _index in range(4)],
          lambda response: len(response.context["active"]))
