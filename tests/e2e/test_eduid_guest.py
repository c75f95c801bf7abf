"""A guest expert through eduID answers a leercafé invitation (issue 12), in a real browser.

The coordinator invites an expert from outside the partnership from the leercafé's experts
page; the guest opens the invitation mail on their phone, chooses eduID, logs in at the
eduID-like provider (a real OpenID Connect provider, Node's oidc-provider, on a free local
port), lands in the portal and accepts; the coordinator then sees the acceptance.
"""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from playwright.sync_api import expect

from opleidingsschool.models import Medewerker, Soort, Uitnodiging
from tests import factories
from tests.federation.identity_provider import EDUID_ACCOUNTS, EDUID_CLAIMS, running_provider

from .conftest import screenshot, set_up_second_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TITLE = "Leercafé differentiëren"


@pytest.fixture
def eduid(live_server, settings):
    with running_provider(
        provider_id="eduid", name="eduID", claims=EDUID_CLAIMS, accounts=EDUID_ACCOUNTS,
        redirect_bases=[live_server.url],
    ) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {
            "APPS": [provider.app()], "OAUTH_PKCE_ENABLED": True,
        }}
        yield provider


def test_a_guest_expert_logs_in_with_eduid_and_accepts_the_leercafe_invitation(
    page, phone, live_server, eduid
):
    coordinator = factories.MedewerkerFactory(
        user__email="coco.gast@example.org", user__first_name="Coco", school=None,
        is_coordinator=True,
    )
    leercafe = factories.BijeenkomstFactory(
        soort=Soort.LEERCAFE, title=TITLE, partnerschap=coordinator.partnerschap,
    )
    factories.ExpertiseFactory(name="differentiëren")

    # The coordinator invites Gert, who works outside the partnership. (The log-in page has
    # an "Inloggen met eduID" button too: the password's button is the exact one.)
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill("coco.gast@example.org")
    page.get_by_label("Wachtwoord").fill("demo-password")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", name="Tweede stap instellen")).to_be_visible()
    set_up_second_factor(page)
    page.goto(leercafe.get_absolute_url())
    page.get_by_role("link", name="Experts uitnodigen").click()
    expect(page.get_by_role("heading", name="Een gastexpert van buiten uitnodigen")).to_be_visible()
    page.get_by_label("Voornaam").fill("Gert")
    page.get_by_label("Achternaam").fill("Gast")
    page.get_by_label("E-mailadres").fill("gast@example.net")
    page.get_by_label("Expertise").select_option(label="differentiëren")
    mail.outbox.clear()
    page.get_by_role("button", name="Uitnodigen als gastexpert").click()
    expect(page.get_by_text(f"Gert Gast is uitgenodigd voor ‘{TITLE}’ als gastexpert")).to_be_visible()
    screenshot(page, "eduid-guest-invited")
    guest = Medewerker.objects.get(user__email="gast@example.net")
    assert guest.gast_van == coordinator.partnerschap

    # Gert, on his phone: the link in the invitation mail, then eduID.
    (invitation,) = [m for m in mail.outbox if m.to == ["gast@example.net"]
                     and "/accounts/password/reset/key/" in m.body]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", invitation.body)
    phone.goto(link.group(1))
    expect(phone.get_by_role("heading", name="Kies een wachtwoord")).to_be_visible()
    phone.get_by_role("button", name="Inloggen met eduID").click()
    expect(phone.get_by_role("heading", name="Inloggen bij eduID")).to_be_visible()
    phone.get_by_label("Gebruikersnaam").fill("gast-sub-51aa")
    phone.get_by_role("button", name="Inloggen").click()
    phone.wait_for_url(f"{live_server.url}/")
    invitations = phone.get_by_role("region", name="Uitnodigingen om te beantwoorden")
    expect(invitations.get_by_role("link", name=TITLE)).to_be_visible()
    expect(invitations.get_by_text("voor je expertise in differentiëren")).to_be_visible()
    screenshot(phone, "eduid-guest-home")
    assert SocialAccount.objects.get(user=guest.user).uid == "gast-sub-51aa"
    invitations.get_by_role("button", name="Accepteren").click()
    expect(phone.get_by_text(f"Je hebt de uitnodiging voor ‘{TITLE}’ geaccepteerd.")).to_be_visible()
    expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
    screenshot(phone, "eduid-guest-accepted")
    assert Uitnodiging.objects.get(medewerker=guest).status == "accepted"

    # The coordinator sees the acceptance.
    page.goto(leercafe.get_absolute_url())
    invited = page.locator("section").filter(
        has=page.get_by_role("heading", name="Uitgenodigde experts"))
    row = invited.get_by_role("listitem").filter(has_text="Gert Gast")
    expect(row.get_by_text("gastexpert")).to_be_visible()
    expect(row.get_by_text("geaccepteerd")).to_be_visible()
    screenshot(page, "eduid-guest-coordinator")
