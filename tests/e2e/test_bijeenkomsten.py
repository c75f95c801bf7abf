"""The sessions journey in a real browser: a coordinator plans a leercafé on a Thursday, a
fourth-year registers, the reminder reaches the outbox once, the calendar feed holds it."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from opleidingsschool.models import Aanmelding, Bijeenkomst

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TITLE = "Leercafé differentiëren"


def next_thursday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(3 - today.weekday()) % 7 or 7)


def test_leercafe_from_planning_to_reminder_and_calendar(page, phone, demo):
    day = next_thursday()
    log_in(page, "coordinator@example.org")
    page.get_by_role("link", name="Bijeenkomsten plannen").first.click()
    expect(page.get_by_role("heading", name="Bijeenkomsten plannen")).to_be_visible()
    screenshot(page, "bijeenkomsten-planning")
    page.get_by_role("link", name="Nieuwe bijeenkomst").first.click()
    page.get_by_label("Soort").select_option("leercafe")
    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_label("Datum").fill(day.isoformat())
    expect(page.get_by_label("Begintijd")).to_have_value("14:00")
    page.get_by_role("textbox", name=re.compile(r"^Plaats\b")).fill("Mediatheek, Het Lindecollege")
    page.get_by_label("Aantal plaatsen").fill("12")
    page.get_by_role("checkbox", name="4", exact=True).check()
    screenshot(page, "bijeenkomsten-form")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_text(f"Bijeenkomst ‘{TITLE}’ gepland.")).to_be_visible()
    expect(page.get_by_text("donderdag", exact=False).first).to_be_visible()
    bijeenkomst = Bijeenkomst.objects.get(title=TITLE)
    local = bijeenkomst.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Amsterdam"))
    assert (local.date(), local.time(), local.weekday()) == (day, datetime.time(14), 3)

    log_in(phone, "student4@example.org")
    phone.goto("/bijeenkomsten/")
    screenshot(phone, "bijeenkomsten-agenda-phone")
    phone.get_by_role("link", name=TITLE).click()
    phone.get_by_role("button", name="Aanmelden").click()
    expect(phone.get_by_text(f"Je bent aangemeld voor ‘{TITLE}’.")).to_be_visible()
    screenshot(phone, "bijeenkomsten-detail-phone")
    assert Aanmelding.objects.get(bijeenkomst=bijeenkomst).user.email == "student4@example.org"

    # The morning of the session: two sweeps (say two beats), one mail.
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 30), tzinfo=local.tzinfo)):
        call_command("send_due_reminders", stdout=open("/dev/null", "w"))
        call_command("send_due_reminders", stdout=open("/dev/null", "w"))
    mine = [m for m in mail.outbox if TITLE in m.subject]
    assert [(m.to, m.subject) for m in mine] == [(["student4@example.org"], f"Vandaag om 14:00: {TITLE}")]

    phone.goto("/bijeenkomsten/meldingen/")
    screenshot(phone, "bijeenkomsten-preferences-phone")
    feed_url = phone.get_by_label("Je persoonlijke agenda-adres").input_value()
    assert re.search(r"/bijeenkomsten/agenda/[\w-]+\.ics$", feed_url)
    body = phone.request.get(feed_url).text()
    assert f"SUMMARY:{TITLE}" in body.replace("\r\n ", "")
    assert f"UID:bijeenkomst-{bijeenkomst.uuid}@" in body
    assert "BEGIN:VTIMEZONE" in body

    page.goto(bijeenkomst.get_absolute_url())
    expect(page.get_by_text("1 van 12 plaatsen bezet")).to_be_visible()
    screenshot(page, "bijeenkomsten-detail-coordinator")
