"""The triangle's journey in a real browser (issue 4): the workplace mentor plans a meeting
with the demo student and their instituutsopleider, records notes with two learning goals and
two actions and shares them; the student and the opleider agree; the record is locked and
printable."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from driehoek.models import Actiepunt, Driehoeksgesprek, GesprekStatus, Leerdoel
from opleidingsschool.models import User

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _meeting_day() -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=7)
    return day + datetime.timedelta(days=(3 - day.weekday()) % 7)  # a Thursday


def _other(browser, live_server):
    return browser.new_context(base_url=live_server.url, locale="nl-NL",
                               timezone_id="Europe/Amsterdam").new_page()


def test_wpb_plans_records_and_shares_the_triangle_agrees_and_the_record_is_locked(
    page, phone, browser, live_server, demo
):
    day = _meeting_day()
    log_in(page, "wpb@example.org")
    # The werkplekbegeleider is also a colleague: the mentoring items form one group.
    page.get_by_role("button", name="Begeleiding").click()
    page.get_by_role("link", name="Driehoek", exact=True).first.click()
    screenshot(page, "driehoek-index")
    page.get_by_role("link", name=re.compile("Fleur Vermeulen")).first.click()
    expect(page.get_by_role("heading", name="Driehoek van Fleur Vermeulen")).to_be_visible()
    screenshot(page, "driehoek-stage")

    # Plan the meeting with the student and the instituutsopleider.
    page.get_by_role("link", name="Gesprek plannen").click()
    page.get_by_label("Onderwerp").fill("Voortgangsgesprek")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("14:00")
    page.get_by_label("Plaats").fill("Het Lindecollege, lokaal 2.14")
    page.get_by_label(re.compile("Marloes Kuipers")).uncheck()
    screenshot(page, "driehoek-gesprek-form")
    mail.outbox.clear()
    page.get_by_role("button", name="Plannen en uitnodigingen versturen").click()
    expect(page.get_by_text("iedereen kreeg een agenda-uitnodiging")).to_be_visible()
    gesprek = Driehoeksgesprek.objects.get(title="Voortgangsgesprek")
    assert sorted(gesprek.deelnemers.values_list("email", flat=True)) == [
        "instituutsopleider@example.org", "student@example.org", "wpb@example.org"]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "instituutsopleider@example.org", "student@example.org", "wpb@example.org"]
    assert all(message.attachments[0][0] == "uitnodiging.ics" for message in mail.outbox)
    agenda = page.locator("section", has=page.get_by_role("heading", name="Agenda"))
    expect(agenda.get_by_text("Orde bij de start van de les")).to_be_visible()

    # Notes, two goals, two actions.
    page.get_by_role("link", name="Verslag schrijven").click()
    page.get_by_label("Voortgang").fill("De lesstart staat.\n\n- klas is snel aan het werk")
    page.get_by_label("Vragen van de student").fill("Hoe differentieer ik in 3 vwo?")
    page.get_by_label("Afspraken").fill("- Fleur maakt een lesplan met drie niveaus")
    screenshot(page, "driehoek-verslag-form")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text("Verslag van ‘Voortgangsgesprek’ opgeslagen.")).to_be_visible()
    for title, outcome in (("Differentiëren in 3 vwo", "VD-3 Differentieert"),
                           ("Feedback laten werken", "VD-4 Toetst en evalueert formatief")):
        page.get_by_role("link", name="Leerdoel toevoegen").click()
        page.locator("#id_title").fill(title)
        page.get_by_label(outcome).check()
        if title.startswith("Differentiëren"):
            screenshot(page, "driehoek-leerdoel-form")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text(f"Leerdoel ‘{title}’ opgeslagen.")).to_be_visible()
    for what, who in (("Lesplan met drie niveaus maken", "student@example.org"),
                      ("Les in 3 vwo bijwonen", "instituutsopleider@example.org")):
        page.get_by_role("link", name="Actiepunt toevoegen").click()
        page.locator("#id_description").fill(what)
        page.locator("#id_owner").select_option(str(User.objects.get(email=who).pk))
        page.locator("#id_due_date").fill((day + datetime.timedelta(days=14)).isoformat())
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text(f"Actiepunt ‘{what}’ opgeslagen.")).to_be_visible()
    assert Leerdoel.objects.filter(gesprek=gesprek).count() == 2
    assert Actiepunt.objects.filter(gesprek=gesprek).count() == 2
    expect(page.get_by_text("Concept: alleen de begeleiders zien dit verslag")).to_be_visible()
    page.get_by_role("button", name="Delen met de student").click()
    expect(page.get_by_text("gedeeld met Fleur Vermeulen")).to_be_visible()
    screenshot(page, "driehoek-gesprek-gedeeld")

    # The student agrees, on a phone.
    log_in(phone, "student@example.org")
    phone.goto(gesprek.get_absolute_url())
    expect(phone.get_by_text("Fleur maakt een lesplan met drie niveaus")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "driehoek-phone-gesprek")
    phone.get_by_role("button", name="Ik ga akkoord").click()
    expect(phone.get_by_text("Akkoord gegeven op ‘Voortgangsgesprek’.")).to_be_visible()

    # The instituutsopleider agrees: everyone agreed, the record is locked.
    opleider = _other(browser, live_server)
    log_in(opleider, "instituutsopleider@example.org")
    expect(opleider.get_by_text("Wacht op jouw akkoord").first).to_be_visible()
    opleider.goto(gesprek.get_absolute_url())
    opleider.get_by_role("button", name="Ik ga akkoord").click()
    expect(opleider.get_by_text("Iedereen is akkoord")).to_be_visible()
    opleider.context.close()
    gesprek.refresh_from_db()
    assert gesprek.is_locked and gesprek.status == GesprekStatus.AGREED

    # Locked: no more editing, addenda instead; the print view is a clean document.
    page.goto(gesprek.get_absolute_url())
    expect(page.get_by_role("link", name="Verslag bewerken")).to_have_count(0)
    expect(page.get_by_role("heading", name="Aanvullingen")).to_be_visible()
    screenshot(page, "driehoek-gesprek-locked")
    page.get_by_role("link", name="Afdrukken").click()
    expect(page.get_by_role("heading", name="Verslag van een driehoeksgesprek")).to_be_visible()
    expect(page.get_by_text("Differentiëren in 3 vwo")).to_be_visible()
    screenshot(page, "driehoek-gesprek-print")
    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()
    assert len(page.pdf()) > 1000
    page.emulate_media(media="screen")
    page.goto(f"/driehoek/stage/{gesprek.stage.uuid}/afdrukken/")
    expect(page.get_by_role("heading", name=re.compile("Driehoeksdossier"))).to_be_visible()
    screenshot(page, "driehoek-jaar-print")


def test_pages_of_the_triangle_look_right_on_a_phone_and_for_the_coordinator(
    page, phone, browser, live_server, demo
):
    log_in(phone, "student@example.org")
    phone.goto("/driehoek/")
    screenshot(phone, "driehoek-phone-index")
    # Wait for the page the click opens before measuring it: measured mid-navigation, the
    # new document has no root element yet.
    with phone.expect_navigation(wait_until="load"):
        phone.locator(".driehoek-list a").first.click()
    expect(phone.locator("#evaluations-heading")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.locator("svg.chart-svg").first).to_be_visible()
    screenshot(phone, "driehoek-phone-stage")
    with phone.expect_navigation(wait_until="load"):
        phone.locator("#evaluations-heading").locator("xpath=../..").get_by_role(
            "link").last.click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "driehoek-phone-tussenevaluatie")

    log_in(page, "coordinator@example.org")
    page.get_by_role("button", name="Overzichten").click()
    page.locator(".portal-navbar").get_by_role("link", name="Behoeften uit de driehoeken").click()
    expect(page.get_by_text("Oefenen met oudergesprekken voor de ouderavond")).to_be_visible()
    expect(page.get_by_text("Fleur")).to_have_count(0)
    screenshot(page, "driehoek-behoeften")
    wpb = _other(browser, live_server)
    log_in(wpb, "wpb@example.org")
    expect(wpb.get_by_text("Mijn open actiepunten")).to_be_visible()
    screenshot(wpb, "driehoek-home-wpb")
    wpb.context.close()
