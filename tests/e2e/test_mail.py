"""Mail as people meet it in the browser: the coordinator's mail log on the session page, a
person's own mail, and the one-click unsubscribe link from a mail, used without logging in."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

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
