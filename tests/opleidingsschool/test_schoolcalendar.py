"""The school calendar's rules across a weekend and the kerstvakantie of 2026 (Saturday 19
December to Sunday 3 January, all regions, from the seeded national schedule)."""

import datetime

import pytest

from opleidingsschool import schoolcalendar
from opleidingsschool.models import Regio, Stage, Vakantie, VrijeDag
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
FRIDAY_BEFORE_CHRISTMAS = D(2026, 12, 18)
SATURDAY = D(2026, 12, 19)
MONDAY_IN_CHRISTMAS = D(2026, 12, 21)
MONDAY_AFTER_CHRISTMAS = D(2027, 1, 4)


@pytest.fixture
def stage():
    schooljaar = factories.SchooljaarFactory(start_year=2026)
    return factories.StageFactory(schooljaar=schooljaar, school__regio=Regio.ZUID)


def test_national_schedule_is_seeded_for_two_school_years():
    names = set(Vakantie.objects.filter(start_date__gte=D(2026, 8, 1), end_date__lte=D(2028, 9, 30))
                .values_list("name", flat=True))
    assert names == {"Herfstvakantie", "Kerstvakantie", "Voorjaarsvakantie", "Meivakantie",
                     "Zomervakantie"}
    assert Vakantie.objects.filter(name="Zomervakantie", start_date__year=2027).count() == 3


def test_friday_before_christmas_is_a_school_day_the_weekend_and_holiday_are_not(stage):
    assert schoolcalendar.is_school_day(stage, FRIDAY_BEFORE_CHRISTMAS) is True
    assert schoolcalendar.is_school_day(stage, SATURDAY) is False
    assert schoolcalendar.is_school_day(stage, MONDAY_IN_CHRISTMAS) is False
    assert schoolcalendar.is_school_day(stage, MONDAY_AFTER_CHRISTMAS) is True


def test_only_the_students_own_school_days_count(stage):
    stage.schooldagen = "124"  # Monday, Tuesday, Thursday
    assert schoolcalendar.is_school_day(stage, FRIDAY_BEFORE_CHRISTMAS) is False
    assert schoolcalendar.is_school_day(stage, MONDAY_AFTER_CHRISTMAS) is True
    assert schoolcalendar.school_days_between(stage, D(2026, 12, 14), D(2027, 1, 10)) == [
        D(2026, 12, 14), D(2026, 12, 15), D(2026, 12, 17),
        D(2027, 1, 4), D(2027, 1, 5), D(2027, 1, 7),
    ]


def test_a_regional_holiday_closes_only_schools_of_that_region(stage):
    autumn_south = D(2026, 10, 12)  # zuid: 10-18 October, noord and midden a week later
    assert schoolcalendar.is_school_day(stage, autumn_south) is False
    stage.school.regio = Regio.NOORD
    assert schoolcalendar.is_school_day(stage, autumn_south) is True
    assert schoolcalendar.closed_reason(stage.school, D(2026, 10, 19)) == "Herfstvakantie"


def test_a_study_day_closes_the_school_and_is_named(stage):
    VrijeDag.objects.create(school=stage.school, date=FRIDAY_BEFORE_CHRISTMAS, reason="studiedag")
    assert schoolcalendar.is_school_day(stage, FRIDAY_BEFORE_CHRISTMAS) is False
    assert schoolcalendar.closed_reason(stage.school, FRIDAY_BEFORE_CHRISTMAS) == "studiedag"
    other = factories.StageFactory(schooljaar=stage.schooljaar)
    assert schoolcalendar.is_school_day(other, FRIDAY_BEFORE_CHRISTMAS) is True


def test_holidays_for_lists_holidays_and_days_off_in_order(stage):
    VrijeDag.objects.create(school=stage.school, date=D(2026, 12, 17), reason="studiedag")
    spans = schoolcalendar.holidays_for(stage.school, D(2026, 12, 1), D(2027, 1, 31))
    assert [(s.name, s.start, s.end, s.is_holiday) for s in spans] == [
        ("studiedag", D(2026, 12, 17), D(2026, 12, 17), False),
        ("Kerstvakantie", SATURDAY, D(2027, 1, 3), True),
    ]


@pytest.mark.parametrize(("day", "expected"), [
    (FRIDAY_BEFORE_CHRISTMAS, 3), (SATURDAY, 0), (MONDAY_IN_CHRISTMAS, 0),
    (MONDAY_AFTER_CHRISTMAS, 2),
])
def test_at_school_on_filters_many_placements_in_one_query(
    stage, django_assert_num_queries, day, expected
):
    factories.StageFactory(schooljaar=stage.schooljaar)
    fridays_only = factories.StageFactory(schooljaar=stage.schooljaar, schooldagen="5")
    with django_assert_num_queries(1):
        found = list(schoolcalendar.at_school_on(Stage.objects.all(), day))
    assert len(found) == expected
    assert (fridays_only in found) == (day == FRIDAY_BEFORE_CHRISTMAS)


def test_is_school_day_costs_one_query_on_any_day(stage, django_assert_num_queries):
    for day in (FRIDAY_BEFORE_CHRISTMAS, SATURDAY, MONDAY_IN_CHRISTMAS):
        with django_assert_num_queries(1):
            schoolcalendar.is_school_day(stage, day)


def test_coordinator_adds_a_study_day_and_a_holiday(client, count_queries):
    from django.urls import reverse

    coordinator = factories.MedewerkerFactory(is_coordinator=True)
    school = factories.SchoolFactory(name="Het Lindecollege", regio=Regio.MIDDEN)
    client.force_login(coordinator.user)
    response = client.post(reverse("partnerschap:vrijedag_create"), {
        "school": school.pk, "date": "2026-12-19", "reason": "studiedag"})
    assert response.context["form"].errors["date"] == [
        "Scholen zijn in het weekend dicht. Kies een doordeweekse dag."]
    response = client.post(reverse("partnerschap:vrijedag_create"), {
        "school": school.pk, "date": "2026-12-16", "reason": "studiedag"}, follow=True)
    assert list(VrijeDag.objects.values_list("school__name", "date", "reason")) == [
        ("Het Lindecollege", D(2026, 12, 16), "studiedag")]
    assert "Vrije dag ‘studiedag 16-12-2026’ is opgeslagen." in response.content.decode()
    response = client.post(reverse("partnerschap:vakantie_create"), {
        "name": "Extra vrije week", "regio": "zuid", "start_date": "2029-03-03",
        "end_date": "2029-03-01"})
    assert response.context["form"].errors["end_date"] == [
        "De laatste dag kan niet vóór de eerste dag liggen."]
    few, _response = count_queries(client, reverse("partnerschap:vrijedag_list"))
    for index in range(5):
        VrijeDag.objects.create(school=school, date=D(2027, 1, 4 + index), reason="studiedag")
    many, response = count_queries(client, reverse("partnerschap:vrijedag_list"))
    assert (few, response.context["page"].paginator.count) == (many, 6)
    _count, response = count_queries(client, reverse("partnerschap:vakantie_list"),
                                     regio="zuid")
    assert {row.regio for row in response.context["page"]} == {"zuid", ""}
