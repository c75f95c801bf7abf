"""The nonce of an OpenID Connect log-in (issue 12), on top of allauth's `openid_connect`.

allauth (65.22.1, the newest release) neither sends a `nonce` in the authorization request
nor checks one in the ID token. Here the portal does both, with allauth's own pieces:

- `NonceOpenIDConnectProvider` makes a random nonce for every log-in it starts, sends it to
  the provider and keeps it in allauth's server-side state of that one round trip (the
  session, next to the PKCE verifier; never in the browser). `SocialAccountAdapter`
  (settings.SOCIALACCOUNT_ADAPTER) hands out that provider for every `openid_connect` app, so
  the log-in page, the invitation page and allauth's own views all start log-ins with it.
- `callback` (urls.py puts it at allauth's callback address, /accounts/oidc/<id>/login/
  callback/, ahead of allauth's) is allauth's callback view with the ID token checked
  where allauth validates it: a token whose `nonce` is missing or is not the one in the state
  the answer came back with (or no ID token at all) is refused before anything is looked up,
  updated or linked: allauth's error page ("Inloggen is niet gelukt"), nobody logged in.

So a code from another log-in (another browser's, or one that leaked) cannot be completed in
this one even where the provider does not bind codes to PKCE. Provider ids and addresses
(/accounts/oidc/<surfconext|eduid>/...) stay allauth's.
"""

from __future__ import annotations

import secrets

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest
from django.utils.crypto import constant_time_compare

from . import federation

NONCE_KEY = "nonce"  # in the authorization request, the ID token and allauth's state


class NonceError(OAuth2Error):
    """The ID token does not carry the nonce of the log-in it came back to."""


def new_nonce() -> str:
    return secrets.token_urlsafe(32)


class NonceOpenIDConnectProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider that sends a fresh nonce with each log-in."""

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        nonce = new_nonce()
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        # Last, so a nonce in the settings or the request's `auth_params` never wins.
        auth_params = {**auth_params, NONCE_KEY: nonce}
        # allauth keeps the extra keyword arguments in the log-in's state.
        return super().redirect(request, process, next_url, data, auth_params=auth_params,
                                **{**kwargs, NONCE_KEY: nonce})


def nonce_matches(expected, claims) -> bool:
    """Does the ID token's claims carry the nonce kept in the log-in's state?"""
    received = claims.get(NONCE_KEY) if isinstance(claims, dict) else None
    return (isinstance(expected, str) and bool(expected) and isinstance(received, str)
            and constant_time_compare(expected, received))


class NonceOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect adapter that refuses an ID token without this log-in's
    nonce (`expected_nonce`, from the state the callback view accepted)."""

    expected_nonce: str | None = None

    def complete_login(self, request: HttpRequest, app, token, **kwargs):
        if not kwargs["response"].get("id_token"):
            raise NonceError("no ID token")
        return super().complete_login(request, app, token, **kwargs)

    def _decode_id_token(self, app, id_token: str) -> dict:
        claims = super()._decode_id_token(app, id_token)
        if not nonce_matches(self.expected_nonce, claims):
            raise NonceError("the ID token's nonce is missing or not this log-in's")
        return claims


class NonceCallbackView(OAuth2CallbackView):
    """allauth's callback: the state it accepts (and takes out of the session) tells the
    adapter which nonce to expect. An error here is allauth's error page."""

    adapter: NonceOAuth2Adapter

    def _get_state(self, request: HttpRequest, provider):
        state, response = super()._get_state(request, provider)
        self.adapter.expected_nonce = (state or {}).get(NONCE_KEY)
        return state, response


@login_not_required
def callback(request: HttpRequest, provider_id: str):
    try:
        view = NonceCallbackView.adapter_view(NonceOAuth2Adapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


class SocialAccountAdapter(federation.SocialAccountAdapter):
    def get_provider(self, request: HttpRequest, provider, client_id=None):
        found = super().get_provider(request, provider, client_id=client_id)
        if type(found) is OpenIDConnectProvider:
            return NonceOpenIDConnectProvider(request, app=found.app)
        return found
