"""Learning goals, action items (home page, reminder mail when due, exactly once), needs
("do we have something for this?") and interim evaluations with the progress chart."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from driehoek import services
from driehoek.models import Actiepunt, Behoefte, BehoefteStatus, Leerdoel, Tussenevaluatie
from opleidingsschool.models import Herinnering
from opleidingsschool.notifications import outbox as reminders
from tests import factories

from .conftest import AMSTERDAM

pytestmark = pytest.mark.django_db


def test_a_goal_links_outcomes_the_schools_meaning_and_learning_questions(
    client, personas, gesprek
):
    outcome = factories.LeeruitkomstFactory(code="LU4", title="Differentiëren")
    invulling = factories.InvullingFactory(leeruitkomst=outcome, school=personas.school)
    elsewhere = factories.InvullingFactory(leeruitkomst=outcome, school=personas.other_school)
    leervraag = factories.LeervraagFactory(student=personas.student, title="Havo 4")
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:leerdoel_create", kwargs={"uuid": personas.stage.uuid})
    form_page = client.get(f"{url}?gesprek={gesprek.uuid}")
    assert elsewhere.pk not in [choice[0].value for choice in
                                form_page.context["form"].fields["invullingen"].choices]
    response = client.post(url, {
        "gesprek": gesprek.uuid, "title": "Instructie op drie niveaus", "description": "",
        "leeruitkomsten": [outcome.pk], "invullingen": [invulling.pk],
        "leervragen": [leervraag.pk], "status": "active",
    })
    assert response.status_code == 302
    assert response["Location"] == gesprek.get_absolute_url()
    goal = Leerdoel.objects.get()
    assert (goal.gesprek, goal.study_year) == (gesprek, 3)
    assert list(goal.invullingen.all()) == [invulling]
    # The learning question's timeline shows the goal (timeline_sources).
    from opleidingsschool import registries

    labels = [entry.label for source in registries.timeline_sources
              for entry in source(user=personas.wpb.user, leervraag=leervraag)]
    assert "Leerdoel: Instructie op drie niveaus" in labels


def test_a_goal_needs_a_learning_outcome(client, personas):
    client.force_login(personas.wpb.user)
    response = client.post(
        reverse("driehoek:leerdoel_create", kwargs={"uuid": personas.stage.uuid}),
        {"title": "Iets", "status": "active"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["leeruitkomsten"]
    assert 'value="Iets"' in response.content.decode()


def test_no_goals_are_added_to_a_locked_record(client, personas, gesprek):
    gesprek.locked_at = gesprek.starts_at
    gesprek.save()
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:leerdoel_create", kwargs={"uuid": personas.stage.uuid})
    assert client.get(f"{url}?gesprek={gesprek.uuid}").status_code == 403


def test_a_goal_from_a_locked_record_only_changes_status(client, personas, gesprek):
    goal = factories.LeerdoelFactory(stage=personas.stage, gesprek=gesprek, title="Vast")
    gesprek.locked_at = gesprek.starts_at
    gesprek.shared_at = gesprek.starts_at
    gesprek.save()
    client.force_login(personas.wpb.user)
    response = client.post(goal.get_absolute_url(), {"title": "Anders", "status": "achieved"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Vast", "achieved")


def test_an_action_owner_is_any_member_and_sees_it_on_the_home_page(client, personas, gesprek):
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:actiepunt_create", kwargs={"uuid": personas.stage.uuid})
    response = client.post(url, {"gesprek": gesprek.uuid, "description": "Les filmen",
                                 "owner": personas.instituutsopleider.user.pk,
                                 "due_date": "2027-03-20"})
    assert response.status_code == 302
    response = client.post(url, {"gesprek": gesprek.uuid, "description": "Les filmen",
                                 "owner": personas.extra_mentor.user.pk,
                                 "due_date": "2027-03-20"})
    assert response.status_code == 200  # not a member: refused, input kept
    assert Actiepunt.objects.count() == 1
    client.force_login(personas.instituutsopleider.user)
    page = client.get(reverse("home")).content.decode()
    assert "Mijn open actiepunten" in page and "Les filmen" in page


def test_the_student_sees_own_actions_only_once_the_notes_are_shared(client, personas, gesprek):
    factories.ActiepuntFactory(stage=personas.stage, gesprek=gesprek,
                               owner=personas.student.user, description="Lesplan maken")
    client.force_login(personas.student.user)
    assert "Lesplan maken" not in client.get(reverse("home")).content.decode()
    gesprek.shared_at = gesprek.starts_at
    gesprek.save()
    assert "Lesplan maken" in client.get(reverse("home")).content.decode()


def test_the_owner_ticks_off_an_action_others_may_not(client, personas):
    action = factories.ActiepuntFactory(stage=personas.stage, owner=personas.student.user)
    other = factories.ActiepuntFactory(stage=personas.stage, owner=personas.wpb.user)
    client.force_login(personas.student.user)
    url = reverse("driehoek:actiepunt_done", kwargs={"uuid": action.uuid})
    assert client.post(url).status_code == 302
    assert client.post(reverse("driehoek:actiepunt_done", kwargs={"uuid": other.uuid})
                       ).status_code == 403
    action.refresh_from_db()
    assert action.is_done and action.done_by == personas.student.user


def test_a_reminder_mail_goes_out_once_when_an_action_falls_due(personas, school_day):
    action = factories.ActiepuntFactory(
        stage=personas.stage, owner=personas.wpb.user, description="Lesbezoek plannen",
        due_date=datetime.date(2027, 3, 12),
    )
    factories.ActiepuntFactory(stage=personas.stage, owner=personas.wpb.user,
                               due_date=datetime.date(2027, 3, 12),
                               done_at=datetime.datetime(2027, 3, 9, tzinfo=AMSTERDAM))
    assert reminders.sweep() == []  # not due yet
    school_day.move_to(datetime.datetime(2027, 3, 12, 6, 30, tzinfo=AMSTERDAM))
    assert reminders.sweep() == []  # before the morning time (07:00)
    school_day.move_to(datetime.datetime(2027, 3, 12, 7, 5, tzinfo=AMSTERDAM))
    ids = reminders.sweep()
    assert len(ids) == 1
    assert reminders.deliver(ids=ids) == {"sent": 1, "skipped": 0, "taken": 0, "failed": 0}
    # A second sweep (another beat, a retry) sends nothing more.
    assert reminders.deliver(ids=reminders.sweep()) == {"sent": 0, "skipped": 0, "taken": 0, "failed": 0}
    (message,) = mail.outbox
    assert message.to == ["wim@example.org"]
    assert message.subject == "Actiepunt nu aan de beurt: Lesbezoek plannen"
    assert Herinnering.objects.get().subject_key == f"actiepunt:{action.pk}"


def test_a_reminder_for_an_action_done_in_the_meantime_is_skipped(personas, school_day):
    action = factories.ActiepuntFactory(stage=personas.stage, owner=personas.wpb.user,
                                        due_date=datetime.date(2027, 3, 10))
    ids = reminders.sweep()
    services.set_actiepunt_done(actiepunt=action, by=personas.wpb.user)
    assert reminders.deliver(ids=ids) == {"sent": 0, "skipped": 1, "taken": 0, "failed": 0}
    assert mail.outbox == []


def test_the_action_sweep_takes_a_fixed_number_of_queries(personas, django_assert_num_queries):
    from driehoek.notices import actiepunt_due

    for _index in range(5):
        factories.ActiepuntFactory(stage=personas.stage, owner=personas.wpb.user,
                                   due_date=datetime.date(2027, 3, 10))
    with django_assert_num_queries(1):
        assert len(actiepunt_due(now=datetime.datetime(2027, 3, 10, 9, tzinfo=AMSTERDAM))) == 5


def test_a_need_links_a_building_block_or_is_marked_to_be_developed(client, personas, gesprek):
    bouwsteen = factories.CurriculumbouwsteenFactory(title="Workshop oudergesprekken")
    client.force_login(personas.instituutsopleider.user)
    url = reverse("driehoek:behoefte_create", kwargs={"uuid": personas.stage.uuid})
    response = client.post(url, {"gesprek": gesprek.uuid, "description": "Oudergesprekken",
                                 "status": "linked"})
    assert response.status_code == 200
    assert "Kies de bouwsteen die we al hebben." in response.content.decode()
    client.post(url, {"gesprek": gesprek.uuid, "description": "Oudergesprekken",
                      "status": "linked", "bouwsteen": bouwsteen.pk})
    client.post(url, {"gesprek": gesprek.uuid, "description": "Omgaan met ChatGPT",
                      "status": "to_develop", "bouwsteen": bouwsteen.pk})
    assert sorted(Behoefte.objects.values_list("description", "status", "bouwsteen")) == [
        ("Omgaan met ChatGPT", BehoefteStatus.TO_DEVELOP, None),
        ("Oudergesprekken", BehoefteStatus.LINKED, bouwsteen.pk),
    ]


def test_coordinators_see_needs_across_triangles_without_names_or_notes(client, personas):
    factories.BehoefteFactory(stage=personas.stage, description="Oudergesprekken",
                              status=BehoefteStatus.TO_DEVELOP)
    client.force_login(personas.coordinator.user)
    response = client.get(reverse("driehoek:behoeften") + "?status=to_develop")
    page = response.content.decode()
    assert "Oudergesprekken" in page and "Het Testlyceum" in page
    assert "Sanne" not in page


def test_the_needs_school_filter_offers_and_finds_only_the_partnerships_schools(
        client, personas, monkeypatch):
    """Counted among the country's schools, a partnership of two got a typed filter once the
    installation held more than SCHOOL_SELECT_LIMIT, and a typed name found any school."""
    from opleidingsschool import formfields

    monkeypatch.setattr(formfields, "SCHOOL_SELECT_LIMIT", 2)  # the personas have 2 schools
    factories.BehoefteFactory(stage=personas.stage, description="Oudergesprekken")
    elsewhere = factories.SchoolFactory(
        name="Elders College", partnerschap=personas.other_coordinator.partnerschap)
    client.force_login(personas.coordinator.user)
    url = reverse("driehoek:behoeften")
    page = client.get(url).content.decode()
    assert '<select name="school"' in page and "Het Testlyceum</option>" in page
    assert "Elders College" not in page
    page = client.get(url, {"school": elsewhere.pk}).content.decode()
    assert "Selecteer een geldige keuze" in page and "Oudergesprekken" in page
    factories.SchoolFactory(name="Derde Testschool", partnerschap=personas.school.partnerschap)
    page = client.get(url, {"school": "Elders"}).content.decode()  # now typed: three schools
    assert 'placeholder="Deel van de naam"' in page
    assert "Er is geen school die ‘Elders’ heet." in page
    page = client.get(url, {"school": "lyceum"}).content.decode()
    assert "Oudergesprekken" in page


def test_needs_overview_query_count_is_fixed(client, personas, count_queries):
    client.force_login(personas.coordinator.user)
    url = reverse("driehoek:behoeften")
    factories.BehoefteFactory(stage=personas.stage)
    small, _response = count_queries(client, url)
    for index in range(12):
        stage = factories.StageFactory(schooljaar=personas.schooljaar)
        factories.BehoefteFactory(
            stage=stage, status=BehoefteStatus.LINKED if index % 2 else BehoefteStatus.OPEN,
            bouwsteen=factories.CurriculumbouwsteenFactory() if index % 2 else None,
        )
    large, _response = count_queries(client, url)
    assert large == small


def test_an_interim_evaluation_rates_outcomes_and_feeds_the_chart(client, personas):
    lu1 = factories.LeeruitkomstFactory(code="LU1", title="Pedagogisch klimaat")
    lu2 = factories.LeeruitkomstFactory(code="LU2", title="Differentiëren")
    earlier = factories.TussenevaluatieFactory(stage=personas.stage,
                                               date=datetime.date(2026, 11, 15),
                                               shared_at=datetime.datetime(2026, 11, 16,
                                                                           tzinfo=AMSTERDAM))
    factories.OordeelFactory(tussenevaluatie=earlier, leeruitkomst=lu1, niveau=1)
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:tussenevaluatie_create", kwargs={"uuid": personas.stage.uuid})
    data = {"date": "2027-03-10", "summary": "Duidelijke groei.",
            f"lu{lu1.pk}_niveau": "2", f"lu{lu1.pk}_evidence": "Les 3 en 5 bekeken",
            f"lu{lu1.pk}_narrative": "Rust in de klas.",
            f"lu{lu2.pk}_niveau": "", f"lu{lu2.pk}_evidence": "", f"lu{lu2.pk}_narrative": ""}
    response = client.post(url, data)
    evaluation = Tussenevaluatie.objects.get(date=datetime.date(2027, 3, 10))
    assert response["Location"] == evaluation.get_absolute_url()
    assert [(o.leeruitkomst.code, o.niveau) for o in evaluation.oordelen.all()] == [("LU1", 2)]
    # The student sees the draft only once shared (404 before).
    client.force_login(personas.student.user)
    assert client.get(evaluation.get_absolute_url()).status_code == 404
    client.force_login(personas.wpb.user)
    client.post(reverse("driehoek:tussenevaluatie_share", kwargs={"uuid": evaluation.uuid}))
    client.force_login(personas.student.user)
    response = client.get(reverse("driehoek:stage", kwargs={"uuid": personas.stage.uuid}))
    (line,) = response.context["chart"].get("lines")
    assert [point["niveau"] for point in line.points] == [1, 2]
    assert line.points[0]["x"] < line.points[1]["x"]
    assert line.points[0]["y"] > line.points[1]["y"]  # higher level, higher on the chart
    page = response.content.decode()
    assert "<svg" in page and 'class="chart-line"' in page
    # Evidence per outcome (evidence_sources).
    from opleidingsschool import registries

    labels = [label for source in registries.evidence_sources
              for _day, label, _url in source(user=personas.student.user, student=personas.student,
                                              leeruitkomsten=[lu1]).get(lu1.pk, [])]
    assert labels.count("Tussenevaluatie: in ontwikkeling") == 1


def test_evaluation_form_asks_for_a_level_when_evidence_is_written(client, personas):
    lu1 = factories.LeeruitkomstFactory(code="LU1")
    client.force_login(personas.wpb.user)
    response = client.post(
        reverse("driehoek:tussenevaluatie_create", kwargs={"uuid": personas.stage.uuid}),
        {"date": "2027-03-10", f"lu{lu1.pk}_evidence": "Gezien in les 2"},
    )
    assert response.status_code == 200
    assert "Kies een niveau voor deze leeruitkomst." in response.content.decode()
    assert "Gezien in les 2" in response.content.decode()


def test_the_history_says_a_goal_was_added_and_later_changed(client, personas, gesprek):
    outcome = factories.LeeruitkomstFactory(code="LU4", title="Differentiëren")
    client.force_login(personas.wpb.user)
    url = reverse("driehoek:leerdoel_create", kwargs={"uuid": personas.stage.uuid})
    client.post(url, {"gesprek": gesprek.uuid, "title": "Instructie op drie niveaus",
                      "leeruitkomsten": [outcome.pk], "status": "active"})
    html = client.get(gesprek.get_absolute_url()).content.decode()
    assert "voegde een leerdoel toe: Instructie op drie niveaus" in html
    assert "wijzigde een leerdoel" not in html
    services.save_leerdoel(stage=personas.stage, by=personas.wpb.user, title="Instructie op twee niveaus",
                           leeruitkomsten=[outcome], leerdoel=Leerdoel.objects.get())
    html = client.get(gesprek.get_absolute_url()).content.decode()
    assert "wijzigde een leerdoel: Instructie op twee niveaus" in html


def test_the_history_says_action_items_needs_and_evaluations_were_added(personas, gesprek):
    from driehoek.models import Wijziging

    user = personas.wpb.user
    services.save_actiepunt(stage=personas.stage, by=user, description="Lesplan delen", owner=user,
                            due_date=datetime.date(2027, 3, 1), gesprek=gesprek)
    services.save_behoefte(stage=personas.stage, by=user, description="Training klassenmanagement",
                           status=BehoefteStatus.TO_DEVELOP, gesprek=gesprek)
    services.save_tussenevaluatie(stage=personas.stage, by=user, date=datetime.date(2027, 1, 15),
                                  summary="Goed op weg",
                                  oordelen={factories.LeeruitkomstFactory(): (1, "", "")})
    assert sorted(Wijziging.objects.values_list("soort", flat=True)) == [
        "action_added", "evaluation_added", "need_added"]
