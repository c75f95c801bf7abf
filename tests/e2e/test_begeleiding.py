"""The journey of issue 3 in a real browser: a learning question, a matched classroom visit,
its reflection turned into hours, and the werkplekbegeleider's confirmation."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from playwright.sync_api import expect

from begeleiding.models import Lesbezoek, LesbezoekStatus, Logregel

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _next_school_tuesday() -> datetime.date:
    """The first Tuesday after today inside the demo placements (1 September - 30 June).
    Forward only: the browser's cookies must not be older than its real clock."""
    day = datetime.date.today() + datetime.timedelta(days=1)
    while day.isoweekday() != 2 or day.month in (7, 8) or (day.month == 9 and day.day < 8):
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def school_tuesday(request):
    """Travel to 08:00 on a school Tuesday, then seed the demo for that day."""
    tuesday = _next_school_tuesday()
    start = datetime.datetime.combine(tuesday, datetime.time(8, 0), tzinfo=AMSTERDAM)
    with time_machine.travel(start, tick=True) as traveller:
        request.getfixturevalue("demo")
        yield tuesday, traveller


def _hours_value(page) -> float:
    return float(page.locator("progress.hours-progress").first.get_attribute("value"))


def test_student_learns_from_a_matched_visit_and_the_wpb_confirms_the_hours(
    page, phone, browser, live_server, school_tuesday
):
    tuesday, traveller = school_tuesday

    # The student writes a learning question about differentiating in a havo class.
    log_in(page, "student@example.org")
    page.goto("/begeleiding/logboek/")
    hours_before = _hours_value(page)
    page.get_by_role("link", name="Leervragen").first.click()
    page.get_by_role("link", name="Nieuwe leervraag").click()
    page.get_by_label("Titel").fill("Differentiëren in havo 4")
    page.get_by_label("De situatie").fill("Twee leerlingen in mijn havo-klas doen nooit mee.")
    page.get_by_label("Wat ik wil leren").fill("Hoe geef ik iedereen een passende opdracht?")
    page.get_by_label("differentiëren", exact=True).check()
    screenshot(page, "begeleiding-leervraag-form")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Leervraag ‘Differentiëren in havo 4’ opgeslagen")).to_be_visible()

    # docent@example.org (Joost van Rijn) is suggested for it.
    help_card = page.locator("section", has=page.get_by_role("heading", name="Wie kan je helpen?"))
    expect(help_card.get_by_text("Joost van Rijn")).to_be_visible()
    screenshot(page, "begeleiding-leervraag-detail")
    help_card.get_by_role("link", name="Kies een les om te bekijken").click()
    expect(page.get_by_role("heading", name="Joost van Rijn")).to_be_visible()
    screenshot(page, "begeleiding-suggestions")
    page.get_by_role("link", name=re.compile(r"Lesbezoek aanvragen bij Joost van Rijn, dinsdag")).click()
    page.get_by_role("radio").first.check()
    page.get_by_label("Bericht aan de gastdocent").fill("Ik wil zien hoe je niveaus aanbiedt.")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Je verzoek om op")).to_be_visible()
    visit = Lesbezoek.objects.get(student__user__email="student@example.org",
                                  host__user__email="docent@example.org")
    assert (visit.date, visit.status) == (tuesday, LesbezoekStatus.REQUESTED)

    # The docent accepts.
    docent = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                 timezone_id="Europe/Amsterdam")
    docent_page = docent.new_page()
    log_in(docent_page, "docent@example.org")
    docent_page.get_by_role("link", name="Bezoekverzoeken").first.click()
    request_card = docent_page.locator("section.card", has_text="Fleur Vermeulen")
    screenshot(docent_page, "begeleiding-bezoekverzoeken")
    request_card.get_by_role("button", name="Accepteren").click()
    expect(docent_page.get_by_text("Lesbezoek van Fleur Vermeulen op")).to_be_visible()
    docent.close()

    # After the lesson the student reflects on a phone and turns the visit into hours.
    traveller.move_to(datetime.datetime.combine(tuesday, datetime.time(16, 0), tzinfo=AMSTERDAM))
    log_in(phone, "student@example.org")
    phone.goto(visit.get_absolute_url())
    phone.get_by_role("link", name="Schrijf mijn reflectie").click()
    phone.get_by_label("Wat heb je gezien?").fill("Drie niveaus op het bord, leerlingen kiezen zelf.")
    phone.get_by_label("Wat leert het je voor je leervraag?").fill(
        "Ik laat leerlingen kiezen uit drie opdrachten.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "begeleiding-phone-reflection")
    phone.get_by_role("button", name="Opslaan").click()
    expect(phone.get_by_text("Reflectie op het lesbezoek bij Joost van Rijn opgeslagen")).to_be_visible()
    phone.get_by_role("button", name=re.compile(r"Zet in mijn logboek")).click()
    expect(phone.get_by_text("opgeslagen: 0,75 uur")).to_be_visible()
    assert _hours_value(phone) == pytest.approx(hours_before + 0.75)
    screenshot(phone, "begeleiding-phone-logboek")

    # The werkplekbegeleider confirms the entry.
    entry = Logregel.objects.get(lesbezoek=visit)
    wpb = browser.new_context(base_url=live_server.url, locale="nl-NL",
                              timezone_id="Europe/Amsterdam")
    wpb_page = wpb.new_page()
    log_in(wpb_page, "wpb@example.org")
    wpb_page.get_by_role("button", name="Begeleiding").click()
    wpb_page.get_by_role("link", name="Te bevestigen uren").first.click()
    expect(wpb_page.get_by_text("Les van Joost van Rijn bekeken in havo 4")).to_be_visible()
    screenshot(wpb_page, "begeleiding-te-bevestigen")
    wpb_page.get_by_role("button", name="Aangevinkte logregels aftekenen").click()
    expect(wpb_page.get_by_text("afgetekend.")).to_be_visible()
    wpb.close()
    entry.refresh_from_db()
    assert entry.confirmed_by.email == "wpb@example.org"


def test_end_of_day_entry_on_a_phone_refuses_impossible_hours(phone, school_tuesday):
    log_in(phone, "student@example.org")
    # "Close your day" opens My day (issue 14): the plan of the morning and the day's end.
    phone.get_by_role("link", name="Sluit de dag af").click()
    end_of_day = phone.locator("section.end-of-day")
    end_of_day.get_by_label("Uren").fill("1.1")
    end_of_day.get_by_label("Wat heb je gedaan?").fill("Twee lessen gegeven in 3 havo.")
    end_of_day.get_by_role("button", name="Sluit de dag af").click()
    end_of_day = phone.locator("section.end-of-day")
    expect(end_of_day.get_by_text("Vul uren in stappen van een kwartier in")).to_be_visible()
    expect(end_of_day.get_by_label("Wat heb je gedaan?")).to_have_value(
        "Twee lessen gegeven in 3 havo.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "begeleiding-phone-logregel-error")
    end_of_day.get_by_label("Uren").fill("6,5")
    end_of_day.get_by_role("button", name="Sluit de dag af").click()
    expect(phone.get_by_text("opgeslagen: 6,5 uur")).to_be_visible()


PAGES = [
    ("student@example.org", ["/", "/begeleiding/leervragen/", "/begeleiding/logboek/",
                             "/begeleiding/lesbezoeken/", "/begeleiding/begeleiders/",
                             "/begeleiding/begeleiders/klik/", "/begeleiding/logboek/nieuw/"]),
    ("wpb@example.org", ["/", "/begeleiding/vandaag/", "/begeleiding/te-bevestigen/"]),
    ("schoolopleider@example.org", ["/", "/begeleiding/signalen/"]),
    ("docent@example.org", ["/", "/begeleiding/lesaanbod/", "/begeleiding/bezoekverzoeken/"]),
    ("roos.gerritsen@example.org", ["/begeleiding/begeleidingsverzoeken/"]),
]


def test_every_begeleiding_page_fits_a_phone(phone, school_tuesday):
    for email, paths in PAGES:
        phone.context.clear_cookies()
        log_in(phone, email)
        for path in paths:
            response = phone.goto(path)
            assert response.status == 200, path
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
            name = path.strip("/").replace("/", "-") or "home"
            screenshot(phone, f"phone-{email.split('@')[0]}-{name}")
