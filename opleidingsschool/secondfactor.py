"""A second factor for those who manage (issue 12): coordinators and staff who can open the
Django admin must set one up (allauth.mfa: an authenticator app with recovery codes) before
they see any other page. Everyone else may turn it on from the profile.

The rule holds for every session the portal's log-in made (allauth keeps a record of how the
session was authenticated: password, a federated identity, the second factor). It is asked on
every request, so a person who becomes coordinator while logged in is sent to set it up at the
next page.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import medewerker_of

# What a person without their second factor may still reach: setting it up (and allauth's
# reauthentication before it), logging out, the language switch and what every page loads.
ALLOWED_PREFIXES = (
    "/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/i18n/", "/static/",
    "/theme.css", "/health/",
)


def requires_second_factor(user) -> bool:
    if user.is_staff:
        return True
    medewerker = medewerker_of(user)
    return bool(medewerker and medewerker.is_coordinator)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and AUTHENTICATION_METHODS_SESSION_KEY in request.session
            and not request.path.startswith(ALLOWED_PREFIXES)
            and requires_second_factor(user)
            and not has_second_factor(user)
        ):
            messages.info(request, _(
                "As coordinator or administrator you log in with a second step. Set it up "
                "now with an authenticator app on your phone."
            ))
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
