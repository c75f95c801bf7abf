"""A security key or passkey (WebAuthn) as the second step (issue 12), through the portal's
pages with the test client.

The key is a software authenticator: a real P-256 key pair made here, whose registration and
signed assertions go through allauth and fido2's checks exactly as a browser's would
(challenge, origin, RP ID hash, signature, user presence). The browser journey with Chromium's
virtual authenticator is tests/e2e/test_webauthn.py.
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

from tests import factories
from tests.totp import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password"  # the factories' password
HOST = "localhost"  # WebAuthn's RP ID is the host; a browser allows http only on localhost
ORIGIN = f"http://{HOST}"


class SoftKey:
    """A security key in software: one credential, a signature counter."""

    def __init__(self) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.counter = 0
        self.rp_id = HOST
        self.origin = ORIGIN

    def _rp_id_hash(self) -> bytes:
        return hashlib.sha256(self.rp_id.encode()).digest()

    def register(self, creation_options: dict) -> dict:
        """navigator.credentials.create(), answered: the JSON the browser script posts."""
        public_key = creation_options["publicKey"]
        assert public_key["rp"]["id"] == self.rp_id
        client_data = CollectedClientData.create(
            type=CollectedClientData.TYPE.CREATE, challenge=public_key["challenge"],
            origin=self.origin,
        )
        credential = AttestedCredentialData.create(
            Aaguid.NONE, self.credential_id,
            ES256.from_cryptography_key(self.private_key.public_key()),
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
        auth_data = AuthenticatorData.create(self._rp_id_hash(), flags, self.counter, credential)
        attestation = AttestationObject.create("none", auth_data, {})
        return {
            "type": "public-key",
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
            },
            "clientExtensionResults": {"credProps": {"rk": False}},
        }

    def assert_(self, request_options: dict) -> dict:
        """navigator.credentials.get(), answered."""
        public_key = request_options["publicKey"]
        self.counter += 1
        client_data = CollectedClientData.create(
            type=CollectedClientData.TYPE.GET, challenge=public_key["challenge"],
            origin=self.origin,
        )
        auth_data = AuthenticatorData.create(
            self._rp_id_hash(), AuthenticatorData.FLAG.UP, self.counter
        )
        signature = self.private_key.sign(
            bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256())
        )
        return {
            "type": "public-key",
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
            },
            "clientExtensionResults": {},
        }


@pytest.fixture
def client(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    client.defaults["HTTP_HOST"] = HOST
    return client


def log_in(client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def confirm_password(client) -> None:
    """Renaming or removing a key (and switching the app off) asks the password again, as
    allauth does; this is the person giving it."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def add_key(client, key: SoftKey, name: str = "YubiKey blauw"):
    """Add the key as the person would on the add page; returns the last response."""
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    credential = key.register(response.context["js_data"]["creation_options"])
    return client.post(
        reverse("mfa_add_webauthn"), {"name": name, "credential": json.dumps(credential)},
        follow=True,
    )


def answer_with_key(client, key: SoftKey, url: str | None = None):
    """On the second step's page: the key answers the challenge the page carries."""
    url = url or reverse("mfa_authenticate")
    response = client.get(url)
    assert response.status_code == 200
    assertion = key.assert_(response.context["js_data"]["request_options"])
    return client.post(url, {"credential": json.dumps(assertion)}, follow=True)


def keys_of(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN)


def test_the_set_up_page_offers_the_app_and_a_security_key(client, personas):
    log_in(client, "coco@example.org")
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("mfa_activate_totp")
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "Met een authenticator-app" in html
    assert "Met een beveiligingssleutel of passkey" in html
    assert reverse("mfa_add_webauthn") in html
    assert "of met een beveiligingssleutel of passkey" in html  # the middleware's message


def test_coordinator_with_only_a_security_key_is_not_sent_to_set_up_the_app(client, personas):
    log_in(client, "coco@example.org")
    # Right after logging in: no password asked again, as for the app.
    response = add_key(client, SoftKey())
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert "Beveiligingssleutel toegevoegd." in response.content.decode()
    key = keys_of(personas.coordinator.user).get()
    assert key.wrap().name == "YubiKey blauw"
    assert not Authenticator.objects.filter(
        user=personas.coordinator.user, type=Authenticator.Type.TOTP
    ).exists()
    assert Authenticator.objects.filter(
        user=personas.coordinator.user, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    for url in (reverse("home"), reverse("profile"), reverse("student_list")):
        assert client.get(url).status_code == 200


def test_coordinator_logs_in_with_password_and_key_and_a_wrong_key_gets_in_nowhere(
    client, personas
):
    key = SoftKey()
    log_in(client, "coco@example.org")
    add_key(client, key)
    client.post(reverse("account_logout"))

    # Another key (not registered), then a registered key whose signature is not its own.
    strangers = [SoftKey()]
    forged = SoftKey()
    forged.credential_id = key.credential_id
    strangers.append(forged)
    for stranger in strangers:
        response = log_in(client, "coco@example.org")
        assert response["Location"] == reverse("mfa_authenticate")
        page = client.get(reverse("mfa_authenticate")).content.decode()
        assert "Mijn beveiligingssleutel gebruiken" in page
        response = answer_with_key(client, stranger)
        assert response.context["user"].is_authenticated is False
        assert "Ongeldige code." in response.content.decode()  # allauth's words
        for url in (reverse("home"), reverse("profile"), "/admin/"):
            response = client.get(url, follow=True)
            assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
            assert response.context["user"].is_authenticated is False
        client.post(reverse("account_logout"))

    log_in(client, "coco@example.org")
    response = answer_with_key(client, key)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == personas.coordinator.user
    assert keys_of(personas.coordinator.user).get().last_used_at is not None


def test_an_answer_to_an_old_challenge_is_refused(client, personas):
    key = SoftKey()
    log_in(client, "coco@example.org")
    add_key(client, key)
    client.post(reverse("account_logout"))
    log_in(client, "coco@example.org")
    old = client.get(reverse("mfa_authenticate")).context["js_data"]["request_options"]
    client.get(reverse("mfa_authenticate"))  # a new challenge replaces it
    response = client.post(reverse("mfa_authenticate"),
                           {"credential": json.dumps(key.assert_(old))}, follow=True)
    assert response.context["user"].is_authenticated is False


def test_a_key_for_another_site_is_refused(client, personas):
    log_in(client, "coco@example.org")
    elsewhere = SoftKey()
    elsewhere.origin = "https://phishing.example"
    response = add_key(client, elsewhere)
    assert response.redirect_chain == []
    assert "Ongeldige code." in response.content.decode()
    assert not keys_of(personas.coordinator.user).exists()


def test_bad_input_on_the_key_pages_changes_nothing(client, personas):
    log_in(client, "coco@example.org")
    for credential in ("", "not json", json.dumps({"id": "x"}), json.dumps([1, 2])):
        response = client.post(reverse("mfa_add_webauthn"),
                               {"name": "Sleutel", "credential": credential})
        assert response.status_code == 200
        assert not keys_of(personas.coordinator.user).exists()
    key = SoftKey()
    add_key(client, key)
    client.post(reverse("account_logout"))
    log_in(client, "coco@example.org")
    client.get(reverse("mfa_authenticate"))
    for credential in ("not json", json.dumps({"response": {"userHandle": "x"}})):
        response = client.post(reverse("mfa_authenticate"), {"credential": credential})
        assert response.status_code == 200
        assert response.context["user"].is_authenticated is False


def test_the_profile_lists_the_keys_and_they_can_be_renamed_and_removed(client, personas):
    log_in(client, "sanne@example.org")
    html = client.get(reverse("profile")).content.decode()
    assert reverse("mfa_add_webauthn") in html and reverse("mfa_activate_totp") in html
    first, second = SoftKey(), SoftKey()
    add_key(client, first, name="YubiKey blauw")
    add_key(client, second, name="Laptop")
    first_pk, second_pk = keys_of(personas.student.user).order_by("pk").values_list(
        "pk", flat=True
    )
    confirm_password(client)
    html = client.get(reverse("profile")).content.decode()
    assert "De tweede stap staat aan" in html
    assert "YubiKey blauw" in html and "Laptop" in html
    assert "Toegevoegd op" in html
    assert reverse("mfa_edit_webauthn", kwargs={"pk": first_pk}) in html
    assert reverse("mfa_remove_webauthn", kwargs={"pk": second_pk}) in html

    response = client.post(reverse("mfa_edit_webauthn", kwargs={"pk": first_pk}),
                           {"name": "Sleutelbos"}, follow=True)
    assert "De sleutel heet nu ‘Sleutelbos’." in response.content.decode()
    assert keys_of(personas.student.user).get(pk=first_pk).wrap().name == "Sleutelbos"
    response = client.post(reverse("mfa_edit_webauthn", kwargs={"pk": first_pk}),
                           {"name": ""})
    assert response.status_code == 200  # the name is required; nothing changed
    assert keys_of(personas.student.user).get(pk=first_pk).wrap().name == "Sleutelbos"

    response = client.get(reverse("mfa_remove_webauthn", kwargs={"pk": second_pk}))
    assert "Wil je de sleutel ‘Laptop’ verwijderen?" in response.content.decode()
    response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": second_pk}),
                           follow=True)
    assert "Beveiligingssleutel verwijderd." in response.content.decode()
    assert list(keys_of(personas.student.user).values_list("pk", flat=True)) == [first_pk]
    # A student may remove the last one too: the second step is then off.
    client.post(reverse("mfa_remove_webauthn", kwargs={"pk": first_pk}))
    assert not Authenticator.objects.filter(user=personas.student.user).exists()
    assert "De tweede stap staat aan" not in client.get(reverse("profile")).content.decode()


def test_someone_elses_key_is_a_404(client, personas):
    log_in(client, "sanne@example.org")
    add_key(client, SoftKey())
    pk = keys_of(personas.student.user).get().pk
    client.post(reverse("account_logout"))
    log_in(client, "coco@example.org")
    add_key(client, SoftKey())
    confirm_password(client)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404
        assert client.post(reverse(name, kwargs={"pk": pk}), {"name": "x"}).status_code == 404
    assert keys_of(personas.student.user).get().wrap().name == "YubiKey blauw"


def test_the_last_second_step_of_a_coordinator_cannot_be_removed(client, personas):
    log_in(client, "coco@example.org")
    add_key(client, SoftKey())
    key = keys_of(personas.coordinator.user).get()
    response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_index")
    assert "Dit is je laatste tweede stap" in response.content.decode()
    assert keys_of(personas.coordinator.user).exists()
    assert client.get(reverse("home")).status_code == 200

    # With a second key, the first one can go; the other is then the last.
    add_key(client, SoftKey(), name="Reservesleutel")
    confirm_password(client)
    client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}))
    last = keys_of(personas.coordinator.user).get()
    assert last.wrap().name == "Reservesleutel"
    client.post(reverse("mfa_remove_webauthn", kwargs={"pk": last.pk}))
    assert keys_of(personas.coordinator.user).get() == last


def test_the_app_cannot_be_switched_off_as_the_last_second_step_either(client, personas):
    log_in(client, "coco@example.org")
    response = client.get(reverse("mfa_activate_totp"))
    secret = response.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    confirm_password(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "Dit is je laatste tweede stap" in response.content.decode()
    assert Authenticator.objects.filter(
        user=personas.coordinator.user, type=Authenticator.Type.TOTP
    ).exists()
    # With a key beside it, the app can go.
    add_key(client, SoftKey())
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(
        user=personas.coordinator.user, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get(reverse("home")).status_code == 200


def test_renaming_and_removing_later_ask_for_the_key_or_password_again(client, personas, settings):
    log_in(client, "sanne@example.org")
    key = SoftKey()
    add_key(client, key)
    pk = keys_of(personas.student.user).get().pk
    # Past the few minutes after logging in, allauth asks again before a change.
    session = client.session
    for record in session[AUTHENTICATION_METHODS_SESSION_KEY]:
        record["at"] -= 3600
    session.save()
    response = client.get(reverse("mfa_edit_webauthn", kwargs={"pk": pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    # The key itself confirms it.
    response = answer_with_key(client, key, reverse("mfa_reauthenticate_webauthn"))
    assert response.status_code == 200
    response = client.post(reverse("mfa_edit_webauthn", kwargs={"pk": pk}), {"name": "Nieuw"})
    assert response.status_code == 302
    assert keys_of(personas.student.user).get().wrap().name == "Nieuw"


def test_a_student_with_a_key_is_asked_for_it(client, personas):
    key = SoftKey()
    log_in(client, "sanne@example.org")
    add_key(client, key)
    client.post(reverse("account_logout"))
    assert log_in(client, "sanne@example.org")["Location"] == reverse("mfa_authenticate")
    response = answer_with_key(client, key)
    assert response.context["user"] == personas.student.user


def test_staff_with_a_key_reach_the_admin(client, db):
    factories.UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)
    log_in(client, "beheer@example.org")
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    key = SoftKey()
    add_key(client, key)
    assert client.get("/admin/").status_code == 200
    client.post(reverse("account_logout"))
    log_in(client, "beheer@example.org")
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == reverse("mfa_authenticate")
    answer_with_key(client, key)
    assert client.get("/admin/").status_code == 200


def test_passkey_log_in_without_a_password_is_off(client, personas):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("mfa_login_webauthn")
    assert client.get("/accounts/2fa/webauthn/login/").status_code == 404


def test_the_confirm_pages_offer_each_way_the_person_has(client, personas):
    log_in(client, "sanne@example.org")
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    add_key(client, SoftKey())
    html = client.get(reverse("mfa_reauthenticate_webauthn")).content.decode()
    assert "Bevestig dat jij het bent" in html
    assert "Mijn beveiligingssleutel gebruiken" in html
    assert reverse("account_reauthenticate") in html and reverse("mfa_reauthenticate") in html
    html = client.get(reverse("mfa_reauthenticate")).content.decode()
    assert "Vul voor deze wijziging een code uit je authenticator-app in" in html
    assert reverse("mfa_reauthenticate_webauthn") in html


def test_the_coordinator_sees_a_key_as_a_second_step(client, personas):
    """How a person logs in (the lists and the person's page) counts a security key as a
    second step, as the app."""
    student = personas.student.user
    Authenticator.objects.create(user=student, type=Authenticator.Type.WEBAUTHN, data={})
    client.force_login(personas.coordinator.user)
    Authenticator.objects.create(
        user=personas.coordinator.user, type=Authenticator.Type.TOTP, data={})
    html = client.get(reverse("partnerschap:student_list")).content.decode()
    row = html[html.index(student.email):]
    row = row[: row.index("</td>")]
    assert "Tweede stap aan" in row
    assert "Geen tweede stap" not in row
    Authenticator.objects.filter(user=student).delete()
    html = client.get(reverse("partnerschap:student_list")).content.decode()
    row = html[html.index(student.email):]
    assert "Geen tweede stap" in row[: row.index("</td>")]
