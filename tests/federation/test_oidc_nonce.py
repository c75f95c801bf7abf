"""The nonce of an OpenID Connect log-in (issue 12: "an ID token with the wrong audience or
nonce is refused with a clear page, nothing created, nothing logged in"), against real
providers run locally (Node's oidc-provider): opleidingsschool/oidc.py sends a fresh nonce
with every log-in, keeps it in allauth's state of that round trip and refuses an ID token
without it or with another one, before anything is looked up or written (an existing linked
identity keeps the claims of its last real log-in)."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from allauth.socialaccount.internal.statekit import STATES_SESSION_KEY
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from opleidingsschool.models import User
from opleidingsschool.oidc import NonceError

from .identity_provider import (
    SURFCONEXT_ACCOUNTS,
    SURFCONEXT_CLAIMS,
    log_in_at_provider,
    portal_path,
    running_provider,
)
from .test_oidc_login import SURF_LOGIN, invitation_page, uidb36_of

pytestmark = pytest.mark.django_db


def query_of(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query))


def with_query(url: str, query: dict) -> str:
    return urlunsplit(urlsplit(url)._replace(query=urlencode(query)))


LAST_LOG_IN = {"userinfo": {"sub": "sanne-sub-7f3a", "email": "sanne@example.org"}}


def linked_student(personas) -> SocialAccount:
    """Sanne's SURFconext identity, linked, with the claims of her last log-in."""
    return SocialAccount.objects.create(user=personas.student.user, provider="surfconext",
                                        uid="sanne-sub-7f3a", extra_data=LAST_LOG_IN)


def assert_refused(client, response, users_before: int, accounts_before: int) -> None:
    """The clear page, nothing made or changed, nobody logged in."""
    assert response.status_code == 401
    assert "Inloggen is niet gelukt" in response.content.decode()
    assert isinstance(response.context["auth_error"]["exception"], NonceError)
    assert User.objects.count() == users_before
    assert SocialAccount.objects.count() == accounts_before
    for account in SocialAccount.objects.filter(uid="sanne-sub-7f3a"):
        assert account.extra_data == LAST_LOG_IN
    assert "_auth_user_id" not in client.session
    assert response.context["user"].is_authenticated is False


def test_each_log_in_sends_a_fresh_nonce_that_the_id_token_echoes(client, federation, personas):
    SocialAccount.objects.create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    first = client.post(SURF_LOGIN)["Location"]
    second = client.post(SURF_LOGIN)["Location"]
    nonce, state = query_of(second)["nonce"], query_of(second)["state"]
    assert len(nonce) >= 32
    assert query_of(first)["nonce"] != nonce
    # Kept with allauth's state of that round trip, in the session (not in the browser).
    assert client.session[STATES_SESSION_KEY][state][0]["nonce"] == nonce

    callback = log_in_at_provider(second, "sanne-sub-7f3a")
    response = client.get(portal_path(callback), follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == personas.student.user
    # The ID token the provider signed carries the nonce it was sent.
    account = SocialAccount.objects.get(uid="sanne-sub-7f3a")
    assert account.extra_data["id_token"]["nonce"] == nonce


def test_a_nonce_in_the_request_parameters_does_not_replace_the_portals(client, federation):
    location = client.post(SURF_LOGIN + "?auth_params=nonce%3Dgekozen-door-de-aanvaller")
    query = query_of(location["Location"])
    assert query["nonce"] != "gekozen-door-de-aanvaller"
    assert client.session[STATES_SESSION_KEY][query["state"]][0]["nonce"] == query["nonce"]


def test_an_id_token_without_a_nonce_is_refused(client, federation, personas):
    """The authorization request reaches the provider without the portal's nonce (taken out
    on the way), so the provider signs an ID token without one. Everything else is this
    log-in's own (state, PKCE verifier, client), so without the nonce check the student
    would be logged in."""
    linked_student(personas)
    users_before, accounts_before = User.objects.count(), SocialAccount.objects.count()
    authorize = client.post(SURF_LOGIN)["Location"]
    query = query_of(authorize)
    del query["nonce"]
    callback = log_in_at_provider(with_query(authorize, query), "sanne-sub-7f3a")

    response = client.get(portal_path(callback), follow=True)
    assert_refused(client, response, users_before, accounts_before)


@pytest.fixture(scope="module")
def surfconext_without_pkce():
    """A SURFconext-like provider that lets the portal's client leave PKCE out."""
    with running_provider(
        provider_id="surfconext", name="SURFconext", claims=SURFCONEXT_CLAIMS,
        accounts=SURFCONEXT_ACCOUNTS, redirect_bases=["http://testserver"], pkce_optional=True,
    ) as provider:
        yield provider


@pytest.fixture
def portal_without_pkce(settings, surfconext_without_pkce):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {
        "APPS": [surfconext_without_pkce.app(pkce=False)], "OAUTH_PKCE_ENABLED": False,
    }}
    return surfconext_without_pkce


def injected_code(portal_without_pkce, victim: Client, login: str) -> str:
    """Start a log-in in the victim's browser (A) and another in a second browser (B), log
    in at the provider in B as `login`, and return B's code put into A's callback."""
    attacker = Client()
    authorize_a = victim.post(SURF_LOGIN)["Location"]
    authorize_b = attacker.post(SURF_LOGIN)["Location"]
    assert "code_challenge" not in query_of(authorize_a)  # PKCE off for this app
    assert query_of(authorize_a)["nonce"] != query_of(authorize_b)["nonce"]
    callback_b = log_in_at_provider(authorize_b, login)
    query = query_of(callback_b)
    query["state"] = query_of(authorize_a)["state"]
    return with_query(portal_path(callback_b), query)


def test_a_code_of_another_log_in_is_refused_by_its_nonce(
    client, portal_without_pkce, personas
):
    """Code injection: the code of another log-in (B: started in another browser, the
    attacker's own, or one that leaked from someone's log-in) is delivered to the callback of
    this log-in (A), with A's state. The app has PKCE switched off (and the provider allows
    that for it), so nothing binds the code to A but the nonce: the provider exchanges B's
    code and signs an ID token with B's nonce. Without the nonce check this injection would
    succeed: A's browser would be logged in as the student whose identity B logged in with.
    With it, the portal refuses: its error page, nothing made, nobody logged in."""
    linked_student(personas)
    users_before, accounts_before = User.objects.count(), SocialAccount.objects.count()
    callback = injected_code(portal_without_pkce, client, "sanne-sub-7f3a")

    response = client.get(callback, follow=True)
    assert_refused(client, response, users_before, accounts_before)


def test_an_invitation_is_not_linked_to_the_identity_of_another_log_in(
    client, portal_without_pkce, personas
):
    """The same injection into the round trip of an invitation link: without the nonce check
    the other log-in's identity would be linked to the invited account."""
    from tests import factories

    invited = factories.UserFactory(email="nieuw.uitgenodigd@example.org")
    page = invitation_page(client, invited)
    start = reverse("federation_invitation_login",
                    kwargs={"uidb36": uidb36_of(page), "provider_id": "surfconext"})
    users_before, accounts_before = User.objects.count(), SocialAccount.objects.count()
    authorize_a = client.post(start)["Location"]
    attacker = Client()
    authorize_b = attacker.post(SURF_LOGIN)["Location"]
    callback_b = log_in_at_provider(authorize_b, "onbekend-sub-9c1d")
    query = query_of(callback_b)
    query["state"] = query_of(authorize_a)["state"]

    response = client.get(with_query(portal_path(callback_b), query), follow=True)
    assert_refused(client, response, users_before, accounts_before)
    assert SocialAccount.objects.filter(user=invited).exists() is False


def test_the_normal_log_in_without_pkce_still_works(client, portal_without_pkce, personas):
    """The control of the two tests above: with PKCE off, this log-in's own code and nonce
    log the student in (so the refusals above are the nonce's doing)."""
    SocialAccount.objects.create(
        user=personas.student.user, provider="surfconext", uid="sanne-sub-7f3a"
    )
    callback = log_in_at_provider(client.post(SURF_LOGIN)["Location"], "sanne-sub-7f3a")
    response = client.get(portal_path(callback), follow=True)
    assert response.context["user"] == personas.student.user
