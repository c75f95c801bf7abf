"""Recognition of the colleagues who train (issue 15): what each colleague contributed in a
school year, counted from what the portal records, on their own page, the schoolopleider's
team and the coordinator's overview; a teacher educator's own development.

The clock stands still on a Monday late in November (time_machine), so "this school year",
"took place" and "weeks of mentoring" are the same on every run.
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from begeleiding.models import LesbezoekStatus
from driehoek.models import GesprekStatus
from opleidingsschool import registries
from opleidingsschool.erkenning import selectors
from opleidingsschool.models import (
    AanmeldingStatus,
    BegeleiderStatus,
    BijeenkomstStatus,
    Functie,
    Professionalisering,
    Soort,
    UitnodigingStatus,
)

from .. import factories

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM)
TODAY = NOW.date()
LAST_YEAR = TODAY - datetime.timedelta(days=365)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def _counts(personas, *users) -> dict[str, dict[int, object]]:
    """{tally key: {user id: amount}} for these users in the personas' school year."""
    tallies = selectors.tallies(user_ids=[user.pk for user in users],
                                schooljaar=personas.schooljaar)
    return {tally.key: dict(tally.counts) for tally in tallies}


def _last_year(personas):
    return factories.SchooljaarFactory(start_year=personas.schooljaar.start_date.year - 1)


def _session(soort, day, **kwargs):
    return factories.BijeenkomstFactory(soort=soort, starts_at=_at(day),
                                        ends_at=_at(day, 16), **kwargs)


# --- What each source counts -------------------------------------------------------------------


def test_mentoring_counts_students_per_function_in_the_school_year_only(personas):
    wpb = personas.wpb
    second = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    factories.BegeleiderFactory(stage=second, medewerker=wpb, functie=Functie.EXTRA,
                                status=BegeleiderStatus.ENDED)
    # Not counted: a proposal, a declined request, last year's mentoring.
    factories.BegeleiderFactory(stage=factories.StageFactory(school=personas.school,
                                                             schooljaar=personas.schooljaar),
                                medewerker=wpb, functie=Functie.EXTRA,
                                status=BegeleiderStatus.PROPOSED)
    factories.BegeleiderFactory(stage=factories.StageFactory(school=personas.school,
                                                             schooljaar=personas.schooljaar),
                                medewerker=wpb, functie=Functie.EXTRA,
                                status=BegeleiderStatus.DECLINED)
    factories.BegeleiderFactory(
        stage=factories.StageFactory(student=personas.student, school=personas.school,
                                     schooljaar=_last_year(personas)),
        medewerker=wpb, functie=Functie.WERKPLEKBEGELEIDER, status=BegeleiderStatus.ENDED)

    counts = _counts(personas, wpb.user, personas.instituutsopleider.user, personas.docent.user)

    assert counts["opleidingsschool:mentoring:wpb"] == {wpb.user_id: 1}
    assert counts["opleidingsschool:mentoring:extra"] == {wpb.user_id: 1}
    assert counts["opleidingsschool:mentoring:instituutsopleider"] == {
        personas.instituutsopleider.user_id: 1}
    assert counts["opleidingsschool:mentoring:schoolopleider"] == {}


def test_every_begeleider_function_has_its_tally_so_a_new_one_shows_by_itself(personas):
    keys = set(_counts(personas, personas.wpb.user))
    assert {f"opleidingsschool:mentoring:{value}" for value in Functie.values} <= keys


def test_mentoring_weeks_run_from_the_placement_start_to_today_or_the_end_of_mentoring(personas):
    # The placement started on 1 September: 91 days up to and including 30 November.
    personas.stage.start_date = datetime.date(2026, 9, 1)
    personas.stage.save()
    ended = factories.BegeleiderFactory(
        stage=factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                                     start_date=datetime.date(2026, 9, 1)),
        medewerker=personas.wpb, functie=Functie.WERKPLEKBEGELEIDER,
        status=BegeleiderStatus.ENDED, ended_at=_at(datetime.date(2026, 9, 28)))

    counts = _counts(personas, personas.wpb.user)

    assert ended.stage.start_date == datetime.date(2026, 9, 1)
    assert counts["opleidingsschool:mentoring_weeks"] == {personas.wpb.user_id: 13 + 4}


def test_sessions_count_accepted_expert_invitations_jury_and_attended_mentor_meetings(personas):
    docent = personas.docent
    yesterday = TODAY - datetime.timedelta(days=1)
    counted = [
        factories.UitnodigingFactory(medewerker=docent, status=UitnodigingStatus.ACCEPTED,
                                     bijeenkomst=_session(Soort.LEERCAFE, yesterday)),
        factories.UitnodigingFactory(medewerker=docent, status=UitnodigingStatus.ACCEPTED,
                                     bijeenkomst=_session(Soort.THEMABIJEENKOMST, yesterday)),
        factories.JuryLidFactory(medewerker=docent,
                                 bijeenkomst=_session(Soort.SYMPOSIUM, yesterday)),
        factories.AanmeldingFactory(user=docent.user, attended=True,
                                    bijeenkomst=_session(Soort.BEGELEIDERSBIJEENKOMST, yesterday)),
    ]
    # Not counted: unanswered, declined, still to come, cancelled, last year, not attended,
    # attended but no mentor meeting.
    for status in (UitnodigingStatus.PENDING, UitnodigingStatus.DECLINED):
        factories.UitnodigingFactory(medewerker=docent, status=status,
                                     bijeenkomst=_session(Soort.LEERCAFE, yesterday))
    factories.UitnodigingFactory(medewerker=docent, status=UitnodigingStatus.ACCEPTED,
                                 bijeenkomst=_session(Soort.LEERCAFE, TODAY + datetime.timedelta(days=3)))
    factories.UitnodigingFactory(medewerker=docent, status=UitnodigingStatus.ACCEPTED,
                                 bijeenkomst=_session(Soort.LEERCAFE, yesterday,
                                                      status=BijeenkomstStatus.CANCELLED))
    factories.UitnodigingFactory(medewerker=docent, status=UitnodigingStatus.ACCEPTED,
                                 bijeenkomst=_session(Soort.LEERCAFE, LAST_YEAR))
    factories.JuryLidFactory(medewerker=docent, bijeenkomst=_session(
        Soort.SYMPOSIUM, TODAY + datetime.timedelta(days=30)))
    factories.JuryLidFactory(medewerker=docent, bijeenkomst=_session(Soort.SYMPOSIUM, LAST_YEAR))
    factories.AanmeldingFactory(user=docent.user, attended=False,
                                bijeenkomst=_session(Soort.BEGELEIDERSBIJEENKOMST, yesterday))
    factories.AanmeldingFactory(user=docent.user, attended=True, status=AanmeldingStatus.REGISTERED,
                                bijeenkomst=_session(Soort.THEMABIJEENKOMST, yesterday))

    counts = _counts(personas, docent.user, personas.wpb.user)

    assert len(counted) == 4
    assert counts["opleidingsschool:leercafe_expert"] == {docent.user_id: 1}
    assert counts["opleidingsschool:session_expert"] == {docent.user_id: 1}
    assert counts["opleidingsschool:jury"] == {docent.user_id: 1}
    assert counts["opleidingsschool:mentor_meetings"] == {docent.user_id: 1}


def test_visits_hosted_count_accepted_visits_that_took_place_this_school_year(personas):
    lesaanbod = factories.LesaanbodFactory(medewerker=personas.docent)

    def visit(day, status=LesbezoekStatus.ACCEPTED):
        return factories.LesbezoekFactory(student=personas.student, lesaanbod=lesaanbod,
                                          date=day, status=status)

    visit(TODAY)
    visit(TODAY - datetime.timedelta(days=20))
    visit(TODAY + datetime.timedelta(days=2))  # still to come
    visit(TODAY - datetime.timedelta(days=3), LesbezoekStatus.DECLINED)
    visit(TODAY - datetime.timedelta(days=3), LesbezoekStatus.CANCELLED)
    visit(LAST_YEAR)

    assert _counts(personas, personas.docent.user)["begeleiding:visits_hosted"] == {
        personas.docent.user_id: 2}


def test_confirmed_hours_are_the_hours_this_colleague_confirmed_this_school_year(personas):
    wpb = personas.wpb.user
    for hours, day, by in (
        ("2.5", TODAY - datetime.timedelta(days=2), wpb),
        ("1.75", TODAY - datetime.timedelta(days=9), wpb),
        ("4", TODAY - datetime.timedelta(days=2), personas.schoolopleider.user),
        ("3", TODAY - datetime.timedelta(days=1), None),  # not confirmed yet
    ):
        factories.LogregelFactory(stage=personas.stage, hours=Decimal(hours), date=day,
                                  confirmed_by=by, confirmed_at=NOW if by else None)
    last_year = factories.StageFactory(student=personas.student, school=personas.school,
                                       schooljaar=_last_year(personas))
    factories.LogregelFactory(stage=last_year, date=LAST_YEAR, confirmed_by=wpb,
                              confirmed_at=NOW)

    counts = _counts(personas, wpb, personas.schoolopleider.user)["begeleiding:confirmed_hours"]

    assert counts == {wpb.pk: Decimal("4.25"), personas.schoolopleider.user_id: Decimal("4")}


def test_triangle_meetings_count_held_and_agreed_meetings_with_the_colleague(personas):
    wpb, student = personas.wpb.user, personas.student.user
    for status in (GesprekStatus.HELD, GesprekStatus.AGREED, GesprekStatus.PLANNED,
                   GesprekStatus.CANCELLED):
        factories.DriehoeksgesprekFactory(stage=personas.stage, status=status,
                                          starts_at=_at(TODAY - datetime.timedelta(days=5)),
                                          deelnemers=[wpb, student])
    factories.DriehoeksgesprekFactory(stage=personas.stage, status=GesprekStatus.HELD,
                                      starts_at=_at(LAST_YEAR), deelnemers=[wpb])
    factories.DriehoeksgesprekFactory(stage=personas.stage, status=GesprekStatus.HELD,
                                      starts_at=_at(TODAY), deelnemers=[student])

    counts = _counts(personas, wpb, personas.docent.user)

    assert counts["driehoek:meetings_held"] == {wpb.pk: 2}


def test_notes_of_thanks_are_counted_for_the_school_year_of_what_they_thank_for(personas):
    relation = personas.stage.begeleiders.get(medewerker=personas.wpb)
    factories.BedankjeFactory(begeleider=relation)
    old = factories.BegeleiderFactory(
        stage=factories.StageFactory(student=personas.student, school=personas.school,
                                     schooljaar=_last_year(personas)),
        medewerker=personas.wpb, status=BegeleiderStatus.ENDED)
    factories.BedankjeFactory(begeleider=old)

    assert _counts(personas, personas.wpb.user)["begeleiding:thanks"] == {personas.wpb.user_id: 1}


def test_lesson_observations_sent_this_year_count_drafts_and_other_years_do_not(personas):
    observer = personas.wpb.user
    factories.LesobservatieFactory(student=personas.student, observer=observer, date=TODAY)
    factories.LesobservatieFactory(student=personas.student, observer=observer, date=TODAY,
                                   discussed_at=NOW)
    factories.LesobservatieFactory(student=personas.student, observer=observer, date=TODAY,
                                   sent_at=None)
    factories.LesobservatieFactory(student=personas.student, observer=observer,
                                   date=personas.schooljaar.start_date - datetime.timedelta(days=1))

    assert _counts(personas, observer)["begeleiding:lesobservaties"] == {observer.pk: 2}


def test_the_registry_costs_the_same_queries_for_two_and_for_forty_colleagues(
        personas, django_assert_num_queries):
    def grow(n):
        people = []
        for _ in range(n):
            person = factories.MedewerkerFactory(school=personas.school)
            stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
            factories.BegeleiderFactory(stage=stage, medewerker=person)
            factories.LogregelFactory(stage=stage, confirmed_by=person.user, confirmed_at=NOW)
            factories.DriehoeksgesprekFactory(stage=stage, status=GesprekStatus.HELD,
                                              starts_at=_at(TODAY), deelnemers=[person.user])
            people.append(person.user_id)
        return people

    # mentoring 1, sessions 3, visits, hours, observations and thanks 4, triangle meetings 1
    few = grow(2)
    with django_assert_num_queries(9):
        selectors.tallies(user_ids=few, schooljaar=personas.schooljaar)
    many = grow(40)
    with django_assert_num_queries(9):
        tallies = selectors.tallies(user_ids=many, schooljaar=personas.schooljaar)
    wpb_tally = next(t for t in tallies if t.key == "opleidingsschool:mentoring:wpb")
    assert len(wpb_tally.counts) == 40


def test_a_contribution_with_positional_parameters_is_refused_at_start_up():
    def wrong(user_ids, schooljaar):
        return []

    with pytest.raises(registries.ContributionError):
        registries.recognition_sources.append(wrong)


# --- The team overview -------------------------------------------------------------------------


def _colleagues(personas, n: int, school=None) -> list:
    """`n` colleagues at the school, each mentoring one student, with one of everything."""
    school = school or personas.school
    people = []
    for _ in range(n):
        person = factories.MedewerkerFactory(school=school)
        stage = factories.StageFactory(school=school, schooljaar=personas.schooljaar)
        relation = factories.BegeleiderFactory(stage=stage, medewerker=person)
        factories.BedankjeFactory(begeleider=relation)
        factories.LesbezoekFactory(lesaanbod=factories.LesaanbodFactory(medewerker=person),
                                   status=LesbezoekStatus.ACCEPTED, date=TODAY)
        factories.JuryLidFactory(medewerker=person, bijeenkomst=_session(
            Soort.SYMPOSIUM, TODAY - datetime.timedelta(days=1)))
        people.append(person)
    return people


def test_the_team_overview_costs_the_same_queries_for_two_and_forty_colleagues(
        client, personas, count_queries):
    client.force_login(personas.schoolopleider.user)
    url = reverse("erkenning:team")
    _colleagues(personas, 2)
    few, _response = count_queries(client, url)
    _colleagues(personas, 38)
    many, response = count_queries(client, url)
    # session user with roles, school years, the page with its total, 9 for the registry,
    # school totals; the rest the menu and messages: the same with 2 colleagues and with 40.
    assert (few, many) == (13, 13)
    assert response.context["page"].paginator.count == 4 + 40  # with wpb, so, extra, docent


def test_the_coordinators_overview_costs_the_same_queries_per_school_and_sorted_by_load(
        client, personas, count_queries):
    client.force_login(personas.coordinator.user)
    url = reverse("erkenning:team")
    _colleagues(personas, 1)
    _colleagues(personas, 1, school=personas.other_school)
    few = [count_queries(client, url, sort=sort)[0] for sort in ("school", "load", "name")]
    _colleagues(personas, 20)
    _colleagues(personas, 20, school=personas.other_school)
    many = [count_queries(client, url, sort=sort)[0] for sort in ("school", "load", "name")]
    # two more than the schoolopleider's: the school choices, counted and listed
    assert few == many == [15, 15, 15]


def test_the_share_flags_a_colleague_who_carries_most_of_the_schools_mentoring(client, personas):
    for _ in range(3):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb)
    client.force_login(personas.schoolopleider.user)

    response = client.get(reverse("erkenning:team"))

    rows = {row.medewerker.pk: row for row in response.context["rows"]}
    # The school's staff mentor 5 students: the wpb 4 of them, the extra mentor 1.
    assert response.context["school_summary"].total == 5
    assert (rows[personas.wpb.pk].medewerker.load, rows[personas.wpb.pk].share_percent) == (4, 80)
    assert rows[personas.wpb.pk].carries_most is True
    assert rows[personas.extra_mentor.pk].carries_most is False
    assert response.context["school_summary"].rests_on_one is True
    assert [row.medewerker.pk for row in response.context["rows"]][:2] == [
        personas.wpb.pk, personas.extra_mentor.pk]
    assert "draagt het grootste deel van de begeleiding" in response.content.decode()


def test_a_school_with_the_mentoring_spread_is_not_flagged(client, personas):
    for person in (personas.docent, personas.schoolopleider):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.BegeleiderFactory(stage=stage, medewerker=person)
    client.force_login(personas.schoolopleider.user)

    response = client.get(reverse("erkenning:team"))

    assert response.context["school_summary"].total == 4
    assert not any(row.carries_most for row in response.context["rows"])
    assert response.context["school_summary"].rests_on_one is False


def test_the_coordinator_sees_the_partnerships_school_staff_only(client, personas):
    outside = factories.MedewerkerFactory(
        school=factories.SchoolFactory(partnerschap=personas.other_coordinator.partnerschap))
    client.force_login(personas.coordinator.user)

    listed = {row.medewerker.pk for row in client.get(reverse("erkenning:team")).context["rows"]}

    assert listed == {personas.wpb.pk, personas.schoolopleider.pk, personas.extra_mentor.pk,
                      personas.docent.pk, personas.other_wpb.pk}
    assert outside.pk not in listed and personas.instituutsopleider.pk not in listed
    client.force_login(personas.other_coordinator.user)
    other = client.get(reverse("erkenning:team")).context["rows"]
    assert [row.medewerker.pk for row in other] == [outside.pk]


def test_the_coordinator_searches_by_whole_name_and_filters_by_school(client, personas):
    client.force_login(personas.coordinator.user)
    url = reverse("erkenning:team")
    name = personas.other_wpb.user.get_full_name()

    by_name = client.get(url, {"q": name}).context["rows"]
    by_school = client.get(url, {"school": personas.other_school.pk}).context["rows"]
    by_email = client.get(url, {"q": "wim@example.org"}).context["rows"]

    assert [row.medewerker.pk for row in by_name] == [personas.other_wpb.pk]
    assert [row.medewerker.pk for row in by_school] == [personas.other_wpb.pk]
    assert [row.medewerker.pk for row in by_email] == [personas.wpb.pk]


def test_the_schoolopleider_sees_only_the_team_of_their_school(client, personas):
    client.force_login(personas.schoolopleider.user)
    response = client.get(reverse("erkenning:team"))
    listed = {row.medewerker.pk for row in response.context["rows"]}
    assert listed == {personas.wpb.pk, personas.schoolopleider.pk, personas.extra_mentor.pk,
                      personas.docent.pk}
    other_colleague = reverse("erkenning:colleague", kwargs={"uuid": personas.other_wpb.uuid})
    assert client.get(other_colleague).status_code == 404


def test_the_overview_of_last_school_year_counts_last_years_mentoring(client, personas):
    last_year = _last_year(personas)
    stage = factories.StageFactory(school=personas.school, schooljaar=last_year)
    factories.BegeleiderFactory(stage=stage, medewerker=personas.docent,
                                status=BegeleiderStatus.ENDED)
    client.force_login(personas.schoolopleider.user)

    now = client.get(reverse("erkenning:team")).context
    then = client.get(reverse("erkenning:team"), {"schooljaar": last_year.pk}).context

    assert now["schooljaar"] == personas.schooljaar and then["schooljaar"] == last_year
    assert [(row.medewerker.pk, row.medewerker.load) for row in then["rows"]][0] == (
        personas.docent.pk, 1)
    assert {row.medewerker.pk: row.medewerker.load for row in now["rows"]}[personas.docent.pk] == 0


# --- One colleague's page ----------------------------------------------------------------------


def _rich_year(personas, n: int) -> None:
    """`n` of everything the wpb contributes to, and of what the page lists about it."""
    lesaanbod = factories.LesaanbodFactory(medewerker=personas.wpb)
    for index in range(n):
        before = TODAY - datetime.timedelta(days=1 + index)
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        relation = factories.BegeleiderFactory(stage=stage, medewerker=personas.wpb,
                                               is_gastheer=True)
        factories.BedankjeFactory(begeleider=relation, text=f"Bedankt {index}")
        factories.LesbezoekFactory(lesaanbod=lesaanbod, status=LesbezoekStatus.ACCEPTED,
                                   date=TODAY - datetime.timedelta(days=index))
        factories.UitnodigingFactory(medewerker=personas.wpb, status=UitnodigingStatus.ACCEPTED,
                                     bijeenkomst=_session(Soort.LEERCAFE, before))
        factories.AanmeldingFactory(user=personas.wpb.user, attended=True,
                                    bijeenkomst=_session(Soort.BEGELEIDERSBIJEENKOMST, before))


def test_the_own_page_costs_the_same_queries_with_little_and_much(client, personas, count_queries):
    client.force_login(personas.wpb.user)
    url = reverse("erkenning:mine")
    _rich_year(personas, 1)
    few, _response = count_queries(client, url)
    _rich_year(personas, 15)
    many, response = count_queries(client, url)
    # the registry's 9, mentoring per student, three for sessions, development, and
    # begeleiding's two sections (thanks, visits hosted) for the colleague's own eyes
    assert (few, many) == (18, 18)
    counted = {tally.key: value for tally, value in response.context["counted"]}
    assert counted["opleidingsschool:mentoring:wpb"] == 17
    assert counted["begeleiding:thanks"] == 16
    assert counted["opleidingsschool:leercafe_expert"] == 16


def test_a_colleagues_page_opened_by_the_schoolopleider_costs_the_same_queries(
        client, personas, count_queries):
    client.force_login(personas.schoolopleider.user)
    url = reverse("erkenning:colleague", kwargs={"uuid": personas.wpb.uuid})
    _rich_year(personas, 1)
    few, _response = count_queries(client, url)
    _rich_year(personas, 15)
    many, _response = count_queries(client, url)
    assert (few, many) == (17, 17)


def test_only_the_colleague_reads_the_notes_of_thanks_others_see_how_many(client, personas):
    relation = personas.stage.begeleiders.get(medewerker=personas.wpb)
    factories.BedankjeFactory(begeleider=relation, text="Je rust in de klas helpt me enorm.")
    url = reverse("erkenning:colleague", kwargs={"uuid": personas.wpb.uuid})

    for who in ("schoolopleider", "coordinator"):
        client.force_login(personas.user(who))
        response = client.get(url)
        counted = {tally.key: value for tally, value in response.context["counted"]}
        assert counted["begeleiding:thanks"] == 1
        assert "Je rust in de klas helpt me enorm." not in response.content.decode()
        assert response.context["panels"] == []

    client.force_login(personas.wpb.user)
    own = client.get(reverse("erkenning:mine")).content.decode()
    assert "Je rust in de klas helpt me enorm." in own
    assert personas.student.user.get_full_name() in own


def test_a_student_of_a_school_out_of_the_schoolopleiders_view_is_counted_without_a_name(
        client, personas):
    elsewhere = factories.StageFactory(school=personas.other_school, schooljaar=personas.schooljaar)
    factories.BegeleiderFactory(stage=elsewhere, medewerker=personas.extra_mentor,
                                functie=Functie.EXTRA)
    url = reverse("erkenning:colleague", kwargs={"uuid": personas.extra_mentor.uuid})

    client.force_login(personas.schoolopleider.user)
    as_schoolopleider = client.get(url).context["mentoring"]
    client.force_login(personas.coordinator.user)
    as_coordinator = client.get(url).context["mentoring"]

    names = {elsewhere.student.user.get_full_name(), personas.student.user.get_full_name()}
    assert {row.student for row in as_schoolopleider} == {personas.student.user.get_full_name(), ""}
    assert {row.student for row in as_coordinator} == names


def test_the_page_shows_another_school_year_when_asked(client, personas):
    last_year = _last_year(personas)
    old = factories.StageFactory(student=personas.student, school=personas.school,
                                 schooljaar=last_year)
    factories.BegeleiderFactory(stage=old, medewerker=personas.docent,
                                status=BegeleiderStatus.ENDED)
    client.force_login(personas.docent.user)

    now = client.get(reverse("erkenning:mine"))
    then = client.get(reverse("erkenning:mine"), {"schooljaar": last_year.pk})
    nonsense = client.get(reverse("erkenning:mine"), {"schooljaar": "abc"})

    assert now.context["mentoring"] == [] and nonsense.context["schooljaar"] == personas.schooljaar
    assert [row.student for row in then.context["mentoring"]] == [
        personas.student.user.get_full_name()]


def test_the_page_prints_without_menu_on_a4(client, personas):
    client.force_login(personas.wpb.user)
    html = client.get(reverse("erkenning:mine")).content.decode()
    assert "css/erkenning.css" in html and "data-print" in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/erkenning.css"), encoding="utf-8").read()
    assert "size: A4" in css and ".portal-navbar" in css


def test_students_starters_and_outsiders_have_no_recognition_page(client, personas):
    for who in ("student", "starter", "outsider"):
        client.force_login(personas.user(who))
        assert client.get(reverse("erkenning:mine")).status_code == 404
        assert client.get(reverse("erkenning:colleague",
                                  kwargs={"uuid": personas.wpb.uuid})).status_code == 404


# --- Own professional development --------------------------------------------------------------


def _development_data(**overrides):
    return {"date": "2026-10-14", "title": "Studiedag VELON", "soort": "conference",
            "hours": "1,5", "note": "Over feedback geven.", **overrides}


def test_a_schoolopleider_records_development_with_a_dutch_decimal_comma(client, personas):
    client.force_login(personas.schoolopleider.user)

    response = client.post(reverse("erkenning:professionalisering_create"), _development_data())

    record = Professionalisering.objects.get()
    assert (record.medewerker, record.hours, record.title, record.date) == (
        personas.schoolopleider, Decimal("1.5"), "Studiedag VELON", datetime.date(2026, 10, 14))
    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('erkenning:mine')}?schooljaar="
                                    f"{personas.schooljaar.pk}#professionalisering")
    page = client.get(reverse("erkenning:mine"))
    assert page.context["development"].total_hours == Decimal("1.5")
    assert "1,5" in page.content.decode()


def test_hours_in_words_get_a_clear_dutch_message_and_nothing_is_lost(client, personas):
    client.force_login(personas.instituutsopleider.user)

    response = client.post(reverse("erkenning:professionalisering_create"),
                           _development_data(hours="anderhalf"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "hours": ["Typ het aantal uren als getal, bijvoorbeeld 1,5."]}
    html = response.content.decode()
    assert 'value="anderhalf"' in html and 'value="Studiedag VELON"' in html
    assert "Over feedback geven." in html
    assert Professionalisering.objects.count() == 0


@pytest.mark.parametrize(("field", "value", "message"), [
    ("hours", "0", "Typ een aantal uren van 0,25 tot en met 999."),
    ("hours", "1000", "Typ een aantal uren van 0,25 tot en met 999."),
    ("date", "9999-12-31", "Kies een datum vanaf 2000 tot uiterlijk een jaar vanaf nu."),
    ("title", "", "Dit veld is verplicht."),
])
def test_impossible_development_is_refused_on_the_form(client, personas, field, value, message):
    client.force_login(personas.schoolopleider.user)
    response = client.post(reverse("erkenning:professionalisering_create"),
                           _development_data(**{field: value}))
    assert response.context["form"].errors == {field: [message]}
    assert Professionalisering.objects.count() == 0


def test_the_total_per_school_year_counts_only_that_years_records(client, personas):
    me = personas.schoolopleider
    factories.ProfessionaliseringFactory(medewerker=me, date=TODAY, hours=Decimal("2.5"))
    factories.ProfessionaliseringFactory(medewerker=me, date=personas.schooljaar.start_date,
                                         hours=Decimal("3"))
    factories.ProfessionaliseringFactory(medewerker=me, date=LAST_YEAR, hours=Decimal("8"))
    factories.ProfessionaliseringFactory(medewerker=personas.instituutsopleider, date=TODAY)
    client.force_login(me.user)

    development = client.get(reverse("erkenning:mine")).context["development"]

    assert development.total_hours == Decimal("5.5") and len(development.items) == 2


def test_a_colleague_sees_the_development_without_the_private_note(client, personas):
    factories.ProfessionaliseringFactory(medewerker=personas.schoolopleider, date=TODAY,
                                         title="Cursus coachen", note="Alleen voor mij")
    client.force_login(personas.coordinator.user)
    html = client.get(reverse("erkenning:colleague",
                              kwargs={"uuid": personas.schoolopleider.uuid})).content.decode()
    assert "Cursus coachen" in html and "Alleen voor mij" not in html
    assert reverse("erkenning:professionalisering_create") not in html


def test_development_is_edited_and_deleted_by_its_owner_only(client, personas):
    record = factories.ProfessionaliseringFactory(medewerker=personas.schoolopleider, date=TODAY)
    edit = reverse("erkenning:professionalisering_edit", kwargs={"uuid": record.uuid})
    delete = reverse("erkenning:professionalisering_delete", kwargs={"uuid": record.uuid})

    client.force_login(personas.instituutsopleider.user)
    assert client.post(edit, _development_data(hours="9")).status_code == 404
    assert client.post(delete).status_code == 404
    record.refresh_from_db()
    assert record.hours == Decimal("3")

    client.force_login(personas.schoolopleider.user)
    assert client.post(edit, _development_data(hours="2,25")).status_code == 302
    record.refresh_from_db()
    assert record.hours == Decimal("2.25")
    assert client.post(delete).status_code == 302
    assert not Professionalisering.objects.exists()


def test_a_wpb_cannot_record_development(client, personas):
    client.force_login(personas.wpb.user)
    assert client.post(reverse("erkenning:professionalisering_create"),
                       _development_data()).status_code == 404
    assert not Professionalisering.objects.exists()


# --- Menu and home -----------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "expected"), [
    ("wpb", ["erkenning:mine"]),
    ("docent", ["erkenning:mine"]),
    ("instituutsopleider", ["erkenning:mine"]),
    ("schoolopleider", ["erkenning:mine", "erkenning:team"]),
    ("coordinator", ["erkenning:team"]),
    ("student", []),
    ("starter", []),
])
def test_each_role_finds_the_pages_in_the_menu_and_on_the_home_page(client, personas, who,
                                                                    expected):
    client.force_login(personas.user(who))
    response = client.get(reverse("home"))
    menu = {item.url for group in response.context["portal_menu"] for item in group.items}
    html = response.content.decode()
    for name in ("erkenning:mine", "erkenning:team"):
        assert (reverse(name) in menu) == (name in expected), name
        assert (f'href="{reverse(name)}"' in html) == (name in expected), name
