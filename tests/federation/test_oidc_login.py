"""Log-in through SURFconext and eduID (OpenID Connect), against real providers run locally."""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from opleidingsschool.models import User
from tests import factories

from .identity_provider import log_in_at_provider, portal_path

pytestmark = pytest.mark.django_db

SURF_LOGIN = "/accounts/oidc/surfconext/login/"
EDUID_LOGIN = "/accounts/oidc/eduid/login/"


def round_trip(client, start_url: str, login: str, data=None):
    """Press the provider's button, log in at the provider as `login`, come back."""
    response = client.post(start_url, data or {})
    assert response.status_code == 302
    callback = log_in_at_provider(response["Location"], login)
    return callback, client.get(portal_path(callback), follow=True)


def invitation_page(client, user) -> str:
    """Open the invitation link as the mail has it; return the page it settles on."""
    from opleidingsschool.invitations import invitation_url

    path = invitation_url(user).removeprefix("http://127.0.0.1:8000")
    response = client.get(path, follow=True)
    return response.redirect_chain[-1][0]


def uidb36_of(page_url: str) -> str:
    return re.search(r"/key/([0-9a-z]+)-set-password/", page_url).group(1)


def test_login_page_offers_each_configured_provider(client, federation):
    html = client.get(reverse("account_login")).content.decode()
    assert "Inloggen met SURFconext" in html
    assert "Inloggen met eduID" in html


def test_login_page_has_no_provider_buttons_without_configuration(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    html = client.get(reverse("account_login")).content.decode()
    assert "Inloggen met" not in html


def test_invited_student_links_surfconext_and_lands_on_home(client, federation):
    user = factories.StudentFactory(
        user__email="sanne.nieuw@example.org", user__first_name="Sanne", user__password=None
    ).user
    page = invitation_page(client, user)
    html = client.get(page).content.decode()
    assert "Inloggen met SURFconext" in html
    start = reverse("federation_invitation_login",
                    kwargs={"uidb36": uidb36_of(page), "provider_id": "surfconext"})
    _callback, response = round_trip(client, start, "sanne-sub-7f3a")
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == user
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("surfconext", "sanne-sub-7f3a")
    claims = account.extra_data["userinfo"]
    assert claims["schac_home_organization"] == "testhogeschool.nl"
    assert claims["eduperson_affiliation"] == ["student", "member"]
    # The next time the same identity logs in directly, from the log-in page.
    client.logout()
    _callback, response = round_trip(client, SURF_LOGIN, "sanne-sub-7f3a")
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == user
    # The invitation link was used up by the log-in.
    assert "Deze link werkt niet meer" in client.get(page).content.decode()


def test_profile_shows_institution_and_affiliation_and_removes_the_link(client, federation):
    user = factories.StudentFactory(user__email="sanne.p@example.org").user
    page = invitation_page(client, user)
    start = reverse("federation_invitation_login",
                    kwargs={"uidb36": uidb36_of(page), "provider_id": "surfconext"})
    round_trip(client, start, "sanne-sub-7f3a")
    html = client.get(reverse("profile")).content.decode()
    assert "Instelling: testhogeschool.nl" in html
    assert "Relatie: student, member" in html
    account = SocialAccount.objects.get(user=user)
    remove = reverse("identity_remove", kwargs={"pk": account.pk})
    assert "Wil je niet meer inloggen met SURFconext?" in client.get(remove).content.decode()
    response = client.post(remove, follow=True)
    assert "De koppeling met SURFconext is verwijderd." in response.content.decode()
    assert SocialAccount.objects.filter(user=user).exists() is False


def test_the_last_way_to_log_in_is_not_removed(client, federation):
    user = factories.StudentFactory(user__email="zonder.wachtwoord@example.org").user
    user.set_unusable_password()
    user.save()
    page = invitation_page(client, user)
    start = reverse("federation_invitation_login",
                    kwargs={"uidb36": uidb36_of(page), "provider_id": "surfconext"})
    round_trip(client, start, "sanne-sub-7f3a")
    account = SocialAccount.objects.get(user=user)
    client.post(reverse("identity_remove", kwargs={"pk": account.pk}))
    assert SocialAccount.objects.filter(pk=account.pk).exists() is True


def test_someone_else_cannot_remove_a_link(client, federation, personas):
    owner = personas.student.user
    account = SocialAccount.objects.create(user=owner, provider="surfconext", uid="x-1")
    client.force_login(personas.wpb.user)
    url = reverse("identity_remove", kwargs={"pk": account.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert SocialAccount.objects.filter(pk=account.pk).exists() is True


def test_unknown_identity_gets_the_refusal_page_and_no_account(client, federation, personas):
    users_before = User.objects.count()
    _callback, response = round_trip(client, SURF_LOGIN, "onbekend-sub-9c1d")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Vraag je coördinator om een uitnodiging." in html
    assert User.objects.count() == users_before
    assert SocialAccount.objects.exists() is False
    assert response.context["user"].is_authenticated is False


def test_verified_email_links_only_where_switched_on(client, federation, personas):
    # Off (the default): Ivo's verified address at SURFconext does not link.
    _callback, response = round_trip(client, SURF_LOGIN, "ivo-sub-2b8e")
    assert response.status_code == 403
    assert SocialAccount.objects.exists() is False
    # The installation trusts the provider's addresses, but Ivo's institute has not switched
    # it on (another school has): still the refusal page.
    federation(link_verified_email=True)
    personas.school.link_verified_email = True
    personas.school.save()
    _callback, response = round_trip(client, SURF_LOGIN, "ivo-sub-2b8e")
    assert response.status_code == 403
    assert "Vraag je coördinator om een uitnodiging." in response.content.decode()
    assert SocialAccount.objects.exists() is False
    # Both on: it links to the account with that address, and Ivo is logged in.
    instituut = personas.instituutsopleider.instituut
    instituut.link_verified_email = True
    instituut.save()
    _callback, response = round_trip(client, SURF_LOGIN, "ivo-sub-2b8e")
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == personas.instituutsopleider.user
    assert SocialAccount.objects.get().uid == "ivo-sub-2b8e"


def test_an_unverified_email_never_links(client, federation, personas):
    federation(link_verified_email=True)
    instituut = personas.instituutsopleider.instituut
    instituut.link_verified_email = True
    instituut.save()
    _callback, response = round_trip(client, SURF_LOGIN, "niet-geverifieerd-sub")
    assert response.status_code == 403
    assert SocialAccount.objects.exists() is False
    assert response.context["user"].is_authenticated is False


def test_eduid_guest_with_an_invitation_links_eduid(client, federation):
    user = factories.UserFactory(email="gast.expert@example.net", first_name="Gert")
    page = invitation_page(client, user)
    start = reverse("federation_invitation_login",
                    kwargs={"uidb36": uidb36_of(page), "provider_id": "eduid"})
    _callback, response = round_trip(client, start, "gast-sub-51aa")
    assert response.context["user"] == user
    assert SocialAccount.objects.get(user=user).provider == "eduid"


def test_a_replayed_state_is_refused(client, federation, personas):
    SocialAccount.objects.create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    callback, response = round_trip(client, SURF_LOGIN, "sanne-sub-7f3a")
    assert response.context["user"] == personas.student.user
    client.logout()
    response = client.get(portal_path(callback), follow=True)
    assert "Inloggen is niet gelukt" in response.content.decode()
    assert response.context["user"].is_authenticated is False


def test_an_invitation_without_its_key_in_the_session_is_refused(client, federation):
    user = factories.UserFactory(email="nooit.uitgenodigd@example.org")
    from allauth.account.utils import user_pk_to_url_str

    start = reverse("federation_invitation_login",
                    kwargs={"uidb36": user_pk_to_url_str(user), "provider_id": "surfconext"})
    response = client.post(start, follow=True)
    assert "Deze uitnodigingslink werkt niet meer." in response.content.decode()
    assert SocialAccount.objects.exists() is False


@pytest.mark.parametrize("target", ["https://kwaad.example.com/", "//kwaad.example.com/x",
                                    "javascript:alert(1)"])
def test_a_next_pointing_off_site_is_refused_with_a_page(client, federation, personas, target):
    SocialAccount.objects.create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    for response in (client.get(SURF_LOGIN, {"next": target}),
                     client.post(SURF_LOGIN, {"next": target})):
        assert response.status_code == 400
        html = response.content.decode()
        assert "Inloggen is niet gelukt" in html
        assert "Het adres waar je na het inloggen heen zou gaan, staat niet op het portaal." in html
        assert "kwaad" not in response.get("Location", "")
    assert client.get(reverse("home")).status_code == 302  # nobody logged in


def test_a_next_on_the_portal_is_followed(client, federation, personas):
    SocialAccount.objects.create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    _callback, response = round_trip(
        client, SURF_LOGIN, "sanne-sub-7f3a", data={"next": reverse("profile")}
    )
    assert response.redirect_chain[-1][0] == reverse("profile")


def test_the_log_in_pages_let_their_buttons_reach_the_providers(client, federation):
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    form_action = next(part for part in policy.split("; ") if part.startswith("form-action"))
    assert sorted(form_action.split()[1:]) == sorted(
        ["'self'", federation.surfconext.issuer, federation.eduid.issuer]
    )
    policy = client.get(reverse("account_reset_password"))["Content-Security-Policy"]
    assert "form-action 'self';" in policy or policy.endswith("form-action 'self'")


def test_a_coordinator_logging_in_through_surfconext_is_asked_for_the_second_step(
    client, federation, personas
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    SocialAccount.objects.create(
        user=personas.coordinator.user, provider="surfconext", uid="ivo-sub-2b8e"
    )
    TOTP.activate(personas.coordinator.user, generate_totp_secret())
    _callback, response = round_trip(client, SURF_LOGIN, "ivo-sub-2b8e")
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert response.context["user"].is_authenticated is False


def test_a_code_issued_to_another_client_is_refused(client, federation, personas):
    """Code injection: a code the provider issued to another service (another audience)
    is put into the portal's callback. Everything but the client is the portal's own (its
    state, its PKCE challenge, its redirect URI), so only the provider's binding of the code
    to the client it was issued to can refuse it; the portal shows its error page.

    Against a conforming provider the portal's own ID-token audience check (allauth's
    jwtkit, audience=app.client_id) cannot be reached: allauth authenticates at the token
    endpoint with that same client id, and the provider only issues ID tokens whose aud is
    the authenticated client."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    SocialAccount.objects.create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    users_before = User.objects.count()
    response = client.post(SURF_LOGIN)
    assert response.status_code == 302
    parts = urlsplit(response["Location"])
    query = dict(parse_qsl(parts.query))
    assert query["client_id"] == federation.surfconext.client_id
    query["client_id"] = federation.surfconext.other_client_id
    authorize_for_other = urlunsplit(parts._replace(query=urlencode(query)))
    callback = log_in_at_provider(authorize_for_other, "sanne-sub-7f3a")
    assert "code=" in callback

    response = client.get(portal_path(callback), follow=True)
    html = response.content.decode()
    assert "Inloggen is niet gelukt" in html
    # Refused at the code exchange: the provider says the grant is not this client's.
    assert "invalid_grant" in str(response.context["auth_error"]["exception"])
    assert User.objects.count() == users_before
    assert SocialAccount.objects.count() == 1
    assert "_auth_user_id" not in client.session
    assert response.context["user"].is_authenticated is False
