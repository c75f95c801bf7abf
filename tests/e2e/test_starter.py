"""Issue 15 in a real browser: the coordinator turns a graduating student into a starter with
a coach; the starter, logging in as before, finds their learning questions still there; the
coach observes a lesson on a phone in the classroom and sends it; the starter reads it, marks
it discussed and takes a point into their development plan; the coach's recognition page
counts the observation."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _logged_in_as(page, live_server, user) -> None:
    """The coordinator's session without the second-factor set-up (another journey's
    subject): a session made on the server, handed to the browser."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


def test_a_student_becomes_a_starter_is_observed_by_the_coach_and_plans_from_it(
    page, phone, live_server, personas
):
    factories.LeervraagFactory(student=personas.student, title="Orde bij de start van de les")
    coach = personas.other_wpb.user

    _logged_in_as(page, live_server, personas.coordinator.user)
    page.goto(f"/partnerschap/studenten/{personas.student.uuid}/bewerken/")
    page.get_by_role("link", name="Starter maken").click()
    page.get_by_label("School waar de starter begint").select_option(label="Tweede Testcollege")
    page.get_by_label("Eerste werkdag als leraar").fill(timezone.localdate().isoformat())
    page.get_by_label("Inductiecoach").select_option(label=f"{coach} (Tweede Testcollege)")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Sanne Student een startende leraar maken?")
           ).to_be_visible()
    expect(page.get_by_text(str(personas.wpb.user))).to_be_visible()  # loses access
    screenshot(page, "starter-worden")
    page.get_by_role("button", name="Ja, maak een startende leraar").click()
    expect(page.get_by_text(re.compile(
        r"Sanne Student is startende leraar op Tweede Testcollege vanaf"))).to_be_visible()
    expect(page.get_by_text(f"Coach: {coach}")).to_be_visible()

    # The same account: Sanne logs in as before, now as a starter, on her phone.
    log_in(phone, "sanne@example.org", "demo-password")
    expect(phone.get_by_role("heading", name="Mijn inductie")).to_be_visible()
    expect(phone.get_by_text(str(coach))).to_be_visible()
    phone.goto("/begeleiding/leervragen/")
    expect(phone.get_by_role("link", name="Orde bij de start van de les")).to_be_visible()
    screenshot(phone, "starter-leervragen-phone")

    # The coach observes a lesson of the starter, on a phone in the classroom.
    phone.context.clear_cookies()
    log_in(phone, personas.other_wpb.user.email, "demo-password")
    phone.goto("/begeleiding/lesobservaties/")
    phone.get_by_role("link", name="Les observeren Sanne Student").click()
    expect(phone.get_by_role("heading", name="Observatie van de les van Sanne Student")
           ).to_be_visible()
    phone.get_by_label("Klas").fill("2 havo")
    # The first domain is open; the others open with a tap.
    climate = phone.get_by_role("group", name="Gaat in taal en gedrag respectvol met leerlingen om.")
    climate.get_by_text("sterk", exact=True).click()
    phone.get_by_text("Efficiënte klassenorganisatie").click()
    start = phone.get_by_role("group", name="Begint de les vlot en op tijd.")
    start.get_by_text("eerder zwak", exact=True).click()
    start.get_by_label("Opmerking (niet verplicht)").fill("De uitleg begon na acht minuten.")
    phone.get_by_role("button", name="Concept opslaan").click()
    expect(phone.get_by_text("Concept van de observatie van de les van Sanne Student "
                             "opgeslagen.")).to_be_visible()
    expect(phone.get_by_label("Klas")).to_have_value("2 havo")  # nothing lost
    phone.get_by_label("Een tip", exact=True).fill("Zet de startopdracht klaar voordat de bel gaat.")
    screenshot(phone, "lesobservatie-form-phone")
    phone.get_by_role("button", name="Versturen naar Sanne").click()
    expect(phone.get_by_text("Observatie van de les van Sanne Student verstuurd.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The starter reads it first, discusses it and decides what goes into the plan.
    phone.context.clear_cookies()
    log_in(phone, "sanne@example.org", "demo-password")
    expect(phone.get_by_role("heading", name="Lesobservaties om te bespreken")).to_be_visible()
    phone.get_by_role("link", name=re.compile(r"2 havo")).click()
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
    screenshot(phone, "lesobservatie-starter-phone")
    phone.get_by_role("link", name="Naar mijn ontwikkelplan").click()
    point = phone.locator(".ontwikkelpunt",
                          has_text="Elke les binnen twee minuten beginnen met een startopdracht")
    expect(point.get_by_role("link", name=re.compile("uit de lesobservatie van"))).to_be_visible()

    # The coach's recognition page counts the observation, printable for the yearly review.
    page.context.clear_cookies()
    log_in(page, personas.other_wpb.user.email, "demo-password")
    page.goto("/erkenning/")
    observations = page.locator(".erkenning-tally", has_text="Lesobservaties gedaan")
    expect(observations.locator(".erkenning-number")).to_have_text("1")
    screenshot(page, "erkenning-coach")
