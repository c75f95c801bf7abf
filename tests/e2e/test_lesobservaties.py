"""Issue 15 in a real browser on a phone: the werkplekbegeleider observes a lesson in the
classroom and sends it; the student reads it, marks it discussed and takes a point into
their development plan."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_mentor_observes_on_a_phone_and_the_student_takes_a_point_into_the_plan(phone, demo):
    log_in(phone, "wpb@example.org")
    phone.goto("/begeleiding/lesobservaties/")
    phone.get_by_role("link", name="Les observeren Fleur Vermeulen").click()
    expect(phone.get_by_role("heading", name="Observatie van de les van Fleur Vermeulen")
           ).to_be_visible()
    phone.get_by_label("Klas").fill("4 havo")
    # The first domain is open; the others open with a tap.
    climate = phone.get_by_role("group", name="Gaat in taal en gedrag respectvol met leerlingen om.")
    climate.get_by_text("sterk", exact=True).click()
    phone.get_by_text("Efficiënte klassenorganisatie").click()
    start = phone.get_by_role("group", name="Begint de les vlot en op tijd.")
    start.get_by_text("eerder zwak", exact=True).click()
    start.get_by_label("Opmerking (niet verplicht)").fill("De uitleg begon na acht minuten.")
    screenshot(phone, "lesobservatie-form-phone")
    phone.get_by_role("button", name="Concept opslaan").click()
    expect(phone.get_by_text("Concept van de observatie van de les van Fleur Vermeulen "
                             "opgeslagen.")).to_be_visible()
    expect(phone.get_by_label("Klas")).to_have_value("4 havo")  # nothing lost
    phone.get_by_label("Een tip", exact=True).fill("Zet de startopdracht klaar voordat de bel gaat.")
    phone.get_by_role("button", name="Versturen naar Fleur").click()
    expect(phone.get_by_text("Observatie van de les van Fleur Vermeulen verstuurd.")
           ).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.context.clear_cookies()
    log_in(phone, "student@example.org")
    expect(phone.get_by_role("heading", name="Lesobservaties om te bespreken")).to_be_visible()
    phone.get_by_role("link", name=re.compile(r"4 havo")).click()
    expect(phone.get_by_role("heading", name="Observatie van je les")).to_be_visible()
    expect(phone.get_by_text("De uitleg begon na acht minuten.")).to_be_visible()
    phone.get_by_role("button", name="We hebben hem besproken").click()
    expect(phone.get_by_text(re.compile("staat op besproken. Je begeleiders kunnen hem nu "
                                        "lezen."))).to_be_visible()

    phone.locator("li", has_text="Begint de les vlot en op tijd.").get_by_role(
        "link", name="Hieraan werken in mijn plan").click()
    goal = phone.get_by_label("Waar ik aan wil werken")
    expect(goal).to_have_value("Begint de les vlot en op tijd.")
    goal.fill("Elke les binnen twee minuten beginnen met een startopdracht")
    phone.get_by_role("button", name="Aan mijn plan toevoegen").click()
    expect(phone.get_by_text("Punt ‘Elke les binnen twee minuten beginnen met een "
                             "startopdracht’ toegevoegd aan je ontwikkelplan.")).to_be_visible()
    screenshot(phone, "lesobservatie-student-phone")
    phone.get_by_role("link", name="Naar mijn ontwikkelplan").click()
    point = phone.locator(".ontwikkelpunt",
                          has_text="Elke les binnen twee minuten beginnen met een startopdracht")
    expect(point.get_by_role("link", name=re.compile("uit de lesobservatie van"))).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
