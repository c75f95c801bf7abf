"""Importing the students list from a spreadsheet (issue 11): a preview that writes nothing,
one transaction on confirmation, re-import unchanged, the export's round trip, invitations
once, and bad files refused with a message."""

import datetime
import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from opleidingsschool.imports import studenten as studenten_importer
from opleidingsschool.imports.tables import escape, unescape
from opleidingsschool.models import Herinnering, ImportBatch, Student, User

from .. import factories
from . import spreadsheets
from .spreadsheets import errors, statuses

pytestmark = pytest.mark.django_db

HEADER = ["e-mail", "voornaam", "achternaam", "opleiding", "studiejaar", "studentnummer"]
UPLOAD = reverse("partnerschap:student_import")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(client, personas):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(personas.coordinator.user)
    personas.student.student_number = "100"
    personas.student.save()
    return client


def csv_bytes(rows, *, header=HEADER, **kwargs) -> bytes:
    return spreadsheets.csv_bytes(header, rows, **kwargs)


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    return spreadsheets.xlsx_bytes(header, rows)


def upload(client, content: bytes, name="studenten.csv"):
    return spreadsheets.upload(client, UPLOAD, content, name)


def preview_of(client, content: bytes, name="studenten.csv"):
    return spreadsheets.preview_of(client, UPLOAD, content, name)


def upload_error(response) -> list[str]:
    assert response.status_code == 200
    return response.context["form"].errors["file"]


SANNE = ["sanne@example.org", "Sanne", "Student", "Leraar Geschiedenis", "3", "100"]


def test_the_preview_shows_new_changed_and_unchanged_rows_and_writes_nothing(coordinator, personas):
    other = personas.other_student
    users_before = User.objects.count()
    page = preview_of(coordinator, csv_bytes([
        SANNE,
        [other.user.email, other.user.first_name, "Nieuwenhuis", "Leraar Geschiedenis", "2", ""],
        ["lotte@example.org", "Lotte", "de Vries", "leraar geschiedenis", "1", "200"],
    ]))

    assert errors(page) == {}
    assert statuses(page) == {2: "unchanged", 3: "changed", 4: "new"}
    changed = page.context["preview"].rows[1]
    assert changed.changed == ["last_name", "study_year"]
    assert changed.old == {"last_name": other.user.last_name, "study_year": "1"}
    assert User.objects.count() == users_before
    other.refresh_from_db()
    assert other.study_year == 1
    assert page.context["can_confirm"] is True


def test_confirming_writes_every_row_and_the_same_file_again_changes_nothing(coordinator, personas):
    content = csv_bytes([
        SANNE,
        [personas.other_student.user.email, "Otto", "Ooms", "Leraar Geschiedenis", "2", "300"],
        ["Lotte@Example.org", "Lotte", "de Vries", "Leraar Geschiedenis", "1", "200"],
    ])
    page = preview_of(coordinator, content)
    response = coordinator.post(page.wsgi_request.path)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "partnerschap:student_import_result", kwargs={"uuid": batch.uuid})
    lotte = Student.objects.get(user__email="lotte@example.org")
    assert (lotte.user.first_name, lotte.study_year, lotte.student_number) == ("Lotte", 1, "200")
    otto = Student.objects.get(pk=personas.other_student.pk)
    assert (otto.user.first_name, otto.user.last_name, otto.study_year, otto.student_number) == (
        "Otto", "Ooms", 2, "300")
    assert batch.result == {"new": 1, "changed": 1, "unchanged": 1,
                            "new_user_ids": [lotte.user_id]}
    assert Herinnering.objects.count() == 0  # nobody is mailed before the coordinator chooses

    again = preview_of(coordinator, content)
    assert statuses(again) == {2: "unchanged", 3: "unchanged", 4: "unchanged"}
    assert again.context["can_confirm"] is False
    assert "Nothing to import" in again.content.decode()


def test_each_kind_of_error_is_named_on_its_cell(coordinator, personas):
    staff = personas.wpb.user
    page = preview_of(coordinator, csv_bytes([
        ["nieuw@example.org", "Nina", "Nieuw", "Leraar Sterrenkunde", "2", ""],
        ["jaar@example.org", "Jan", "Jaar", "Leraar Geschiedenis", "5", ""],
        ["geen-adres@", "Gijs", "Geen", "Leraar Geschiedenis", "1", ""],
        ["dubbel@example.org", "Dirk", "Dubbel", "Leraar Geschiedenis", "1", ""],
        ["DUBBEL@example.org", "Daan", "Dubbel", "Leraar Geschiedenis", "1", ""],
        [personas.other_student.user.email, "Otto", "Ander", "Leraar Geschiedenis", "1", "100"],
        [staff.email, "Wim", "Werkplek", "Leraar Geschiedenis", "1", ""],
        ["leeg@example.org", "", "Leeg", "Leraar Geschiedenis", "", ""],
    ]))

    assert errors(page) == {
        2: {"opleiding": "Unknown programme ‘Leraar Sterrenkunde’. Use the name as on the "
                         "programmes page, e.g. ‘Leraar Geschiedenis’."},
        3: {"study_year": "The study year is 1, 2, 3 or 4, not ‘5’."},
        4: {"email": "‘geen-adres@’ is not a valid e-mail address."},
        5: {"email": "The same e-mail address is also in row 6."},
        6: {"email": "The same e-mail address is also in row 5."},
        7: {"student_number": "This student number belongs to Sanne Student "
                              "(sanne@example.org), another student of Testhogeschool."},
        8: {"email": "This e-mail address belongs to someone in the portal who is not a "
                     "student (a staff member or a starting teacher)."},
        9: {"first_name": "Required: this cell is empty.",
            "study_year": "Required: this cell is empty."},
    }
    assert page.context["can_confirm"] is False
    html = page.content.decode()
    assert "import-cell-error" in html and "Required: this cell is empty." in html


def test_the_messages_are_dutch_in_the_dutch_portal(client, personas):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    client.force_login(personas.coordinator.user)
    with translation.override("nl"):
        page = preview_of(client, csv_bytes([
            ["x@example.org", "X", "Y", "Leraar Geschiedenis", "7", ""],
        ]))
        missing = upload(client, csv_bytes([["a@example.org"]], header=["e-mail"]))
    assert errors(page) == {2: {"study_year": "Het studiejaar is 1, 2, 3 of 4, niet ‘7’."}}
    assert upload_error(missing) == [
        "De kolommen ‘voornaam’, ‘achternaam’, ‘opleiding’, ‘studiejaar’, ‘studentnummer’ "
        "ontbreken. De eerste rij noemt de kolommen: e-mail, voornaam, achternaam, "
        "opleiding, studiejaar, studentnummer."
    ]


def test_a_file_with_an_error_cannot_be_confirmed_and_writes_nothing(coordinator, personas):
    users_before = User.objects.count()
    page = preview_of(coordinator, csv_bytes([
        ["goed@example.org", "Goed", "Mens", "Leraar Geschiedenis", "1", ""],
        ["fout@example.org", "Fout", "Mens", "Leraar Geschiedenis", "9", ""],
    ]))
    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert response.context["refused"] == (
        "The file has rows with errors. Correct them in the file and upload it again; "
        "nothing has been imported.")
    assert User.objects.count() == users_before
    assert ImportBatch.objects.get().applied_at is None


def test_a_failure_halfway_through_rolls_back_every_row(coordinator, personas, monkeypatch):
    from django.db import IntegrityError

    users_before = User.objects.count()
    page = preview_of(coordinator, csv_bytes([
        ["eerst@example.org", "Eerst", "Nieuw", "Leraar Geschiedenis", "1", ""],
        [personas.other_student.user.email, "Otto", "Anders", "Leraar Geschiedenis", "1", ""],
    ]))

    def fail(**kwargs):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(studenten_importer.services, "update_student", fail)
    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert response.context["refused"].startswith("Someone changed the same people")
    assert User.objects.count() == users_before
    assert not User.objects.filter(email="eerst@example.org").exists()


def test_a_change_made_after_the_preview_is_checked_again_on_confirmation(coordinator, personas):
    page = preview_of(coordinator, csv_bytes([
        ["laat@example.org", "Laat", "Nieuw", "Leraar Geschiedenis", "1", ""],
        ["vroeg@example.org", "Vroeg", "Nieuw", "Leraar Geschiedenis", "1", ""],
    ]))
    factories.MedewerkerFactory(user__email="laat@example.org", school=personas.school)

    response = coordinator.post(page.wsgi_request.path)

    assert response.status_code == 200
    assert not User.objects.filter(email="vroeg@example.org").exists()


def test_a_new_e_mail_address_with_a_known_student_number_is_a_change(coordinator, personas):
    page = preview_of(coordinator, csv_bytes([
        ["sanne.nieuw@example.org", "Sanne", "Student", "Leraar Geschiedenis", "3", "100"],
    ]))
    assert statuses(page) == {2: "changed"}
    coordinator.post(page.wsgi_request.path)
    personas.student.user.refresh_from_db()
    assert personas.student.user.email == "sanne.nieuw@example.org"


def test_an_empty_student_number_leaves_the_portals_number(coordinator, personas):
    page = preview_of(coordinator, csv_bytes([
        ["sanne@example.org", "Sanne", "Student", "Leraar Geschiedenis", "3", ""],
    ]))
    assert statuses(page) == {2: "unchanged"}


@pytest.mark.parametrize("encoding,delimiter", [
    ("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8-sig", ","), ("utf-8", ","), ("cp1252", ","),
])
def test_excel_csv_files_of_every_kind_are_read(coordinator, personas, encoding, delimiter):
    page = preview_of(coordinator, csv_bytes(
        [["rene@example.org", "René", "Hé", "Leraar Geschiedenis", "2", ""]],
        delimiter=delimiter, encoding=encoding))
    assert page.context["preview"].rows[0].cells == {
        "email": "rene@example.org", "first_name": "René", "last_name": "Hé",
        "opleiding": "Leraar Geschiedenis", "study_year": "2", "student_number": "",
    }
    coordinator.post(page.wsgi_request.path)
    assert User.objects.get(email="rene@example.org").first_name == "René"


def test_an_xlsx_file_is_read_and_formulas_stay_text(coordinator, personas):
    page = preview_of(coordinator, xlsx_bytes([
        ["f@example.org", "=1+1", "=HYPERLINK(\"http://x\")", "Leraar Geschiedenis", 2, 12345],
    ]), name="studenten.xlsx")
    row = page.context["preview"].rows[0]
    assert row.cells["first_name"] == "=1+1"
    assert row.cells["last_name"] == '=HYPERLINK("http://x")'
    assert (row.cells["study_year"], row.cells["student_number"]) == ("2", "12345")


def test_extra_columns_are_named_and_ignored_and_blank_rows_keep_row_numbers(coordinator):
    content = (
        b"telefoon;e-mail;voornaam;achternaam;opleiding;studiejaar;studentnummer\r\n"
        b"0612345678;a@example.org;A;B;Leraar Geschiedenis;1;\r\n"
        b"\r\n"
        b";;;;;;\r\n"
        b"0687654321;b@example.org;B;C;Leraar Geschiedenis;8;\r\n"
    )
    page = preview_of(coordinator, content)
    assert page.context["batch"].ignored_columns == ["telefoon"]
    assert statuses(page) == {2: "new", 5: "error"}
    assert "These columns are not part of the list and are not imported: telefoon." in (
        page.content.decode())


@pytest.mark.parametrize("content,name,message", [
    (b"", "leeg.csv", "The submitted file is empty."),
    (b"\r\n;;\r\n", "leeg.csv", "The file is empty: the first row must name the columns."),
    (",".join(HEADER).encode() + b"\r\n", "kop.csv",
     "The file has column names but no rows to import."),
    (b"e-mail,voornaam,achternaam,opleiding,studiejaar\r\na@example.org,A,B,C,1\r\n", "a.csv",
     "The column ‘studentnummer’ is missing. The first row must name the columns: e-mail, "
     "voornaam, achternaam, opleiding, studiejaar, studentnummer."),
    ((",".join([*HEADER, "E-mailadres"]) + "\r\n").encode(), "twee.csv",
     "The column ‘e-mail’ appears twice (as ‘e-mail’ and ‘E-mailadres’). Keep one of them."),
    (b"\x81\x8d\x8f\x90\x9d\x00", "raar.csv",
     "The file cannot be read as text. Save it in Excel as ‘CSV UTF-8’ or as ‘Excel-werkmap "
     "(.xlsx)’ and upload that."),
    (b"PK\x03\x04kapot", "kapot.xlsx",
     "The file is not a readable Excel workbook (.xlsx). Open it in Excel and save it again "
     "as ‘Excel-werkmap (.xlsx)’."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "oud.xls",
     "This kind of file cannot be read. Save it in Excel as ‘Excel-werkmap (.xlsx)’ or as "
     "‘CSV (gescheiden door lijstscheidingsteken)’ and upload that."),
])
def test_a_file_that_cannot_be_read_is_refused_and_stores_nothing(coordinator, content, name, message):
    assert upload_error(upload(coordinator, content, name)) == [message]
    assert ImportBatch.objects.count() == 0


@override_settings(IMPORT_MAX_UPLOAD_BYTES=5 * 1024 * 1024)
def test_a_50_mb_file_is_refused_before_it_is_read(coordinator):
    content = csv_bytes([]) + b"x" * (50 * 1024 * 1024)
    assert upload_error(upload(coordinator, content)) == [
        "The file is 50.0\xa0MB; at most 5.0\xa0MB can be imported. Split the list over "
        "several files, or remove columns and sheets that are not needed."]
    assert ImportBatch.objects.count() == 0


@override_settings(IMPORT_MAX_ROWS=2)
def test_a_file_with_too_many_rows_is_refused(coordinator):
    rows = [[f"p{n}@example.org", "P", "Q", "Leraar Geschiedenis", "1", ""] for n in range(3)]
    assert upload_error(upload(coordinator, csv_bytes(rows))) == [
        "The file has 3 rows; at most 2 can be imported at once."]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_imports_again_as_all_unchanged(coordinator, personas, fmt):
    factories.StudentFactory(user__email="formule@example.org", user__first_name="=2+3",
                             user__last_name="@Bakker", opleiding=personas.student.opleiding,
                             student_number="-7")
    # Two institutes with a programme of the same name: the export says which one.
    twin = factories.OpleidingFactory(name="Leraar Geschiedenis")
    factories.StudentFactory(user__email="tweeling@example.org", opleiding=twin)

    export = coordinator.get(reverse("partnerschap:student_export", kwargs={"fmt": fmt}))
    assert export.status_code == 200
    assert export["Content-Disposition"].endswith(f'.{fmt}"')
    page = preview_of(coordinator, export.content, name=f"export.{fmt}")

    assert set(statuses(page).values()) == {"unchanged"}
    assert len(statuses(page)) == Student.objects.studying().count() == 4


def test_the_csv_export_escapes_cells_that_would_run_as_formulas(coordinator, personas):
    factories.StudentFactory(user__email="formule@example.org", user__first_name="=2+3",
                             user__last_name="+31 Bakker", opleiding=personas.student.opleiding)
    export = coordinator.get(reverse("partnerschap:student_export", kwargs={"fmt": "csv"}))
    text = export.content.decode("utf-8-sig")
    row = next(line for line in text.splitlines() if line.startswith("formule@"))
    assert row.split(";")[1:3] == ["'=2+3", "'+31 Bakker"]
    assert text.splitlines()[0] == ";".join(HEADER)


def test_the_xlsx_export_holds_no_formula(coordinator, personas):
    factories.StudentFactory(user__email="formule@example.org", user__first_name="=2+3",
                             opleiding=personas.student.opleiding)
    export = coordinator.get(reverse("partnerschap:student_export", kwargs={"fmt": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert {cell.data_type for row in sheet.iter_rows() for cell in row} <= {"s", "inlineStr"}
    assert "'=2+3" in [cell.value for cell in sheet["B"]]


def test_escape_and_unescape_are_each_others_inverse():
    for text in ["=1+1", "+31", "-5", "@x", "gewoon", "", "'quote"]:
        assert unescape(escape(text)) == text.strip()
    assert escape("=1+1") == "'=1+1"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_a_valid_file_with_one_example_row(coordinator, personas, fmt):
    response = coordinator.get(
        reverse("partnerschap:student_import_template", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    page = preview_of(coordinator, response.content, name=f"sjabloon.{fmt}")
    assert [row.cells for row in page.context["preview"].rows] == [{
        "email": "jan.jansen@student.example.org", "first_name": "Jan", "last_name": "Jansen",
        "opleiding": "Leraar Geschiedenis", "study_year": "2", "student_number": "500123456",
    }]


def test_an_unknown_format_is_a_404(coordinator):
    assert coordinator.get(
        reverse("partnerschap:student_export", kwargs={"fmt": "pdf"})).status_code == 404


def test_new_students_are_invited_once_through_the_outbox(
    coordinator, personas, mailoutbox, django_capture_on_commit_callbacks
):
    page = preview_of(coordinator, csv_bytes([
        SANNE,
        ["lotte@example.org", "Lotte", "de Vries", "Leraar Geschiedenis", "1", ""],
        ["bas@example.org", "Bas", "Bos", "Leraar Geschiedenis", "2", ""],
    ]))
    result_url = coordinator.post(page.wsgi_request.path)["Location"]
    result = coordinator.get(result_url)
    assert [u.email for u in result.context["invitable"]] == ["bas@example.org", "lotte@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(result_url)
    with django_capture_on_commit_callbacks(execute=True):
        again = coordinator.post(result_url)

    assert response.status_code == again.status_code == 302
    assert sorted(mail.to[0] for mail in mailoutbox) == ["bas@example.org", "lotte@example.org"]
    assert Herinnering.objects.filter(subject_key__startswith="account:").count() == 2
    assert "The new students were invited on" in coordinator.get(result_url).content.decode()


def test_someone_invited_already_is_not_invited_again(coordinator, personas, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    from opleidingsschool import services

    page = preview_of(coordinator, csv_bytes([
        ["lotte@example.org", "Lotte", "de Vries", "Leraar Geschiedenis", "1", ""],
    ]))
    result_url = coordinator.post(page.wsgi_request.path)["Location"]
    services.send_invitation(user=User.objects.get(email="lotte@example.org"))
    assert list(coordinator.get(result_url).context["invitable"]) == []


def test_another_coordinator_does_not_see_my_upload(coordinator, client, personas):
    page = preview_of(coordinator, csv_bytes([SANNE]))
    other = factories.MedewerkerFactory(school=None, is_coordinator=True)
    client.force_login(other.user)
    assert client.get(page.wsgi_request.path).status_code == 404
    assert client.post(page.wsgi_request.path).status_code == 404


def test_an_expired_preview_cannot_be_confirmed_and_old_batches_are_deleted(coordinator):
    page = preview_of(coordinator, csv_bytes([
        ["lotte@example.org", "Lotte", "de Vries", "Leraar Geschiedenis", "1", ""]]))
    batch = ImportBatch.objects.get()
    batch.created_at = timezone.now() - datetime.timedelta(hours=25)
    batch.save()
    response = coordinator.post(page.wsgi_request.path)
    assert response.context["refused"].startswith("This preview is more than a day old.")
    assert not User.objects.filter(email="lotte@example.org").exists()

    batch.created_at = timezone.now() - datetime.timedelta(days=3)
    batch.save()
    preview_of(coordinator, csv_bytes([SANNE]))
    assert ImportBatch.objects.filter(pk=batch.pk).exists() is False


def test_the_preview_costs_the_same_queries_for_one_row_and_many(coordinator, personas,
                                                                  count_queries):
    one = preview_of(coordinator, csv_bytes([SANNE])).wsgi_request.path
    many = preview_of(coordinator, csv_bytes(
        [SANNE] + [[f"p{n}@example.org", "P", "Q", "Leraar Geschiedenis", "1", str(n)]
                   for n in range(50)])).wsgi_request.path
    assert count_queries(coordinator, one)[0] == count_queries(coordinator, many)[0]
