import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from begeleiding import selectors, services
from begeleiding.models import Ontwikkelplan, Ontwikkelpunt, OntwikkelpuntStatus
from begeleiding.selectors import PlanOwner
from tests import factories

pytestmark = pytest.mark.django_db

PLAN = reverse("begeleiding:ontwikkelplan")
PLAN_EDIT = reverse("begeleiding:ontwikkelplan_edit")
PUNT_CREATE = reverse("begeleiding:ontwikkelpunt_create")


def _student_punt(personas, **kwargs):
    return factories.OntwikkelpuntFactory(
        ontwikkelplan__student=personas.student, ontwikkelplan__schooljaar=personas.schooljaar,
        **kwargs,
    )


def _starter_punt(personas, **kwargs):
    """A point of the starter's plan, on their learning record (issue 15)."""
    return factories.OntwikkelpuntFactory(
        ontwikkelplan__student=personas.starter.user.student,
        ontwikkelplan__schooljaar=personas.schooljaar, **kwargs,
    )


def test_a_starter_without_a_plan_sees_an_invitation_and_no_plan_is_made_by_looking(
    client, personas
):
    client.force_login(personas.starter.user)
    content = client.get(PLAN).content.decode()
    assert "Je hebt nog geen ontwikkelplan voor 2026-2027." in content
    assert "Schrijf je ontwikkelplan" in content
    assert Ontwikkelplan.objects.count() == 0


def test_student_writes_their_plan_for_this_school_year(client, personas):
    client.force_login(personas.student.user)
    response = client.post(PLAN_EDIT, {
        "startpunt": "Mijn lessen zijn goed voorbereid.",
        "ontwikkeldoelen": "Een rustige start van de les.",
        "aanpak": "Kijken bij collega's.",
    }, follow=True)
    plan = Ontwikkelplan.objects.get()
    assert plan.student == personas.student
    assert plan.schooljaar == personas.schooljaar
    assert plan.ontwikkeldoelen == "Een rustige start van de les."
    content = response.content.decode()
    assert "Ontwikkelplan 2026-2027 opgeslagen." in content
    assert "Kijken bij collega&#x27;s." in content

    client.post(PLAN_EDIT, {"startpunt": "", "ontwikkeldoelen": "Differentiëren.", "aanpak": ""})
    assert Ontwikkelplan.objects.count() == 1
    plan.refresh_from_db()
    assert (plan.startpunt, plan.ontwikkeldoelen) == ("", "Differentiëren.")


def test_a_plan_without_what_to_develop_keeps_the_input_and_says_what_is_missing(
    client, personas
):
    client.force_login(personas.starter.user)
    response = client.post(PLAN_EDIT, {"startpunt": "Mijn eerste jaar Nederlands.",
                                       "ontwikkeldoelen": "   ", "aanpak": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Mijn eerste jaar Nederlands." in content
    assert "Dit veld is verplicht." in content
    assert Ontwikkelplan.objects.count() == 0


def test_student_adds_a_point_linked_to_a_learning_outcome_and_the_plan_is_made_for_it(
    client, personas
):
    outcome = factories.LeeruitkomstFactory(code="PB-2", title="Hanteert klassenmanagement")
    client.force_login(personas.student.user)
    response = client.post(PUNT_CREATE, {
        "goal": "Elke les starten met het lesdoel op het bord",
        "leeruitkomst": outcome.pk, "target_date": "2027-03-24",
    }, follow=True)
    punt = Ontwikkelpunt.objects.get()
    assert punt.ontwikkelplan.student == personas.student
    assert punt.leeruitkomst == outcome
    assert punt.target_date == datetime.date(2027, 3, 24)
    assert punt.status == OntwikkelpuntStatus.OPEN
    content = response.content.decode()
    assert ("Punt ‘Elke les starten met het lesdoel op het bord’ toegevoegd aan je "
            "ontwikkelplan.") in content
    assert "Streefdatum: woensdag 24 maart 2027" in content
    assert "PB-2 Hanteert klassenmanagement" in content


def test_a_point_without_goal_or_with_a_nonsense_date_keeps_the_input(client, personas):
    client.force_login(personas.student.user)
    response = client.post(PUNT_CREATE, {"goal": "", "target_date": "morgen"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in content
    assert "Voer een geldige datum in." in content
    assert 'value="morgen"' in content
    assert Ontwikkelpunt.objects.count() == 0 and Ontwikkelplan.objects.count() == 0


def test_a_starter_has_no_learning_outcomes_to_choose(client, personas):
    client.force_login(personas.starter.user)
    form = client.get(PUNT_CREATE).context["form"]
    assert "leeruitkomst" not in form.fields
    client.post(PUNT_CREATE, {"goal": "Nakijkwerk binnen een week terug",
                              "target_date": "2027-04-01"})
    assert Ontwikkelpunt.objects.get().ontwikkelplan.student.user == personas.starter.user


def test_a_point_is_done_only_with_a_reflection(client, personas):
    punt = _student_punt(personas, goal="Formatief evalueren", status=OntwikkelpuntStatus.WORKING)
    url = reverse("begeleiding:ontwikkelpunt_edit", args=[punt.uuid])
    client.force_login(personas.student.user)
    form = client.get(url + "?status=done").context["form"]
    assert form["status"].value() == OntwikkelpuntStatus.DONE
    data = {"goal": "Formatief evalueren", "target_date": "2027-03-20", "status": "done",
            "reflection": ""}
    response = client.post(url, data)
    assert "Schrijf een korte reflectie: wat heb je geleerd, wat hielp?" in (
        response.content.decode())
    punt.refresh_from_db()
    assert punt.status == OntwikkelpuntStatus.WORKING

    response = client.post(url, {**data, "reflection": "Wisbordjes werken goed."}, follow=True)
    punt.refresh_from_db()
    assert punt.status == OntwikkelpuntStatus.DONE
    assert punt.reflection == "Wisbordjes werken goed."
    assert punt.done_at is not None
    assert "Punt ‘Formatief evalueren’ is afgerond. Goed gedaan!" in response.content.decode()

    client.post(url, {**data, "status": "working", "reflection": "Wisbordjes werken goed."})
    punt.refresh_from_db()
    assert (punt.status, punt.done_at) == (OntwikkelpuntStatus.WORKING, None)


def test_the_plan_shows_open_points_first_and_done_points_with_their_reflection(
    client, personas
):
    done = _student_punt(personas, goal="Kijken bij een collega", status="done",
                         reflection="Twee niveaus werkt.",
                         target_date=datetime.date(2027, 3, 1))
    later = factories.OntwikkelpuntFactory(ontwikkelplan=done.ontwikkelplan, goal="Later",
                                           target_date=datetime.date(2027, 5, 1))
    sooner = factories.OntwikkelpuntFactory(ontwikkelplan=done.ontwikkelplan, goal="Eerder",
                                            target_date=datetime.date(2027, 4, 1))
    client.force_login(personas.student.user)
    response = client.get(PLAN)
    assert response.context["punten"] == [sooner, later, done]
    assert "Twee niveaus werkt." in response.content.decode()


def test_active_mentors_read_a_students_plan_without_edit_buttons(client, personas):
    punt = _student_punt(personas, goal="Rustige start")
    url = reverse("begeleiding:ontwikkelplan_student", args=[personas.student.uuid])
    for mentor in (personas.wpb, personas.extra_mentor, personas.instituutsopleider):
        client.force_login(mentor.user)
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200
        assert "Rustige start" in content
        assert "Sanne Student" in content
        assert response.context["can_edit"] is False
        assert reverse("begeleiding:ontwikkelpunt_edit", args=[punt.uuid]) not in content
        assert PUNT_CREATE not in content


def test_a_mentor_sees_that_the_student_has_no_plan_yet(client, personas):
    client.force_login(personas.wpb.user)
    response = client.get(
        reverse("begeleiding:ontwikkelplan_student", args=[personas.student.uuid]))
    assert "Sanne Student heeft nog geen ontwikkelplan voor 2026-2027 geschreven." in (
        response.content.decode())


def test_a_mentor_may_not_change_a_students_point(client, personas):
    punt = _student_punt(personas, goal="Rustige start")
    url = reverse("begeleiding:ontwikkelpunt_edit", args=[punt.uuid])
    client.force_login(personas.wpb.user)
    response = client.post(url, {"goal": "Iets anders", "target_date": "2027-04-01",
                                 "status": "open"})
    assert response.status_code == 403
    punt.refresh_from_db()
    assert punt.goal == "Rustige start"


@pytest.mark.parametrize("persona", ["schoolopleider", "coordinator", "other_wpb",
                                     "other_student", "starter", "docent"])
def test_outsiders_get_404_for_a_students_plan(client, personas, persona):
    punt = _student_punt(personas)
    client.force_login(personas.user(persona))
    assert client.get(reverse("begeleiding:ontwikkelplan_student",
                              args=[personas.student.uuid])).status_code == 404
    assert client.post(reverse("begeleiding:ontwikkelpunt_edit", args=[punt.uuid]),
                       {"goal": "x", "target_date": "2027-04-01",
                        "status": "open"}).status_code == 404


def test_a_starters_plan_is_the_starters_and_their_coachs_only(client, personas):
    from opleidingsschool.services import set_coach

    punt = _starter_punt(personas)
    # Colleagues at the starter's school (the schoolopleider too) see none of it.
    for persona in ("wpb", "schoolopleider", "coordinator", "student", "docent"):
        user = personas.user(persona)
        assert not selectors.ontwikkelplannen_for(user).exists()
        client.force_login(user)
        assert client.get(reverse("begeleiding:ontwikkelpunt_edit",
                                  args=[punt.uuid])).status_code == 404
    assert list(selectors.ontwikkelpunten_for(personas.starter.user)) == [punt]
    # Their induction coach reads it, without changing it (issue 15).
    set_coach(stage=personas.starter.user.student.stages.get(), coach=personas.docent)
    assert list(selectors.ontwikkelpunten_for(personas.docent.user)) == [punt]
    client.force_login(personas.docent.user)
    assert client.get(reverse("begeleiding:ontwikkelpunt_edit",
                              args=[punt.uuid])).status_code == 403


def test_ended_mentors_no_longer_see_the_plan(client, personas):
    from opleidingsschool.models import BegeleiderStatus

    personas.stage.begeleiders.filter(medewerker=personas.extra_mentor).update(
        status=BegeleiderStatus.ENDED)
    _student_punt(personas)
    client.force_login(personas.extra_mentor.user)
    assert client.get(reverse("begeleiding:ontwikkelplan_student",
                              args=[personas.student.uuid])).status_code == 404


def test_staff_without_a_plan_of_their_own_get_404_on_the_own_plan_pages(client, personas):
    client.force_login(personas.wpb.user)
    for url in (PLAN, PLAN_EDIT, PUNT_CREATE):
        assert client.get(url).status_code == 404


def test_one_plan_per_owner_per_school_year_with_exactly_one_owner(personas):
    owner = PlanOwner(student=personas.starter.user.student)
    first = services.ensure_ontwikkelplan(owner=owner)
    assert services.ensure_ontwikkelplan(owner=owner) == first
    next_year = services.ensure_ontwikkelplan(owner=owner, today=datetime.date(2027, 8, 1))
    assert next_year != first and next_year.schooljaar.name == "2027-2028"
    with pytest.raises(IntegrityError), transaction.atomic():
        Ontwikkelplan.objects.create(student=personas.starter.user.student,
                                     schooljaar=first.schooljaar)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ontwikkelplan.objects.create(schooljaar=personas.schooljaar)


def test_last_years_plan_is_not_this_years(client, personas):
    last_year = factories.SchooljaarFactory(start_year=2025)
    factories.OntwikkelplanFactory(student=personas.student, schooljaar=last_year,
                                   ontwikkeldoelen="Vorig jaar")
    client.force_login(personas.student.user)
    response = client.get(PLAN)
    assert response.context["plan"] is None
    assert "Vorig jaar" not in response.content.decode()


def test_the_plan_page_takes_the_same_queries_for_one_and_many_points(
    client, personas, count_queries
):
    punt = _student_punt(personas, leeruitkomst=factories.LeeruitkomstFactory())
    client.force_login(personas.student.user)
    one, _ = count_queries(client, PLAN)
    for _index in range(6):
        factories.OntwikkelpuntFactory(ontwikkelplan=punt.ontwikkelplan,
                                       leeruitkomst=factories.LeeruitkomstFactory())
    many, response = count_queries(client, PLAN)
    assert len(response.context["punten"]) == 7
    assert one == many


def test_starter_and_student_find_the_plan_in_the_menu(client, personas):
    def menu(user):
        client.force_login(user)
        groups = client.get(reverse("home")).context["portal_menu"]
        return {(group.label, item.label) for group in groups for item in group.items}

    assert ("Starter", "Ontwikkelplan") in menu(personas.starter.user)
    assert ("Student", "Ontwikkelplan") in menu(personas.student.user)
    assert not any(label == "Ontwikkelplan" for _group, label in menu(personas.wpb.user))


def test_home_shows_open_points_or_invites_to_write_a_plan(client, personas):
    client.force_login(personas.starter.user)
    content = client.get(reverse("home")).content.decode()
    assert "Nog geen ontwikkelplan voor dit schooljaar." in content

    punt = _starter_punt(personas, goal="Nakijkwerk binnen een week terug",
                         target_date=datetime.date(2027, 3, 18))
    factories.OntwikkelpuntFactory(ontwikkelplan=punt.ontwikkelplan, goal="Oudergesprek",
                                   status="done", reflection="Ging goed.")
    content = client.get(reverse("home")).content.decode()
    assert "Nakijkwerk binnen een week terug" in content
    assert "Streefdatum: donderdag 18 maart" in content
    assert "Oudergesprek" not in content

    client.force_login(personas.wpb.user)
    assert "Nakijkwerk" not in client.get(reverse("home")).content.decode()


def test_seed_demo_gives_the_demo_student_and_starter_a_plan_idempotently(mailoutbox):
    from opleidingsschool.demo import seed_demo

    seed_demo(today=datetime.date(2027, 3, 10))
    counts = (Ontwikkelplan.objects.count(), Ontwikkelpunt.objects.count())
    seed_demo(today=datetime.date(2027, 3, 10))
    assert (Ontwikkelplan.objects.count(), Ontwikkelpunt.objects.count()) == counts
    for email, count in (("student@example.org", 3), ("starter@example.org", 4)):
        user_plans = Ontwikkelplan.objects.filter(student__user__email=email)
        assert user_plans.count() == 1
        punten = user_plans.get().punten.all()
        assert punten.count() == count
        assert {punt.status for punt in punten} == {"open", "working", "done"}
        assert all(punt.reflection for punt in punten if punt.is_done)
    assert mailoutbox == []
