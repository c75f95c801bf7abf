"""Issue 10: every key page runs a fixed number of SQL queries, the same with one row as with
many. Each number is an exact literal; a change that adds a query per row (or a query at
all) shows up here. Speed itself is measured by `make bench`, never by a timed test."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from driehoek.models import GesprekStatus
from opleidingsschool.models import Functie

from . import factories


def _student_stage_url(p):
    return reverse("driehoek:stage", kwargs={"uuid": p.stage.uuid})


def _evidence_url(p):
    return reverse("leerwerktaken:student_evidence", kwargs={"uuid": p.student.uuid})


def _logboek_student_url(p):
    return reverse("begeleiding:logboek_student", kwargs={"uuid": p.student.uuid})


def _starter_logboek_url(p):
    """The starter's day log as their induction coach (the docent) reads it."""
    from opleidingsschool.services import set_coach

    record = p.starter.user.student
    set_coach(stage=record.stages.get(), coach=p.docent)
    return reverse("begeleiding:logboek_student", kwargs={"uuid": record.uuid})


def _feed_url(p):
    return factories.KalenderFeedFactory(user=p.student.user).get_absolute_url()


def _url(name):
    return lambda p: reverse(name)


# (page, who opens it, url, queries). Issue 10's bar is 12. Every page: the session comes
# from the cache, the user with their profiles in one query; for staff that query also
# brings the kinds of mentoring they do now (userload.py: -1 on every staff page). A home
# page's panels are kept per person (opleidingsschool/homecache.py): these are the numbers
# of a home opened again; HOME_MADE_FRESH below are those of the panels being made. A list
# reads its page and its total in one query (opleidingsschool/pagination.py: -1 on every
# paginated list).
KEY_PAGES = [
    ("home", "student", _url("home"), 1),
    ("home", "wpb", _url("home"), 1),
    ("home", "schoolopleider", _url("home"), 1),
    ("home", "instituutsopleider", _url("home"), 1),
    ("home", "coordinator", _url("home"), 1),
    ("home", "docent", _url("home"), 1),
    ("home", "starter", _url("home"), 1),
    ("leervragen", "student", _url("begeleiding:leervraag_list"), 3),
    ("logboek", "student", _url("begeleiding:logboek"), 5),
    ("ontwikkelplan", "student", _url("begeleiding:ontwikkelplan"), 2),
    # A starter's learning record (issue 15), through the same pages; their coach's view.
    ("leervragen", "starter", _url("begeleiding:leervraag_list"), 3),
    ("logboek", "starter", _url("begeleiding:logboek"), 4),  # no sessions to book as hours
    ("logboek starter", "docent", _starter_logboek_url, 6),
    # -1: the meetings with their participants in one query (a LEFT JOIN, not a prefetch).
    ("driehoek", "student", _student_stage_url, 12),
    # -4: the day log's entries and visits in one query (a UNION ALL), the goals and ratings
    # in one, the outcomes with their meaning at the newest placement's school in one.
    ("bewijs", "student", _evidence_url, 6),
    ("agenda", "student", _url("bijeenkomsten:agenda"), 4),  # +1: school holidays, days off
    # +1: the same (issue 11). The feed's person is loaded as a request's user is (the
    # statement prepared once per connection), after the token's row. -1: their reminder
    # preferences come with the token's row (a LEFT JOIN), not in a query of their own.
    ("agenda-feed", "student", _feed_url, 8),
    ("te bevestigen", "wpb", _url("begeleiding:logregel_confirm_list"), 2),
    ("logboek student", "wpb", _logboek_student_url, 6),
    # -1: the placements with their active mentors in one query (selectors.with_active_mentors).
    ("studenten", "wpb", _url("student_list"), 4),
    ("studenten", "schoolopleider", _url("student_list"), 4),
    ("studenten", "instituutsopleider", _url("student_list"), 4),
    ("studenten", "coordinator", _url("student_list"), 3),  # none to list: the page, no count
    # +2: the same (issue 11); -1: the schoolopleider's school comes with the user (0f535dd).
    ("signalen", "schoolopleider", _url("signalen"), 8),
    ("partnerschap", "coordinator", _url("partnerschap:index"), 3),
    # +1 on the coordinator's lists of people: how each logs in (issue 12; one prefetch of
    # the linked identities, the authenticator app an EXISTS per row).
    # -1: a filter's schools read once, not counted first (formfields.ListedModelChoiceField);
    # the placements -2 more: the school years read once, the current one among them.
    ("partnerschap studenten", "coordinator", _url("partnerschap:student_list"), 7),
    ("partnerschap medewerkers", "coordinator", _url("partnerschap:medewerker_list"), 7),
    ("plaatsingen", "coordinator", _url("partnerschap:stage_list"), 5),
    # -1: the schools' page and their total in one query (opleidingsschool.pagination).
    ("dekking", "coordinator", _url("leerwerktaken:coverage"), 6),
    ("planning", "coordinator", _url("bijeenkomsten:planning"), 3),
    ("behoeften", "coordinator", _url("driehoek:behoeften"), 4),
]

# A home whose panels are made (the first visit of the day, or after a write that concerns
# the person): bounded too, the same with one row as with many.
HOME_MADE_FRESH = [
    # The instituutsopleider: +1, the partnerships their institute works with (per request);
    # the schoolopleider and the starter: -1, their school comes with the user (the access
    # layer's profile join, issue 11). Issue 15: +1 for the student (lesson observations to
    # discuss) and for every observer (their drafts to send); the schoolopleider +1, the
    # starters at the school with their coach; the starter +5, the induction, its coach, the
    # open learning questions with their expertise and the lesson observations to discuss.
    # The student: +3, the rapport check asked again at the partnership's moments (its
    # choice, the interim evaluations, the mentors rated; issue 14).
    ("student", 19), ("wpb", 19), ("schoolopleider", 28), ("instituutsopleider", 12),
    ("coordinator", 11), ("docent", 11), ("starter", 11),
]
# coordinator: the partnership at a glance (issue 11) counts every signal in one query, after
# the school year and the two of the pace of hours.


def _grow(p, n: int) -> None:
    """`n` of every kind of row around every persona: students at the school (mentored by
    the wpb), day-log entries, questions with visits, meetings, tasks, sessions, schools."""
    today = timezone.localdate()
    outcome = factories.LeeruitkomstFactory()
    for _ in range(n):
        student = factories.StudentFactory(opleiding=p.student.opleiding)
        stage = factories.StageFactory(student=student, school=p.school, schooljaar=p.schooljaar)
        factories.BegeleiderFactory(stage=stage, medewerker=p.wpb,
                                    functie=Functie.WERKPLEKBEGELEIDER)
        factories.BegeleiderFactory(stage=stage, medewerker=p.instituutsopleider,
                                    functie=Functie.INSTITUUTSOPLEIDER)
        factories.LogregelFactory(stage=stage)
        factories.LeervraagFactory(student=student, leeruitkomsten=[outcome])
        factories.DriehoeksgesprekFactory(stage=stage, deelnemers=[student.user, p.wpb.user])
        factories.ToewijzingFactory(students=[student], inlevering__status="handed_in")
        factories.LogregelFactory(stage=p.stage, date=today - datetime.timedelta(days=_))
        leervraag = factories.LeervraagFactory(student=p.student, leeruitkomsten=[outcome])
        factories.LesbezoekFactory(student=p.student, leervraag=leervraag, status="accepted")
        factories.LogregelFactory(stage=p.stage, leervraag=leervraag)
        for status in (GesprekStatus.PLANNED, GesprekStatus.HELD):
            factories.DriehoeksgesprekFactory(stage=p.stage, status=status,
                                              deelnemers=[p.student.user, p.wpb.user])
        factories.LeerdoelFactory(stage=p.stage, leeruitkomsten=[outcome])
        factories.ActiepuntFactory(stage=p.stage, owner=p.student.user)
        factories.BehoefteFactory(stage=p.stage)
        evaluation = factories.TussenevaluatieFactory(stage=p.stage, shared_at=timezone.now())
        factories.OordeelFactory(tussenevaluatie=evaluation, leeruitkomst=outcome)
        toewijzing = factories.ToewijzingFactory(students=[p.student],
                                                 inlevering__status="completed")
        toewijzing.inlevering.completed_at = timezone.now()
        toewijzing.inlevering.save()
        toewijzing.inlevering.evidence_leeruitkomsten.set([outcome])
        record = p.starter.user.student  # the starter's learning record (issue 15)
        factories.LogregelFactory(stage=record.stages.get(), date=today - datetime.timedelta(days=_))
        factories.LeervraagFactory(student=record, leeruitkomsten=[outcome])
        bijeenkomst = factories.BijeenkomstFactory(for_mentors=True, for_colleagues=True)
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=p.student.user)
        factories.StageFactory(school=factories.SchoolFactory(), schooljaar=p.schooljaar)


@pytest.fixture(scope="module")
def _personas_with_one_of_everything(module_personas):
    _grow(module_personas, 1)
    return module_personas


@pytest.fixture
def personas(_personas_with_one_of_everything, db):
    """The personas with one row of every kind, built once for the module (inside its
    rolled-back transaction, tests/conftest.py: module_personas); each test adds six more of
    everything in its own transaction."""
    return copy.deepcopy(_personas_with_one_of_everything)


def _count(client, url, django_assert_num_queries, expected) -> None:
    client.get(url)  # per-process first-request work (translations, content types) aside
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("page", "who", "url", "queries"), KEY_PAGES,
    ids=[f"{page} ({who})" for page, who, _url, _queries in KEY_PAGES],
)
def test_key_page_costs_the_same_queries_with_one_row_and_with_many(
    client, personas, django_assert_num_queries, page, who, url, queries
):
    client.force_login(personas.user(who))
    path = url(personas)
    _count(client, path, django_assert_num_queries, queries)
    _grow(personas, 6)
    _count(client, path, django_assert_num_queries, queries)


def test_the_feed_as_a_calendar_app_asks_for_it_costs_the_same_queries(
    client, personas, django_assert_num_queries
):
    """No session: the app has only the secret address (the bench asks for it so too). One
    query fewer than a logged-in browser's request, whose session user is loaded."""
    path = _feed_url(personas)
    _count(client, path, django_assert_num_queries, 7)
    _grow(personas, 6)
    _count(client, path, django_assert_num_queries, 7)


@pytest.mark.parametrize(("who", "queries"), HOME_MADE_FRESH, ids=[w for w, _q in HOME_MADE_FRESH])
def test_home_made_fresh_costs_the_same_queries_with_one_row_and_with_many(
    client, personas, django_assert_num_queries, settings, who, queries
):
    settings.HOME_CACHE_SECONDS = 0  # the panels are made on every visit
    client.force_login(personas.user(who))
    _count(client, reverse("home"), django_assert_num_queries, queries)
    _grow(personas, 6)
    _count(client, reverse("home"), django_assert_num_queries, queries)
