"""The expected pace of experience hours counts the placement's school days (issue 11): the
kerstvakantie of 2026 (Saturday 19 December to Sunday 3 January, all regions) puts nobody
behind, and a student at school three days a week is expected 3/5 of a full week's hours."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from begeleiding import signalen
from opleidingsschool import schoolcalendar
from opleidingsschool.models import Stage, VrijeDag
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# Monday 14 December 2026 to Friday 12 February 2027 (before any voorjaarsvakantie): 45
# weekdays, 10 of them in the kerstvakantie, so 35 days the school is open; target 350
# hours, 10 per open day.
START, END = D(2026, 12, 14), D(2027, 2, 12)


def _stage(personas, schooldagen="12345"):
    return factories.StageFactory(
        school=personas.school, schooljaar__start_year=2026, start_date=START, end_date=END,
        schooldagen=schooldagen, student__opleiding__target_hours=350)


def _behind(client, personas, when):
    """The hours-behind signals on the schoolopleider's signals page at `when`, as
    {stage: detail}."""
    with time_machine.travel(datetime.datetime.combine(when, datetime.time(10), AMSTERDAM),
                             tick=False):
        client.force_login(personas.schoolopleider.user)
        response = client.get(reverse("signalen"))
    [group] = [g for g in response.context["groups"] if g["kind"] == signalen.KIND_BEHIND]
    return {signal.subject: signal.detail for signal in group["signals"]}


def test_a_placement_across_christmas_is_not_behind_because_of_the_holiday(client, personas):
    stage = _stage(personas)
    # Nine school days before Friday 8 January (5 in December, 4 in January), 72 hours:
    # 90 expected, 75% of that is 67.5. Counted in calendar days (25 of 60) 146 would have
    # been expected and the student flagged.
    for day in schoolcalendar.school_days_between(stage, START, D(2027, 1, 7)):
        factories.LogregelFactory(stage=stage, date=day, hours=Decimal(8))
    assert stage not in _behind(client, personas, D(2027, 1, 8))
    assert _behind(client, personas, D(2027, 1, 18))[stage] == (
        "72 uur geschreven, op dit moment worden er ongeveer 150 verwacht")


def test_three_school_days_a_week_are_expected_three_fifths_of_the_hours(client, personas):
    full_week = _stage(personas)
    three_days = _stage(personas, schooldagen="124")  # Monday, Tuesday, Thursday
    # Before Monday 18 January: three full school weeks (15 days, 9 of them Mon/Tue/Thu).
    shown = _behind(client, personas, D(2027, 1, 18))
    assert shown[full_week] == "0 uur geschreven, op dit moment worden er ongeveer 150 verwacht"
    assert shown[three_days] == "0 uur geschreven, op dit moment worden er ongeveer 90 verwacht"


def test_school_day_counts_skip_holidays_days_off_and_other_weekdays(personas):
    full_week, three_days = _stage(personas), _stage(personas, schooldagen="124")
    VrijeDag.objects.create(school=personas.school, date=D(2027, 1, 5), reason="studiedag")
    stages = list(Stage.objects.filter(pk__in=[full_week.pk, three_days.pk])
                  .select_related("school"))
    counts = schoolcalendar.school_day_counts(stages, until=D(2027, 1, 10))
    assert counts == {
        full_week.pk: schoolcalendar.SchoolDayCount(done=9, open_days=34),
        three_days.pk: schoolcalendar.SchoolDayCount(done=5, open_days=34),
    }
    assert counts[three_days.pk].done == len(
        schoolcalendar.school_days_between(three_days, START, D(2027, 1, 10)))


def test_school_day_counts_take_a_fixed_number_of_queries(personas, django_assert_num_queries):
    def stages():
        return list(Stage.objects.select_related("school").order_by("pk"))

    _stage(personas)
    loaded = stages()
    with django_assert_num_queries(1):
        schoolcalendar.school_day_counts(loaded, until=D(2027, 1, 10))
    for _ in range(4):
        factories.StageFactory(schooljaar__start_year=2026, start_date=START, end_date=END)
    loaded = stages()
    with django_assert_num_queries(1):
        schoolcalendar.school_day_counts(loaded, until=D(2027, 1, 10))
