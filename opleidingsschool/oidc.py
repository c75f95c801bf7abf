"""The nonce of an OpenID Connect log-in (issue 12), on top of allauth's `openid_connect`.

allauth (65.22.1, the newest release) neither sends a `nonce` in the authorization request
nor checks one in the ID token. Here the portal does both, with allauth's own pieces:

- `NonceOpenIDConnectProvider` makes a random nonce for every log-in it starts, sends it to
  the provider and keeps it in allauth's server-side state of that one round trip (the
  session, next to the PKCE verifier; never in the browser);
- `SocialAccountAdapter` (settings.SOCIALACCOUNT_ADAPTER) hands out that provider for every
  `openid_connect` app and, before anything is looked at or linked (pre_social_login),
  refuses an ID token whose `nonce` is missing or is not the one of the state the answer
  came back with: allauth's error page ("Inloggen is niet gelukt"), nothing made, nobody
  logged in.

So a code from another log-in (another browser's, or one that leaked) cannot be completed in
this one even where the provider does not bind codes to PKCE. Provider ids and addresses
(/accounts/oidc/<surfconext|eduid>/...) are allauth's, unchanged.
"""

from __future__ import annotations

import secrets

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.http import HttpRequest
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


def nonce_matches(sociallogin: SocialLogin) -> bool:
    """Does the ID token carry the nonce kept in the state of this log-in?"""
    expected = (sociallogin.state or {}).get(NONCE_KEY)
    claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
    received = claims.get(NONCE_KEY) if isinstance(claims, dict) else None
    return (isinstance(expected, str) and bool(expected) and isinstance(received, str)
            and constant_time_compare(expected, received))


def check_nonce(request: HttpRequest, sociallogin: SocialLogin) -> None:
    """Refuse an OpenID Connect log-in whose ID token has no nonce or another one."""
    provider = sociallogin.provider
    if not isinstance(provider, OpenIDConnectProvider) or nonce_matches(sociallogin):
        return
    raise ImmediateHttpResponse(render_authentication_error(
        request, provider,
        exception=NonceError("the ID token's nonce is missing or not this log-in's"),
        extra_context={"state": sociallogin.state},
    ))


class SocialAccountAdapter(federation.SocialAccountAdapter):
    def get_provider(self, request: HttpRequest, provider, client_id=None):
        found = super().get_provider(request, provider, client_id=client_id)
        if type(found) is OpenIDConnectProvider:
            return NonceOpenIDConnectProvider(request, app=found.app)
        return found

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        check_nonce(request, sociallogin)
        super().pre_social_login(request, sociallogin)
