"""Logging in with SURFconext and with a second factor, in a real browser (issue 12).

The SURFconext-like provider is a real OpenID Connect provider (Node's oidc-provider) run on
a free local port; the browser goes there and back as it would to SURFconext.
"""

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

from opleidingsschool.invitations import invitation_url
from opleidingsschool.models import User
from tests import factories
from tests.federation.identity_provider import (
    SURFCONEXT_ACCOUNTS,
    SURFCONEXT_CLAIMS,
    running_provider,
)
from tests.totp import current_code, wrong_code

from .conftest import screenshot, set_up_second_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def surfconext(live_server, settings):
    with running_provider(
        provider_id="surfconext", name="SURFconext", claims=SURFCONEXT_CLAIMS,
        accounts=SURFCONEXT_ACCOUNTS, redirect_bases=[live_server.url],
    ) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {
            "APPS": [provider.app()], "OAUTH_PKCE_ENABLED": True,
        }}
        yield provider


def test_invited_student_logs_in_with_surfconext_for_the_first_time(page, live_server, surfconext):
    student = factories.StudentFactory(
        user__email="sanne.surf@example.org", user__first_name="Sanne", user__last_name="Surf",
        user__password=None,
    )
    page.goto(invitation_url(student.user).replace("http://127.0.0.1:8000", live_server.url))
    expect(page.get_by_role("heading", name="Kies een wachtwoord")).to_be_visible()
    page.get_by_role("button", name="Inloggen met SURFconext").click()
    # At the provider: its own log-in page.
    expect(page.get_by_role("heading", name="Inloggen bij SURFconext")).to_be_visible()
    page.get_by_label("Gebruikersnaam").fill("sanne-sub-7f3a")
    page.get_by_role("button", name="Inloggen").click()
    # Back in the portal, on the student's home.
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Sanne", exact=True)).to_be_visible()
    screenshot(page, "federation-student-home")
    assert SocialAccount.objects.get(user=student.user).uid == "sanne-sub-7f3a"
    page.goto("/profiel/")
    expect(page.get_by_text("Instelling: testhogeschool.nl")).to_be_visible()
    screenshot(page, "federation-profile")


def test_unknown_identity_gets_the_refusal_page(page, live_server, surfconext):
    users = User.objects.count()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Inloggen met SURFconext").click()
    page.get_by_label("Gebruikersnaam").fill("onbekend-sub-9c1d")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Geen account bij deze inlog")).to_be_visible()
    expect(page.get_by_text("Vraag je coördinator om een uitnodiging.")).to_be_visible()
    screenshot(page, "federation-refused")
    assert User.objects.count() == users
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")


def test_coordinator_sets_up_totp_and_a_wrong_code_gets_in_nowhere(page, live_server):
    factories.MedewerkerFactory(
        user__email="coco.e2e@example.org", user__first_name="Coco", school=None,
        is_coordinator=True,
    )
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill("coco.e2e@example.org")
    page.get_by_label("Wachtwoord").fill("demo-password")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tweede stap instellen")).to_be_visible()
    screenshot(page, "federation-totp-setup")
    page.goto("/")  # no other page before the second step is set up
    expect(page.get_by_role("heading", name="Tweede stap instellen")).to_be_visible()
    secret = set_up_second_factor(page)
    expect(page.get_by_role("heading", name="Herstelcodes")).to_be_visible()
    page.get_by_role("link", name="Naar de startpagina").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Coco", exact=True).click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")

    page.get_by_label("E-mailadres").fill("coco.e2e@example.org")
    page.get_by_label("Wachtwoord").fill("demo-password")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tweede stap")).to_be_visible()
    wrong = wrong_code(secret)
    page.get_by_label("Code").fill(wrong)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Tweede stap")).to_be_visible()
    for path in ("/", "/profiel/", "/partnerschap/"):
        page.goto(path)
        expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill(current_code(secret, margin=10))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Coco", exact=True)).to_be_visible()
    screenshot(page, "federation-totp-logged-in")
    page.goto("/partnerschap/")
    expect(page).to_have_url(f"{live_server.url}/partnerschap/")
