"""The school calendar on the pages that speak of today or offer dates, across a weekend
and the kerstvakantie of 2026 (Saturday 19 December to Sunday 3 January, all regions)."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from begeleiding.models import Lesbezoek, LesbezoekStatus
from opleidingsschool.models import VrijeDag
from tests import factories

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
FRIDAY_BEFORE_CHRISTMAS = datetime.date(2026, 12, 18)
SATURDAY = datetime.date(2026, 12, 19)
MONDAY_IN_CHRISTMAS = datetime.date(2026, 12, 21)


def _travel(school_day, day):
    school_day.move_to(datetime.datetime.combine(day, datetime.time(10), tzinfo=AMSTERDAM))


def _board(client, count_queries):
    queries, response = count_queries(client, reverse("begeleiding:vandaag"))
    return queries, [stage.student for stage in response.context["stages"]]


def test_today_board_lists_students_only_on_their_school_days(
    client, personas, school_day, count_queries
):
    client.force_login(personas.schoolopleider.user)
    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    friday_queries, students = _board(client, count_queries)
    assert students == [personas.student]
    for day in (SATURDAY, MONDAY_IN_CHRISTMAS):
        _travel(school_day, day)
        queries, students = _board(client, count_queries)
        assert (queries, students) == (friday_queries, [])
    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    personas.stage.schooldagen = "124"  # Monday, Tuesday, Thursday
    personas.stage.save()
    assert _board(client, count_queries)[1] == []


def test_today_board_skips_the_schools_study_day(client, personas, school_day, count_queries):
    VrijeDag.objects.create(school=personas.school, date=FRIDAY_BEFORE_CHRISTMAS,
                            reason="studiedag")
    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    client.force_login(personas.wpb.user)
    assert _board(client, count_queries)[1] == []
    response = client.get(reverse("begeleiding:vandaag"))
    assert "Vandaag geen studenten op school." in response.content.decode()


def test_close_the_day_prompt_only_on_a_school_day(client, personas, school_day):
    client.force_login(personas.student.user)
    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    assert "Sluit de dag af" in client.get(reverse("home")).content.decode()
    _travel(school_day, SATURDAY)
    content = client.get(reverse("home")).content.decode()
    assert "Sluit de dag af" not in content
    assert "Vandaag geen schooldag (weekend)." in content
    _travel(school_day, MONDAY_IN_CHRISTMAS)
    content = client.get(reverse("home")).content.decode()
    assert "Sluit de dag af" not in content
    assert "Vandaag geen schooldag (Kerstvakantie)." in content


@pytest.fixture
def monday_lesson(personas):
    personas.docent.visitors_welcome = True
    personas.docent.save()
    return factories.LesaanbodFactory(medewerker=personas.docent, weekday=1, max_visitors=1)


def _request_url(leervraag, lesson):
    return reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, lesson.uuid])


def test_visit_dates_skip_the_holiday_and_a_full_date_cannot_be_chosen(
    client, personas, school_day, monday_lesson
):
    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    leervraag = factories.LeervraagFactory(student=personas.student)
    factories.LesbezoekFactory(student=personas.other_student, lesaanbod=monday_lesson,
                               host=personas.docent, date=datetime.date(2027, 1, 11),
                               status=LesbezoekStatus.ACCEPTED)
    client.force_login(personas.student.user)
    response = client.get(_request_url(leervraag, monday_lesson))
    form = response.context["form"]
    assert [value for value, _label in form.fields["date"].choices] == [
        "2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"]
    content = response.content.decode()
    assert 'value="2027-01-11" disabled' in content or (
        'disabled' in content.split('value="2027-01-11"')[1].split(">")[0])
    assert 'value="2027-01-04" disabled' not in content

    response = client.post(_request_url(leervraag, monday_lesson), {"date": "2027-01-11"})
    assert response.context["form"].errors["date"] == [
        "Deze les is op die datum vol. Kies een andere datum."]


def test_a_visit_in_the_holiday_is_refused_with_its_reason(
    client, personas, school_day, monday_lesson
):
    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.student.user)
    response = client.post(_request_url(leervraag, monday_lesson),
                           {"date": MONDAY_IN_CHRISTMAS.isoformat()})
    assert response.context["form"].errors["date"] == [
        "De school van de gastheer is dicht op die dag (Kerstvakantie). Kies een andere datum."]
    response = client.post(_request_url(leervraag, monday_lesson), {"date": "2026-12-26"})
    assert response.context["form"].errors["date"] == [
        "Scholen zijn in het weekend dicht. Kies een doordeweekse dag."]
    assert Lesbezoek.objects.count() == 0


def test_the_service_refuses_a_study_day_of_the_hosts_school(personas, school_day, monday_lesson):
    from django.core.exceptions import ValidationError

    from begeleiding.services import request_lesbezoek

    _travel(school_day, FRIDAY_BEFORE_CHRISTMAS)
    VrijeDag.objects.create(school=personas.school, date=datetime.date(2027, 1, 4),
                            reason="studiedag")
    with pytest.raises(ValidationError) as error:
        request_lesbezoek(student=personas.student, lesaanbod=monday_lesson,
                          day=datetime.date(2027, 1, 4))
    assert error.value.messages == [
        "De school van de gastheer is dicht op die dag (studiedag). Kies een andere datum."]
