"""The accessibility check that every browser journey runs, and the theme it guards."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import AxeChecker, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAINT_TEXT = (
    '<!DOCTYPE html><html lang="nl"><head><title>Proef</title>'
    "<style>.faint { color: #c8c8c8; }</style></head>"
    '<body><main><p>Goed leesbaar</p><p class="faint">Bijna onleesbaar</p></main></body></html>'
)


def test_the_check_reports_a_page_that_breaks_a_wcag_rule(browser, axe_source):
    context = browser.new_context()
    page = context.new_page()
    checker = AxeChecker(page, axe_source)
    page.set_content(FAINT_TEXT)  # the page's load event runs the check...
    page.wait_for_function("window.axe !== undefined")  # ...once the event reaches the test
    page.wait_for_timeout(500)
    context.close()
    assert [violation.split(" ")[1] for violation in checker.violations] == ["color-contrast"]


def test_the_focus_ring_stands_out_on_the_page_and_on_the_menu_bar(page, demo):
    log_in(page, "student@example.org")
    # The home page has loaded (the login's redirect is done) before the keyboard is used.
    expect(page.get_by_role("heading", name="Mijn stage")).to_be_visible()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the portal's name in the menu bar
    brand = page.locator(".navbar-brand")
    expect(brand).to_be_focused()
    assert brand.evaluate("el => getComputedStyle(el).outlineColor") == "rgb(255, 255, 255)"
    assert brand.evaluate("el => getComputedStyle(el).outlineWidth") == "3px"
    button = page.get_by_role("button", name="English")
    button.focus()
    # The partnership colour (#1f5f8b): 6.4:1 on the page's off-white background.
    assert button.evaluate("el => getComputedStyle(el).outlineColor") == "rgb(31, 95, 139)"
    screenshot(page, "focus-ring")


def test_a_wide_table_on_a_phone_can_be_scrolled_by_keyboard(phone, demo):
    log_in(phone, "coordinator@example.org")
    phone.goto("/partnerschap/scholen/")
    region = phone.locator(".table-responsive").first
    scrolls = region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == ("0" if scrolls else None)
    expect(phone).to_have_url(re.compile(r"/partnerschap/scholen/$"))
