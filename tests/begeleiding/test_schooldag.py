"""The school day together (issue 14): the school's day page (day start and group round),
the student's plan for the day, closing the day into a draft day-log entry, the week at a
glance, and following a class for a day; a lesson that has begun is no longer offered. Today
is Wednesday 10 March 2027, 10:00 (conftest)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from begeleiding import selectors
from begeleiding.models import (
    Activiteit,
    Dagplan,
    DagplanActiviteit,
    Lesbezoek,
    LesbezoekStatus,
    Logregel,
    Visibility,
)
from opleidingsschool.models import Vakantie, VrijeDag
from tests import factories

from .conftest import SCHOOL_DAY

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)  # a Wednesday
SATURDAY = datetime.date(2027, 3, 13)
MONDAY = datetime.date(2027, 3, 15)


def _day_url(day=TODAY, **params):
    return reverse("begeleiding:schooldag_datum", args=[day.isoformat()])


def _matching_lesson(personas, *, weekday=3, max_visitors=2, class_name="havo 4"):
    tag = factories.ExpertiseFactory(name="differentiëren")
    personas.docent.visitors_welcome = True
    personas.docent.save(update_fields=["visitors_welcome"])
    personas.docent.expertises.add(tag)
    lesson = factories.LesaanbodFactory(medewerker=personas.docent, weekday=weekday,
                                        max_visitors=max_visitors, class_name=class_name)
    return tag, lesson


def test_day_page_shows_students_plans_and_fitting_lessons(client, personas, count_queries):
    tag, lesson = _matching_lesson(personas)
    leervraag = factories.LeervraagFactory(student=personas.student, title="Iedereen erbij",
                                           expertises=[tag])
    Dagplan.objects.create(student=personas.student, stage=personas.stage, date=TODAY,
                           activity=DagplanActiviteit.LESGEVEN, leervraag=leervraag,
                           text="Het 3e uur in havo 4")
    client.force_login(personas.schoolopleider.user)
    few, response = count_queries(client, _day_url(), ronde="start")
    content = response.content.decode()
    assert [rij.student for rij in response.context["rijen"]] == [personas.student]
    rij = response.context["rijen"][0]
    assert (rij.plan.text, rij.plan.leervraag) == ("Het 3e uur in havo 4", leervraag)
    assert [(s.lesaanbod, s.matching, s.is_full) for s in rij.suggestions] == [
        (lesson, ["differentiëren"], False)]
    assert "Dagstart" in content and "Het 3e uur in havo 4" in content
    assert "0 van 2 plekken bezet" in content
    # Six more students at school; one shares the theme, none is at school on Mondays only.
    for index in range(6):
        stage = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
        factories.LeervraagFactory(student=stage.student, expertises=[tag] if index == 0 else [])
        Dagplan.objects.create(student=stage.student, stage=stage, date=TODAY,
                               activity=DagplanActiviteit.MEELOPEN)
        factories.LogregelFactory(stage=stage, date=TODAY)
    factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar,
                           schooldagen="1")
    many, response = count_queries(client, _day_url(), ronde="start")
    assert len(response.context["rijen"]) == 7
    assert few == many


def test_a_full_lesson_is_shown_but_not_offered(client, personas):
    tag, lesson = _matching_lesson(personas, max_visitors=1)
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])
    other = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    factories.LesbezoekFactory(student=other.student, lesaanbod=lesson, date=TODAY)
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:dagplan"))
    content = response.content.decode()
    assert [s.is_full for s in response.context["suggestions"]] == [True]
    assert "Deze les heeft vandaag geen plek meer." in content
    assert reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, lesson.uuid]) not in (
        content)


def test_a_suggestion_is_one_click_from_the_lesson_request(client, personas):
    tag, lesson = _matching_lesson(personas)
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])
    client.force_login(personas.student.user)
    content = client.get(reverse("begeleiding:dagplan")).content.decode()
    url = reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, lesson.uuid])
    assert f'href="{url}?datum=2027-03-10"' in content
    response = client.get(f"{url}?datum=2027-03-10")
    assert response.context["form"]["date"].value() == "2027-03-10"
    response = client.post(url, {"date": "2027-03-10", "message": ""})
    assert response.status_code == 302
    assert Lesbezoek.objects.get().date == TODAY


@pytest.mark.parametrize("day, reason", [
    (SATURDAY, "weekend"), (datetime.date(2027, 3, 11), "Studiedag"),
    (datetime.date(2027, 3, 12), "Voorjaarsvakantie"),
])
def test_no_day_page_on_a_weekend_or_holiday(client, personas, day, reason):
    VrijeDag.objects.create(school=personas.school, date=datetime.date(2027, 3, 11),
                            reason="Studiedag")
    Vakantie.objects.create(name="Voorjaarsvakantie", start_date=datetime.date(2027, 3, 12),
                            end_date=datetime.date(2027, 3, 12))
    client.force_login(personas.schoolopleider.user)
    response = client.get(_day_url(day))
    content = response.content.decode()
    assert "Geen schooldag" in content
    assert f"({reason})" in content
    assert "rijen" not in response.context
    # The next school day is offered: Monday (Thursday is the study day, Friday a holiday).
    assert reverse("begeleiding:schooldag_datum", args=[MONDAY.isoformat()]) in content


def test_an_impossible_date_is_a_404(client, personas):
    client.force_login(personas.schoolopleider.user)
    assert client.get("/begeleiding/schooldag/2027-02-30/").status_code == 404


def test_student_writes_a_plan_on_the_phone(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:dagplan"), {
        "action": "plan", "activity": "meelopen", "leervraag": leervraag.pk,
        "text": "Met Wim mee naar 2 vwo"})
    assert response.status_code == 302
    plan = Dagplan.objects.get()
    assert (plan.date, plan.activity, plan.leervraag, plan.text) == (
        TODAY, "meelopen", leervraag, "Met Wim mee naar 2 vwo")


def test_a_plan_without_activity_keeps_what_was_typed(client, personas):
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:dagplan"), {
        "action": "plan", "activity": "", "text": "Met Wim mee"})
    content = response.content.decode()
    assert "Kies wat je gaat doen." in content
    assert 'value="Met Wim mee"' in content
    assert Dagplan.objects.count() == 0


def test_no_plan_on_a_weekend(client, personas):
    client.force_login(personas.student.user)
    url = reverse("begeleiding:dagplan_datum", args=[SATURDAY.isoformat()])
    content = client.get(url).content.decode()
    assert "Je bent op zaterdag 13 maart niet op school (weekend)." in content
    assert reverse("begeleiding:dagplan_datum", args=[MONDAY.isoformat()]) in content
    client.post(url, {"action": "plan", "activity": "lesgeven"})
    assert Dagplan.objects.count() == 0


def test_student_closes_the_day_into_a_draft_entry_for_the_mentor(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student)
    Dagplan.objects.create(student=personas.student, stage=personas.stage, date=TODAY,
                           activity=DagplanActiviteit.KLAS_VOLGEN, leervraag=leervraag)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:dagplan"), {
        "action": "close", "done": "3 havo B gevolgd", "learned": "Bij Engels werken ze "
        "in groepjes", "hours": "6,5"})
    assert response.status_code == 302
    entry = Logregel.objects.get()
    assert (entry.date, entry.activity, entry.hours, entry.leervraag, entry.is_confirmed) == (
        TODAY, Activiteit.OBSERVEREN, Decimal("6.5"), leervraag, False)
    assert Dagplan.objects.get().logregel == entry
    # It waits in the werkplekbegeleider's existing confirmation flow.
    assert list(selectors.logregels_to_confirm(personas.wpb.user)) == [entry]
    client.force_login(personas.wpb.user)
    client.post(reverse("begeleiding:logregel_confirm", args=[entry.uuid]))
    entry.refresh_from_db()
    assert entry.confirmed_by == personas.wpb.user


def test_schoolopleider_notes_a_line_in_the_group_round(client, personas):
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:schooldag_close", args=[TODAY.isoformat(), personas.student.uuid])
    prefix = str(personas.student.uuid)
    response = client.post(url, {f"{prefix}-done": "Twee lessen gegeven",
                                 f"{prefix}-learned": "Korter instrueren",
                                 f"{prefix}-hours": "5"})
    assert response.status_code == 302
    entry = Logregel.objects.get()
    assert (entry.student, entry.done, entry.hours, entry.activity, entry.confirmed_at) == (
        personas.student, "Twee lessen gegeven", Decimal("5"), Activiteit.OVERIG, None)
    content = client.get(_day_url(), {"ronde": "einde"}).content.decode()
    assert "Twee lessen gegeven" in content and "wacht op de werkplekbegeleider" in content
    # Closing twice is refused with a message, nothing added.
    response = client.post(url, {f"{prefix}-done": "Nog eens", f"{prefix}-hours": "1"})
    assert "Deze dag is al afgesloten." in response.content.decode()
    assert Logregel.objects.count() == 1


def test_bad_hours_in_the_group_round_keep_the_line(client, personas):
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:schooldag_close", args=[TODAY.isoformat(), personas.student.uuid])
    prefix = str(personas.student.uuid)
    response = client.post(url, {f"{prefix}-done": "Lessen gegeven in 2 vwo",
                                 f"{prefix}-hours": "0"})
    content = response.content.decode()
    assert "Vul meer dan 0 uur in." in content
    assert "Lessen gegeven in 2 vwo" in content
    assert Logregel.objects.count() == 0


def test_group_round_for_a_student_not_at_school_is_a_404(client, personas):
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:schooldag_close",
                  args=[TODAY.isoformat(), personas.other_student.uuid])
    assert client.post(url, {}).status_code == 404
    assert Logregel.objects.count() == 0


def test_a_private_learning_question_stays_off_the_day_page(client, personas):
    leervraag = factories.LeervraagFactory(student=personas.student, title="Mijn geheim",
                                           visibility=Visibility.PRIVATE)
    Dagplan.objects.create(student=personas.student, stage=personas.stage, date=TODAY,
                           activity=DagplanActiviteit.LESGEVEN, leervraag=leervraag)
    client.force_login(personas.schoolopleider.user)
    assert "Mijn geheim" not in client.get(_day_url()).content.decode()


def test_the_week_at_a_glance(client, personas, count_queries):
    personas.stage.schooldagen = "123"
    personas.stage.save(update_fields=["schooldagen"])
    monday, tuesday = datetime.date(2027, 3, 8), datetime.date(2027, 3, 9)
    Dagplan.objects.create(student=personas.student, stage=personas.stage, date=monday,
                           activity=DagplanActiviteit.LESGEVEN)
    factories.LogregelFactory(stage=personas.stage, date=monday)
    Dagplan.objects.create(student=personas.student, stage=personas.stage, date=tuesday,
                           activity=DagplanActiviteit.LESGEVEN)
    client.force_login(personas.schoolopleider.user)
    url = reverse("begeleiding:schooldag_week")
    few, response = count_queries(client, url)
    [row] = response.context["rows"]
    assert [(d.at_school, d.planned, d.closed) for d in row.days] == [
        (True, True, True), (True, True, False), (True, False, False),
        (False, False, False), (False, False, False)]
    for _index in range(5):
        factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    many, response = count_queries(client, url)
    assert len(response.context["rows"]) == 6
    assert few == many


def _class_lessons(personas):
    personas.docent.visitors_welcome = True
    personas.docent.save(update_fields=["visitors_welcome"])
    english = factories.LesaanbodFactory(medewerker=personas.docent, weekday=3, lesson_hour=1,
                                         start_time=datetime.time(8, 30),
                                         end_time=datetime.time(9, 20), class_name="3 havo B",
                                         subject="Engels")
    maths_teacher = factories.MedewerkerFactory(school=personas.school, visitors_welcome=True)
    maths = factories.LesaanbodFactory(medewerker=maths_teacher, weekday=3, lesson_hour=2,
                                       start_time=datetime.time(9, 20),
                                       end_time=datetime.time(10, 10), class_name="3 havo B",
                                       subject="wiskunde", max_visitors=1)
    factories.LesaanbodFactory(medewerker=maths_teacher, weekday=3, lesson_hour=4,
                               class_name="2 vwo A", subject="wiskunde")
    return english, maths


def test_follow_a_class_shows_its_lessons_that_day(client, personas):
    english, maths = _class_lessons(personas)
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:klas_volgen"),
                          {"klas": "3 havo B", "datum": "2027-03-17"})
    assert response.context["classes"] == ["2 vwo A", "3 havo B"]
    assert [lesson.subject for lesson in response.context["lessons"]] == ["Engels", "wiskunde"]
    # Weekends are never offered.
    assert all(day.isoweekday() <= 5 for day in response.context["days"])


def test_follow_a_class_requests_every_lesson_at_once(client, personas):
    english, maths = _class_lessons(personas)
    client.force_login(personas.student.user)
    response = client.post(reverse("begeleiding:klas_volgen"), {
        "klas": "3 havo B", "datum": "2027-03-17",
        "lessen": [str(english.uuid), str(maths.uuid)], "message": "Waarom Engels wel?"})
    assert response.status_code == 302
    visits = Lesbezoek.objects.order_by("start_time")
    assert [(v.host, v.subject, v.status) for v in visits] == [
        (personas.docent, "Engels", LesbezoekStatus.REQUESTED),
        (maths.medewerker, "wiskunde", LesbezoekStatus.REQUESTED)]
    plan = Dagplan.objects.get()
    assert (plan.date, plan.activity, plan.text) == (
        datetime.date(2027, 3, 17), DagplanActiviteit.KLAS_VOLGEN, "De hele dag 3 havo B volgen")


def test_a_full_lesson_of_the_class_cannot_be_chosen(client, personas):
    english, maths = _class_lessons(personas)
    other = factories.StageFactory(school=personas.school, schooljaar=personas.schooljaar)
    factories.LesbezoekFactory(student=other.student, lesaanbod=maths,
                               date=datetime.date(2027, 3, 17))
    client.force_login(personas.student.user)
    url = reverse("begeleiding:klas_volgen")
    content = client.get(url, {"klas": "3 havo B", "datum": "2027-03-17"}).content.decode()
    assert f'value="{maths.uuid}" id="les-{maths.uuid}" disabled' in content
    response = client.post(url, {"klas": "3 havo B", "datum": "2027-03-17",
                                 "lessen": [str(english.uuid), str(maths.uuid)],
                                 "message": "Waarom Engels wel?"})
    content = response.content.decode()
    assert "Een volle les kun je niet kiezen. Vink hem uit." in content
    assert "Waarom Engels wel?" in content
    assert Lesbezoek.objects.filter(student=personas.student).count() == 0


# A lesson that has begun today is not offered or requestable any more (it is 10:00).
def _started_and_coming(personas):
    tag, coming = _matching_lesson(personas)  # 10:20
    started = factories.LesaanbodFactory(
        medewerker=personas.docent, weekday=3, lesson_hour=1, start_time=datetime.time(8, 30),
        end_time=datetime.time(9, 20), class_name="havo 4", subject="aardrijkskunde")
    leervraag = factories.LeervraagFactory(student=personas.student, expertises=[tag])
    return leervraag, started, coming


def test_a_lesson_that_has_started_is_no_longer_suggested(client, personas):
    _leervraag, _started, coming = _started_and_coming(personas)
    client.force_login(personas.student.user)
    response = client.get(reverse("begeleiding:dagplan"))
    assert [s.lesaanbod for s in response.context["suggestions"]] == [coming]
    client.force_login(personas.schoolopleider.user)
    response = client.get(_day_url(), {"ronde": "start"})
    assert [s.lesaanbod for s in response.context["rijen"][0].suggestions] == [coming]
    # Last Wednesday's lessons have all begun.
    response = client.get(_day_url(datetime.date(2027, 3, 3)), {"ronde": "start"})
    assert response.context["rijen"][0].suggestions == []


def test_a_lesson_that_has_started_cannot_be_requested_for_today(client, personas):
    leervraag, started, _coming = _started_and_coming(personas)
    client.force_login(personas.student.user)
    url = reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, started.uuid])
    response = client.get(url, {"datum": TODAY.isoformat()})
    offered = [value for value, _label in response.context["form"].fields["date"].choices]
    assert offered[0] == "2027-03-17"
    assert TODAY.isoformat() not in offered
    response = client.post(url, {"date": TODAY.isoformat(), "message": "Mag ik komen kijken?"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Deze les is vandaag al begonnen. Kies een andere datum." in content
    assert "Mag ik komen kijken?" in content
    assert Lesbezoek.objects.count() == 0
    # The service refuses it too, whoever calls it.
    from django.core.exceptions import ValidationError

    from begeleiding import services

    with pytest.raises(ValidationError) as error:
        services.request_lesbezoek(student=personas.student, lesaanbod=started, day=TODAY)
    assert error.value.messages == ["Deze les is vandaag al begonnen. Kies een andere datum."]
    assert Lesbezoek.objects.count() == 0


def test_a_lesson_is_requestable_until_its_start_time(client, personas, school_day):
    leervraag, _started, coming = _started_and_coming(personas)
    client.force_login(personas.student.user)
    url = reverse("begeleiding:lesbezoek_request", args=[leervraag.uuid, coming.uuid])
    school_day.move_to(datetime.datetime(2027, 3, 10, 10, 20, tzinfo=SCHOOL_DAY.tzinfo))
    response = client.post(url, {"date": TODAY.isoformat(), "message": ""})
    assert "Deze les is vandaag al begonnen." in response.content.decode()
    school_day.move_to(datetime.datetime(2027, 3, 10, 10, 19, tzinfo=SCHOOL_DAY.tzinfo))
    assert client.post(url, {"date": TODAY.isoformat(), "message": ""}).status_code == 302
    assert Lesbezoek.objects.get().date == TODAY


def test_following_a_class_today_leaves_out_the_lessons_that_started(client, personas):
    english, maths = _class_lessons(personas)  # 08:30 and 09:20
    later = factories.LesaanbodFactory(medewerker=maths.medewerker, weekday=3, lesson_hour=4,
                                       start_time=datetime.time(11, 10),
                                       end_time=datetime.time(12, 0), class_name="3 havo B",
                                       subject="Nederlands")
    client.force_login(personas.student.user)
    url = reverse("begeleiding:klas_volgen")
    params = {"klas": "3 havo B", "datum": TODAY.isoformat()}
    content = client.get(url, params).content.decode()
    assert f'value="{english.uuid}" id="les-{english.uuid}" disabled' in content
    assert f'value="{later.uuid}" id="les-{later.uuid}" checked' in content
    assert "al begonnen" in content
    response = client.post(url, {**params, "lessen": [str(english.uuid), str(later.uuid)],
                                 "message": "Waarom Engels wel?"})
    content = response.content.decode()
    assert "Een les die al begonnen is kun je niet kiezen. Vink hem uit." in content
    assert "Waarom Engels wel?" in content
    assert Lesbezoek.objects.count() == 0
    response = client.post(url, {**params, "lessen": [str(later.uuid)]})
    assert response.status_code == 302
    assert [visit.lesaanbod for visit in Lesbezoek.objects.all()] == [later]


def test_erasing_the_account_empties_the_plans_for_the_day(personas):
    from opleidingsschool.privacy.erasure import erase_account

    leervraag = factories.LeervraagFactory(student=personas.student)
    plan = Dagplan.objects.create(student=personas.student, stage=personas.stage, date=TODAY,
                                  activity=DagplanActiviteit.LESGEVEN, leervraag=leervraag,
                                  text="Het 3e uur in havo 4")
    erase_account(user=personas.student.user)
    plan.refresh_from_db()
    assert (plan.text, plan.leervraag_id, plan.date, plan.activity) == (
        "", None, TODAY, DagplanActiviteit.LESGEVEN)
