"""The student's own data in a real browser: a mentor reads the triangle notes; the student
sees who read them, opens the dossier and makes a zip of everything."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_student_sees_who_read_the_triangle_notes_and_exports_their_data(
    page, browser, live_server, demo, tmp_path, settings
):
    from driehoek.models import Driehoeksgesprek

    settings.MEDIA_ROOT = tmp_path / "media"
    gesprek = (Driehoeksgesprek.objects.filter(stage__student__user__email="student@example.org")
               .exclude(notes_progress="").order_by("starts_at").first())
    mentor = browser.new_context(base_url=live_server.url, locale="nl-NL")
    mentor_page = mentor.new_page()
    log_in(mentor_page, "wpb@example.org")
    mentor_page.goto(f"/driehoek/gesprek/{gesprek.uuid}/")
    expect(mentor_page.get_by_role("heading", name=gesprek.title)).to_be_visible()
    mentor.close()

    log_in(page, "student@example.org")
    page.get_by_role("button", name=re.compile("Fleur")).click()
    page.get_by_role("link", name="Wie las mijn gegevens").click()
    reads = page.locator("table.reads")
    # The schoolopleider's read that the demo holds, and the werkplekbegeleider's just now.
    expect(reads.get_by_text("Verslag van een driehoeksgesprek")).to_have_count(2)
    expect(reads.get_by_role("link", name=re.compile(re.escape(gesprek.title)))).to_have_count(2)
    expect(reads.locator("td", has_text=re.compile(r"^\s*\S+ \S+"))).not_to_have_count(0)
    screenshot(page, "privacy-wie-las-mee")

    page.goto("/privacy/mijn-gegevens/")
    page.get_by_role("link", name="Open mijn dossier").click()
    expect(page.get_by_role("heading", name=re.compile("^Dossier van "))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Leervragen"))).to_be_visible()
    # The dossier is long: keep the first screen only.
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "privacy-dossier.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/privacy/")
    expect(page.get_by_role("heading", name="Hoe lang we het bewaren")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "privacy-page-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/privacy/mijn-gegevens/dossier/")

    page.get_by_role("link", name="Terug naar mijn gegevens").click()
    page.get_by_role("button", name="Maak mijn zip-bestand").click()
    expect(page.get_by_text("Je krijgt een e-mail met een downloadlink")).to_be_visible()
    screenshot(page, "privacy-mijn-gegevens")
    with page.expect_download() as download_info:
        page.locator(".exports").get_by_role("link", name="Downloaden").first.click()
    path = tmp_path / "export.zip"
    download_info.value.save_as(path)
    names = zipfile.ZipFile(path).namelist()
    assert {"data.json", "dossier.html"} <= set(names)
