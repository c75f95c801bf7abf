"""The school day together (issue 14) in a real browser: the schoolopleider opens the day
at 08:15, a student writes a plan on a phone and requests a lesson the page suggests, the
group round at 15:30 turns the student's line into a draft day-log entry, a colleague the
schoolopleider adds to the opleidingsteam opens the round on his phone, and the
werkplekbegeleider confirms the entry."""

import datetime
import zoneinfo

import pytest
import time_machine
from playwright.sync_api import expect

from begeleiding.models import Dagplan, Leervraag, Lesbezoek, LesbezoekStatus, Logregel
from opleidingsschool.models import Expertise, Student, Vakantie

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _next_school_tuesday() -> datetime.date:
    """The first Tuesday after today inside the demo placements (1 September - 30 June)
    that is no national school holiday. Forward only: the browser's cookies must not be
    older than its real clock."""
    day = datetime.date.today() + datetime.timedelta(days=1)
    while (day.isoweekday() != 2 or day.month in (7, 8) or (day.month == 9 and day.day < 8)
           or Vakantie.objects.filter(start_date__lte=day, end_date__gte=day).exists()):
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def school_tuesday(request):
    tuesday = _next_school_tuesday()
    start = datetime.datetime.combine(tuesday, datetime.time(8, 15), tzinfo=AMSTERDAM)
    with time_machine.travel(start, tick=True) as traveller:
        request.getfixturevalue("demo")
        yield tuesday, traveller


def _card(page, name):
    return page.locator("section.schooldag-student",
                        has=page.get_by_role("heading", name=name, exact=True))


def test_day_start_plan_on_a_phone_group_round_and_confirmation(
    page, phone, browser, live_server, school_tuesday
):
    tuesday, traveller = school_tuesday
    fleur = Student.objects.get(user__email="student@example.org")
    leervraag = Leervraag.objects.create(
        student=fleur, title="Differentiëren in havo 4",
        situation="Twee leerlingen in mijn havo-klas doen nooit mee.",
        goal="Hoe geef ik iedereen een passende opdracht?")
    leervraag.expertises.set(Expertise.objects.filter(name="differentiëren"))

    # 08:15: the schoolopleider opens the day on the projector.
    log_in(page, "schoolopleider@example.org")
    page.goto("/begeleiding/schooldag/")
    expect(page.get_by_role("heading", name="Dagstart")).to_be_visible()
    card = _card(page, "Fleur Vermeulen")
    expect(card.get_by_text("nog geen plan")).to_be_visible()
    # The lesson of Joost van Rijn (differentiëren) on Tuesday fits Fleur's question.
    expect(card.get_by_text("Joost van Rijn, 3e uur (10:20), havo 4 aardrijkskunde")).to_be_visible()

    # Fleur writes her plan on her phone in a minute.
    log_in(phone, "student@example.org")
    phone.goto("/begeleiding/mijn-dag/")
    phone.get_by_label("lesgeven").check()
    phone.get_by_label("Bij welke leervraag hoort het?").select_option(
        label="Differentiëren in havo 4")
    phone.get_by_label("In een paar woorden").fill("Het 5e uur zelf lesgeven in havo 4")
    screenshot(phone, "schooldag-plan-390")
    phone.get_by_role("button", name="Plan opslaan").click()
    expect(phone.get_by_text("Je plan voor dinsdag")).to_be_visible()
    plan = Dagplan.objects.get(student=fleur, date=tuesday)
    assert (plan.activity, plan.leervraag, plan.text) == (
        "lesgeven", leervraag, "Het 5e uur zelf lesgeven in havo 4")

    # She requests the suggested lesson in one click (its date is chosen already).
    phone.get_by_role("link", name="Lesbezoek aanvragen").first.click()
    expect(phone.get_by_role("radio", checked=True)).to_have_count(1)
    phone.get_by_role("button", name="Verzoek versturen").click()
    expect(phone.get_by_text("Je verzoek om op")).to_be_visible()
    visit = Lesbezoek.objects.get(student=fleur, host__user__email="docent@example.org")
    assert (visit.date, visit.status) == (tuesday, LesbezoekStatus.REQUESTED)

    # The day page now shows her plan and the request.
    page.reload()
    expect(card.get_by_text("Het 5e uur zelf lesgeven in havo 4")).to_be_visible()
    expect(card.get_by_text("aangevraagd").first).to_be_visible()
    screenshot(page, "schooldag-start-1280")
    page.get_by_role("link", name="Beamerweergave").click()
    expect(page.locator(".schooldag-projector")).to_be_visible()
    screenshot(page, "schooldag-projector-1280")

    # 15:30: the group round. Fleur writes her line on her phone.
    traveller.move_to(datetime.datetime.combine(tuesday, datetime.time(15, 30),
                                                tzinfo=AMSTERDAM))
    phone.goto("/begeleiding/mijn-dag/")
    phone.get_by_label("Wat heb je gedaan?").fill("Het 5e uur lesgegeven in havo 4.")
    phone.get_by_label("Wat heb je geleerd?").fill("Met drie niveaus doet iedereen mee.")
    phone.get_by_label("Uren").fill("6,5")
    screenshot(phone, "schooldag-close-390")
    phone.get_by_role("button", name="Sluit de dag af").click()
    expect(phone.get_by_text("dag afgesloten")).to_be_visible()
    entry = Logregel.objects.get(student=fleur, date=tuesday)
    assert (str(entry.hours), entry.leervraag, entry.is_confirmed) == ("6.50", leervraag, False)

    # The schoolopleider's page has switched to the group round and shows the line.
    page.goto("/begeleiding/schooldag/")
    expect(page.get_by_role("heading", name="Wat heb je gedaan en geleerd?")).to_be_visible()
    card = _card(page, "Fleur Vermeulen")
    expect(card.get_by_text("Met drie niveaus doet iedereen mee.")).to_be_visible()
    expect(card.get_by_text("wacht op de werkplekbegeleider")).to_be_visible()
    # The schoolopleider notes the line of a student without a phone at hand.
    thijs = _card(page, "Thijs van Dam")
    thijs.get_by_text("Noteer voor Thijs van Dam").click()
    thijs.get_by_label("Wat heb je gedaan?").fill("Meegelopen met de mentor van 2 vwo.")
    thijs.get_by_label("Uren").fill("0")
    thijs.get_by_role("button", name="Regel opslaan").click()
    thijs = _card(page, "Thijs van Dam")
    expect(thijs.get_by_text("Vul meer dan 0 uur in.")).to_be_visible()
    expect(thijs.get_by_label("Wat heb je gedaan?")).to_have_value(
        "Meegelopen met de mentor van 2 vwo.")
    thijs.get_by_label("Uren").fill("5")
    thijs.get_by_role("button", name="Regel opslaan").click()
    expect(page.get_by_text("Dag van Thijs van Dam afgesloten: 5 uur")).to_be_visible()
    expect(_card(page, "Thijs van Dam").get_by_text("wacht op de werkplekbegeleider")).to_be_visible()
    screenshot(page, "schooldag-round-1280")
    # The schoolopleider adds Joost van Rijn to the opleidingsteam; he runs the round with
    # her on his phone.
    page.get_by_role("link", name="Opleidingsteam").click()
    page.get_by_role("searchbox", name="Zoek een collega").fill("docent@example.org")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Toevoegen aan het team").click()
    expect(page.get_by_text("Joost van Rijn zit nu in het opleidingsteam")).to_be_visible()
    colleague_phone = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam",
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    small = colleague_phone.new_page()
    log_in(small, "docent@example.org")
    small.goto("/begeleiding/schooldag/")
    expect(small.get_by_role("heading", name="Wat heb je gedaan en geleerd?")).to_be_visible()
    expect(_card(small, "Thijs van Dam").get_by_text("wacht op de werkplekbegeleider")).to_be_visible()
    assert small.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(small, "schooldag-round-390")
    colleague_phone.close()

    # The werkplekbegeleider confirms the hours in the usual list.
    wpb = browser.new_context(base_url=live_server.url, locale="nl-NL",
                              timezone_id="Europe/Amsterdam")
    mentor = wpb.new_page()
    log_in(mentor, "wpb@example.org")
    mentor.goto("/begeleiding/te-bevestigen/")
    row = mentor.locator("label.list-group-item", has_text="Het 5e uur lesgegeven")
    expect(row.get_by_role("checkbox")).to_be_checked()
    mentor.get_by_role("button", name="Aangevinkte logregels aftekenen").click()
    expect(mentor.get_by_text("afgetekend.")).to_be_visible()
    wpb.close()
    entry.refresh_from_db()
    assert entry.confirmed_by.email == "wpb@example.org"


def test_a_student_follows_3_havo_b_for_a_day(phone, school_tuesday):
    tuesday, _traveller = school_tuesday
    from begeleiding.models import Lesaanbod
    from opleidingsschool.models import Medewerker

    joost = Medewerker.objects.get(user__email="docent@example.org")
    colleague = Medewerker.objects.filter(school=joost.school).exclude(pk=joost.pk).first()
    colleague.visitors_welcome = True
    colleague.save(update_fields=["visitors_welcome"])
    Lesaanbod.objects.create(medewerker=joost, weekday=2, lesson_hour=1,
                             start_time=datetime.time(8, 30), end_time=datetime.time(9, 20),
                             class_name="3 havo B", subject="aardrijkskunde")
    Lesaanbod.objects.create(medewerker=colleague, weekday=2, lesson_hour=2,
                             start_time=datetime.time(9, 20), end_time=datetime.time(10, 10),
                             class_name="3 havo B", subject=colleague.subject or "wiskunde")
    thijs = Student.objects.get(user__email="thijs.vandam@example.org")

    log_in(phone, "thijs.vandam@example.org")
    phone.goto("/begeleiding/klas-volgen/")
    phone.get_by_label("Klas").select_option("3 havo B")
    phone.get_by_label("Dag", exact=True).select_option(tuesday.isoformat())
    phone.get_by_role("button", name="Toon de lessen").click()
    expect(phone.get_by_role("checkbox")).to_have_count(2)
    phone.get_by_label("Bericht aan de docenten").fill("Waarom gaat het bij aardrijkskunde goed?")
    screenshot(phone, "schooldag-klas-volgen-390")
    phone.get_by_role("button", name="Vraag deze lessen aan").click()
    expect(phone.get_by_text("Je hebt gevraagd om 3 havo B te volgen")).to_be_visible()
    assert sorted(Lesbezoek.objects.filter(student=thijs, date=tuesday)
                  .values_list("lesaanbod__lesson_hour", "status")) == [
        (1, LesbezoekStatus.REQUESTED), (2, LesbezoekStatus.REQUESTED)]
    # The day is in Thijs's plan: following a class.
    expect(phone.get_by_label("een klas volgen", exact=True)).to_be_checked()
    assert Dagplan.objects.get(student=thijs, date=tuesday).text == "De hele dag 3 havo B volgen"
