"""Importing the placements list from a spreadsheet (issue 11): the preview writes nothing,
every kind of error is named on its cell, the placement and its triangle are written as the
placement form writes them, in one transaction; re-import and the export's round trip change
nothing, and only coordinators reach the pages."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from opleidingsschool.imports import stages as placement_importer
from opleidingsschool.models import Begeleider, BegeleiderStatus, Functie, ImportBatch, Stage

from .. import factories
from ..conftest import PERSONA_NAMES
from ..routes import COORDINATORS
from .spreadsheets import csv_bytes, errors, preview_of, statuses, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["student", "school", "schooljaar", "startdatum", "einddatum", "werkplekbegeleider",
          "schoolopleider", "instituutsopleider", "schooldagen"]
FIELDS = ["student", "school", "schooljaar", "start_date", "end_date", "werkplekbegeleider",
          "schoolopleider", "instituutsopleider", "schooldagen"]
UPLOAD = reverse("partnerschap:stage_import")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(client, personas):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(personas.coordinator.user)
    return client


def dmy(date: datetime.date) -> str:
    return f"{date.day}-{date.month}-{date.year}"


def sanne(personas, **cells) -> list[str]:
    """Sanne's placement as the portal has it (the export's row)."""
    stage = personas.stage
    row = dict(zip(FIELDS, [
        "sanne@example.org", "Het Testlyceum", stage.schooljaar.name, dmy(stage.start_date),
        dmy(stage.end_date), "wim@example.org", "", "ivo@example.org", "ma, di, wo, do, vr",
    ], strict=True))
    assert set(cells) <= set(FIELDS)
    row.update(cells)
    return [row[name] for name in FIELDS]


def otto(personas, **cells) -> list[str]:
    """A new placement: Otto at Het Testlyceum as well."""
    year = personas.schooljaar
    row = dict(zip(FIELDS, [
        "otto@example.org", "Het Testlyceum", year.name,
        (year.start_date + datetime.timedelta(days=40)).isoformat(), dmy(year.end_date),
        "wim@example.org", "olga@example.org", "", "ma, di, do",
    ], strict=True))
    assert set(cells) <= set(FIELDS)
    row.update(cells)
    return [row[name] for name in FIELDS]


def preview(client, rows):
    return preview_of(client, UPLOAD, csv_bytes(HEADER, rows))


def snapshot_stages():
    """Every placement and every mentor row, as they are."""
    return (
        sorted(Stage.objects.values_list(
            "pk", "student_id", "school_id", "schooljaar_id", "start_date", "end_date",
            "schooldagen")),
        sorted(Begeleider.objects.values_list(
            "pk", "stage_id", "medewerker_id", "functie", "status", "ended_at")),
    )


def test_the_preview_shows_new_changed_and_unchanged_rows_and_writes_nothing(coordinator, personas):
    before = snapshot_stages()
    page = preview(coordinator, [
        sanne(personas),
        sanne(personas, school="Tweede Testcollege", werkplekbegeleider="wendy@example.org"),
        otto(personas),
    ])
    page_changed = preview(coordinator, [
        sanne(personas, schoolopleider="olga@example.org", schooldagen="ma, wo"),
    ])

    assert errors(page) == {}
    assert statuses(page) == {2: "unchanged", 3: "new", 4: "new"}
    changed = page_changed.context["preview"].rows[0]
    assert (changed.status, changed.changed, changed.old) == (
        "changed", ["schoolopleider", "schooldagen"],
        {"schoolopleider": "", "schooldagen": "ma, di, wo, do, vr"})
    assert snapshot_stages() == before
    assert page.context["can_confirm"] is True


def test_confirming_writes_placements_and_triangles_as_the_form_does(coordinator, personas):
    year = personas.schooljaar
    content = csv_bytes(HEADER, [
        sanne(personas, schoolopleider="olga@example.org", schooldagen="ma, wo"),
        otto(personas),
    ])
    page = preview_of(coordinator, UPLOAD, content)
    response = coordinator.post(page.wsgi_request.path)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "partnerschap:stage_import_result", kwargs={"uuid": batch.uuid})
    assert batch.result == {"new": 1, "changed": 1, "unchanged": 0, "new_user_ids": []}
    new = Stage.objects.get(student=personas.other_student, school=personas.school)
    assert (new.schooljaar, new.start_date, new.end_date, new.schooldagen) == (
        year, year.start_date + datetime.timedelta(days=40), year.end_date, "124")
    assert sorted(new.begeleiders.values_list("medewerker__user__email", "functie", "status")) == [
        ("olga@example.org", Functie.SCHOOLOPLEIDER, BegeleiderStatus.ACTIVE),
        ("wim@example.org", Functie.WERKPLEKBEGELEIDER, BegeleiderStatus.ACTIVE),
    ]
    stage = Stage.objects.get(pk=personas.stage.pk)
    assert stage.schooldagen == "13"
    assert sorted(stage.begeleiders.active().values_list("medewerker__user__email", "functie")) == [
        ("eva@example.org", Functie.EXTRA),
        ("ivo@example.org", Functie.INSTITUUTSOPLEIDER),
        ("olga@example.org", Functie.SCHOOLOPLEIDER),
        ("wim@example.org", Functie.WERKPLEKBEGELEIDER),
    ]
    assert stage.begeleiders.count() == 4

    before = snapshot_stages()
    again = preview_of(coordinator, UPLOAD, content)
    assert statuses(again) == {2: "unchanged", 3: "unchanged"}
    assert again.context["can_confirm"] is False
    assert "Nothing to import" in again.content.decode()
    assert coordinator.post(again.wsgi_request.path).status_code == 302
    assert snapshot_stages() == before


def test_a_new_workplace_mentor_ends_the_old_ones_row(coordinator, personas):
    new_wpb = factories.MedewerkerFactory(user__email="wout@example.org", school=personas.school,
                                          is_werkplekbegeleider=True)
    page = preview(coordinator, [sanne(personas, werkplekbegeleider="wout@example.org")])
    assert page.context["preview"].rows[0].old == {"werkplekbegeleider": "wim@example.org"}
    coordinator.post(page.wsgi_request.path)

    rows = personas.stage.begeleiders.filter(functie=Functie.WERKPLEKBEGELEIDER)
    assert sorted((b.medewerker_id, b.status, b.ended_at is not None) for b in rows) == sorted([
        (personas.wpb.pk, BegeleiderStatus.ENDED, True),
        (new_wpb.pk, BegeleiderStatus.ACTIVE, False),
    ])


def test_empty_optional_cells_keep_what_the_placement_has(coordinator, personas):
    page = preview(coordinator, [sanne(personas, start_date="", end_date="",
                                       werkplekbegeleider="", instituutsopleider="",
                                       schooldagen="")])
    assert statuses(page) == {2: "unchanged"}


def test_a_student_number_names_the_student(coordinator, personas):
    personas.other_student.student_number = "4242"
    personas.other_student.save()
    page = preview(coordinator, [otto(personas, student="4242")])
    assert statuses(page) == {2: "new"}
    assert page.context["preview"].rows[0].values["student"] == personas.other_student


def test_each_kind_of_error_is_named_on_its_cell(coordinator, personas):
    year = personas.schooljaar
    ines = factories.MedewerkerFactory(
        user__email="ines@example.org", school=None,
        instituut=factories.InstituutFactory(name="Andere Academie"), is_instituutsopleider=True)
    # A student per row, so that no two rows are about the same placement by accident.
    emails = [factories.StudentFactory(user__email=f"s{n}@example.org",
                                       opleiding=personas.student.opleiding).user.email
              for n in range(12)]
    spring = str(year.end_date.year)
    cells = [
        {"student": "niemand@example.org"},
        {"school": "Onbekend College"},
        {"schooljaar": "1999-2000"},
        {"start_date": dmy(year.start_date - datetime.timedelta(days=1))},
        {"start_date": f"1-3-{spring}", "end_date": f"1-2-{spring}"},
        {"end_date": "31-2-2027"},
        {"werkplekbegeleider": "wendy@example.org"},
        {"schoolopleider": "wim@example.org"},
        {"instituutsopleider": "wim@example.org"},
        {"instituutsopleider": "ines@example.org"},
        {"werkplekbegeleider": "onbekend@example.org"},
        {"schooldagen": "ma, za"},
        {"schooldagen": "maandag, vrijdag, feestdag"},
    ]
    rows = [otto(personas, **{"student": email, **cell})
            for email, cell in zip(["-", *emails], cells, strict=True)]
    page = preview(coordinator, [*rows, sanne(personas), sanne(personas, schooldagen="ma")])

    assert errors(page) == {
        2: {"student": "No student has the e-mail address or student number "
                       "‘niemand@example.org’. Add the student first (import the students "
                       "list)."},
        3: {"school": "Unknown school ‘Onbekend College’. Use the name as on the schools page."},
        4: {"schooljaar": f"Unknown school year ‘1999-2000’. Write it as on the school years "
                          f"page, e.g. {year.name}."},
        5: {"start_date": f"The start date lies outside school year {year.name}."},
        6: {"end_date": "The end date lies before the start date."},
        7: {"end_date": "‘31-2-2027’ is not a date. Write day-month-year, e.g. 1-9-2026."},
        8: {"werkplekbegeleider": f"{personas.other_wpb} is not a workplace mentor "
                                  "(werkplekbegeleider) at Het Testlyceum."},
        9: {"schoolopleider": "Wim Werkplek is not a school-based teacher educator "
                              "(schoolopleider) at Het Testlyceum."},
        10: {"instituutsopleider": "Wim Werkplek is not an institute-based teacher educator "
                                   "(instituutsopleider) at an institute."},
        11: {"instituutsopleider": f"{ines} is not an institute-based teacher educator of "
                                   "Testhogeschool, the institute of "
                                   f"{page.context['preview'].rows[9].values['student']}."},
        12: {"werkplekbegeleider": "No staff member has the e-mail address "
                                   "‘onbekend@example.org’."},
        13: {"schooldagen": "School days are Monday to Friday, not ‘za’."},
        14: {"schooldagen": "Unknown day ‘feestdag’. Write the days as ma, di, wo, do, vr."},
        15: {"student": "Row 16 is about the same placement (the same student, school and "
                        "school year)."},
        16: {"student": "Row 15 is about the same placement (the same student, school and "
                        "school year)."},
    }
    assert page.context["can_confirm"] is False
    assert "import-cell-error" in page.content.decode()


def test_a_date_outside_the_school_year_on_the_end_date(coordinator, personas):
    year = personas.schooljaar
    page = preview(coordinator, [otto(personas, end_date=dmy(year.end_date
                                                             + datetime.timedelta(days=1)))])
    assert errors(page) == {2: {"end_date": f"The end date lies outside school year {year.name}."}}


def test_the_messages_are_dutch_in_the_dutch_portal(client, personas):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    client.force_login(personas.coordinator.user)
    with translation.override("nl"):
        page = preview(client, [
            otto(personas, student="niemand@example.org", schooljaar="1999-2000",
                 schooldagen="zo"),
            otto(personas, schoolopleider="wim@example.org", end_date="morgen"),
        ])
    assert errors(page) == {
        2: {"student": "Geen student heeft het e-mailadres of studentnummer "
                       "‘niemand@example.org’. Voeg de student eerst toe (importeer de lijst "
                       "met studenten).",
            "schooljaar": f"Onbekend schooljaar ‘1999-2000’. Schrijf het zoals op de pagina "
                          f"met schooljaren, bijvoorbeeld {personas.schooljaar.name}.",
            "schooldagen": "Schooldagen zijn maandag tot en met vrijdag, niet ‘zo’."},
        3: {"end_date": "‘morgen’ is geen datum. Schrijf dag-maand-jaar, bijvoorbeeld 1-9-2026.",
            "schoolopleider": "Wim Werkplek is geen schoolopleider bij Het Testlyceum."},
    }


def test_a_file_with_an_error_row_writes_nothing(coordinator, personas):
    before = snapshot_stages()
    page = preview(coordinator, [
        otto(personas),
        sanne(personas, schoolopleider="olga@example.org"),
        otto(personas, school="Tweede Testcollege", schooljaar="1999-2000"),
    ])
    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert response.context["refused"] == (
        "The file has rows with errors. Correct them in the file and upload it again; "
        "nothing has been imported.")
    assert snapshot_stages() == before
    assert ImportBatch.objects.get().applied_at is None


def test_a_failure_halfway_through_rolls_back_every_row(coordinator, personas, monkeypatch):
    before = snapshot_stages()
    page = preview(coordinator, [otto(personas), sanne(personas, schooldagen="ma")])
    real_save_stage = placement_importer.services.save_stage

    def fail_on_the_second(**kwargs):
        if kwargs.get("stage") is not None:
            raise IntegrityError("duplicate key")
        return real_save_stage(**kwargs)

    monkeypatch.setattr(placement_importer.services, "save_stage", fail_on_the_second)
    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert response.context["refused"].startswith("Someone changed the same people")
    assert snapshot_stages() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_imports_again_as_all_unchanged(coordinator, personas, fmt):
    # A placement without a triangle and with its own days: the round trip keeps them.
    factories.StageFactory(student=personas.other_student, school=personas.school,
                           schooljaar=personas.schooljaar, schooldagen="25")
    before = snapshot_stages()

    export = coordinator.get(reverse("partnerschap:stage_export", kwargs={"fmt": fmt}))
    assert export.status_code == 200
    assert export["Content-Disposition"].endswith(f'.{fmt}"')
    page = preview_of(coordinator, UPLOAD, export.content, name=f"export.{fmt}")

    assert errors(page) == {}
    assert set(statuses(page).values()) == {"unchanged"}
    assert len(statuses(page)) == Stage.objects.placements().count() == 3
    assert [row.cells for row in page.context["preview"].rows][0]["schooldagen"] in (
        "ma, di, wo, do, vr", "di, vr")
    assert snapshot_stages() == before


def test_a_corrected_export_changes_only_the_corrected_cells(coordinator, personas):
    year = personas.schooljaar
    export = coordinator.get(reverse("partnerschap:stage_export", kwargs={"fmt": "csv"}))
    lines = export.content.decode("utf-8-sig").splitlines()
    old_end = dmy(personas.stage.end_date)
    new_end = personas.stage.end_date + datetime.timedelta(days=7)
    corrected = [
        line.replace(f";{old_end};", f";{dmy(new_end)};") if line.startswith("sanne@") else line
        for line in lines
    ]
    stages_before, mentors_before = snapshot_stages()
    page = preview_of(coordinator, UPLOAD, "\r\n".join(corrected).encode())

    assert [(row.cells["student"], row.changed) for row in page.context["preview"].rows
            if row.status != "unchanged"] == [("sanne@example.org", ["end_date"])]
    coordinator.post(page.wsgi_request.path)

    stages_after, mentors_after = snapshot_stages()
    assert mentors_after == mentors_before  # no mentor row ended or added
    changed = [row for row in stages_after if row not in stages_before]
    assert changed == [(personas.stage.pk, personas.student.pk, personas.school.pk, year.pk,
                        personas.stage.start_date, new_end, "12345")]


def test_the_preview_costs_the_same_queries_for_one_row_and_thirty(coordinator, personas,
                                                                    count_queries):
    students = [factories.StudentFactory(user__email=f"s{n}@example.org",
                                         opleiding=personas.student.opleiding)
                for n in range(29)]
    one = preview(coordinator, [sanne(personas)]).wsgi_request.path
    many = preview(coordinator, [sanne(personas)] + [
        otto(personas, student=student.user.email) for student in students]).wsgi_request.path
    assert count_queries(coordinator, one)[0] == 8
    assert count_queries(coordinator, many)[0] == 8


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_a_valid_file_with_one_example_row(coordinator, personas, fmt):
    response = coordinator.get(reverse("partnerschap:stage_import_template", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    page = preview_of(coordinator, UPLOAD, response.content, name=f"sjabloon.{fmt}")
    year = personas.schooljaar
    assert [row.cells for row in page.context["preview"].rows] == [dict(zip(FIELDS, [
        "jan.jansen@student.example.org", "Het Testlyceum", year.name,
        f"1-9-{year.start_date.year}", f"30-6-{year.end_date.year}",
        "wim.de.vries@school.example.org", "", "ivo@instituut.example.org", "ma, di, do",
    ], strict=True))]


def test_an_xlsx_file_with_date_cells_is_read(coordinator, personas):
    stage = personas.stage
    row = sanne(personas)
    row[3], row[4] = stage.start_date, stage.end_date
    page = preview_of(coordinator, UPLOAD, xlsx_bytes(HEADER, [row]), name="stages.xlsx")
    assert statuses(page) == {2: "unchanged"}


# The coordinator of the second partnership: tests/opleidingsschool/test_partnerschappen.py.
@pytest.mark.parametrize("persona", [name for name in PERSONA_NAMES if name not in COORDINATORS])
def test_only_a_coordinator_reaches_the_placements_import(client, personas, persona):
    batch = factories.ImportBatchFactory(
        kind="stages", created_by=personas.coordinator.user,
        rows=[{"row": 2, "cells": dict(zip(FIELDS, otto(personas), strict=True))}])
    preview_url = reverse("partnerschap:stage_import_preview", kwargs={"uuid": batch.uuid})
    urls = [UPLOAD, preview_url,
            reverse("partnerschap:stage_import_template", kwargs={"fmt": "csv"}),
            reverse("partnerschap:stage_export", kwargs={"fmt": "csv"})]
    before = snapshot_stages()

    assert [client.get(url).status_code for url in urls] == [302] * 4  # to the login page
    client.force_login(personas.user(persona))
    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert client.post(preview_url).status_code == 404
    assert upload(client, UPLOAD, csv_bytes(HEADER, [otto(personas)])).status_code == 404
    assert snapshot_stages() == before
    assert ImportBatch.objects.get().applied_at is None


def test_the_demo_partnerships_placements_import_again_as_all_unchanged(client, db):
    from django.core.management import call_command

    from opleidingsschool.models import User

    call_command("seed_demo", "--force", verbosity=0)
    client.force_login(User.objects.get(email="coordinator@example.org"))
    before = snapshot_stages()
    export = client.get(reverse("partnerschap:stage_export", kwargs={"fmt": "csv"}))
    page = preview_of(client, UPLOAD, export.content, name="export.csv")

    assert errors(page) == {}
    assert set(statuses(page).values()) == {"unchanged"}
    assert len(statuses(page)) == Stage.objects.placements().open().count() > 1
    assert snapshot_stages() == before


def test_a_mentor_who_moved_on_blocks_only_a_change_of_the_placement(coordinator, personas):
    # Wim went to the other school; his row in Sanne's placement is still there.
    wpb = personas.wpb
    wpb.school = personas.other_school
    wpb.save()

    unchanged = preview(coordinator, [sanne(personas)])
    changed = preview(coordinator, [sanne(personas, schooldagen="ma", werkplekbegeleider="")])

    assert statuses(unchanged) == {2: "unchanged"}
    assert errors(changed) == {2: {"werkplekbegeleider": "Wim Werkplek is not a workplace mentor "
                                                         "(werkplekbegeleider) at Het Testlyceum."}}
