"""The agenda lists the school holidays and days off that concern the person (issue 11): a
student's of the schools of their running placements, staff's of their own school, nobody
else's. On Tuesday 1 December 2026, three weeks before the kerstvakantie (all regions)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from opleidingsschool import schoolcalendar
from opleidingsschool.models import VrijeDag

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 12, 1)
AFTER_CHRISTMAS = D(2027, 1, 10)


@pytest.fixture(autouse=True)
def december():
    moment = datetime.datetime(2026, 12, 1, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def days_off(personas):
    ours = VrijeDag.objects.create(school=personas.school, date=D(2026, 12, 11), reason="Studiedag")
    theirs = VrijeDag.objects.create(school=personas.other_school, date=D(2026, 12, 14),
                                     reason="Teamdag")
    return ours, theirs


def _names(user, start=TODAY, end=AFTER_CHRISTMAS):
    return [(span.name, span.start, span.school)
            for span in schoolcalendar.closed_spans_for(user, start, end)]


def test_student_and_staff_of_the_school_see_its_holidays_and_days_off(personas, days_off):
    expected = [("Studiedag", D(2026, 12, 11), "Het Testlyceum"),
                ("Kerstvakantie", D(2026, 12, 19), "")]
    assert _names(personas.student.user) == expected
    assert _names(personas.wpb.user) == expected
    assert _names(personas.schoolopleider.user) == expected


def test_nobody_without_a_school_sees_a_holiday(personas, days_off):
    assert _names(personas.instituutsopleider.user) == []
    assert _names(personas.outsider) == []


def test_a_student_sees_nothing_outside_their_placements(personas, days_off):
    stage = personas.stage
    assert _names(personas.student.user, start=stage.end_date + datetime.timedelta(days=1),
                  end=stage.end_date + datetime.timedelta(days=60)) == []


def test_the_agenda_page_lists_them(client, personas, days_off):
    client.force_login(personas.student.user)
    content = client.get(reverse("bijeenkomsten:agenda")).content.decode()
    assert "Schoolvakanties en vrije dagen" in content
    assert "Studiedag" in content and "vrijdag 11 december 2026" in content
    assert "Kerstvakantie" in content
    assert "Teamdag" not in content
    past = client.get(reverse("bijeenkomsten:agenda"), {"when": "past"}).content.decode()
    assert "Kerstvakantie" not in past
