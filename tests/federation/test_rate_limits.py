"""Rate limits on every way in (issue 12): failed logins per IP and per account, the
password-reset mail, the second step's code and the federated log-in's start and callback.
Each path is hammered with the test Client until refused; the cache (the limits' store) is
cleared per test (tests/conftest.py)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse

from opleidingsschool.federation import FEDERATED_LOGIN_PREFIXES
from tests import factories
from tests.totp import current_code, wrong_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password"  # the factories' password
TOO_MANY_LOGINS = "Te veel inlogpogingen. Probeer het later nogmaals."
TOO_MANY_PAGE = "Te veel pogingen in korte tijd"


def log_in(client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def refused_login(response) -> bool:
    return (response.status_code == 200
            and TOO_MANY_LOGINS in response.content.decode()
            and not response.wsgi_request.user.is_authenticated)


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, personas):
    for _ in range(5):
        response = log_in(client, "sanne@example.org", "wrong-password")
        assert response.status_code == 200
        assert TOO_MANY_LOGINS not in response.content.decode()

    assert refused_login(log_in(client, "sanne@example.org"))
    assert "_auth_user_id" not in client.session
    # Another account from the same address still gets in.
    response = log_in(client, "wim@example.org")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == personas.wpb.user.pk


def test_ten_failed_logins_from_one_address_lock_every_account_there(client, personas):
    for number in range(10):
        response = log_in(client, f"onbekend{number}@example.org", "wrong-password")
        assert TOO_MANY_LOGINS not in response.content.decode()

    # An account nobody guessed at, with its right password: refused from this address.
    assert refused_login(log_in(client, "wim@example.org"))
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_are_limited_per_address_and_per_ip(client, personas):
    url = reverse("account_reset_password")
    for _ in range(3):
        response = client.post(url, {"email": "sanne@example.org"})
        assert response.status_code == 302
    response = client.post(url, {"email": "sanne@example.org"})
    assert response.status_code == 429
    assert TOO_MANY_PAGE in response.content.decode()
    assert len(mail.outbox) == 3

    # Twenty from this address in all: the refused fourth counted for the address too.
    for number in range(16):
        assert client.post(url, {"email": f"iemand{number}@example.org"}).status_code == 302
    response = client.post(url, {"email": "wim@example.org"})
    assert response.status_code == 429
    assert not any("wim@example.org" in message.to for message in mail.outbox)


def test_the_second_steps_code_is_limited_and_then_even_the_right_code_is_refused(
    client, personas
):
    user = personas.student.user
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert log_in(client, "sanne@example.org")["Location"] == reverse("mfa_authenticate")
    right = current_code(secret)
    wrong = wrong_code(secret)

    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": wrong})
        assert response.status_code == 200
        assert TOO_MANY_LOGINS not in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": right})
    assert response.status_code == 200
    assert TOO_MANY_LOGINS in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_the_federated_start_and_callback_are_limited_per_ip(client, federation):
    start = reverse("openid_connect_login", kwargs={"provider_id": "surfconext"})
    callback = reverse("openid_connect_callback", kwargs={"provider_id": "surfconext"})
    invitation = reverse("federation_invitation_login",
                         kwargs={"uidb36": "zz", "provider_id": "surfconext"})
    for _ in range(20):
        assert client.post(start).status_code == 302  # on to the provider
        assert client.get(callback, {"state": "nep", "code": "nep"}).status_code != 429
        assert client.get(invitation).status_code != 429

    for url, method in ((start, client.post), (callback, client.get), (invitation, client.get)):
        response = method(url)
        assert response.status_code == 429
        assert TOO_MANY_PAGE in response.content.decode()
    # Other pages are not counted.
    assert client.get(reverse("account_login")).status_code == 200


def test_the_federated_limit_counts_only_the_federated_paths():
    assert reverse("openid_connect_callback", kwargs={"provider_id": "eduid"}).startswith(
        FEDERATED_LOGIN_PREFIXES)
    assert not reverse("account_login").startswith(FEDERATED_LOGIN_PREFIXES)
    assert not reverse("mfa_authenticate").startswith(FEDERATED_LOGIN_PREFIXES)


def test_a_new_person_is_not_counted_against_a_locked_account(client, personas):
    """The per-account count is the address's: a fresh account logs in after another is
    locked."""
    new = factories.StudentFactory(user__email="nieuw@example.org").user
    for _ in range(6):
        log_in(client, "sanne@example.org", "wrong-password")
    assert log_in(client, "nieuw@example.org").status_code == 302
    assert int(client.session["_auth_user_id"]) == new.pk
