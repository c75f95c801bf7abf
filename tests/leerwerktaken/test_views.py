import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from begeleiding.models import LesbezoekStatus, Visibility
from leerwerktaken import services
from leerwerktaken.models import (
    Bestand,
    Feedback,
    InleveringStatus,
    Invulling,
    Leeruitkomst,
    Toewijzing,
)
from opleidingsschool import registries
from opleidingsschool.models import StageKind
from tests import factories

pytestmark = pytest.mark.django_db


# Outcomes and their meaning per school ----------------------------------------------------


def test_student_sees_the_schools_meaning_next_to_the_general_text(client, personas):
    outcome = factories.LeeruitkomstFactory(code="VD-9", title="Differentieert", description="Algemeen")
    factories.InvullingFactory(leeruitkomst=outcome, school=personas.school,
                               indicators="Werkt met drie niveaus in havo 3")
    factories.InvullingFactory(leeruitkomst=outcome, school=personas.other_school,
                               indicators="Gebruikt een weektaak")
    client.force_login(personas.student.user)
    content = client.get(reverse("leerwerktaken:leeruitkomst_list")).content.decode()
    assert "Differentieert" in content
    assert "Werkt met drie niveaus in havo 3" in content
    assert "Gebruikt een weektaak" not in content
    detail = client.get(outcome.get_absolute_url()).content.decode()
    assert detail.index("Werkt met drie niveaus") < detail.index("Gebruikt een weektaak")


def test_schoolopleider_describes_an_outcome_for_their_school(client, personas):
    outcome = factories.LeeruitkomstFactory(code="PB-8", title="Pedagogisch klimaat")
    client.force_login(personas.schoolopleider.user)
    url = reverse("leerwerktaken:invulling_edit", args=[outcome.uuid])
    response = client.post(url, {"indicators": "", "examples": "Mentoruur"})
    assert "Dit veld is verplicht." in response.content.decode()
    assert "Mentoruur" in response.content.decode()
    response = client.post(url, {"indicators": "Kent alle namen na twee weken", "examples": ""},
                           follow=True)
    invulling = Invulling.objects.get(leeruitkomst=outcome)
    assert (invulling.school, invulling.updated_by) == (personas.school, personas.schoolopleider.user)
    assert "is opgeslagen" in response.content.decode()


def test_coordinator_adds_and_deactivates_an_outcome(client, personas):
    client.force_login(personas.coordinator.user)
    response = client.post(reverse("leerwerktaken:leeruitkomst_create"), {
        "code": "SP-1", "title": "Creatief denken", "description": "", "group": "Speerpunt",
        "position": 5, "is_active": "on"}, follow=True)
    outcome = Leeruitkomst.objects.get(code="SP-1")
    assert "Leeruitkomst ‘SP-1 Creatief denken’ opgeslagen." in response.content.decode()
    client.post(reverse("leerwerktaken:leeruitkomst_update", args=[outcome.uuid]), {
        "code": "SP-1", "title": "Creatief denken", "description": "", "group": "Speerpunt",
        "position": 5})
    outcome.refresh_from_db()
    assert outcome.is_active is False
    client.force_login(personas.student.user)
    assert client.get(outcome.get_absolute_url()).status_code == 404


# The catalogue ----------------------------------------------------------------------------


def test_catalogue_filters_by_study_year_outcome_and_search(client, personas):
    outcome = factories.LeeruitkomstFactory(code="PO-9")
    factories.LeerwerktaakFactory(title="Pedagogisch klimaat onderzoeken", year_1=True,
                                  is_group_task=True, leeruitkomsten=[outcome])
    factories.LeerwerktaakFactory(title="Leeromgeving buiten school", year_1=False, year_3=True,
                                  uses_outside_school=True)
    client.force_login(personas.student.user)
    url = reverse("leerwerktaken:leerwerktaak_list")

    def titles(params):
        return [task.title for task in client.get(url, params).context["page"].object_list]

    assert titles({"study_year": 3}) == ["Leeromgeving buiten school"]
    assert titles({"leeruitkomst": "PO-9"}) == ["Pedagogisch klimaat onderzoeken"]
    assert titles({"kind": "outside"}) == ["Leeromgeving buiten school"]
    assert titles({"q": "onderzoeken"}) == ["Pedagogisch klimaat onderzoeken"]
    assert "Geen leerwerktaken gevonden" in client.get(url, {"q": "bestaatniet"}).content.decode()


def test_catalogue_costs_the_same_queries_for_one_task_and_many(client, personas, count_queries):
    outcomes = [factories.LeeruitkomstFactory() for _ in range(3)]
    speerpunt = factories.SpeerpuntFactory()
    factories.LeerwerktaakFactory(leeruitkomsten=outcomes, speerpunten=[speerpunt])
    client.force_login(personas.student.user)
    url = reverse("leerwerktaken:leerwerktaak_list")
    small = count_queries(client, url)[0]
    for _ in range(30):
        factories.LeerwerktaakFactory(leeruitkomsten=outcomes, speerpunten=[speerpunt])
    assert count_queries(client, url)[0] == small


def test_coordinator_creates_a_task_with_at_least_one_study_year(client, personas):
    client.force_login(personas.coordinator.user)
    data = {"title": "Lesbezoek analyseren", "description": "Kijk bij een collega.",
            "criteria": "Observatie\nReflectie"}
    response = client.post(reverse("leerwerktaken:leerwerktaak_create"), data)
    assert "Kies minstens één studiejaar." in response.content.decode()
    response = client.post(reverse("leerwerktaken:leerwerktaak_create"),
                           {**data, "year_2": "on", "is_active": "on"}, follow=True)
    assert "Leerwerktaak ‘Lesbezoek analyseren’ opgeslagen." in response.content.decode()


# Assignments, submissions and files -------------------------------------------------------


def test_coordinator_assigns_a_group_task_across_schools(client, personas):
    first = personas.other_student  # first-year at the other school
    second = factories.StudentFactory(study_year=1)
    factories.StageFactory(student=second, school=personas.school, schooljaar=personas.schooljaar)
    task = factories.LeerwerktaakFactory(title="Klimaat samen", is_group_task=True, year_1=True)
    client.force_login(personas.coordinator.user)
    url = reverse("leerwerktaken:toewijzing_create", args=[task.uuid])
    page = client.get(url).content.decode()
    assert str(personas.student) not in page  # third year: not offered for a first-year task
    response = client.post(url, {"students": [first.pk], "due_date": "2030-01-10"})
    assert "Een groepstaak heeft minstens twee studenten nodig." in response.content.decode()
    response = client.post(url, {"students": [first.pk, second.pk], "due_date": "2030-01-10"},
                           follow=True)
    toewijzing = Toewijzing.objects.get(leerwerktaak=task)
    assert set(toewijzing.students.all()) == {first, second}
    assert "toegewezen aan" in response.content.decode()


def _group(personas):
    """A group task for personas.student and personas.other_student (different schools)."""
    task = factories.LeerwerktaakFactory(is_group_task=True, year_1=True, year_3=True)
    return factories.ToewijzingFactory(
        leerwerktaak=task, students=[personas.student, personas.other_student])


def test_one_group_member_uploads_and_the_other_sees_and_downloads_it(client, personas):
    toewijzing = _group(personas)
    client.force_login(personas.student.user)
    response = client.post(toewijzing.get_absolute_url(), {
        "text": "Onze analyse", "action": "hand_in",
        "files": [SimpleUploadedFile("klimaat.pdf", b"%PDF-1.4 analyse")]}, follow=True)
    assert "ingeleverd (versie 1)" in response.content.decode()
    bestand = Bestand.objects.get()
    client.force_login(personas.other_student.user)
    page = client.get(toewijzing.get_absolute_url()).content.decode()
    assert "klimaat.pdf" in page and "Onze analyse" in page
    download = client.get(bestand.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 analyse"
    assert 'filename="klimaat.pdf"' in download["Content-Disposition"]
    # The other student's mentor sees it too; a stranger's mentor does not.
    client.force_login(personas.other_wpb.user)
    assert client.get(bestand.get_absolute_url()).status_code == 200
    client.force_login(factories.StudentFactory().user)
    assert client.get(bestand.get_absolute_url()).status_code == 404
    client.force_login(personas.coordinator.user)
    assert client.get(bestand.get_absolute_url()).status_code == 404


def test_a_bad_upload_shows_a_clear_error_and_keeps_the_typed_text(client, personas):
    toewijzing = factories.ToewijzingFactory(students=[personas.student])
    client.force_login(personas.student.user)
    response = client.post(toewijzing.get_absolute_url(), {
        "text": "Nieuwe tekst", "action": "save",
        "files": [SimpleUploadedFile("virus.exe", b"MZ")]})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Bestanden zoals ‘virus.exe’ kun je niet inleveren." in content
    assert "Nieuwe tekst" in content
    assert Bestand.objects.count() == 0
    response = client.post(toewijzing.get_absolute_url(), {
        "text": "Nieuwe tekst", "action": "save", "files": [SimpleUploadedFile("leeg.pdf", b"")]})
    assert "is leeg" in response.content.decode()


def test_a_draft_file_can_be_removed_by_the_student(client, personas):
    toewijzing = factories.ToewijzingFactory(students=[personas.student])
    client.force_login(personas.student.user)
    client.post(toewijzing.get_absolute_url(), {
        "text": "", "action": "save", "files": [SimpleUploadedFile("a.png", b"png")]})
    bestand = Bestand.objects.get()
    client.force_login(personas.wpb.user)
    assert client.post(reverse("leerwerktaken:bestand_delete", args=[bestand.uuid])).status_code == 403
    client.force_login(personas.student.user)
    client.post(reverse("leerwerktaken:bestand_delete", args=[bestand.uuid]))
    assert Bestand.objects.count() == 0


def test_files_are_stored_under_media_root_not_a_public_url(client, personas, private_media):
    toewijzing = factories.ToewijzingFactory(students=[personas.student])
    client.force_login(personas.student.user)
    client.post(toewijzing.get_absolute_url(), {
        "text": "", "action": "save", "files": [SimpleUploadedFile("a.pdf", b"%PDF")]})
    bestand = Bestand.objects.get()
    assert bestand.file.path.startswith(str(private_media / "private"))
    assert client.get("/media/" + bestand.file.name).status_code == 404


def test_task_lists_cost_the_same_queries_for_one_and_many(client, personas, count_queries):
    factories.ToewijzingFactory(students=[personas.student])
    client.force_login(personas.wpb.user)
    url = reverse("leerwerktaken:toewijzing_list")
    small = count_queries(client, url)[0]
    for _ in range(20):
        factories.ToewijzingFactory(students=[personas.student, factories.StudentFactory()])
    assert count_queries(client, url)[0] == small


# Feedback and completion ------------------------------------------------------------------


def test_wpb_gives_feedback_per_criterion_and_completes_with_evidence(client, personas):
    outcome = factories.LeeruitkomstFactory(code="PB-7", title="Klimaat")
    task = factories.LeerwerktaakFactory(criteria="Onderbouwing\nVoorbeelden",
                                         leeruitkomsten=[outcome])
    toewijzing = factories.ToewijzingFactory(leerwerktaak=task, students=[personas.student])
    services.save_inlevering(inlevering=toewijzing.inlevering, text="Af", by=personas.student.user)
    services.hand_in(inlevering=toewijzing.inlevering, by=personas.student.user)
    client.force_login(personas.wpb.user)
    url = reverse("leerwerktaken:feedback_create", args=[toewijzing.uuid])
    response = client.post(url, {"text": ""})
    assert "Schrijf feedback of beoordeel minstens één criterium." in response.content.decode()
    client.post(url, {"rating_0": "at_level", "comment_0": "Sterk onderbouwd", "text": "Top"})
    feedback = Feedback.objects.get()
    assert [(r.criterion, r.rating, r.comment) for r in feedback.regels.all()] == [
        ("Onderbouwing", "at_level", "Sterk onderbouwd")]
    client.force_login(personas.student.user)
    page = client.get(toewijzing.get_absolute_url()).content.decode()
    assert "Sterk onderbouwd" in page and "op het verwachte niveau" in page
    assert client.post(url, {"text": "Zelf"}).status_code == 403
    client.force_login(personas.wpb.user)
    client.post(reverse("leerwerktaken:toewijzing_complete", args=[toewijzing.uuid]),
                {"leeruitkomsten": [outcome.pk]})
    toewijzing.inlevering.refresh_from_db()
    assert toewijzing.inlevering.status == InleveringStatus.COMPLETED
    evidence = client.get(reverse("leerwerktaken:student_evidence", args=[personas.student.uuid]))
    row = next(r for r in evidence.context["evidence"] if r.leeruitkomst == outcome)
    assert [label for _d, label, _u in row.items] == [f"Leerwerktaak: {task.title}"]


def test_extra_mentor_reads_but_cannot_complete(client, personas):
    toewijzing = factories.ToewijzingFactory(students=[personas.student],
                                             inlevering__status="handed_in")
    client.force_login(personas.extra_mentor.user)
    assert client.get(toewijzing.get_absolute_url()).status_code == 200
    response = client.post(reverse("leerwerktaken:toewijzing_complete", args=[toewijzing.uuid]))
    assert response.status_code == 403


# Evidence, progress and coverage ----------------------------------------------------------


def _completed(student, outcome, **kwargs):
    toewijzing = factories.ToewijzingFactory(students=[student], inlevering__status="completed",
                                             **kwargs)
    inlevering = toewijzing.inlevering
    inlevering.completed_at = datetime.datetime(2030, 1, 5, 12, tzinfo=datetime.UTC)
    inlevering.save()
    inlevering.evidence_leeruitkomsten.set([outcome])
    return toewijzing


def _evidence_rows(client, user, student) -> dict[str, list[tuple]]:
    client.force_login(user)
    response = client.get(reverse("leerwerktaken:student_evidence", args=[student.uuid]))
    assert response.status_code == 200
    return {row.leeruitkomst.code: [tuple(item) for item in row.items]
            for row in response.context["evidence"]}


def test_evidence_of_every_kind_oldest_first_and_only_what_each_viewer_may_see(client, personas):
    """Each source's evidence as the page shows it: completed work, day-log entries and
    visits about a learning question, goals and interim ratings. A question marked "only
    me" is the student's alone; a goal from meeting notes not yet shared, and a draft
    evaluation, are the mentors' alone. On one day: day log, visits, tasks, then goals."""
    Leeruitkomst.objects.all().delete()
    outcome = factories.LeeruitkomstFactory(code="LU1")
    factories.LeeruitkomstFactory(code="LU2")
    student, stage, amsterdam = personas.student, personas.stage, timezone.get_current_timezone()
    toewijzing = _completed(student, outcome, leerwerktaak__title="Les ontwerpen")
    toewijzing.inlevering.completed_at = datetime.datetime(2030, 1, 3, 12, tzinfo=amsterdam)
    toewijzing.inlevering.save()
    shared = factories.LeervraagFactory(student=student, title="Iedereen erbij",
                                        leeruitkomsten=[outcome])
    own = factories.LeervraagFactory(student=student, title="Alleen voor mij",
                                     visibility=Visibility.PRIVATE, leeruitkomsten=[outcome])
    entry = factories.LogregelFactory(stage=stage, leervraag=shared, hours=Decimal("1.25"),
                                      date=datetime.date(2030, 1, 3))
    confirmed = factories.LogregelFactory(stage=stage, leervraag=own, hours=Decimal("2"),
                                          date=datetime.date(2030, 1, 4),
                                          confirmed_at=timezone.now(),
                                          confirmed_by=personas.wpb.user)
    visit = factories.LesbezoekFactory(student=student, leervraag=shared,
                                       status=LesbezoekStatus.ACCEPTED,
                                       date=datetime.date(2030, 1, 3))
    factories.LesbezoekFactory(student=student, leervraag=shared, date=datetime.date(2030, 1, 3))
    factories.LeerdoelFactory(stage=stage, title="Rust in de klas", leeruitkomsten=[outcome],
                              created_at=datetime.datetime(2030, 1, 3, 0, 30, tzinfo=amsterdam))
    factories.LeerdoelFactory(stage=stage, title="Uit de notities", leeruitkomsten=[outcome],
                              gesprek=factories.DriehoeksgesprekFactory(stage=stage),
                              created_at=datetime.datetime(2030, 1, 8, 9, tzinfo=amsterdam))
    evaluation = factories.TussenevaluatieFactory(stage=stage, date=datetime.date(2030, 1, 6),
                                                  shared_at=timezone.now())
    factories.OordeelFactory(tussenevaluatie=evaluation, leeruitkomst=outcome, niveau=2)
    draft = factories.TussenevaluatieFactory(stage=stage, date=datetime.date(2030, 1, 7))
    factories.OordeelFactory(tussenevaluatie=draft, leeruitkomst=outcome, niveau=3)
    task = ("Leerwerktaak: Les ontwerpen",
            reverse("leerwerktaken:toewijzing_detail", args=[toewijzing.uuid]))
    visited = (f"Lesbezoek bij {visit.host}", visit.get_absolute_url())
    goal = ("Leerdoel: Rust in de klas", reverse("driehoek:stage", args=[stage.uuid]))
    rated = ("Tussenevaluatie: in ontwikkeling", evaluation.get_absolute_url())
    day = datetime.date
    assert _evidence_rows(client, student.user, student) == {"LU1": [
        (day(2030, 1, 3), "Logboek: Iedereen erbij (1,25 uur)", entry.get_absolute_url()),
        (day(2030, 1, 3), *visited),
        (day(2030, 1, 3), *task),
        (day(2030, 1, 3), *goal),  # made at 00:30 in Amsterdam, the 2nd in UTC
        (day(2030, 1, 4), "Logboek: Alleen voor mij (2 uur)",
         f"{reverse('begeleiding:logboek')}#logregel-{confirmed.uuid}"),
        (day(2030, 1, 6), *rated),
    ], "LU2": []}
    logboek = reverse("begeleiding:logboek_student", args=[student.uuid])
    assert _evidence_rows(client, personas.wpb.user, student) == {"LU1": [
        (day(2030, 1, 3), "Logboek: Iedereen erbij (1,25 uur)",
         f"{logboek}#logregel-{entry.uuid}"),
        (day(2030, 1, 3), *visited),
        (day(2030, 1, 3), *task),
        (day(2030, 1, 3), *goal),
        (day(2030, 1, 6), *rated),
        (day(2030, 1, 7), "Tussenevaluatie: op startbekwaam niveau", draft.get_absolute_url()),
        (day(2030, 1, 8), "Leerdoel: Uit de notities", goal[1]),
    ], "LU2": []}
    # Asked directly, every source gives someone outside the student's circle nothing.
    outcomes = list(Leeruitkomst.objects.all())
    for source in registries.evidence_sources:
        assert source(user=personas.other_wpb.user, student=student,
                      leeruitkomsten=outcomes) == {}


def test_evidence_page_gives_the_meaning_at_the_school_of_the_newest_placement(client, personas):
    Leeruitkomst.objects.all().delete()
    outcome = factories.LeeruitkomstFactory(code="LU1", description="Algemeen LU1")
    factories.LeeruitkomstFactory(code="LU2", description="Algemeen LU2")
    factories.LeeruitkomstFactory(code="LU3", is_active=False)
    earlier = factories.SchooljaarFactory(start_year=personas.schooljaar.start_date.year - 1)
    factories.StageFactory(student=personas.student, school=personas.other_school,
                           schooljaar=earlier)
    factories.InvullingFactory(leeruitkomst=outcome, school=personas.school,
                               indicators="- Werkt met drie niveaus\n- Geeft verlengde instructie")
    factories.InvullingFactory(leeruitkomst=outcome, school=personas.other_school,
                               indicators="Gebruikt een weektaak")
    client.force_login(personas.wpb.user)
    response = client.get(reverse("leerwerktaken:student_evidence", args=[personas.student.uuid]))
    rows = response.context["evidence"]
    assert [(row.leeruitkomst.code, row.invulling and row.invulling.indicator_list)
            for row in rows] == [
        ("LU1", ["Werkt met drie niveaus", "Geeft verlengde instructie"]), ("LU2", None)]
    content = response.content.decode()
    assert f"Op {personas.school.name}" in content and "Gebruikt een weektaak" not in content
    assert "Algemeen LU2" in content and "Algemeen LU1" not in content


def test_evidence_and_progress_pages_cost_the_same_queries_for_little_and_much_work(
        client, personas, count_queries):
    Leeruitkomst.objects.all().delete()
    outcomes = [factories.LeeruitkomstFactory() for _ in range(4)]
    _completed(personas.student, outcomes[0])
    client.force_login(personas.wpb.user)
    evidence_url = reverse("leerwerktaken:student_evidence", args=[personas.student.uuid])
    progress_url = reverse("leerwerktaken:progress")
    small = (count_queries(client, evidence_url)[0], count_queries(client, progress_url)[0])
    for index in range(15):
        _completed(personas.student, outcomes[index % 4])
        factories.ToewijzingFactory(students=[personas.student])
    assert (count_queries(client, evidence_url)[0], count_queries(client, progress_url)[0]) == small
    row = client.get(progress_url).context["page"].object_list[0]
    assert (row.open_count, row.completed_count, row.covered_count) == (15, 16, 4)


def test_coordinator_sees_coverage_per_school_and_study_year(client, personas, count_queries):
    Leeruitkomst.objects.all().delete()
    outcome, other = factories.LeeruitkomstFactory(code="A-1"), factories.LeeruitkomstFactory(code="B-1")
    _completed(personas.student, outcome)
    client.force_login(personas.coordinator.user)
    url = reverse("leerwerktaken:coverage")
    response = client.get(url)
    rows = {(r.school.name, r.study_year): [(o.code, n) for o, n, _p in r.cells]
            for r in response.context["rows"]}
    assert rows == {("Het Testlyceum", 3): [("A-1", 1), ("B-1", 0)],
                    ("Tweede Testcollege", 1): [("A-1", 0), ("B-1", 0)]}
    small = count_queries(client, url)[0]
    for _ in range(10):
        student = factories.StudentFactory(study_year=2)
        factories.StageFactory(student=student, school=personas.school,
                               schooljaar=personas.schooljaar)
        _completed(student, other)
    assert count_queries(client, url)[0] == small


def test_coverage_counts_only_students_placed_at_the_school(client, personas):
    """A starter's induction at the school is not a placement: the starter is not among the
    students the percentage is of, so their completed work does not count either."""
    Leeruitkomst.objects.all().delete()
    outcome = factories.LeeruitkomstFactory(code="A-1")
    _completed(personas.student, outcome)
    starter = factories.StudentFactory(study_year=personas.student.study_year)
    factories.StageFactory(student=starter, school=personas.school, schooljaar=personas.schooljaar,
                           kind=StageKind.INDUCTIE)
    _completed(starter, outcome)
    client.force_login(personas.coordinator.user)
    rows = client.get(reverse("leerwerktaken:coverage")).context["rows"]
    assert [(r.school.name, r.study_year, r.student_count, [(o.code, n, p) for o, n, p in r.cells])
            for r in rows if r.school == personas.school] == [
        ("Het Testlyceum", personas.student.study_year, 1, [("A-1", 1, 100)])]


def test_student_home_shows_tasks_due_and_the_menu_item(client, personas):
    task = factories.LeerwerktaakFactory(title="Dagstart voorbereiden")
    factories.ToewijzingFactory(leerwerktaak=task, students=[personas.student])
    client.force_login(personas.student.user)
    content = client.get(reverse("home")).content.decode()
    assert "Dagstart voorbereiden" in content
    assert "Leerwerktaken" in content


def test_wpb_home_lists_work_waiting_for_feedback(client, personas):
    task = factories.LeerwerktaakFactory(title="Klas observeren")
    factories.ToewijzingFactory(leerwerktaak=task, students=[personas.student],
                                inlevering__status="handed_in")
    client.force_login(personas.wpb.user)
    content = client.get(reverse("home")).content.decode()
    assert "Klas observeren" in content


def test_calendar_source_gives_open_tasks_with_their_due_date(personas):
    from leerwerktaken.navigation import calendar_events

    due = datetime.date(2030, 2, 3)
    factories.ToewijzingFactory(students=[personas.student], due_date=due)
    start = datetime.datetime(2030, 2, 1, tzinfo=datetime.UTC)
    events = calendar_events(user=personas.student.user, start=start,
                             end=start + datetime.timedelta(days=7))
    assert [event.decoded("dtstart") for event in events] == [due]
    assert calendar_events(user=personas.other_student.user, start=start,
                           end=start + datetime.timedelta(days=7)) == []


def test_completed_work_is_evidence_of_the_day_it_was_completed_in_amsterdam(client, personas):
    """Work completed at 00:30 on 6 January in Amsterdam (23:30 UTC the day before) is
    evidence of 6 January, as the day log and goals are dated by the Dutch day."""
    Leeruitkomst.objects.all().delete()
    outcome = factories.LeeruitkomstFactory(code="LU1")
    toewijzing = _completed(personas.student, outcome, leerwerktaak__title="Na middernacht")
    toewijzing.inlevering.completed_at = datetime.datetime(2030, 1, 5, 23, 30,
                                                           tzinfo=datetime.UTC)
    toewijzing.inlevering.save()
    rows = _evidence_rows(client, personas.student.user, personas.student)
    assert [item[0] for item in rows["LU1"]] == [datetime.date(2030, 1, 6)]


def test_the_calendar_assignments_are_the_querysets_for_every_viewer(personas):
    """The feed's assignments, compiled once per shape (issue 10): the open ones due between
    the days, of the students the person may see; as the ORM's queryset."""
    from leerwerktaken import selectors

    start, end = datetime.date(2030, 2, 1), datetime.date(2030, 2, 8)
    mine = factories.ToewijzingFactory(students=[personas.student], due_date=start)
    factories.ToewijzingFactory(students=[personas.student], due_date=end,
                                inlevering__status="completed")
    factories.ToewijzingFactory(students=[personas.student], due_date=datetime.date(2030, 3, 1))
    theirs = factories.ToewijzingFactory(students=[personas.other_student], due_date=end)
    expected_for = {"student": [mine.pk], "wpb": [mine.pk], "schoolopleider": [mine.pk],
                    "other_wpb": [theirs.pk], "docent": [], "outsider": []}
    for name, expected in expected_for.items():
        user = personas.user(name)
        assignments = selectors.calendar_assignments(user, start, end)
        assert [row.pk for row in assignments] == list(
            selectors.toewijzingen_for(user).filter(
                due_date__gte=start, due_date__lte=end,
                inlevering__status__in=selectors.OPEN_STATUSES).values_list("pk", flat=True)
        ) == expected, name
        assert all(row.leerwerktaak.title for row in assignments)


@pytest.mark.parametrize("name", ["student", "wpb", "schoolopleider", "instituutsopleider",
                                  "extra_mentor", "other_wpb", "docent", "coordinator",
                                  "outsider"])
def test_the_evidence_pages_compiled_scopes_select_what_the_selectors_do(personas, name):
    """The evidence page's three sources put compiled subqueries into their written-out SQL
    (issue 10): the student's questions the person may read, the placements whose triangle
    they are in, the assignments they may see; the same ids as the selectors give."""
    from django.db import connection

    from begeleiding import selectors as begeleiding
    from begeleiding.models import Visibility
    from driehoek import selectors as driehoek
    from leerwerktaken import selectors

    factories.LeervraagFactory(student=personas.student)
    factories.LeervraagFactory(student=personas.student, visibility=Visibility.PRIVATE)
    factories.LeervraagFactory(student=personas.other_student)
    factories.ToewijzingFactory(students=[personas.student])
    factories.ToewijzingFactory(students=[personas.other_student])

    def ids(compiled) -> set:
        if compiled is None:
            return set()
        with connection.cursor() as cursor:
            cursor.execute(*compiled)
            return {row[0] for row in cursor.fetchall()}

    user = personas.user(name)
    for student in (personas.student, personas.other_student):
        assert ids(begeleiding.readable_questions_sql(user, student)) == set(
            begeleiding.leervragen_for(user).filter(student=student).values_list("pk", flat=True))
        assert ids(driehoek.student_triangle_stages_sql(user, student)) == set(
            driehoek.driehoek_stages(user).filter(student=student).values_list("pk", flat=True))
        assert ids(selectors.student_assignments_sql(user, student)) == set(
            selectors.toewijzingen_for(user).filter(students=student).values_list("pk", flat=True))
    if name == "student":
        assert len(ids(begeleiding.readable_questions_sql(user, personas.student))) == 2
