"""The coordinator imports the staff list and then the placements list from spreadsheets, in
a real browser: a file with an error is checked and refused, the corrected one imported. A
new student from the students list is invited, placed, follows the link in the mail, chooses
a password and finds the placement on their home page."""

import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from opleidingsschool.models import Begeleider, Medewerker, Schooljaar, Stage, Student

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STAFF = ["e-mail", "voornaam", "achternaam", "school", "instituut", "functies", "expertise"]
STUDENTS = ["e-mail", "voornaam", "achternaam", "opleiding", "studiejaar", "studentnummer"]
PLACEMENTS = ["student", "school", "schooljaar", "startdatum", "einddatum",
              "werkplekbegeleider", "schoolopleider", "instituutsopleider", "schooldagen"]


def spreadsheet(name: str, header, rows) -> dict:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return {"name": name, "mimeType": "text/csv", "buffer": out.getvalue().encode("utf-8")}


def check_file(page, file: dict) -> None:
    page.set_input_files("input[type=file]", files=[file])
    page.get_by_role("button", name="Bestand controleren").click()


def test_the_coordinator_imports_staff_and_then_their_placements(page, phone, demo):
    school = Medewerker.objects.filter(is_werkplekbegeleider=True).first().school
    student = Student.objects.exclude(stages__school=school).select_related("user").first()
    year = Schooljaar.objects.current()
    log_in(page, "coordinator@example.org")

    page.goto("/partnerschap/medewerkers/")
    page.get_by_role("link", name="Importeren uit een spreadsheet").click()
    new_staff = ["nina.nieuw@example.org", "Nina", "Nieuw", school.name, "",
                 "werkplekbegeleider", ""]
    check_file(page, spreadsheet("medewerkers.csv", STAFF, [
        new_staff, ["student@example.org", "Sam", "Student", school.name, "", "rector", ""],
    ]))
    expect(page.get_by_text("Dit e-mailadres is van een student.")).to_be_visible()
    expect(page.get_by_text("Onbekende functie ‘rector’.", exact=False)).to_be_visible()
    screenshot(page, "import-staff-errors")

    page.get_by_role("link", name="Het verbeterde bestand uploaden").click()
    check_file(page, spreadsheet("medewerkers.csv", STAFF, [new_staff]))
    page.get_by_role("button", name="1 rij importeren").click()
    expect(page.get_by_role("heading", name="Import klaar")).to_be_visible()
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.get_by_text("Er is een uitnodiging verstuurd naar 1 nieuwe medewerker."))\
        .to_be_visible()
    nina = Medewerker.objects.get(user__email="nina.nieuw@example.org")
    assert (nina.school, nina.is_werkplekbegeleider) == (school, True)

    page.goto("/partnerschap/plaatsingen/")
    page.get_by_role("link", name="Importeren uit een spreadsheet").click()
    check_file(page, spreadsheet("stages.csv", PLACEMENTS, [
        [student.user.email, school.name, year.name, "", "", "nina.nieuw@example.org", "", "",
         "ma, di, do"],
    ]))
    expect(page.get_by_text("nieuw", exact=True).first).to_be_visible()
    screenshot(page, "import-placements-preview")
    page.get_by_role("button", name="1 rij importeren").click()
    expect(page.get_by_role("heading", name="Import klaar")).to_be_visible()

    stage = Stage.objects.get(student=student, school=school, schooljaar=year)
    assert (stage.start_date, stage.end_date, stage.schooldagen) == (
        year.start_date, year.end_date, "124")
    assert list(Begeleider.objects.filter(stage=stage).values_list("medewerker", "functie")) == [
        (nina.pk, "wpb")]

    # A new student from the students list: invited, then placed with Nina as mentor.
    page.goto("/partnerschap/studenten/")
    page.get_by_role("link", name="Importeren uit een spreadsheet").click()
    check_file(page, spreadsheet("studenten.csv", STUDENTS, [
        ["noor.nieuw@example.org", "Noor", "Nieuw", str(student.opleiding), "1", ""],
    ]))
    page.get_by_role("button", name="1 rij importeren").click()
    expect(page.get_by_role("heading", name="Import klaar")).to_be_visible()
    mail.outbox.clear()
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.get_by_text("Er is een uitnodiging verstuurd naar 1 nieuwe student."))\
        .to_be_visible()
    page.goto("/partnerschap/plaatsingen/importeren/")
    check_file(page, spreadsheet("stages.csv", PLACEMENTS, [
        ["noor.nieuw@example.org", school.name, year.name, "", "", "nina.nieuw@example.org",
         "", "", ""],
    ]))
    page.get_by_role("button", name="1 rij importeren").click()
    expect(page.get_by_role("heading", name="Import klaar")).to_be_visible()

    # Noor, on her phone: the link in the invitation, a password, her placement.
    (invitation,) = [m for m in mail.outbox if m.to == ["noor.nieuw@example.org"]]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", invitation.body)
    phone.goto(link.group(1))
    expect(phone.get_by_role("heading", name="Kies een wachtwoord")).to_be_visible()
    phone.locator("input[name=password1]").fill("een-lang-wachtwoord-42")
    phone.locator("input[name=password2]").fill("een-lang-wachtwoord-42")
    phone.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(phone.get_by_text("Je bent nu ingelogd als Noor Nieuw.")).to_be_visible()
    placement = phone.get_by_role("main").get_by_text(school.name, exact=True).first
    expect(placement).to_be_visible()
    # The next day: logged out, she logs in with the password she chose.
    phone.context.clear_cookies()
    log_in(phone, "noor.nieuw@example.org", "een-lang-wachtwoord-42")
    expect(phone.get_by_role("main").get_by_text(school.name, exact=True).first).to_be_visible()
    screenshot(phone, "import-invited-student-home")
    assert Student.objects.get(user__email="noor.nieuw@example.org").stages.get().school == school


def test_the_import_check_reads_on_a_phone(phone, demo):
    log_in(phone, "coordinator@example.org")
    phone.goto("/partnerschap/plaatsingen/importeren/")
    check_file(phone, spreadsheet("stages.csv", PLACEMENTS, [
        ["niemand@example.org", "Onbekend College", "1999-2000", "31-2-2027", "", "", "", "",
         "za"],
    ]))
    expect(phone.get_by_text("Onbekend schooljaar ‘1999-2000’.", exact=False)).to_be_visible()
    screenshot(phone, "import-placements-errors-phone")
