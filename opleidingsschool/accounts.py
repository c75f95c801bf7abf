"""allauth hooks: no open sign-up; people are invited by a coordinator or the admin."""

import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's own mail (a password reset: asked for now, its link secret, so not kept
        in the outbox) says it is automatic, like every other mail of the portal. It has no
        unsubscribe: a person must get it."""
        headers = {
            "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", **(headers or {})
        }
        return super().render_mail(template_prefix, email, context, headers=headers)


    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up a first second factor within minutes of logging in (as coordinators
        must, before any other page: the authenticator app or a security key), and seeing its
        recovery codes, does not ask for the password again: the person just gave it.
        Everything else sensitive (switching the second factor off, renaming or removing a
        key, new recovery codes) asks, as allauth does."""
        request = self.request
        if (
            app == "allauth.mfa"
            and request is not None
            and request.path in (
                reverse("mfa_activate_totp"), reverse("mfa_add_webauthn"),
                reverse("mfa_view_recovery_codes"),
            )
            and _logged_in_within(request, app_settings.REAUTHENTICATION_TIMEOUT)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _logged_in_within(request, seconds: int) -> bool:
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    return any(time.time() - record.get("at", 0) < seconds for record in records)


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (e-mail log-in, the same checks), but the user of a request comes
    with their student (and programme), starter and staff records in the same query: the
    roles and the access layer need them on every page, so that is one query less on each.
    The query is compiled once per process and prepared once per connection (userload)."""

    def get_user(self, user_id):
        from .userload import load_request_user

        user = load_request_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
