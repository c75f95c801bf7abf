"""The development plan in a real browser: a starter works on their plan on a phone."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_starter_adds_a_point_to_their_plan_and_closes_it_on_a_phone(phone, demo):
    log_in(phone, "starter@example.org")
    expect(phone.get_by_role("heading", name="Ontwikkelplan")).to_be_visible()
    phone.get_by_role("link", name="Naar mijn ontwikkelplan").click()
    expect(phone).to_have_url(re.compile(r"/begeleiding/ontwikkelplan/$"))

    phone.get_by_role("link", name="Punt toevoegen").first.click()
    expect(phone.get_by_label("Leeruitkomst")).to_have_count(0)  # starters have none
    phone.get_by_label("Waar ik aan wil werken").fill("Elke week één les laten filmen")
    target = timezone.localdate() + datetime.timedelta(days=21)
    phone.get_by_label("Streefdatum").fill(target.isoformat())
    screenshot(phone, "ontwikkelpunt-phone")
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text(
        "Punt ‘Elke week één les laten filmen’ toegevoegd aan je ontwikkelplan.")).to_be_visible()
    point = phone.locator(".ontwikkelpunt", has_text="Elke week één les laten filmen")
    expect(point.get_by_text("open", exact=True)).to_be_visible()

    point.get_by_role("link", name="Afronden").click()
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("Schrijf een korte reflectie: wat heb je geleerd, wat hielp?")
           ).to_be_visible()
    phone.get_by_label("Reflectie").fill("Terugkijken laat zien hoe lang mijn uitleg duurt.")
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("Punt ‘Elke week één les laten filmen’ is afgerond. Goed gedaan!")
           ).to_be_visible()
    expect(point.get_by_text("afgerond", exact=True)).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing to scroll sideways
    screenshot(phone, "ontwikkelplan-phone")
