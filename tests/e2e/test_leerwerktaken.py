"""The curriculum's journey in a real browser: a cross-school group task from assignment to
evidence."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TASK = "Het pedagogisch klimaat in beeld"


def log_out(page):
    page.context.clear_cookies()


def test_group_task_from_assignment_to_evidence(page, phone, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The coordinator assigns the group task to two first-years at different schools.
    log_in(page, "coordinator@example.org")
    page.get_by_role("link", name="Curriculum").first.click()
    expect(page.get_by_role("heading", name="Leeruitkomsten", exact=True)).to_be_visible()
    screenshot(page, "curriculum-leeruitkomsten")
    page.get_by_role("link", name="Takenoverzicht").click()
    page.get_by_label("Studiejaar").select_option("1")
    page.get_by_role("button", name="Zoeken").click()
    screenshot(page, "curriculum-catalogue")
    page.get_by_role("link", name=TASK).click()
    page.get_by_role("link", name="Toewijzen").first.click()
    page.get_by_label(re.compile(r"Noor El Idrissi – Het Lindecollege")).check()
    page.get_by_label(re.compile(r"Milan de Groot – Scholengemeenschap De Brug")).check()
    due = datetime.date.today() + datetime.timedelta(days=14)
    page.get_by_label("Inleverdatum").fill(due.isoformat())
    screenshot(page, "curriculum-assign")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("toegewezen aan Noor El Idrissi, Milan de Groot", exact=False)) \
        .to_be_visible()
    page.get_by_role("link", name="Dekking").click()
    screenshot(page, "curriculum-coverage")
    log_out(page)

    # Noor hands in text and a file for the group.
    upload = tmp_path / "klimaat-poster.pdf"
    upload.write_bytes(b"%PDF-1.4 poster over het pedagogisch klimaat")
    log_in(page, "noor.elidrissi@example.org")
    expect(page.get_by_role("heading", name="Leerwerktaken om in te leveren")).to_be_visible()
    page.get_by_role("link", name="Leerwerktaken", exact=True).click()
    page.get_by_role("link", name=TASK).click()
    page.get_by_label("Jouw werk").fill("Onze vergelijking van twee scholen.")
    page.get_by_label("Bestanden toevoegen").set_input_files(str(upload))
    page.get_by_role("button", name="Inleveren").click()
    expect(page.get_by_text("ingeleverd (versie 1)", exact=False)).to_be_visible()
    screenshot(page, "curriculum-submission")
    log_out(page)

    # Milan, at another school, sees the shared submission and its file.
    log_in(phone, "milan.degroot@example.org")
    phone.goto("/curriculum/opdrachten/")
    phone.get_by_role("link", name=TASK).click()
    expect(phone.get_by_role("link", name="klimaat-poster.pdf")).to_be_visible()
    expect(phone.get_by_text("Onze vergelijking van twee scholen.").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-curriculum-submission")

    # Noor's werkplekbegeleider gives feedback per criterion and completes the work.
    log_in(page, "ilse.vos@example.org")
    page.get_by_role("link", name=TASK).click()
    page.get_by_role("link", name="Feedback geven").click()
    page.get_by_label("Observaties uit minstens twee klassen", exact=True).select_option("at_level")
    page.get_by_label("Toelichting bij ‘Observaties uit minstens twee klassen’").fill(
        "Mooie observaties uit havo 2 en vmbo 1.")
    screenshot(page, "curriculum-feedback")
    page.get_by_role("button", name="Feedback opslaan").click()
    expect(page.get_by_text("Mooie observaties uit havo 2 en vmbo 1.")).to_be_visible()
    page.get_by_role("link", name="Afronden").click()
    page.get_by_role("button", name="Afronden").click()
    expect(page.get_by_text(f"‘{TASK}’ afgerond.")).to_be_visible()

    # The outcome view shows the work as evidence.
    page.get_by_role("link", name="Voortgang").click()
    screenshot(page, "curriculum-progress")
    page.get_by_role("link", name="Noor El Idrissi").click()
    outcome = page.locator("details", has_text="Zorgt voor een veilig en positief pedagogisch")
    expect(outcome.get_by_role("link", name=f"Leerwerktaak: {TASK}")).to_be_visible()
    screenshot(page, "curriculum-evidence")
