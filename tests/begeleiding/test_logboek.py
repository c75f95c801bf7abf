import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from begeleiding import selectors
from begeleiding.models import Logregel
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)


def _entry(hours="2,5", date=TODAY, **extra):
    return {"date": date.isoformat(), "activity": "lesgeven", "hours": hours,
            "done": "Twee lessen gegeven.", "learned": "Korter instrueren.", **extra}


def test_student_logs_the_day_with_a_comma_decimal(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:logregel_create"),
                           _entry(leervraag=leervraag.pk), follow=True)
    entry = Logregel.objects.get()
    assert (entry.date, entry.hours, entry.stage, entry.leervraag) == (
        TODAY, Decimal("2.5"), personas.stage, leervraag)
    assert "Logregel van woensdag 10 maart opgeslagen: 2,5 uur." in response.content.decode()


@pytest.mark.parametrize(
    "data, field, message",
    [
        (_entry(hours="0"), "hours", "Vul meer dan 0 uur in."),
        (_entry(hours="-2"), "hours", "Vul meer dan 0 uur in."),
        (_entry(hours="1,1"), "hours",
         "Vul uren in stappen van een kwartier in, bijvoorbeeld 1,25 of 3,5."),
        (_entry(hours="25"), "hours", "Een dag heeft niet meer dan 24 uur."),
        (_entry(date=TODAY + datetime.timedelta(days=1)), "date",
         "Deze datum ligt in de toekomst. Schrijf uren pas als de dag er is."),
        (_entry(date=datetime.date(2026, 8, 20)), "date",
         "Deze datum valt buiten je stage. Ervaringsuren tellen alleen tijdens een stage."),
    ],
)
def test_impossible_hours_are_refused_with_a_clear_message(client, personas, data, field,
                                                           message):
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:logregel_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Logregel.objects.count() == 0
    assert "Twee lessen gegeven." in response.content.decode()


def test_more_than_24_hours_on_one_day_in_total_is_refused(client, personas):
    factories.LogregelFactory(stage=personas.stage, date=TODAY, hours=Decimal("20"))
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:logregel_create"), _entry(hours="4,25"))
    assert response.context["form"].errors["hours"] == [
        "Je hebt op deze dag al 20 uur geschreven; samen is dat meer dan 24 uur."
    ]
    response = client.post(reverse("begeleiding:logregel_create"), _entry(hours="4"))
    assert response.status_code == 302


def test_werkplekbegeleider_confirms_and_the_entry_is_locked(client, personas):
    entry = factories.LogregelFactory(stage=personas.stage)
    client.force_login(personas.wpb.user)
    response = client.post(reverse("begeleiding:logregel_confirm_list"),
                           {"logregels": [entry.pk]}, follow=True)
    assert "1 logregel afgetekend." in response.content.decode()
    entry.refresh_from_db()
    assert entry.confirmed_by == personas.wpb.user
    client.force_login(personas.student.user)
    assert client.get(reverse("begeleiding:logregel_edit", args=[entry.uuid])).status_code == 403
    assert client.post(reverse("begeleiding:logregel_delete", args=[entry.uuid])).status_code == 403


def test_only_the_werkplekbegeleider_of_the_placement_confirms(client, personas):
    entry = factories.LogregelFactory(stage=personas.stage)
    client.force_login(personas.extra_mentor.user)
    assert client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid])).status_code == 403
    client.force_login(personas.other_wpb.user)
    assert client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid])).status_code == 404
    client.force_login(personas.wpb.user)
    client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid]))
    entry.refresh_from_db()
    assert entry.is_confirmed


def test_hours_total_and_weekly_chart_against_the_programme_target(personas):
    factories.LogregelFactory(stage=personas.stage, date=TODAY, hours=Decimal("6"))
    factories.LogregelFactory(stage=personas.stage, date=TODAY - datetime.timedelta(days=7),
                              hours=Decimal("3.25"), confirmed_at=datetime.datetime(
                                  2027, 3, 4, tzinfo=datetime.UTC))
    summary = selectors.hours_summary(personas.student, personas.stage)
    assert (summary.total, summary.confirmed, summary.target, summary.percent) == (
        Decimal("9.25"), Decimal("3.25"), 400, 2)
    assert [week["hours"] for week in summary.weeks][-2:] == [Decimal("3.25"), Decimal("6")]
    assert summary.today_logged is True


def test_logboek_runs_the_same_queries_for_one_and_many_entries(client, personas,
                                                               count_queries):
    factories.LogregelFactory(stage=personas.stage, date=TODAY)
    client.force_login(personas.student.user)
    few, _ = count_queries(client, reverse("begeleiding:logboek"))
    for days in range(1, 15):
        factories.LogregelFactory(stage=personas.stage,
                                  date=TODAY - datetime.timedelta(days=days),
                                  leervraag=factories.LeervraagFactory(student=personas.student))
    many, response = count_queries(client, reverse("begeleiding:logboek"))
    assert len(response.context["page"].object_list) == 15
    assert few == many


def test_confirm_list_runs_the_same_queries_for_one_and_many_entries(client, personas,
                                                                    count_queries):
    factories.LogregelFactory(stage=personas.stage, date=TODAY)
    client.force_login(personas.wpb.user)
    url = reverse("begeleiding:logregel_confirm_list")
    few, _ = count_queries(client, url)
    for days in range(1, 10):
        factories.LogregelFactory(stage=personas.stage, date=TODAY - datetime.timedelta(days=days))
    many, response = count_queries(client, url)
    assert len(response.context["page"].object_list) == 10
    assert few == many


def test_mentor_reads_the_logboek_of_their_student_only(client, personas):
    factories.LogregelFactory(stage=personas.stage, done="Meegelopen met Wim.")
    client.force_login(personas.extra_mentor.user)
    response = client.get(reverse("begeleiding:logboek_student", args=[personas.student.uuid]))
    assert "Meegelopen met Wim." in response.content.decode()
    other = reverse("begeleiding:logboek_student", args=[personas.other_student.uuid])
    assert client.get(other).status_code == 404


def test_confirming_never_redirects_outside_the_portal(client, personas):
    entry = factories.LogregelFactory(stage=personas.stage)
    client.force_login(personas.wpb.user)
    response = client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid]),
                           {"next": "https://elders.example.com/"})
    assert response["Location"] == reverse("begeleiding:logregel_confirm_list")


@pytest.fixture
def day_log(personas):
    """Entries of the student's placement, one with a private reflection and one with a
    private learning question, one of an earlier placement, and another student's."""
    from begeleiding.models import Visibility

    stage = personas.stage
    for days in range(5):
        factories.LogregelFactory(stage=stage, date=TODAY - datetime.timedelta(days=days))
    factories.LogregelFactory(stage=stage, date=TODAY - datetime.timedelta(days=6),
                              visibility=Visibility.PRIVATE)
    factories.LogregelFactory(stage=stage, date=TODAY - datetime.timedelta(days=7),
                              leervraag=factories.LeervraagFactory(
                                  student=personas.student, visibility=Visibility.PRIVATE))
    earlier = factories.StageFactory(student=personas.student, school=personas.school,
                                     schooljaar=factories.SchooljaarFactory(start_year=2020))
    factories.LogregelFactory(stage=earlier, date=earlier.end_date)
    factories.LogregelFactory(stage=personas.other_student.stages.get())
    return stage


def _seen(entries):
    return [(entry.pk, entry.reflection_hidden, entry.leervraag_hidden) for entry in entries]


@pytest.mark.parametrize("viewer", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                    "extra_mentor", "other_wpb", "docent"])
@pytest.mark.parametrize("with_stage", [True, False])
def test_the_compiled_day_log_list_shows_what_the_queryset_does(personas, day_log, viewer,
                                                                with_stage):
    """The day log's list is compiled once per shape (issue 10): every page of it has the
    entries, and hides the reflections and learning questions, as the queryset does."""
    from opleidingsschool.pagination import Paginator

    user, student = personas.user(viewer), personas.student
    stage = day_log if with_stage else None
    expected = _seen(selectors.logregels_for_list(user, student=student, stage=stage))
    shown = []
    for number in (1, 2, 3):
        page = Paginator(selectors.logregels_page_source(user, student=student, stage=stage),
                         3).get_page(number)
        assert page.paginator.count == len(expected)
        shown += _seen(page) if page.number == number else []
    assert shown == expected
    if viewer in ("other_wpb", "docent"):
        assert expected == []
    else:
        assert len(expected) == (7 if with_stage else 8)
        assert any(hidden for _pk, hidden, _question in expected) == (viewer != "student")


def test_the_compiled_confirm_list_shows_what_the_queryset_does(client, personas, day_log):
    waiting = selectors.logregels_to_confirm(personas.wpb.user)
    Logregel.objects.filter(pk=waiting[0].pk).update(confirmed_at=datetime.datetime(
        2027, 3, 10, 12, tzinfo=datetime.UTC), confirmed_by=personas.wpb.user)
    expected = _seen(waiting.all())
    assert len(expected) == 6
    client.force_login(personas.wpb.user)
    page = client.get(reverse("begeleiding:logregel_confirm_list")).context["page"]
    assert (_seen(page), page.paginator.count) == (expected, 6)
    for viewer, count in (("schoolopleider", 0), ("student", 0), ("other_wpb", 1)):
        user = personas.user(viewer)
        compiled = selectors.logregels_to_confirm_source(user)
        assert _seen(compiled[0:50]) == _seen(selectors.logregels_to_confirm(user))
        assert compiled.count() == count
