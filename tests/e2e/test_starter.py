"""From student to starter in one account (issue 15), in a real browser: the coordinator
turns a graduating student into a starter with a coach, and the starter, logging in as
before, finds their learning questions still there."""

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


def test_a_student_becomes_a_starter_and_finds_their_learning_questions(
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
