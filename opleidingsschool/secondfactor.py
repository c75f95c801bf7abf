"""A second factor for those who manage (issue 12): coordinators and staff who can open the
Django admin must set one up (allauth.mfa: an authenticator app, or a security key or passkey
over WebAuthn, with recovery codes) before they see any other page. Everyone else may turn it
on from the profile.

The rule holds for every session the portal's log-in made (allauth keeps a record of how the
session was authenticated: password, a federated identity, the second factor). It is asked on
every request, so a person who becomes coordinator while logged in is sent to set it up at the
next page. Their last second factor cannot be removed (MFAAdapter, and the key's remove page
below): they add another one first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn import views as webauthn_views
from allauth.mfa.webauthn.forms import (
    AddWebAuthnForm,
    AuthenticateWebAuthnForm,
    EditWebAuthnForm,
    ReauthenticateWebAuthnForm,
)
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import medewerker_of

# What a person without their second factor may still reach: setting it up (and allauth's
# reauthentication before it), logging out, the language switch and what every page loads.
ALLOWED_PREFIXES = (
    "/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/i18n/", "/static/",
    "/theme.css", "/health/",
)
# Set in the session once a person who must have a second step is found to have one.
SET_UP_SESSION_KEY = "portal_second_factor_set_up"
# The kinds that are a second step; recovery codes only stand in for one.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def requires_second_factor(user) -> bool:
    if user.is_staff:
        return True
    medewerker = medewerker_of(user)
    return bool(medewerker and medewerker.is_coordinator)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()


@dataclass
class SecondFactors:
    """A person's second steps, for their profile: the app on or off, their keys."""

    app: bool = False
    keys: list[Authenticator] = field(default_factory=list)  # oldest first

    @property
    def any(self) -> bool:
        return self.app or bool(self.keys)


def second_factors_of(user) -> SecondFactors:
    """In one query."""
    found = SecondFactors()
    for authenticator in Authenticator.objects.filter(
        user=user, type__in=SECOND_FACTOR_TYPES
    ).order_by("created_at", "pk"):
        if authenticator.type == Authenticator.Type.TOTP:
            found.app = True
        else:
            found.keys.append(authenticator)
    return found


def is_last_required_factor(authenticator: Authenticator) -> bool:
    """Would removing it leave a coordinator or staff member without a second step?"""
    user = authenticator.user
    return (
        authenticator.type in SECOND_FACTOR_TYPES
        and requires_second_factor(user)
        and not Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES)
        .exclude(pk=authenticator.pk)
        .exists()
    )


class MFAAdapter(DefaultMFAAdapter):
    """allauth asks it before switching the authenticator app off (the key's remove page does
    not ask: SecondFactorRequiredMiddleware.process_view does)."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": gettext_lazy(
            "This is your last second step, and as coordinator or administrator you must "
            "have one. Add another one first (a security key or the authenticator app), then "
            "remove this one."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not is_last_required_factor(authenticator)


def _label_the_name(form) -> None:
    form.fields["name"] = forms.CharField(
        label=_("Name of the key"), required=form.fields["name"].required, max_length=100,
        help_text=_("So you can tell your keys apart, for example “YubiKey blue” or “Laptop”."),
    )


# What fido2 raises on a credential that is valid JSON but not the shape it expects (a key
# missing, a list for an object): allauth lets some of these through as a 500.
MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


class AddKeyForm(AddWebAuthnForm):
    """allauth's form with a Dutch label for the name (MFA_FORMS); a malformed credential is
    a form error ("Ongeldige code."), never a 500."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _label_the_name(self)

    def clean(self) -> dict:
        try:
            return super().clean()
        except MALFORMED as error:
            raise MFAAdapter().validation_error("incorrect_code") from error


class _SafeKeyAnswer:
    def clean_credential(self):
        try:
            return super().clean_credential()
        except MALFORMED as error:
            raise MFAAdapter().validation_error("incorrect_code") from error


class AuthenticateKeyForm(_SafeKeyAnswer, AuthenticateWebAuthnForm):
    pass


class ReauthenticateKeyForm(_SafeKeyAnswer, ReauthenticateWebAuthnForm):
    pass


class RenameKeyForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _label_the_name(self)

    def save(self) -> Authenticator:
        authenticator = super().save()
        messages.success(context.request, _("The key is now called “%(name)s”.")
                         % {"name": authenticator.wrap().name})
        return authenticator


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
            and not request.session.get(SET_UP_SESSION_KEY)
            and requires_second_factor(user)
            and not self._has_second_factor(request, user)
        ):
            messages.info(request, _(
                "As coordinator or administrator you log in with a second step. Set it up "
                "now: with an authenticator app on your phone, or with a security key or "
                "passkey."
            ))
            # The app's set-up page, which offers the security key beside it.
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _has_second_factor(request, user) -> bool:
        """Once found, kept in the session: a person who must have a second step cannot
        remove their last one, so the answer stays yes and the query is not asked again on
        every page (issue 10)."""
        if has_second_factor(user):
            request.session[SET_UP_SESSION_KEY] = True
            return True
        return False

    def process_view(self, request, view_func, view_args, view_kwargs):
        """allauth removes a security key without asking the adapter: the page to remove
        one refuses the last second step of a person who must have one, as the app's does."""
        if view_func is not webauthn_views.remove_webauthn or not request.user.is_authenticated:
            return None
        authenticator = Authenticator.objects.filter(
            pk=view_kwargs.get("pk"), user=request.user, type=Authenticator.Type.WEBAUTHN
        ).select_related("user").first()
        if authenticator is not None and is_last_required_factor(authenticator):
            messages.error(request, MFAAdapter.error_messages["cannot_delete_authenticator"])
            return redirect(reverse("mfa_index"))
        return None
