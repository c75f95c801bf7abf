"""Issue 15, from student to starter in one account: the conversion, the induction coach,
who sees a starter's learning record, the induction without an hours target, retention of the
student years afterwards, sessions meant for starters, and the LIO placement."""

import datetime
import importlib
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from begeleiding import selectors as begeleiding_selectors
from begeleiding.models import Klikcheck, Leervraag, Logregel, Ontwikkelplan, Ontwikkelpunt
from opleidingsschool.access import Rol, roles_for, visible_stages, visible_students
from opleidingsschool.models import (
    Begeleider,
    BegeleiderStatus,
    Functie,
    Stage,
    StageKind,
    Starter,
    Student,
)
from opleidingsschool.privacy import retention
from opleidingsschool.services import invite_starter, make_starter, set_coach, update_starter
from tests import factories
from tests.conftest import PERSONA_NAMES

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _history(personas):
    """What Sanne did as a student: a learning question with a visit, a day-log entry on it,
    a rapport check of her werkplekbegeleider and a plan with an open and a done point."""
    leervraag = factories.LeervraagFactory(student=personas.student, title="Orde bij de start")
    visit = factories.LesbezoekFactory(student=personas.student, leervraag=leervraag)
    entry = factories.LogregelFactory(stage=personas.stage, leervraag=leervraag,
                                      done="Les gegeven", learned="Rust", hours="4")
    check = factories.KlikcheckFactory(
        begeleider=personas.stage.begeleiders.get(medewerker=personas.wpb), score=4)
    last_year = factories.SchooljaarFactory(start_year=personas.schooljaar.start_date.year - 1)
    plan = factories.OntwikkelplanFactory(student=personas.student, schooljaar=last_year)
    factories.OntwikkelpuntFactory(ontwikkelplan=plan, goal="Formatief evalueren",
                                   status="working")
    factories.OntwikkelpuntFactory(ontwikkelplan=plan, goal="Kijken bij een collega",
                                   status="done", reflection="Leerzaam.")
    return {"leervraag": leervraag, "visit": visit, "entry": entry, "check": check}


def _convert(personas, **kwargs):
    """Sanne starts as a teacher at the other school today, coached by its wpb."""
    data = {"student": personas.student, "school": personas.other_school,
            "started_on": _today(), "subject": "geschiedenis", "coach": personas.other_wpb,
            "partnerschap": personas.school.partnerschap}
    return make_starter(**{**data, **kwargs})


# --- The conversion service ----------------------------------------------------------------


def test_a_student_becomes_a_starter_in_the_same_account(personas):
    history = _history(personas)
    user_id, student_id = personas.student.user_id, personas.student.pk
    starter = _convert(personas)

    assert (starter.user_id, starter.school, starter.subject, starter.started_on) == (
        user_id, personas.other_school, "geschiedenis", _today())
    assert Student.objects.get(user_id=user_id).pk == student_id  # the same learning record
    inductie = Stage.objects.get(student_id=student_id, kind=StageKind.INDUCTIE)
    assert (inductie.school, inductie.start_date, inductie.end_date, inductie.closed_at) == (
        personas.other_school, _today(), personas.schooljaar.end_date, None)
    assert list(inductie.begeleiders.values_list("medewerker", "functie", "status")) == [
        (personas.other_wpb.pk, Functie.COACH, BegeleiderStatus.ACTIVE)]
    # The placement as a student ends the day before and is closed; its mentors end.
    personas.stage.refresh_from_db()
    assert personas.stage.end_date == _today() - datetime.timedelta(days=1)
    assert personas.stage.closed_at is not None
    assert set(personas.stage.begeleiders.values_list("status", flat=True)) == {
        BegeleiderStatus.ENDED}
    # Questions, visits, day log and rapport check stay on the record, unchanged.
    assert list(Leervraag.objects.filter(student_id=student_id)) == [history["leervraag"]]
    history["visit"].refresh_from_db()
    assert history["visit"].student_id == student_id
    assert Logregel.objects.get().done == "Les gegeven"
    assert Klikcheck.objects.get() == history["check"]
    # From now on the person is a starter, not a student, in menus and home pages.
    user = type(personas.student.user).objects.get(pk=user_id)
    assert roles_for(user) == {Rol.STARTER}


def test_the_open_development_points_go_on_in_the_plan_of_the_induction_year(personas):
    _history(personas)
    _convert(personas)
    plan = Ontwikkelplan.objects.get(student=personas.student, schooljaar=personas.schooljaar)
    assert [(punt.goal, punt.status) for punt in plan.punten.all()] == [
        ("Formatief evalueren", "working")]
    # Carried over once: a second induction start in the same year copies nothing twice.
    from begeleiding.services import carry_over_ontwikkelpunten

    carry_over_ontwikkelpunten(student=personas.student,
                               stage=personas.student.stages.get(kind=StageKind.INDUCTIE))
    assert Ontwikkelpunt.objects.filter(ontwikkelplan=plan).count() == 1


def _visible(persona_user, student) -> bool:
    return visible_students(persona_user).filter(pk=student.pk).exists()


def test_the_old_mentors_lose_access_and_the_coach_gains_it(personas):
    history = _history(personas)
    school_two_so = factories.MedewerkerFactory(school=personas.other_school,
                                                is_schoolopleider=True)
    before = {name for name in PERSONA_NAMES if _visible(personas.user(name), personas.student)}
    assert before == {"student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"}

    _convert(personas)
    after = {name for name in PERSONA_NAMES if _visible(personas.user(name), personas.student)}
    assert after == {"student", "other_wpb"}  # the person and their coach
    assert _visible(school_two_so.user, personas.student)  # the new school's schoolopleider
    # The placement as a student is the person's alone; the coach reads the questions.
    assert {name for name in PERSONA_NAMES
            if visible_stages(personas.user(name)).filter(pk=personas.stage.pk).exists()} == {
        "student"}
    assert not visible_stages(school_two_so.user).filter(pk=personas.stage.pk).exists()
    coach = personas.other_wpb.user
    assert list(begeleiding_selectors.leervragen_for(coach)) == [history["leervraag"]]
    assert history["entry"] not in begeleiding_selectors.logregels_for(coach)
    assert history["entry"] in begeleiding_selectors.logregels_for(personas.student.user)
    assert not begeleiding_selectors.klikchecks_for(personas.schoolopleider.user).exists()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"school": "other partnership"}, "school", "Kies een school van je partnerschap."),
    ({"coach": "wpb"}, "coach", "Kies een collega die op Tweede Testcollege werkt."),
    ({"started_on": 400}, "started_on", "Kies een begindatum binnen een jaar van vandaag."),
    ({"started_on": -400}, "started_on", "Kies een begindatum binnen een jaar van vandaag."),
])
def test_a_conversion_is_refused_with_the_reason_and_changes_nothing(
    personas, change, field, message
):
    kwargs = {}
    if change.get("school"):
        kwargs["school"] = factories.SchoolFactory(
            partnerschap=factories.PartnerschapFactory(name="Derde partnerschap"))
        kwargs["coach"] = None
    if change.get("coach"):
        kwargs["coach"] = personas.wpb
    if change.get("started_on"):
        kwargs["started_on"] = _today() + datetime.timedelta(days=change["started_on"])
    with pytest.raises(ValidationError) as refused:
        _convert(personas, **kwargs)
    assert refused.value.message_dict == {field: [message]}
    assert Starter.objects.filter(user=personas.student.user).count() == 0
    assert Stage.objects.filter(kind=StageKind.INDUCTIE, student=personas.student).count() == 0
    assert set(personas.stage.begeleiders.values_list("status", flat=True)) == {
        BegeleiderStatus.ACTIVE}


def test_a_student_with_a_placement_still_to_come_or_a_starter_already_is_refused(personas):
    later = factories.StageFactory(
        student=personas.student, school=personas.other_school,
        schooljaar=factories.SchooljaarFactory(
            start_year=personas.schooljaar.start_date.year + 1))
    with pytest.raises(ValidationError) as refused:
        _convert(personas)
    assert list(refused.value.message_dict) == ["started_on"]
    later.delete()
    _convert(personas)
    with pytest.raises(ValidationError) as again:
        _convert(personas)
    assert again.value.messages == [f"{personas.student} is al startende leraar."]


def test_a_starter_added_as_a_starter_gets_the_same_learning_record(personas):
    starter = invite_starter(email="nieuw@example.org", first_name="Nina", last_name="Nieuw",
                             school=personas.school, partnerschap=personas.school.partnerschap,
                             send_mail=False)
    record = Student.objects.get(user=starter.user)
    assert (record.opleiding, record.study_year, record.partnerschap) == (
        None, None, personas.school.partnerschap)
    inductie = record.stages.get()
    assert (inductie.kind, inductie.school, inductie.end_date) == (
        StageKind.INDUCTIE, personas.school, personas.schooljaar.end_date)
    assert roles_for(starter.user) == {Rol.STARTER}
    assert not Student.objects.studying().filter(pk=record.pk).exists()


def test_the_migration_gives_an_existing_starter_a_learning_record_once(personas):
    starter = factories.StarterFactory(school=personas.school, learning_record=False,
                                       started_on=_today() - datetime.timedelta(days=800))
    migration = importlib.import_module(
        "opleidingsschool.migrations.0015_starter_inductie")
    migration.open_learning_records(apps, None)
    migration.open_learning_records(apps, None)
    inductie = Stage.objects.get(student__user=starter.user)
    # A starter in a later year of their induction goes on from this school year's start.
    assert (inductie.kind, inductie.start_date, inductie.end_date) == (
        StageKind.INDUCTIE, personas.schooljaar.start_date, personas.schooljaar.end_date)


def test_moving_a_starter_to_another_school_moves_the_induction_and_ends_the_coach(personas):
    starter = personas.starter
    inductie = starter.user.student.stages.get()
    set_coach(stage=inductie, coach=personas.docent)
    update_starter(starter=starter, email=starter.user.email, first_name="Stef",
                   last_name="Starter", school=personas.other_school)
    inductie.refresh_from_db()
    assert inductie.school == personas.other_school
    assert not inductie.begeleiders.active().exists()
    assert not _visible(personas.docent.user, starter.user.student)


# --- The coordinator's page ----------------------------------------------------------------


def _page(personas):
    return reverse("partnerschap:student_to_starter", args=[personas.student.uuid])


def _form(personas, **changes):
    return {"school": personas.other_school.pk, "started_on": _today().isoformat(),
            "subject": "geschiedenis", "coach": personas.other_wpb.pk, **changes}


def test_the_coordinator_turns_a_student_into_a_starter_after_a_confirmation(client, personas):
    client.force_login(personas.coordinator.user)
    edit = client.get(reverse("partnerschap:student_edit", args=[personas.student.uuid]))
    assert _page(personas) in edit.content.decode()
    form = client.get(_page(personas)).context["form"]
    assert (form["school"].value(), form["subject"].value()) == (
        personas.school.pk, "geschiedenis")

    confirm = client.post(_page(personas), _form(personas))
    content = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Sanne Student een startende leraar maken?" in content
    assert "Deze begeleiders zien de student niet meer:" in content
    assert escape(str(personas.wpb.user)) in content and escape(str(personas.extra_mentor.user)) in content
    assert not Starter.objects.filter(user=personas.student.user).exists()

    done = client.post(_page(personas), {**_form(personas), "confirm": "1"}, follow=True)
    starter = Starter.objects.get(user=personas.student.user)
    assert done.redirect_chain[-1][0] == reverse("partnerschap:starter_edit",
                                                 args=[starter.uuid])
    assert ("Sanne Student is startende leraar op Tweede Testcollege vanaf "
            in done.content.decode())
    assert escape(str(personas.other_wpb.user)) in done.content.decode()  # the coach, on the card


def test_bad_input_on_the_conversion_form_keeps_what_was_typed(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(_page(personas), _form(personas, started_on="morgen",
                                                  subject="Nederlands"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Voer een geldige datum in." in content
    assert 'value="Nederlands"' in content and 'value="morgen"' in content
    # A coach of another school: the service's reason on the coach field, on confirming.
    response = client.post(_page(personas), {**_form(personas, coach=personas.wpb.pk),
                                             "confirm": "1"})
    assert "Kies een collega die op Tweede Testcollege werkt." in response.content.decode()
    assert not Starter.objects.filter(user=personas.student.user).exists()


# --- The induction coach -------------------------------------------------------------------


def _coach_page(personas):
    return reverse("inductie_coach", args=[personas.starter.uuid])


@pytest.mark.parametrize("who", ["coordinator", "schoolopleider"])
def test_the_coordinator_and_schoolopleider_choose_the_coach(client, personas, who):
    record = personas.starter.user.student
    client.force_login(personas.user(who))
    assert "Er is nog geen inductiecoach." in client.get(_coach_page(personas)).content.decode()
    response = client.post(_coach_page(personas), {"coach": personas.docent.pk}, follow=True)
    # escape(): a random persona name such as "van 't Riet" is escaped in the page
    assert escape(f"{personas.docent.user} is nu de inductiecoach van {personas.starter}."
                  ) in response.content.decode()
    assert _visible(personas.docent.user, record)
    # Another colleague takes over: the first coach no longer sees the starter.
    client.post(_coach_page(personas), {"coach": personas.extra_mentor.pk})
    assert not _visible(personas.docent.user, record)
    assert _visible(personas.extra_mentor.user, record)
    assert record.stages.get().begeleiders.filter(
        functie=Functie.COACH, status=BegeleiderStatus.ENDED).count() == 1


def test_a_coach_must_work_at_the_starters_school(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(_coach_page(personas), {"coach": personas.other_wpb.pk})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze." in response.content.decode()
    assert not Begeleider.objects.filter(functie=Functie.COACH).exists()


# --- The starter's own pages ---------------------------------------------------------------


def test_the_starter_works_with_their_learning_record_through_the_same_pages(client, personas):
    set_coach(stage=personas.starter.user.student.stages.get(), coach=personas.docent)
    client.force_login(personas.starter.user)
    home = client.get(reverse("home"))
    menu = {(group.label, item.label) for group in home.context["portal_menu"]
            for item in group.items}
    assert {("Starter", label) for label in (
        "Ontwikkelplan", "Leervragen", "Logboek", "Lesbezoeken",
        "Intervisie en bijeenkomsten")} <= menu
    assert not any(group == "Student" for group, _label in menu)
    content = home.content.decode()
    assert "Mijn inductie" in content and escape(str(personas.docent.user)) in content
    # The way back to the student years: their own page with every placement, closed too.
    own = reverse("student_detail", args=[personas.starter.user.student.uuid])
    assert own in content and client.get(own).status_code == 200

    response = client.post(reverse("begeleiding:leervraag_create"), {
        "title": "Nakijken zonder avonden", "situation": "Ik kijk elke avond na.",
        "goal": "Slimmer nakijken.", "visibility": "mentors"}, follow=True)
    assert response.status_code == 200
    leervraag = Leervraag.objects.get(title="Nakijken zonder avonden")
    assert leervraag.student.user == personas.starter.user
    assert leervraag in begeleiding_selectors.leervragen_for(personas.docent.user)


# --- No hours target ------------------------------------------------------------------------


def test_a_starter_has_no_hours_target_and_no_pace_signal(client, personas):
    record = personas.starter.user.student
    inductie = record.stages.get()
    inductie.start_date = personas.schooljaar.start_date
    inductie.save()
    assert begeleiding_selectors.hours_summary(record, inductie).target == 0

    client.force_login(personas.starter.user)
    content = client.get(reverse("begeleiding:logboek")).content.decode()
    assert "Een inductie heeft geen urennorm" in content
    assert "ervaringsuren" not in content.split("<main", 1)[-1]

    # Weeks under way with no hours at all: the student is behind, the starter is not.
    personas.stage.start_date = personas.schooljaar.start_date
    personas.stage.save()
    from begeleiding import signalen
    from begeleiding.partnership_signals import hours_behind
    from opleidingsschool.signals import signal_groups

    groups = {group["kind"]: group for group in signal_groups(personas.schoolopleider.user)}
    behind = groups[signalen.KIND_BEHIND]["signals"]
    assert [signal.student for signal in behind] == [personas.student]
    rows = hours_behind(partnerschap=personas.school.partnerschap,
                        schooljaar=personas.schooljaar, today=_today())
    assert personas.stage in rows and inductie not in rows


# --- Retention after the conversion ---------------------------------------------------------


def _noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_after_the_conversion_the_student_years_follow_their_own_retention(personas):
    history = _history(personas)
    _convert(personas)
    old_end = _today() - datetime.timedelta(days=1)
    induction_entry = factories.LogregelFactory(
        stage=personas.student.stages.get(kind=StageKind.INDUCTIE), date=_today(),
        done="Eerste week als docent")
    days = settings.PRIVACY_RETENTION_DAYS
    with time_machine.travel(_noon(old_end + datetime.timedelta(days=days["logboek"] + 1)),
                             tick=False):
        retention.apply()
    entry = Logregel.objects.get(pk=history["entry"].pk)
    assert (entry.done, entry.learned, entry.hours) == ("", "", Decimal("4"))
    assert not Klikcheck.objects.exists()
    # The questions went on into the induction: they follow the induction, not the past.
    assert Leervraag.objects.filter(pk=history["leervraag"].pk).exists()
    assert Logregel.objects.get(pk=induction_entry.pk).done == "Eerste week als docent"
    # What stays of the student years (the hours) is the person's alone.
    for name in PERSONA_NAMES:
        seen = begeleiding_selectors.logregels_for(personas.user(name)).filter(pk=entry.pk)
        assert seen.exists() == (name == "student"), name

    induction_end = personas.schooljaar.end_date
    with time_machine.travel(
        _noon(induction_end + datetime.timedelta(days=days["leervragen"] + 1)), tick=False
    ):
        retention.apply()
    assert not Leervraag.objects.exists()


# --- Sessions meant for starters ------------------------------------------------------------


def test_sessions_meant_for_starters_are_on_the_starters_agenda(client, personas):
    for_starters = factories.BijeenkomstFactory(title="Intervisie starters", for_students=False,
                                                for_starters=True)
    for_students = factories.BijeenkomstFactory(title="Leercafé studenten", for_students=True)
    client.force_login(personas.starter.user)
    sessions = list(client.get(reverse("bijeenkomsten:agenda")).context["page"].object_list)
    assert for_starters in sessions and for_students not in sessions
    client.force_login(personas.student.user)
    sessions = list(client.get(reverse("bijeenkomsten:agenda")).context["page"].object_list)
    assert for_students in sessions and for_starters not in sessions


# --- The LIO placement ----------------------------------------------------------------------


def test_an_lio_placement_is_chosen_on_the_placement_form_and_shown_as_lio(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("partnerschap:stage_edit", args=[personas.stage.uuid]), {
        "student": personas.student.pk, "school": personas.school.pk,
        "schooljaar": personas.schooljaar.pk, "kind": "lio",
        "start_date": personas.stage.start_date.isoformat(),
        "end_date": personas.stage.end_date.isoformat(),
        "werkplekbegeleider": personas.wpb.pk, "instituutsopleider":
            personas.instituutsopleider.pk, "schooldagen": ["1", "2", "4"],
    })
    assert response.status_code == 302
    personas.stage.refresh_from_db()
    assert (personas.stage.kind, personas.stage.schooldagen) == (StageKind.LIO, "124")

    client.force_login(personas.student.user)
    content = client.get(reverse("home")).content.decode()
    assert "Een LIO-stage: je geeft les aan je eigen klassen" in content
    assert "maandag, dinsdag, donderdag" in content
    assert reverse("leerwerktaken:leerwerktaak_list") + "?kind=lio" in content
    client.force_login(personas.schoolopleider.user)
    assert ">LIO</span>" in client.get(reverse("student_list")).content.decode()


def test_the_catalogue_filters_the_tasks_for_the_lio_placement(client, personas):
    lio = factories.LeerwerktaakFactory(title="Praktijkonderzoek", stage_level="afstuderend")
    other = factories.LeerwerktaakFactory(title="Pedagogisch klimaat",
                                          stage_level="orienterend")
    client.force_login(personas.student.user)
    page = client.get(reverse("leerwerktaken:leerwerktaak_list"), {"kind": "lio"})
    tasks = list(page.context["page"].object_list)
    assert lio in tasks and other not in tasks


def test_the_starter_finds_their_evidence_in_the_curriculum(client, personas):
    record = personas.starter.user.student
    client.force_login(personas.starter.user)
    tabs = client.get(reverse("leerwerktaken:leeruitkomst_list")).context["tabs"]
    evidence = reverse("leerwerktaken:student_evidence", args=[record.uuid])
    assert [tab.url for tab in tabs if tab.key == "voortgang"] == [evidence]
    assert client.get(evidence).status_code == 200


def test_the_coordinators_starter_list_names_each_coach_at_a_fixed_cost(
    client, personas, count_queries
):
    set_coach(stage=personas.starter.user.student.stages.get(), coach=personas.docent)
    client.force_login(personas.coordinator.user)
    url = reverse("partnerschap:starter_list")
    one, response = count_queries(client, url)
    assert escape(str(personas.docent.user)) in response.content.decode()
    for _index in range(5):
        factories.StarterFactory(school=personas.school)
    many, response = count_queries(client, url)
    assert one == many
    assert response.content.decode().count("nog geen coach") == 5
