import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from begeleiding.models import Lesaanbod, Lesbezoek, LesbezoekStatus, Logregel
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)  # a Wednesday
NEXT_TUESDAY = datetime.date(2027, 3, 16)


@pytest.fixture
def lesson(personas):
    personas.docent.visitors_welcome = True
    personas.docent.save()
    return factories.LesaanbodFactory(medewerker=personas.docent, weekday=2, max_visitors=1)


@pytest.fixture
def leervraag(personas):
    return factories.LeervraagFactory(student=personas.student, title="Differentiëren in havo 4")


def _request(client, leervraag, lesson, day=NEXT_TUESDAY, **extra):
    return client.post(
        reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, lesson.uuid]),
        {"date": day.isoformat(), "message": "Mag ik komen kijken?", **extra},
    )


def test_staff_member_opens_a_lesson_for_visitors(client, personas):
    client.force_login(personas.docent.user)
    response = client.post(reverse("begeleiding:lesaanbod_create"), {
        "weekday": 2, "lesson_hour": 3, "start_time": "10:20", "end_time": "11:10",
        "class_name": "havo 4", "subject": "aardrijkskunde", "max_visitors": 2,
        "is_active": "on",
    }, follow=True)
    lesson = Lesaanbod.objects.get()
    assert (lesson.medewerker, lesson.class_name, lesson.max_visitors) == (
        personas.docent, "havo 4", 2)
    assert "Les ‘dinsdag 3e uur, havo 4 aardrijkskunde’ opgeslagen." in response.content.decode()


def test_a_lesson_that_ends_before_it_starts_is_refused(client, personas):
    client.force_login(personas.docent.user)
    response = client.post(reverse("begeleiding:lesaanbod_create"), {
        "weekday": 2, "lesson_hour": 3, "start_time": "11:10", "end_time": "10:20",
        "class_name": "havo 4", "subject": "aardrijkskunde", "max_visitors": 0,
    })
    errors = response.context["form"].errors
    assert errors["end_time"] == ["De les moet eindigen na het begin."]
    assert errors["max_visitors"] == ["Sta 1 tot 10 bezoekers toe."]
    assert Lesaanbod.objects.count() == 0


def test_request_accept_reflect_and_turn_into_hours(
    client, personas, lesson, leervraag, school_day, django_capture_on_commit_callbacks
):
    client.force_login(personas.student.user)
    form = client.get(reverse("begeleiding:lesbezoek_request",
                              args=[leervraag.uuid, lesson.uuid])).context["form"]
    assert [value for value, _label in form.fields["date"].choices][:2] == [
        "2027-03-16", "2027-03-23"]
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, leervraag, lesson)
    visit = Lesbezoek.objects.get()
    assert (visit.status, visit.host, visit.date, visit.leervraag) == (
        LesbezoekStatus.REQUESTED, personas.docent, NEXT_TUESDAY, leervraag)
    assert mail.outbox[-1].to == ["dirk@example.org"]
    assert mail.outbox[-1].subject == "Sanne Student wil op dinsdag 16 maart in je les kijken"

    client.force_login(personas.docent.user)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "Differentiëren in havo 4" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("begeleiding:lesbezoek_answer", args=[visit.uuid]),
                    {"decision": "accept", "answer": "Welkom!"})
    visit.refresh_from_db()
    assert visit.status == LesbezoekStatus.ACCEPTED
    assert mail.outbox[-1].to == ["sanne@example.org"]
    assert "Welkom!" in mail.outbox[-1].body

    client.force_login(personas.student.user)
    reflect = reverse("begeleiding:lesbezoek_reflect", args=[visit.uuid])
    assert client.get(reflect).status_code == 403  # not held yet
    school_day.move_to(datetime.datetime(2027, 3, 16, 16, 0, tzinfo=datetime.UTC))
    client.post(reflect, {"observations": "Drie niveaus op het bord.",
                          "reflection": "Ik ga ook met niveaukaarten werken."})
    visit.refresh_from_db()
    assert visit.reflection == "Ik ga ook met niveaukaarten werken."
    client.post(reverse("begeleiding:lesbezoek_hours", args=[visit.uuid]))
    entry = Logregel.objects.get()
    assert (entry.date, entry.hours, entry.activity, entry.leervraag, entry.lesbezoek) == (
        NEXT_TUESDAY, Decimal("0.75"), "observeren", leervraag, visit)
    assert client.post(reverse("begeleiding:lesbezoek_hours", args=[visit.uuid])).status_code == 403

    client.force_login(personas.docent.user)
    client.post(reverse("begeleiding:lesbezoek_feedback", args=[visit.uuid]),
                {"feedback": "Goede vragen gesteld."})
    visit.refresh_from_db()
    assert visit.host_feedback == "Goede vragen gesteld."


def test_no_double_booking_of_the_student(client, personas, lesson, leervraag):
    other = factories.LesaanbodFactory(
        medewerker=factories.MedewerkerFactory(school=personas.school, visitors_welcome=True),
        weekday=2, start_time=datetime.time(10, 45), end_time=datetime.time(11, 35))
    client.force_login(personas.student.user)
    _request(client, leervraag, lesson)
    response = _request(client, leervraag, other)
    assert response.context["form"].non_field_errors() == [
        "Je hebt op dat moment al een lesbezoek."]
    assert Lesbezoek.objects.count() == 1


def test_no_more_visitors_than_the_host_allows(client, personas, lesson, leervraag):
    someone = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    factories.LesbezoekFactory(student=someone.student, lesaanbod=lesson, date=NEXT_TUESDAY,
                               status=LesbezoekStatus.ACCEPTED)
    client.force_login(personas.student.user)
    response = _request(client, leervraag, lesson)
    # The full date is shown but cannot be chosen; a post of it is refused on the field.
    assert response.context["form"].errors["date"] == [
        "Deze les is op die datum vol. Kies een andere datum."]
    assert Lesbezoek.objects.count() == 1


def test_host_cannot_accept_beyond_the_maximum(client, personas, lesson, leervraag):
    first = factories.LesbezoekFactory(student=personas.student, leervraag=leervraag,
                                       lesaanbod=lesson, date=NEXT_TUESDAY)
    second = factories.LesbezoekFactory(student=personas.other_student, lesaanbod=lesson,
                                        date=NEXT_TUESDAY)
    client.force_login(personas.docent.user)
    client.post(reverse("begeleiding:lesbezoek_answer", args=[first.uuid]), {"decision": "accept"})
    response = client.post(reverse("begeleiding:lesbezoek_answer", args=[second.uuid]),
                           {"decision": "accept"}, follow=True)
    second.refresh_from_db()
    assert second.status == LesbezoekStatus.REQUESTED
    assert "Deze les heeft op die datum al 1 bezoeker(s), je maximum." in response.content.decode()


def test_wrong_weekday_and_past_dates_are_refused(client, personas, lesson, leervraag):
    client.force_login(personas.student.user)
    response = _request(client, leervraag, lesson, day=datetime.date(2027, 3, 9))
    assert "date" in response.context["form"].errors  # not one of the offered dates
    assert Lesbezoek.objects.count() == 0


def test_host_sees_the_visit_but_not_the_rest_of_the_student(client, personas, lesson, leervraag):
    visit = factories.LesbezoekFactory(student=personas.student, leervraag=leervraag,
                                       lesaanbod=lesson)
    client.force_login(personas.docent.user)
    assert client.get(visit.get_absolute_url()).status_code == 200
    assert client.get(leervraag.get_absolute_url()).status_code == 404
    logboek = reverse("begeleiding:logboek_student", args=[personas.student.uuid])
    assert client.get(logboek).status_code == 404


def test_bezoekverzoeken_runs_the_same_queries_for_one_and_many(
    client, personas, lesson, count_queries
):
    def visit(days, status=LesbezoekStatus.REQUESTED):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.LesbezoekFactory(student=stage.student, lesaanbod=lesson, status=status,
                                   date=TODAY + datetime.timedelta(days=days))

    visit(6)
    visit(-7, LesbezoekStatus.ACCEPTED)
    client.force_login(personas.docent.user)
    url = reverse("begeleiding:bezoekverzoeken")
    few, _ = count_queries(client, url)
    for days in range(1, 6):
        visit(days)
        visit(-days, LesbezoekStatus.ACCEPTED)
    many, response = count_queries(client, url)
    assert len(response.context["waiting"]) == 6
    assert few == many


def test_lesbezoek_list_runs_the_same_queries_for_one_and_many(
    client, personas, lesson, leervraag, count_queries
):
    factories.LesbezoekFactory(student=personas.student, lesaanbod=lesson, leervraag=leervraag)
    client.force_login(personas.student.user)
    url = reverse("begeleiding:lesbezoek_list")
    few, _ = count_queries(client, url)
    for weeks in range(1, 8):
        factories.LesbezoekFactory(student=personas.student, lesaanbod=lesson,
                                   leervraag=leervraag,
                                   date=NEXT_TUESDAY + datetime.timedelta(weeks=weeks))
    many, response = count_queries(client, url)
    assert len(response.context["page"].object_list) == 8
    assert few == many


def test_suggestions_page_offers_lessons_to_request(client, personas, lesson, leervraag):
    tag = factories.ExpertiseFactory(name="differentiëren")
    personas.docent.expertises.set([tag])
    leervraag.expertises.set([tag])
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:leervraag_suggestions", args=[leervraag.uuid]))
    assert [s.medewerker for s in response.context["suggestions"]] == [personas.docent]
    assert reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, lesson.uuid]) in (
        response.content.decode())


def test_a_post_without_a_decision_changes_nothing(client, personas, lesson, leervraag):
    visit = factories.LesbezoekFactory(student=personas.student, leervraag=leervraag,
                                       lesaanbod=lesson)
    client.force_login(personas.docent.user)
    response = client.post(reverse("begeleiding:lesbezoek_answer", args=[visit.uuid]), {},
                           follow=True)
    visit.refresh_from_db()
    assert visit.status == LesbezoekStatus.REQUESTED
    assert "Kies accepteren of afwijzen." in response.content.decode()
