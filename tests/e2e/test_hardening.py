"""The Content-Security-Policy in a real browser, and the error pages as users see them.

The `page` and `phone` fixtures fail a test on any CSP violation or script error; the first
test proves that listener works, the others walk pages the journeys do not reach.
"""

import pytest
from playwright.sync_api import expect

from tests import factories

from .conftest import fail_on_csp_violations, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_browser_refuses_inline_code_and_the_listener_reports_it(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = fail_on_csp_violations(page)
    page.goto("/accounts/login/")
    page.evaluate(
        """() => {
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
            const script = document.createElement("script");
            script.textContent = "window.inlineRan = true";
            document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.inlineRan === undefined")
    context.close()
    assert len(problems) == 2
    assert all("Content Security Policy" in problem for problem in problems)


def test_the_admin_works_under_the_policy(browser, live_server):
    # Django's admin is not the portal's own pages, so no axe-core here (its stylesheet
    # reader adds inline <style> for the admin's @import, which the policy rightly refuses).
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = fail_on_csp_violations(page)
    factories.UserFactory(
        email="beheer@example.org", password="demo-password", is_staff=True, is_superuser=True
    )
    student = factories.StudentFactory()
    log_in(page, "beheer@example.org", password="demo-password")
    page.goto("/admin/")
    expect(page.get_by_role("link", name="Studenten")).to_be_visible()
    page.goto("/admin/opleidingsschool/student/")
    page.goto(f"/admin/opleidingsschool/student/{student.pk}/change/")
    page.goto("/admin/opleidingsschool/bijeenkomst/add/")
    page.get_by_role("link", name="Vandaag").first.click()
    page.goto("/admin/opleidingsschool/user/")
    page.get_by_role("checkbox").first.check()
    expect(page.get_by_text("2 van de 2 geselecteerd")).to_be_visible()  # the admin's JS ran
    screenshot(page, "admin-under-csp")
    context.close()
    assert problems == []


def _served_as_is(page, path: str, response) -> None:
    """Show a response the live server cannot be made to give (a crash, a foreign Host)."""
    page.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=response.status_code,
            body=response.content,
            headers={key: value for key, value in response.items()},
        ),
    )


def test_the_error_pages_in_dutch_on_a_laptop_and_a_phone(page, phone, demo):
    from unittest import mock

    from django.test import Client

    from begeleiding.models import Leervraag

    leervraag = Leervraag.objects.filter(student__user__email="student@example.org").first()
    crashing = Client(raise_request_exception=False)
    crashing.force_login(leervraag.student.user)
    with mock.patch("opleidingsschool.views.roles_for", side_effect=RuntimeError("kapot")):
        crash = crashing.get("/")
    foreign_host = Client().get("/accounts/login/", HTTP_HOST="aanvaller.example")
    assert (crash.status_code, foreign_host.status_code) == (500, 400)

    for device, name in ((page, "desktop"), (phone, "phone")):
        log_in(device, "wpb@example.org")
        device.goto("/bestaat-niet/")
        expect(device.get_by_role("heading", name="Deze pagina bestaat niet")).to_be_visible()
        screenshot(device, f"error-404-{name}")
        device.get_by_role("link", name="Naar de startpagina").click()
        expect(device.get_by_role("heading", name="Deze pagina bestaat niet")).to_have_count(0)

        # The wpb may read the student's question but not edit it.
        device.goto(f"/begeleiding/leervragen/{leervraag.uuid}/bewerken/")
        expect(device.get_by_role("heading", name="Dit mag je niet doen")).to_be_visible()
        screenshot(device, f"error-403-{name}")

        _served_as_is(device, "/kapot/", crash)
        device.goto("/kapot/")
        expect(device.get_by_role("heading", name="Er ging iets mis aan onze kant")).to_be_visible()
        expect(device.get_by_role("link", name="Naar de startpagina")).to_be_visible()
        screenshot(device, f"error-500-{name}")

        _served_as_is(device, "/ongeldig/", foreign_host)
        device.goto("/ongeldig/")
        expect(device.get_by_role("heading", name="Het portaal begreep dit verzoek niet")).to_be_visible()
        screenshot(device, f"error-400-{name}")
