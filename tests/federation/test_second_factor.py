"""A second factor (allauth.mfa, TOTP with recovery codes): required for coordinators and
staff, optional for everyone else; the admin logs in through the portal's log-in."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests import factories
from tests.totp import current_code, wrong_code

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password"  # the factories' password


def log_in(client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def activate_totp(client) -> str:
    """Set up the authenticator app as the person would; returns the secret."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    assert secret in response.content.decode()  # the key is shown for typing it in
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)},
                           follow=True)
    # Right after logging in the recovery codes are shown without asking the password again.
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert "Herstelcodes" in response.content.decode()
    return secret


def test_coordinator_must_set_up_the_second_factor_before_any_page(client, personas):
    response = log_in(client, "coco@example.org")
    assert response["Location"] == reverse("home")
    for url in (reverse("home"), reverse("profile"), reverse("student_list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_activate_totp"))
    assert "Als coördinator of beheerder log je in met een tweede stap." in response.content.decode()
    activate_totp(client)
    assert Authenticator.objects.filter(
        user=personas.coordinator.user, type=Authenticator.Type.TOTP
    ).count() == 1
    assert Authenticator.objects.filter(
        user=personas.coordinator.user, type=Authenticator.Type.RECOVERY_CODES
    ).count() == 1
    assert client.get(reverse("home")).status_code == 200


def test_coordinator_is_asked_for_the_code_and_a_wrong_code_gets_in_nowhere(client, personas):
    log_in(client, "coco@example.org")
    secret = activate_totp(client)
    client.post(reverse("account_logout"))

    response = log_in(client, "coco@example.org")
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = wrong_code(secret)
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["user"].is_authenticated is False
    for url in (reverse("home"), reverse("profile"), "/admin/"):
        response = client.get(url, follow=True)
        # Via the log-in page back to the pending second step; never the page itself.
        assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
        assert response.context["user"].is_authenticated is False

    log_in(client, "coco@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == personas.coordinator.user


def test_a_recovery_code_works_once_instead_of_the_app(client, personas):
    log_in(client, "coco@example.org")
    activate_totp(client)
    codes = Authenticator.objects.get(
        user=personas.coordinator.user, type=Authenticator.Type.RECOVERY_CODES
    ).wrap().get_unused_codes()
    client.post(reverse("account_logout"))
    log_in(client, "coco@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]}, follow=True)
    assert response.context["user"] == personas.coordinator.user
    client.post(reverse("account_logout"))
    log_in(client, "coco@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.context["user"].is_authenticated is False


def test_the_admin_login_goes_through_the_portal_and_requires_the_second_factor(client, db):
    factories.UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"
    response = client.post(
        f"{reverse('account_login')}?next=/admin/",
        {"login": "beheer@example.org", "password": PASSWORD, "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    activate_totp(client)
    assert client.get("/admin/").status_code == 200


def test_a_student_needs_no_second_factor_but_may_turn_it_on(client, personas):
    log_in(client, "sanne@example.org")
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De tweede stap staat aan" not in html
    assert reverse("mfa_activate_totp") in html
    secret = activate_totp(client)
    assert "De tweede stap staat aan" in client.get(reverse("profile")).content.decode()
    client.post(reverse("account_logout"))
    assert log_in(client, "sanne@example.org")["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)},
                           follow=True)
    assert response.context["user"] == personas.student.user


def test_the_second_step_is_checked_once_per_session_after_it_is_found(client, personas):
    """A coordinator's pages do not ask again on every request whether a second step is set
    up once it was found (it cannot be removed while it is their last); a new session asks
    again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def authenticator_queries(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q for q in queries if "mfa_authenticator" in q["sql"]]

    log_in(client, "coco@example.org")
    secret = activate_totp(client)
    authenticator_queries(reverse("home"))
    assert authenticator_queries(reverse("student_list")) == []
    client.post(reverse("account_logout"))
    log_in(client, "coco@example.org")
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    # The key is in the new session as soon as the first page checked it.
    authenticator_queries(reverse("home"))
    assert authenticator_queries(reverse("profile")) != []  # the profile lists them itself
    assert authenticator_queries(reverse("student_list")) == []
