"""Mail as people meet it in the browser: the coordinator's mail log on the session page, a
person's own mail, the one-click unsubscribe link from a mail, used without logging in, and
the mail log of a triangle meeting for its supervisors."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from driehoek.models import Driehoeksgesprek
from opleidingsschool.models import NotificatieVoorkeur, User
from tests import factories

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TITLE = "Intervisie klassenmanagement"


def test_mail_log_own_mail_and_one_click_unsubscribe(page, phone, browser, live_server, demo):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    bijeenkomst = factories.BijeenkomstFactory(
        title=TITLE, starts_at=start, ends_at=start + datetime.timedelta(hours=2), place="Aula"
    )
    student = User.objects.get(email="student4@example.org")
    for user in (student, User.objects.get(email="student@example.org")):
        factories.AanmeldingFactory(bijeenkomst=bijeenkomst, user=user)
    mail.outbox.clear()
    call_command("send_due_reminders", stdout=open("/dev/null", "w"))
    (reminder,) = [m for m in mail.outbox if m.to == ["student4@example.org"]]

    log_in(page, "coordinator@example.org")
    page.goto(bijeenkomst.get_absolute_url())
    log = page.get_by_role("region", name="Mail over deze bijeenkomst")
    expect(log.get_by_role("row", name=re.compile("Herinnering een week vooraf 2 0 0 0"))).to_be_visible()
    screenshot(page, "mail-log-coordinator")

    log_in(phone, "student4@example.org")
    phone.goto("/bijeenkomsten/meldingen/")
    phone.get_by_role("link", name="Bekijk de mail die het portaal je stuurde").click()
    expect(phone.get_by_role("heading", name="Mail aan jou")).to_be_visible()
    expect(phone.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(phone, "mail-own-phone")

    path = re.search(r"/mail/afmelden/[^>/]+/", reminder.extra_headers["List-Unsubscribe"]).group(0)
    anonymous = browser.new_context(base_url=live_server.url, locale="nl-NL")
    try:
        visitor = anonymous.new_page()
        visitor.goto(path)
        expect(visitor.get_by_role("heading", name="Geen mails meer van deze soort")).to_be_visible()
        screenshot(visitor, "mail-unsubscribe-confirm")
        visitor.get_by_role("button", name="Ja, stop deze mails").click()
        expect(visitor.get_by_text("staat uit")).to_be_visible()
        screenshot(visitor, "mail-unsubscribe-done")
    finally:
        anonymous.close()
    assert NotificatieVoorkeur.objects.get(user=student).week_before is False


def test_the_wpb_sees_the_triangle_meetings_mail_log_on_laptop_and_phone(page, phone, demo):
    """The demo's recent meeting: the invitations went out, the "please agree" mail to the
    instituutsopleider failed; the log shows it to the wpb, on a phone without sideways
    scrolling, and not to the student."""
    gesprek = Driehoeksgesprek.objects.get(
        title="Tussengesprek", stage__student__user__email="student@example.org"
    )
    for browser_page, name in ((page, "mail-log-gesprek"), (phone, "mail-log-gesprek-phone")):
        log_in(browser_page, "wpb@example.org")
        browser_page.goto(gesprek.get_absolute_url())
        log = browser_page.locator("section", has=browser_page.get_by_role(
            "heading", name="Mail over dit gesprek"))
        expect(log.get_by_role("rowheader", name="Uitnodiging driehoeksgesprek")).to_be_visible()
        expect(log.get_by_text("Hanneke Smit (mislukt, 8 pogingen)")).to_be_visible()
        expect(log.get_by_text("5.2.2 Mailbox full")).to_be_visible()
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= (
            browser_page.viewport_size["width"]
        )
        screenshot(browser_page, name)
    phone.context.clear_cookies()
    log_in(phone, "student@example.org")
    phone.goto(gesprek.get_absolute_url())
    expect(phone.get_by_role("heading", name="Tussengesprek")).to_be_visible()
    expect(phone.get_by_role("heading", name="Mail over dit gesprek")).to_have_count(0)
