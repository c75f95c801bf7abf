"""Two partnerships in one portal: each coordinator manages their own (issue 11).

The personas are the first partnership's; `second` gives the second partnership (the one
`other_coordinator` manages) a school, an institute with a programme, a workplace mentor, a
student and a placement of its own. Each coordinator sees only their own rows in the lists,
searches and form choices, gets a 404 for the other's objects (nothing changed), and their
imports know only their own schools, students and staff.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from opleidingsschool import services
from opleidingsschool.models import (
    ImportBatch,
    Instituut,
    Medewerker,
    Partnerschap,
    ReadRecord,
    School,
    Stage,
    Student,
    User,
)
from opleidingsschool.privacy.readlog import record_read

from .. import factories
from .spreadsheets import csv_bytes, errors, preview_of, statuses

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@dataclass
class Second:
    partnerschap: Partnerschap
    school: School
    instituut: Instituut
    wpb: Medewerker
    student: Student
    stage: Stage


@pytest.fixture
def second(personas) -> Second:
    partnerschap = personas.other_coordinator.partnerschap
    school = factories.SchoolFactory(name="Derde Lyceum", partnerschap=partnerschap)
    instituut = factories.InstituutFactory(name="Noorder Hogeschool", partnerschappen=[partnerschap])
    opleiding = factories.OpleidingFactory(instituut=instituut, name="Leraar Biologie")
    wpb = factories.MedewerkerFactory(
        user__email="bert@example.org", user__first_name="Bert", user__last_name="Begeleider",
        school=school, is_werkplekbegeleider=True)
    student = factories.StudentFactory(
        user__email="bram@example.org", user__first_name="Bram", user__last_name="Buur",
        opleiding=opleiding, partnerschap=partnerschap, student_number="200")
    stage = factories.StageFactory(student=student, school=school, schooljaar=personas.schooljaar)
    factories.BegeleiderFactory(stage=stage, medewerker=wpb)
    factories.StarterFactory(user__email="sem@example.org", user__first_name="Sem",
                             user__last_name="Starter", school=school)
    return Second(partnerschap=partnerschap, school=school, instituut=instituut, wpb=wpb,
                  student=student, stage=stage)


@pytest.fixture
def clients(client, personas):
    """A logged-in client for each coordinator, in English."""
    from django.test import Client

    made = {}
    for name in ("coordinator", "other_coordinator"):
        made[name] = Client(HTTP_ACCEPT_LANGUAGE="en")
        made[name].force_login(personas.user(name))
    return made


def listed(client, name: str, **params) -> list[str]:
    response = client.get(reverse(f"partnerschap:{name}_list"), params)
    assert response.status_code == 200
    return [str(row) for row in response.context["page"].object_list]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def choices(response, field: str) -> list[str]:
    return [label for value, label in response.context["form"].fields[field].choices if value]


# --- Lists and search ----------------------------------------------------------------------


def test_each_coordinator_lists_only_their_own_partnerships_rows(clients, personas, second):
    first, other = clients["coordinator"], clients["other_coordinator"]

    assert listed(first, "school") == ["Het Testlyceum", "Tweede Testcollege"]
    assert listed(other, "school") == ["Derde Lyceum"]
    assert listed(first, "instituut") == ["Testhogeschool"]
    assert listed(other, "instituut") == ["Noorder Hogeschool"]
    assert [row.split(" (")[0] for row in listed(other, "opleiding")] == ["Leraar Biologie"]
    assert "Leraar Biologie" not in " ".join(listed(first, "opleiding"))
    assert listed(other, "student") == ["Bram Buur"]
    assert "Bram Buur" not in listed(first, "student")
    assert len(listed(first, "student")) == 2
    assert listed(other, "stage", schooljaar="") == [str(second.stage)]
    assert str(second.stage) not in listed(first, "stage", schooljaar="")
    assert listed(other, "starter") == ["Sem Starter"]
    assert listed(first, "starter") == [str(personas.starter)]
    assert sorted(listed(other, "medewerker")) == sorted(
        ["Bert Begeleider", str(personas.other_coordinator)])
    assert "Bert Begeleider" not in listed(first, "medewerker")
    assert str(personas.other_coordinator) not in listed(first, "medewerker")


def counted(client) -> dict[str, int]:
    response = client.get(reverse("partnerschap:index"))
    assert response.status_code == 200
    counts = {str(section["heading"]): section["count"] for section in response.context["sections"]}
    return {**counts, "this year": response.context["counts"]["stages_this_year"],
            "incomplete": response.context["counts"]["stages_incomplete"]}


def test_each_coordinator_counts_only_their_own_partnership(clients, personas, second):
    """The overview's counts are one statement written once per process: each partnership's
    numbers, asked one after the other in one process, are its own."""
    first, other = counted(clients["coordinator"]), counted(clients["other_coordinator"])

    assert {key: first[key] for key in ("Placements", "Students", "Starting teachers",
                                         "Schools", "this year", "incomplete")} == {
        "Placements": 2, "Students": 2, "Starting teachers": 1, "Schools": 2,
        "this year": 2, "incomplete": 1}
    assert {key: other[key] for key in ("Placements", "Students", "Starting teachers",
                                        "Schools", "Institutes", "Programmes", "this year",
                                        "incomplete")} == {
        "Placements": 1, "Students": 1, "Starting teachers": 1, "Schools": 1, "Institutes": 1,
        "Programmes": 1, "this year": 1, "incomplete": 1}  # Bram has a wpb, no opleider
    assert counted(clients["coordinator"]) == first  # asked again: still the first's


def test_without_a_current_school_year_the_overview_counts_the_rest(clients, personas, second):
    personas.schooljaar.__class__.objects.update(  # every school year in the past
        start_date=datetime.date(2001, 8, 1), end_date=datetime.date(2002, 7, 31))

    counts = counted(clients["other_coordinator"])

    assert (counts["Placements"], counts["Students"], counts["this year"],
            counts["incomplete"]) == (1, 1, 0, 0)


def test_search_finds_only_the_coordinators_own_people(clients, second):
    first, other = clients["coordinator"], clients["other_coordinator"]

    # Whole names: the personas' random names may contain "bram" or "bert" on their own.
    assert listed(first, "student", q="bram buur") == []
    assert listed(other, "student", q="bram buur") == ["Bram Buur"]
    assert listed(other, "student", q="sanne") == []
    assert listed(first, "stage", q="derde", schooljaar="") == []
    assert listed(first, "medewerker", q="bert begeleider") == []
    assert listed(other, "school", q="lyceum") == ["Derde Lyceum"]


def test_a_filter_naming_the_other_partnerships_school_is_refused(clients, second):
    response = clients["coordinator"].get(
        reverse("partnerschap:student_list"), {"school": second.school.pk})

    assert "school" in response.context["form"].errors
    assert "Bram Buur" not in [str(row) for row in response.context["page"].object_list]


# --- Another partnership's objects: 404, nothing changed -----------------------------------


def _object_urls(personas, second) -> dict[str, tuple[list[str], list[str]]]:
    """Per partnership: the GET pages and the POST actions of its objects."""
    def of(school, student, stage, medewerker, instituut):
        return (
            [reverse("partnerschap:school_edit", args=[school.uuid]),
             reverse("partnerschap:school_delete", args=[school.uuid]),
             reverse("partnerschap:instituut_edit", args=[instituut.uuid]),
             reverse("partnerschap:opleiding_edit", args=[student.opleiding.uuid]),
             reverse("partnerschap:student_edit", args=[student.uuid]),
             reverse("partnerschap:student_end", args=[student.uuid]),
             reverse("partnerschap:stage_detail", args=[stage.uuid]),
             reverse("partnerschap:stage_edit", args=[stage.uuid]),
             reverse("partnerschap:medewerker_detail", args=[medewerker.uuid]),
             reverse("partnerschap:medewerker_edit", args=[medewerker.uuid]),
             reverse("partnerschap:stage_create") + f"?student={student.uuid}"],
            [reverse("partnerschap:school_delete", args=[school.uuid]),
             reverse("partnerschap:instituut_delete", args=[instituut.uuid]),
             reverse("partnerschap:student_end", args=[student.uuid]),
             reverse("partnerschap:student_resend", args=[student.uuid]),
             reverse("partnerschap:medewerker_resend", args=[medewerker.uuid])],
        )

    return {
        "coordinator": of(second.school, second.student, second.stage, second.wpb,
                          second.instituut),
        "other_coordinator": of(personas.other_school, personas.student, personas.stage,
                                personas.wpb, personas.instituut),
    }


def _state():
    return (
        sorted(School.objects.values_list("name", flat=True)),
        sorted(Instituut.objects.values_list("name", flat=True)),
        sorted(User.objects.values_list("email", "is_active")),
        ReadRecord.objects.count(),
    )


@pytest.mark.parametrize("name", ["coordinator", "other_coordinator"])
def test_the_other_partnerships_objects_are_404_and_nothing_changes(
    clients, personas, second, name, mailoutbox
):
    client = clients[name]
    pages, actions = _object_urls(personas, second)[name]
    before = _state()

    got = {url: client.get(url).status_code for url in pages}
    # "Add a placement" for another partnership's student: the form, without that student.
    create = pages.pop()
    assert got.pop(create) == 200
    assert client.get(create).context["form"].initial.get("student") is None
    assert got == dict.fromkeys(pages, 404)
    assert {url: client.post(url).status_code for url in actions} == dict.fromkeys(actions, 404)
    assert _state() == before
    assert mailoutbox == []


def test_each_coordinator_opens_their_own_objects(clients, personas, second):
    for name, (pages, _actions) in _object_urls(personas, second).items():
        own = clients["other_coordinator" if name == "coordinator" else "coordinator"]
        assert {url: own.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)


# --- Forms: only the partnership's choices; new rows are the partnership's -----------------


def test_the_placement_form_offers_only_the_partnerships_schools_students_and_mentors(
    clients, personas, second
):
    first = clients["coordinator"]
    page = first.get(reverse("partnerschap:stage_create"))

    assert choices(page, "school") == ["Het Testlyceum", "Tweede Testcollege"]
    assert "Bram Buur" not in choices(page, "student")
    assert {label.split(" (")[0] for label in choices(page, "werkplekbegeleider")} == {
        str(personas.wpb), str(personas.other_wpb)}  # not Bert Begeleider

    year = personas.schooljaar
    response = first.post(reverse("partnerschap:stage_create"), {
        "student": personas.other_student.pk, "school": second.school.pk,
        "schooljaar": year.pk, "werkplekbegeleider": second.wpb.pk,
        "schooldagen": ["1", "2"],
    })

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"school", "werkplekbegeleider"}
    assert "Select a valid choice" in response.context["form"].errors["school"][0]
    assert not Stage.objects.filter(school=second.school, student=personas.other_student).exists()


def test_the_placement_service_refuses_a_school_of_another_partnership(personas, second):
    year = personas.schooljaar
    with pytest.raises(ValidationError) as refused:
        services.save_stage(student=personas.other_student, school=second.school,
                            schooljaar=year, start_date=year.start_date, end_date=year.end_date)

    assert refused.value.message_dict == {
        "school": ["Choose a school of the student's partnership."]}


def test_new_schools_students_and_coordinators_belong_to_the_coordinators_partnership(
    clients, second, mailoutbox
):
    other = clients["other_coordinator"]
    other.post(reverse("partnerschap:school_create"),
               {"name": "Vierde College", "city": "Assen", "regio": "noord"})
    other.post(reverse("partnerschap:student_create"), {
        "first_name": "Nora", "last_name": "Nieuw", "email": "nora@example.org",
        "opleiding": second.student.opleiding.pk, "study_year": 1})
    other.post(reverse("partnerschap:medewerker_create"), {
        "first_name": "Kees", "last_name": "Coordinator", "email": "kees@example.org",
        "is_coordinator": "on"})

    assert School.objects.get(name="Vierde College").partnerschap == second.partnerschap
    assert Student.objects.get(user__email="nora@example.org").partnerschap == second.partnerschap
    assert Medewerker.objects.get(user__email="kees@example.org").partnerschap == (
        second.partnerschap)
    assert listed(other, "school") == ["Derde Lyceum", "Vierde College"]
    assert "Vierde College" not in listed(clients["coordinator"], "school")


def test_a_programme_of_the_other_partnerships_institute_cannot_be_chosen(clients, second):
    response = clients["coordinator"].post(reverse("partnerschap:student_create"), {
        "first_name": "Nora", "last_name": "Nieuw", "email": "nora@example.org",
        "opleiding": second.student.opleiding.pk, "study_year": 1})

    assert "opleiding" in response.context["form"].errors
    assert not User.objects.filter(email="nora@example.org").exists()


# --- An institute works with several partnerships ------------------------------------------


def test_adding_an_institute_the_portal_has_links_it_to_the_partnership(
    clients, personas, second
):
    other = clients["other_coordinator"]
    url = reverse("partnerschap:instituut_create")

    response = other.post(url, {"name": "testhogeschool", "city": ""})

    assert response.status_code == 302
    assert messages_of(response) == [
        "The portal already had the institute ‘Testhogeschool’ (another partnership works "
        "with it). It now works with your partnership too."]
    assert Instituut.objects.filter(name__iexact="testhogeschool").count() == 1
    assert set(personas.instituut.partnerschappen.values_list("name", flat=True)) == {
        "Opleidingsschool", "Tweede Opleidingsschool"}
    assert listed(other, "instituut") == ["Noorder Hogeschool", "Testhogeschool"]
    assert listed(clients["coordinator"], "instituut") == ["Testhogeschool"]

    again = other.post(url, {"name": "Testhogeschool", "city": ""})
    assert again.status_code == 200
    assert again.context["form"].errors == {
        "name": ["Your partnership already works with ‘Testhogeschool’."]}

    # Shared now: neither partnership can delete it for the other.
    delete = other.post(reverse("partnerschap:instituut_delete", args=[personas.instituut.uuid]))
    assert delete.status_code == 200
    assert "other partnerships work with it too" in delete.context["error"]
    assert Instituut.objects.filter(pk=personas.instituut.pk).exists()


def test_a_new_institute_is_created_for_the_partnership(clients, second):
    other = clients["other_coordinator"]
    other.post(reverse("partnerschap:instituut_create"), {"name": "Zuider Academie", "city": ""})

    assert list(Instituut.objects.get(name="Zuider Academie").partnerschappen.all()) == [
        second.partnerschap]
    assert "Zuider Academie" not in listed(clients["coordinator"], "instituut")


# --- Imports ---------------------------------------------------------------------------------

PLACEMENTS = reverse("partnerschap:stage_import")
PLACEMENT_HEADER = ["student", "school", "schooljaar", "startdatum", "einddatum",
                    "werkplekbegeleider", "schoolopleider", "instituutsopleider", "schooldagen"]
STUDENTS = reverse("partnerschap:student_import")
STUDENT_HEADER = ["e-mail", "voornaam", "achternaam", "opleiding", "studiejaar", "studentnummer"]
STAFF = reverse("partnerschap:medewerker_import")
STAFF_HEADER = ["e-mail", "voornaam", "achternaam", "school", "instituut", "functies",
                "expertise"]


def test_an_import_naming_the_other_partnerships_school_says_unknown_school(
    clients, personas, second
):
    year = personas.schooljaar.name
    page = preview_of(clients["coordinator"], PLACEMENTS, csv_bytes(PLACEMENT_HEADER, [
        ["otto@example.org", "Derde Lyceum", year, "", "", "", "", "", ""],
        ["bram@example.org", "Het Testlyceum", year, "", "", "bert@example.org", "", "", ""],
    ]))

    assert errors(page) == {
        2: {"school": "Unknown school ‘Derde Lyceum’. Use the name as on the schools page."},
        3: {"student": "No student has the e-mail address or student number "
                       "‘bram@example.org’. Add the student first (import the students list).",
            "werkplekbegeleider": "No staff member has the e-mail address "
                                  "‘bert@example.org’."},
    }
    staff = preview_of(clients["coordinator"], STAFF, csv_bytes(STAFF_HEADER, [
        ["nina@example.org", "Nina", "Nieuw", "Derde Lyceum", "", "werkplekbegeleider", ""],
    ]))
    assert errors(staff) == {2: {"school": (
        "Unknown school ‘Derde Lyceum’. Use the name as on the schools page.")}}


def test_an_import_cannot_change_a_student_or_staff_member_of_another_partnership(
    clients, personas, second
):
    before = _state(), list(Student.objects.values_list("pk", "study_year", "opleiding_id"))
    students = preview_of(clients["coordinator"], STUDENTS, csv_bytes(STUDENT_HEADER, [
        ["bram@example.org", "Bram", "Buur", "Leraar Geschiedenis", "4", ""],
    ]))
    staff = preview_of(clients["coordinator"], STAFF, csv_bytes(STAFF_HEADER, [
        ["bert@example.org", "Bert", "Begeleider", "Het Testlyceum", "", "werkplekbegeleider",
         ""],
    ]))

    assert errors(students) == {2: {"email": (
        "This e-mail address belongs to a student of another partnership. Their record "
        "cannot be changed from here.")}}
    assert errors(staff) == {2: {"email": (
        "This e-mail address belongs to a staff member of another partnership. Their record "
        "cannot be changed from here.")}}
    assert clients["coordinator"].post(students.wsgi_request.path).status_code == 200
    assert before == (
        _state(), list(Student.objects.values_list("pk", "study_year", "opleiding_id")))


def test_an_import_writes_into_the_coordinators_partnership(clients, second):
    other = clients["other_coordinator"]
    page = preview_of(other, STUDENTS, csv_bytes(STUDENT_HEADER, [
        ["nora@example.org", "Nora", "Nieuw", "Leraar Biologie", "1", "300"],
        ["bram@example.org", "Bram", "Buur", "Leraar Biologie", "2", "200"],
    ]))
    assert statuses(page) == {2: "new", 3: "changed"}
    assert ImportBatch.objects.get().partnerschap == second.partnerschap

    other.post(page.wsgi_request.path)

    assert Student.objects.get(user__email="nora@example.org").partnerschap == second.partnerschap
    assert Student.objects.get(pk=second.student.pk).study_year == 2
    assert listed(other, "student") == ["Bram Buur", "Nora Nieuw"]
    # The export is the partnership's list only.
    export = other.get(reverse("partnerschap:student_export", kwargs={"fmt": "csv"}))
    emails = [line.split(";")[0] for line in export.content.decode("utf-8-sig").splitlines()[1:]]
    assert emails == ["bram@example.org", "nora@example.org"]


def test_another_partnerships_batch_is_404_and_stays_unconfirmed(clients, personas, second):
    page = preview_of(clients["coordinator"], STUDENTS, csv_bytes(STUDENT_HEADER, [
        ["nina@example.org", "Nina", "Nieuw", "Leraar Geschiedenis", "1", ""],
    ]))
    batch = ImportBatch.objects.get()
    result = reverse("partnerschap:student_import_result", kwargs={"uuid": batch.uuid})
    other = clients["other_coordinator"]

    assert other.get(page.wsgi_request.path).status_code == 404
    assert other.post(page.wsgi_request.path).status_code == 404
    assert other.post(result).status_code == 404
    batch.refresh_from_db()
    assert batch.applied_at is None
    assert not User.objects.filter(email="nina@example.org").exists()


# --- Privacy pages: the coordinator's own people -------------------------------------------


def test_the_read_log_and_account_deletion_reach_only_the_partnerships_people(
    clients, personas, second
):
    stage = personas.stage
    record_read(reader=personas.wpb.user, owner_id=personas.student.user_id, kind="driehoek_notes",
                obj=stage, label="Sanne's notes")
    record_read(reader=second.wpb.user, owner_id=second.student.user_id, kind="driehoek_notes",
                obj=second.stage, label="Bram's notes")
    first, other = clients["coordinator"], clients["other_coordinator"]

    def log(client):
        response = client.get(reverse("privacy:read_log"))
        return [record.label for record in response.context["page"].object_list]

    assert log(first) == ["Sanne's notes"]
    assert log(other) == ["Bram's notes"]

    response = other.get(reverse("privacy:erase"), {"email": "sanne@example.org"})
    assert response.context["person"] is None
    assert response.context["lookup"].errors == {
        "email": ["No account that can be deleted has this e-mail address."]}
    response = other.get(reverse("privacy:erase"), {"email": "bram@example.org"})
    assert response.context["person"] == second.student.user
