"""A security key as the second step, in a real browser (issue 12).

Chromium's virtual authenticator (the DevTools Protocol's WebAuthn domain) stands in for the
key: the page's own script (allauth's webauthn.js, from static/ under the portal's
Content-Security-Policy) asks navigator.credentials, the browser's WebAuthn stack answers,
the portal checks the answer. The live server runs on http://localhost, a secure context
whose host is a valid RP ID (an IP address is not).
"""

import base64

import pytest
from allauth.mfa.models import Authenticator
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from tests import factories

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "coco.sleutel@example.org"
PASSWORD = "demo-password"  # the factories' password
AUTHENTICATOR = {
    "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
    "hasUserVerification": True, "isUserVerified": True,
}
NO_ANSWER = "Je beveiligingssleutel gaf geen antwoord"


def virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator_id = cdp.send(
        "WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR}
    )["authenticatorId"]
    return cdp, authenticator_id


def log_in_with_password(page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def log_out(page, live_server) -> None:
    page.get_by_role("button", name="Coco", exact=True).click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")


def both_widths(page, name: str) -> None:
    screenshot(page, f"{name}-laptop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"{name}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_coordinator_registers_a_security_key_and_logs_in_with_it(page, live_server):
    assert live_server.url.startswith("http://localhost:")
    coordinator = factories.MedewerkerFactory(
        user__email=EMAIL, user__first_name="Coco", school=None, is_coordinator=True,
    )
    cdp, authenticator_id = virtual_authenticator(page)

    # First log-in: the set-up page offers the app and the key.
    log_in_with_password(page)
    expect(page.get_by_role("heading", name="Tweede stap instellen")).to_be_visible()
    expect(page.get_by_role("heading", name="Met een beveiligingssleutel of passkey")).to_be_visible()
    both_widths(page, "webauthn-setup-choice")
    page.get_by_role("link", name="Beveiligingssleutel toevoegen").click()
    expect(page.get_by_role("heading", name="Beveiligingssleutel toevoegen")).to_be_visible()
    page.get_by_label("Naam van de sleutel").fill("Testsleutel")
    both_widths(page, "webauthn-add")
    page.get_by_role("button", name="Sleutel toevoegen", exact=True).click()
    # The virtual authenticator made a credential; the portal kept it and shows the codes.
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    expect(page.get_by_text("Beveiligingssleutel toegevoegd.")).to_be_visible()
    key = Authenticator.objects.get(user=coordinator.user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Testsleutel"
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})[
        "credentials"]) == 1
    page.get_by_role("link", name="Naar de startpagina").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto("/profiel/")
    expect(page.locator(".security-key-name")).to_have_text("Testsleutel")
    expect(page.get_by_text("Toegevoegd op")).to_be_visible()
    both_widths(page, "webauthn-profile")
    page.goto("/accounts/2fa/")
    both_widths(page, "webauthn-index")

    # Log out, in with e-mail and password: the second step asks for the key.
    log_out(page, live_server)
    log_in_with_password(page)
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    both_widths(page, "webauthn-authenticate")
    page.get_by_role("button", name="Mijn beveiligingssleutel gebruiken").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Coco", exact=True)).to_be_visible()
    key.refresh_from_db()
    assert key.last_used_at is not None

    # Another key (a fresh authenticator without this account's credential): the browser
    # finds nothing to answer with, the page says so.
    credential_id = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})[
        "credentials"][0]["credentialId"]
    log_out(page, live_server)
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": authenticator_id})
    other_id = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})[
        "authenticatorId"]
    log_in_with_password(page)
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    page.get_by_role("button", name="Mijn beveiligingssleutel gebruiken").click()
    expect(page.get_by_text(NO_ANSWER)).to_be_visible(timeout=30_000)
    both_widths(page, "webauthn-refused")

    # A forged key: the registered credential's id with another private key. The browser
    # answers with it; the portal checks the signature against the stored public key and
    # refuses.
    forged = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cdp.send("WebAuthn.addCredential", {"authenticatorId": other_id, "credential": {
        "credentialId": credential_id, "isResidentCredential": False, "rpId": "localhost",
        "privateKey": base64.b64encode(forged).decode(), "signCount": 100,
    }})
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="Mijn beveiligingssleutel gebruiken").click()
    expect(page.get_by_text("Ongeldige code.")).to_be_visible()
    expect(page.get_by_role("button", name="Coco", exact=True)).to_have_count(0)
    for path in ("/", "/profiel/", "/partnerschap/", "/admin/"):
        page.goto(path)
        expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
