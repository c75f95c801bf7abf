"""User journeys of the foundation in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_demo_student_logs_in_and_reaches_the_student_home(page, demo):
    log_in(page, "student@example.org")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Mijn stage")).to_be_visible()
    expect(page.get_by_role("link", name="Mijn begeleiders")).to_be_visible()
    screenshot(page, "student-home")


def test_wrong_password_shows_a_dutch_error(page, demo):
    log_in(page, "student@example.org", password="niet-het-goede")
    error = "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct."
    expect(page.get_by_text(error)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    screenshot(page, "login-error")


def test_switching_to_english_translates_the_portal(page, demo):
    log_in(page, "student@example.org")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="My placement")).to_be_visible()
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="My placement")).to_be_visible()


@pytest.mark.parametrize(
    "email, heading",
    [
        ("wpb@example.org", "Mijn studenten"),
        ("schoolopleider@example.org", "Studenten van de school dit jaar"),
        ("instituutsopleider@example.org", "Mijn studenten"),
        ("docent@example.org", "Mijn expertise"),
        ("coordinator@example.org", "Het partnerschap in één oogopslag"),
        ("starter@example.org", "Mijn inductie"),
        ("student4@example.org", "Mijn stage"),
    ],
)
def test_each_demo_account_lands_on_its_own_home(page, demo, email, heading):
    log_in(page, email)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    screenshot(page, f"home-{email.split('@')[0]}")
    # The whole menu fits on one line at the narrowest laptop width that shows it unfolded
    # (Bootstrap's xl, 1200px): no item sticks out of the bar, the page does not scroll sideways.
    page.set_viewport_size({"width": 1200, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1200
    bar = page.locator(".portal-navbar").bounding_box()
    for item in page.locator(".portal-navbar .nav-link").all():
        box = item.bounding_box()
        assert box["x"] + box["width"] <= 1200 and box["y"] + box["height"] <= bar["height"], (
            f"{item.inner_text()!r} falls outside the menu bar"
        )


def test_the_menu_folds_away_on_a_phone(phone, demo):
    log_in(phone, "wpb@example.org")
    menu_link = phone.get_by_role("link", name="Mijn studenten", exact=True)
    expect(menu_link).to_be_hidden()
    phone.get_by_role("button", name="Menu openen").click()
    # The werkplekbegeleider is also a colleague: each role is a group of its own.
    phone.get_by_role("button", name="Begeleiding").click()
    expect(menu_link).to_be_visible()
    menu_link.click()
    expect(phone.get_by_role("heading", name="Studenten")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "phone-student-list")
