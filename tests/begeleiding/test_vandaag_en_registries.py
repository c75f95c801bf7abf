import datetime

import pytest
from django.urls import reverse

from begeleiding import contributions
from begeleiding.demo import seed_begeleiding
from begeleiding.models import Klikcheck, Leervraag, Lesaanbod, Lesbezoek, LesbezoekStatus, Logregel
from opleidingsschool import registries
from opleidingsschool.registries import OpenLeervraag
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)


def test_today_at_school_shows_who_has_not_closed_the_day(client, personas, count_queries):
    factories.LogregelFactory(stage=personas.stage, date=TODAY)
    lesson = factories.LesaanbodFactory(medewerker=personas.docent, weekday=3)
    factories.LesbezoekFactory(student=personas.student, lesaanbod=lesson, date=TODAY,
                               status=LesbezoekStatus.ACCEPTED)
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:vandaag")
    few, response = count_queries(client, url)
    assert [(s.student, s.day_closed) for s in response.context["stages"]] == [
        (personas.student, True)]
    assert [v.host for v in response.context["stages"][0].student.visits_today] == [
        personas.docent]
    for _index in range(6):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.LesbezoekFactory(student=stage.student, lesaanbod=lesson, date=TODAY)
    many, response = count_queries(client, url)
    assert response.context["open_count"] == 6
    assert few == many


def test_werkplekbegeleider_sees_only_own_students_today(client, personas):
    factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    client.force_login(personas.wpb.user)
    response = client.get(reverse("begeleiding:vandaag"))
    assert [s.student for s in response.context["stages"]] == [personas.student]


def test_student_home_prompts_for_the_day_and_shows_the_hours_bar(client, personas):
    client.force_login(personas.student.user)
    content = client.get(reverse("home")).content.decode()
    assert "Sluit de dag af" in content
    assert 'class="hours-progress" max="400" value="0.00"' in content
    factories.LogregelFactory(stage=personas.stage, date=TODAY)
    content = client.get(reverse("home")).content.decode()
    assert "Sluit de dag af" not in content
    assert 'value="2.50"' in content


def test_menu_per_role(client, personas):
    def labels(user):
        client.force_login(user)
        menu = client.get(reverse("home")).context["portal_menu"]
        return [item.label for group in menu for item in group.items]

    student = labels(personas.student.user)
    assert [x for x in student if x in {"Leervragen", "Logboek", "Lesbezoeken",
                                        "Mijn begeleiders"}] == [
        "Leervragen", "Logboek", "Lesbezoeken", "Mijn begeleiders"]
    assert {"Vandaag op school", "Te bevestigen uren"} <= set(labels(personas.wpb.user))
    assert {"Vandaag op school", "Signalen"} <= set(labels(personas.schoolopleider.user))
    assert {"Mijn expertise en lesaanbod", "Bezoekverzoeken"} <= set(
        labels(personas.docent.user))


def test_timeline_gathers_visits_and_day_log_entries(personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    visit = factories.LesbezoekFactory(student=personas.student, leervraag=leervraag,
                                       status=LesbezoekStatus.ACCEPTED)
    entry = factories.LogregelFactory(stage=personas.stage, leervraag=leervraag)
    items = contributions.timeline(user=personas.wpb.user, leervraag=leervraag)
    # The mentor may not edit the entry: the link is to it in the student's day log.
    in_day_log = f"/begeleiding/logboek/student/{personas.student.uuid}/#logregel-{entry.uuid}"
    assert sorted(item.url for item in items) == sorted([visit.get_absolute_url(), in_day_log])
    own = contributions.timeline(user=personas.student.user, leervraag=leervraag)
    assert sorted(item.url for item in own) == sorted(
        [visit.get_absolute_url(), entry.get_absolute_url()])
    assert contributions.timeline(user=personas.other_wpb.user, leervraag=leervraag) == []


def test_evidence_per_learning_outcome(personas):
    outcome = factories.LeeruitkomstFactory()
    leervraag = factories.LeervraagFactory(student=personas.student, leeruitkomsten=[outcome])
    entry = factories.LogregelFactory(stage=personas.stage, leervraag=leervraag,
                                      date=datetime.date(2027, 3, 1))
    visit = factories.LesbezoekFactory(student=personas.student, leervraag=leervraag,
                                       status=LesbezoekStatus.ACCEPTED,
                                       date=datetime.date(2027, 3, 2))
    other = factories.LeeruitkomstFactory()
    evidence = contributions.evidence(user=personas.wpb.user, student=personas.student,
                                      leeruitkomsten=[outcome, other])
    assert list(evidence) == [outcome.pk]
    assert [(day, url) for day, _label, url in evidence[outcome.pk]] == [
        (datetime.date(2027, 3, 1),
         f"/begeleiding/logboek/student/{personas.student.uuid}/#logregel-{entry.uuid}"),
        (datetime.date(2027, 3, 2), visit.get_absolute_url())]
    assert contributions.evidence(user=personas.other_wpb.user, student=personas.student,
                                  leeruitkomsten=[outcome]) == {}


def test_calendar_events_have_stable_uids_for_student_and_host(personas):
    lesson = factories.LesaanbodFactory(medewerker=personas.docent)
    visit = factories.LesbezoekFactory(student=personas.student, lesaanbod=lesson,
                                       status=LesbezoekStatus.ACCEPTED)
    start = datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(2027, 4, 1, tzinfo=datetime.UTC)
    for user in (personas.student.user, personas.docent.user):
        events = contributions.calendar_events(user=user, start=start, end=end)
        assert [str(event["uid"]) for event in events] == [
            f"lesbezoek-{visit.uuid}@opleidingsschool"]
        assert events[0]["status"] == "CONFIRMED"
    assert contributions.calendar_events(user=personas.other_student.user, start=start,
                                        end=end) == []


def test_open_leervragen_for_a_leercafe(personas):
    tag = factories.ExpertiseFactory(name="motiveren")
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])
    factories.LeervraagFactory(student=personas.student, status="answered")
    result = contributions.open_leervragen(students=[personas.student])
    assert result == [OpenLeervraag(student=personas.student, title=leervraag.title,
                                    expertises=["motiveren"], url=leervraag.get_absolute_url())]


def test_begeleiding_registers_its_contributions():
    assert contributions.home_panels in registries.home_panels
    assert contributions.menu_items in registries.menu_items
    assert contributions.timeline in registries.timeline_sources
    assert contributions.evidence in registries.evidence_sources
    assert contributions.calendar_events in registries.calendar_sources
    assert contributions.open_leervragen in registries.open_leervragen_sources
    assert seed_begeleiding in registries.demo_seeders


def test_seed_demo_fills_begeleiding_and_is_idempotent(mailoutbox):
    from opleidingsschool.demo import seed_demo

    seed_demo(today=TODAY)
    counts = [model.objects.count() for model in (Leervraag, Logregel, Lesaanbod, Lesbezoek,
                                                   Klikcheck)]
    assert all(counts)
    seed_demo(today=TODAY)
    assert [model.objects.count() for model in (Leervraag, Logregel, Lesaanbod, Lesbezoek,
                                                 Klikcheck)] == counts
    fleur = Leervraag.objects.filter(student__user__email="student@example.org")
    assert fleur.count() == 3
    assert Lesbezoek.objects.filter(student__user__email="student@example.org",
                                    reflected_at__isnull=False).count() == 1
    assert Logregel.objects.filter(student__user__email="student@example.org",
                                   confirmed_at__isnull=False).exists()
    assert mailoutbox == []
