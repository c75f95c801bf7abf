"""Importing the staff list from a spreadsheet (issue 11): the preview writes nothing, every
kind of error is named on its cell, one transaction on confirmation, re-import and the
export's round trip change nothing, and only coordinators reach the pages."""

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from opleidingsschool.imports import medewerkers as staff_importer
from opleidingsschool.models import Expertise, Herinnering, ImportBatch, Medewerker, User

from .. import factories
from ..conftest import PERSONA_NAMES
from ..routes import COORDINATORS
from .spreadsheets import csv_bytes, errors, preview_of, statuses, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["e-mail", "voornaam", "achternaam", "school", "instituut", "functies", "expertise"]
UPLOAD = reverse("partnerschap:medewerker_import")
WIM = ["wim@example.org", "Wim", "Werkplek", "Het Testlyceum", "", "werkplekbegeleider", ""]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(client, personas):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(personas.coordinator.user)
    dirk = personas.docent.user
    dirk.first_name, dirk.last_name = "Dirk", "Docent"
    dirk.save()
    factories.ExpertiseFactory(name="differentiëren")
    factories.ExpertiseFactory(name="klassenmanagement")
    return client


def preview(client, rows, **kwargs):
    return preview_of(client, UPLOAD, csv_bytes(HEADER, rows), **kwargs)


def snapshot_staff():
    """Everything the list holds, per staff member."""
    return {
        m.user.email: (m.user.first_name, m.user.last_name, m.school_id, m.instituut_id,
                       m.is_werkplekbegeleider, m.is_schoolopleider, m.is_instituutsopleider,
                       m.is_coordinator, m.subject, m.visitors_welcome,
                       sorted(e.name for e in m.expertises.all()))
        for m in Medewerker.objects.select_related("user").prefetch_related("expertises")
    }


def test_the_preview_shows_new_changed_and_unchanged_rows_and_writes_nothing(coordinator, personas):
    before = snapshot_staff()
    page = preview(coordinator, [
        WIM,
        ["dirk@example.org", "Dirk", "de Docent", "Het Testlyceum", "", "schoolopleider",
         "Differentiëren"],
        ["nina@example.org", "Nina", "Nieuw", "", "Testhogeschool", "instituutsopleider", ""],
    ])

    assert errors(page) == {}
    assert statuses(page) == {2: "unchanged", 3: "changed", 4: "new"}
    changed = page.context["preview"].rows[1]
    assert changed.changed == ["last_name", "functies", "expertise"]
    assert changed.old == {"last_name": "Docent", "functies": "", "expertise": ""}
    assert snapshot_staff() == before
    assert page.context["can_confirm"] is True


def test_confirming_writes_every_row_and_the_same_file_again_changes_nothing(coordinator, personas):
    personas.docent.subject = "aardrijkskunde"
    personas.docent.visitors_welcome = True
    personas.docent.save()
    content = csv_bytes(HEADER, [
        WIM,
        ["Dirk@Example.org", "Dirk", "Docent", "Het Testlyceum", "", "schoolopleider, wpb",
         "differentiëren, Klassenmanagement"],
        ["Nina@Example.org", "Nina", "Nieuw", "", "testhogeschool", "instituutsopleider", ""],
        ["kees@example.org", "Kees", "Coördinator", "", "", "coördinator", ""],
    ])
    page = preview_of(coordinator, UPLOAD, content)
    response = coordinator.post(page.wsgi_request.path)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "partnerschap:medewerker_import_result", kwargs={"uuid": batch.uuid})
    nina = Medewerker.objects.get(user__email="nina@example.org")
    assert (nina.user.first_name, nina.school, nina.instituut, nina.is_instituutsopleider) == (
        "Nina", None, personas.instituut, True)
    kees = Medewerker.objects.get(user__email="kees@example.org")
    assert (kees.school, kees.instituut, kees.is_coordinator) == (None, None, True)
    dirk = Medewerker.objects.get(pk=personas.docent.pk)
    assert (dirk.user.first_name, dirk.is_schoolopleider, dirk.is_werkplekbegeleider,
            dirk.is_coordinator) == ("Dirk", True, True, False)
    assert sorted(e.name for e in dirk.expertises.all()) == ["differentiëren", "klassenmanagement"]
    # Not in the list: stays as it was.
    assert (dirk.subject, dirk.visitors_welcome) == ("aardrijkskunde", True)
    assert batch.result == {"new": 2, "changed": 1, "unchanged": 1,
                            "new_user_ids": [nina.user_id, kees.user_id]}
    assert Herinnering.objects.count() == 0  # nobody is mailed before the coordinator chooses

    before = snapshot_staff()
    again = preview_of(coordinator, UPLOAD, content)
    assert statuses(again) == {2: "unchanged", 3: "unchanged", 4: "unchanged", 5: "unchanged"}
    assert again.context["can_confirm"] is False
    assert "Nothing to import" in again.content.decode()
    assert coordinator.post(again.wsgi_request.path).status_code == 302
    assert snapshot_staff() == before


def test_each_kind_of_error_is_named_on_its_cell(coordinator, personas):
    page = preview(coordinator, [
        ["a@example.org", "A", "A", "Onbekend College", "", "", ""],
        ["b@example.org", "B", "B", "", "Onbekende Academie", "", ""],
        ["c@example.org", "C", "C", "Het Testlyceum", "Testhogeschool", "", ""],
        ["d@example.org", "D", "D", "", "", "", ""],
        ["dubbel@example.org", "E", "E", "Het Testlyceum", "", "", ""],
        ["DUBBEL@example.org", "F", "F", "Het Testlyceum", "", "", ""],
        ["sanne@example.org", "Sanne", "Student", "Het Testlyceum", "", "", ""],
        ["geen-adres@", "G", "G", "Het Testlyceum", "", "", ""],
        ["h@example.org", "H", "H", "Het Testlyceum", "", "wpb, conciërge, rector", ""],
        ["i@example.org", "I", "I", "Het Testlyceum", "", "", "differentiëren, breien"],
        ["j@example.org", "J", "J", "", "Testhogeschool", "werkplekbegeleider", ""],
        ["k@example.org", "K", "K", "Het Testlyceum", "", "instituutsopleider", ""],
        ["stef@example.org", "Stef", "Starter", "Het Testlyceum", "", "", ""],
        ["l@example.org", "", "L", "Het Testlyceum", "", "", ""],
    ])

    assert errors(page) == {
        2: {"school": "Unknown school ‘Onbekend College’. Use the name as on the schools page."},
        3: {"instituut": "Unknown institute ‘Onbekende Academie’. Use the name as on the "
                         "institutes page."},
        4: {"instituut": "Fill in the school or the institute, not both: a staff member works "
                         "at one of them."},
        5: {"school": "Fill in the school or the institute where this person works."},
        6: {"email": "The same e-mail address is also in row 7."},
        7: {"email": "The same e-mail address is also in row 6."},
        8: {"email": "This e-mail address belongs to a student."},
        9: {"email": "‘geen-adres@’ is not a valid e-mail address."},
        10: {"functies": "Unknown function ‘conciërge’, ‘rector’. Write one or more of: "
                         "werkplekbegeleider, schoolopleider, instituutsopleider, coordinator."},
        11: {"expertise": "Unknown expertise ‘breien’. Use the names as on the expertise page, "
                          "or add them there first."},
        12: {"school": "A workplace mentor or school-based teacher educator works at a school: "
                       "fill in the school."},
        13: {"instituut": "An institute-based teacher educator works at an institute: fill in "
                          "the institute."},
        14: {"email": "This e-mail address belongs to someone in the portal who is not a staff "
                      "member (a starting teacher, say)."},
        15: {"first_name": "Required: this cell is empty."},
    }
    assert page.context["can_confirm"] is False
    html = page.content.decode()
    assert "import-cell-error" in html and "Unknown school ‘Onbekend College’" in html


def test_someone_at_a_school_cannot_be_given_an_institute_as_well(coordinator, personas):
    page = preview(coordinator, [["wim@example.org", "Wim", "Werkplek", "Het Testlyceum",
                                  "Testhogeschool", "werkplekbegeleider", ""]])
    assert errors(page) == {2: {"instituut": "Fill in the school or the institute, not both: a "
                                             "staff member works at one of them."}}


def test_a_mentor_in_a_running_placement_cannot_move_to_another_school(coordinator, personas):
    page = preview(coordinator, [
        ["wim@example.org", "Wim", "Werkplek", "Tweede Testcollege", "", "werkplekbegeleider", ""],
        ["ivo@example.org", personas.instituutsopleider.user.first_name,
         personas.instituutsopleider.user.last_name, "Het Testlyceum", "", "", ""],
    ])
    assert errors(page) == {
        2: {"school": "This person mentors Sanne Student at Het Testlyceum in a running "
                      "placement. Change that placement first."},
        3: {"instituut": "This person is the institute-based teacher educator of Sanne Student "
                         "in a running placement. Change that placement first."},
    }


def test_the_messages_are_dutch_in_the_dutch_portal(client, personas):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    client.force_login(personas.coordinator.user)
    with translation.override("nl"):
        page = preview(client, [
            ["x@example.org", "X", "Y", "Onbekend College", "", "rector", "breien"],
            ["sanne@example.org", "Sanne", "Student", "Het Testlyceum", "Testhogeschool", "", ""],
        ])
    assert errors(page) == {
        2: {"school": "Onbekende school ‘Onbekend College’. Gebruik de naam zoals op de "
                      "pagina met scholen.",
            "functies": "Onbekende functie ‘rector’. Schrijf een of meer van: "
                        "werkplekbegeleider, schoolopleider, instituutsopleider, coordinator.",
            "expertise": "Onbekende expertise ‘breien’. Gebruik de namen zoals op de pagina "
                         "met expertise, of voeg ze daar eerst toe."},
        3: {"instituut": "Vul de school of het instituut in, niet allebei: een medewerker werkt "
                         "bij een van beide.",
            "email": "Dit e-mailadres is van een student."},
    }


def test_a_file_with_an_error_row_writes_nothing(coordinator, personas):
    before = snapshot_staff()
    users_before = User.objects.count()
    page = preview(coordinator, [
        ["goed@example.org", "Goed", "Mens", "Het Testlyceum", "", "", ""],
        ["dirk@example.org", "Dirk", "Anders", "Het Testlyceum", "", "schoolopleider", ""],
        ["fout@example.org", "Fout", "Mens", "Het Testlyceum", "", "rector", ""],
    ])
    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert response.context["refused"] == (
        "The file has rows with errors. Correct them in the file and upload it again; "
        "nothing has been imported.")
    assert User.objects.count() == users_before
    assert snapshot_staff() == before
    assert ImportBatch.objects.get().applied_at is None


def test_a_failure_halfway_through_rolls_back_every_row(coordinator, personas, monkeypatch):
    before = snapshot_staff()
    page = preview(coordinator, [
        ["eerst@example.org", "Eerst", "Nieuw", "Het Testlyceum", "", "", ""],
        ["dirk@example.org", "Dirk", "Anders", "Het Testlyceum", "", "schoolopleider", ""],
    ])

    def fail(**kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(staff_importer.services, "update_medewerker", fail)
    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert response.context["refused"].startswith("Someone changed the same people")
    assert not User.objects.filter(email="eerst@example.org").exists()
    assert snapshot_staff() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_imports_again_as_all_unchanged(coordinator, personas, fmt):
    factories.MedewerkerFactory(
        user__email="formule@example.org", user__first_name="=2+3", user__last_name="@Bakker",
        school=personas.school, is_werkplekbegeleider=True, is_schoolopleider=True,
        expertises=list(Expertise.objects.all()))
    # The staff form allows a school and an institute both: kept as it is.
    factories.MedewerkerFactory(user__email="beide@example.org", school=personas.school,
                                instituut=personas.instituut, is_instituutsopleider=True)
    before = snapshot_staff()

    export = coordinator.get(reverse("partnerschap:medewerker_export", kwargs={"fmt": fmt}))
    assert export.status_code == 200
    assert export["Content-Disposition"].endswith(f'.{fmt}"')
    page = preview_of(coordinator, UPLOAD, export.content, name=f"export.{fmt}")

    assert errors(page) == {}
    assert set(statuses(page).values()) == {"unchanged"}
    # Everyone of the partnership; the coordinator of the second one is not in its list.
    assert len(statuses(page)) == Medewerker.objects.count() - 1 == 9
    assert snapshot_staff() == before


def test_a_corrected_export_changes_only_the_corrected_cells(coordinator, personas):
    personas.docent.subject = "aardrijkskunde"
    personas.docent.save()
    export = coordinator.get(reverse("partnerschap:medewerker_export", kwargs={"fmt": "csv"}))
    lines = export.content.decode("utf-8-sig").splitlines()
    corrected = [
        line.replace(";;;", ";;schoolopleider;klassenmanagement")
        if line.startswith("dirk@example.org;") else line
        for line in lines
    ]
    before = snapshot_staff()
    page = preview_of(coordinator, UPLOAD, "\r\n".join(corrected).encode())

    assert [(row.cells["email"], row.changed) for row in page.context["preview"].rows
            if row.status != "unchanged"] == [("dirk@example.org", ["functies", "expertise"])]
    coordinator.post(page.wsgi_request.path)

    after = snapshot_staff()
    dirk = before.pop("dirk@example.org")
    assert after.pop("dirk@example.org") == (
        *dirk[:5], True, *dirk[6:8], "aardrijkskunde", dirk[9], ["klassenmanagement"])
    assert after == before


def test_the_preview_costs_the_same_queries_for_one_row_and_thirty(coordinator, personas,
                                                                    count_queries):
    one = preview(coordinator, [WIM]).wsgi_request.path
    rows = [WIM] + [
        [f"p{n}@example.org", "P", "Q", "Het Testlyceum", "", "werkplekbegeleider",
         "differentiëren"] for n in range(29)]
    many = preview(coordinator, rows).wsgi_request.path
    assert count_queries(coordinator, one)[0] == 8
    assert count_queries(coordinator, many)[0] == 8


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_a_valid_file_with_one_example_row(coordinator, personas, fmt):
    response = coordinator.get(
        reverse("partnerschap:medewerker_import_template", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    page = preview_of(coordinator, UPLOAD, response.content, name=f"sjabloon.{fmt}")
    assert [(row.cells, row.status) for row in page.context["preview"].rows] == [({
        "email": "wim.de.vries@school.example.org", "first_name": "Wim", "last_name": "de Vries",
        "school": "Het Testlyceum", "instituut": "", "functies": "werkplekbegeleider, "
        "schoolopleider", "expertise": "differentiëren, klassenmanagement",
    }, "new")]


def test_an_xlsx_file_is_read(coordinator, personas):
    page = preview_of(coordinator, UPLOAD, xlsx_bytes(HEADER, [WIM]), name="staf.xlsx")
    assert statuses(page) == {2: "unchanged"}


def test_new_staff_are_invited_once_through_the_outbox(
    coordinator, personas, mailoutbox, django_capture_on_commit_callbacks
):
    page = preview(coordinator, [
        WIM, ["nina@example.org", "Nina", "Nieuw", "", "Testhogeschool", "", ""],
    ])
    result_url = coordinator.post(page.wsgi_request.path)["Location"]
    result = coordinator.get(result_url)
    assert [u.email for u in result.context["invitable"]] == ["nina@example.org"]
    assert ("1 new staff member has no invitation yet." in result.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(result_url)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(result_url)

    assert [mail.to[0] for mail in mailoutbox] == ["nina@example.org"]
    assert "The new staff members were invited on" in coordinator.get(result_url).content.decode()


# The coordinator of the second partnership: tests/opleidingsschool/test_partnerschappen.py.
@pytest.mark.parametrize("persona", [name for name in PERSONA_NAMES if name not in COORDINATORS])
def test_only_a_coordinator_reaches_the_staff_import(client, personas, persona):
    batch = factories.ImportBatchFactory(
        kind="medewerkers", created_by=personas.coordinator.user,
        rows=[{"row": 2, "cells": dict(zip(
            ["email", "first_name", "last_name", "school", "instituut", "functies", "expertise"],
            ["nina@example.org", "Nina", "Nieuw", "Het Testlyceum", "", "", ""], strict=True))}])
    preview_url = reverse("partnerschap:medewerker_import_preview", kwargs={"uuid": batch.uuid})
    urls = [UPLOAD, preview_url,
            reverse("partnerschap:medewerker_import_template", kwargs={"fmt": "csv"}),
            reverse("partnerschap:medewerker_export", kwargs={"fmt": "csv"})]
    before = snapshot_staff()

    assert [client.get(url).status_code for url in urls] == [302] * 4  # to the login page
    client.force_login(personas.user(persona))
    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert client.post(preview_url).status_code == 404
    assert upload(client, UPLOAD, csv_bytes(HEADER, [WIM])).status_code == 404
    assert snapshot_staff() == before
    assert ImportBatch.objects.get().applied_at is None


def test_the_demo_partnerships_staff_list_imports_again_as_all_unchanged(client, db):
    from django.core.management import call_command

    call_command("seed_demo", "--force", verbosity=0)
    client.force_login(User.objects.get(email="coordinator@example.org"))
    before = snapshot_staff()
    export = client.get(reverse("partnerschap:medewerker_export", kwargs={"fmt": "xlsx"}))
    page = preview_of(client, UPLOAD, export.content, name="export.xlsx")

    assert errors(page) == {}
    assert set(statuses(page).values()) == {"unchanged"}
    assert len(statuses(page)) == Medewerker.objects.count()
    assert snapshot_staff() == before
