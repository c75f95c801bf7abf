"""Federated log-in (issue 12): SURFconext and eduID over OpenID Connect, through allauth.

Sign-up stays closed. An identity that comes back from a provider is, in this order:

1. already linked (the provider's stable `sub`): that person logs in;
2. brought back from an invitation link: it is linked to the invited account, whose
   invitation token was checked before the provider was asked (the account's id travels in
   allauth's server-side state of that one round trip, never in the browser);
3. where the provider's `link_verified_email` setting is on (<NAME>_LINK_VERIFIED_EMAIL=1),
   the provider asserts the e-mail address as verified, and the coordinator switched it on
   for the person's school or institute: linked to the active account with that address;
4. anything else: the refusal page ("ask your coordinator for an invitation"), and no
   account is made.

SURFconext's institution (`schac_home_organization`) and affiliation
(`eduperson_affiliation`) stay on the social account's extra_data, as the provider sent them
at the last log-in; `identities_of` reads them for the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.forms import UserTokenForm
from allauth.account.views._password_reset import INTERNAL_RESET_SESSION_KEY
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.internal.flows.connect import validate_disconnect
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import User
from .secondfactor import SECOND_FACTOR_TYPES

INVITATION_KEY = "invited_user"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.is_existing:
            return
        user = invited_user(sociallogin) or verified_email_user(sociallogin)
        if user is None:
            raise ImmediateHttpResponse(
                render(request, "socialaccount/no_account.html",
                       {"provider_name": sociallogin.provider.name}, status=403)
            )
        sociallogin.connect(request, user)


def invited_user(sociallogin: SocialLogin) -> User | None:
    """The account whose invitation link started this round trip, if it is still active."""
    data = sociallogin.state.get("data") or {}
    user_id = data.get(INVITATION_KEY) if isinstance(data, dict) else None
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def verified_email_user(sociallogin: SocialLogin) -> User | None:
    """The active account with the e-mail address the provider asserts as verified, where
    that provider is trusted for it (its `link_verified_email` setting, the installation's)
    and the person's school or institute has it switched on (its coordinator's choice)."""
    if not sociallogin.provider.app.settings.get("link_verified_email"):
        return None
    emails = [address.email for address in sociallogin.email_addresses if address.verified]
    for email in emails:
        user = User.objects.filter(
            email__iexact=email.strip(), is_active=True
        ).filter(links_verified_email_q()).first()
        if user is not None:
            return user
    return None


def links_verified_email_q() -> Q:
    """People whose school or institute links a verified e-mail address: staff of such a
    school or institute, students of such an institute or with a placement at such a school,
    starters at such a school."""
    return (
        Q(medewerker__school__link_verified_email=True)
        | Q(medewerker__instituut__link_verified_email=True)
        | Q(student__opleiding__instituut__link_verified_email=True)
        | Q(student__stages__school__link_verified_email=True)
        | Q(starter__school__link_verified_email=True)
    )


def providers(request: HttpRequest) -> list:
    """The configured identity providers, in the order of settings.FEDERATION."""
    adapter = get_social_adapter(request)
    return [
        adapter.get_provider(request, app.provider_id)
        for app in adapter.list_apps(request, provider="openid_connect")
    ]


@require_http_methods(["GET", "POST"])
def invitation_login(request: HttpRequest, uidb36: str, provider_id: str):
    """From the invitation page (allauth's set-password page, which keeps the link's key in
    the session): check the invitation, then send the person to the provider; the identity
    that comes back is linked to the invited account (SocialAccountAdapter). Only the page's
    button (a POST) starts it; a GET (a bookmark) goes to the log-in page."""
    if request.method != "POST":
        return redirect("account_login")
    key = request.session.get(INTERNAL_RESET_SESSION_KEY, "")
    token_form = UserTokenForm(data={"uidb36": uidb36, "key": key})
    if not token_form.is_valid():
        messages.error(request, _("This invitation link no longer works. Ask for a new one."))
        return redirect("account_login")
    try:
        provider = get_social_adapter(request).get_provider(request, provider_id)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    if provider.app.provider != "openid_connect":
        raise Http404
    return provider.redirect(
        request, AuthProcess.LOGIN, next_url=reverse("home"),
        data={INVITATION_KEY: token_form.reset_user.pk},
    )


@dataclass(frozen=True)
class Identity:
    """A linked identity as the profile shows it."""

    id: int
    provider: str
    organisation: str
    affiliations: tuple[str, ...]
    email: str


def _identity(account: SocialAccount, names: dict[str, str]) -> Identity:
    claims = account.extra_data.get("userinfo") or account.extra_data.get("id_token") or {}
    affiliation = claims.get("eduperson_affiliation") or []
    if isinstance(affiliation, str):
        affiliation = [affiliation]
    return Identity(
        id=account.pk,
        provider=names.get(account.provider, account.provider),
        organisation=str(claims.get("schac_home_organization") or ""),
        affiliations=tuple(str(item) for item in affiliation),
        email=str(claims.get("email") or ""),
    )


def identities_of(user: User) -> list[Identity]:
    """The person's linked identities, with the institution and affiliation SURFconext sent."""
    names = {app.provider_id: app.name for app in get_social_adapter().list_apps(None)}
    return [_identity(account, names)
            for account in SocialAccount.objects.filter(user=user).order_by("pk")]


# --- How a person logs in, as the coordinator sees it ------------------------------------------


@dataclass(frozen=True)
class LoginMethods:
    password: bool  # e-mail address and a (usable) password
    identities: list[Identity]  # SURFconext, eduID
    second_factor: bool  # an authenticator app (TOTP) or a security key / passkey (WebAuthn)


def with_login_methods(people: QuerySet) -> QuerySet:
    """People (staff, students: rows with a `user`) with what login_methods_of reads, at a
    fixed number of queries: the linked identities in one prefetch, a second step (the
    authenticator app or a security key) as an EXISTS per row."""
    return people.annotate(
        has_second_factor=Exists(Authenticator.objects.filter(
            user_id=OuterRef("user_id"), type__in=SECOND_FACTOR_TYPES))
    ).prefetch_related(Prefetch(
        "user__socialaccount_set", queryset=SocialAccount.objects.order_by("pk"),
        to_attr="linked_accounts",
    ))


def login_methods_of(person) -> LoginMethods:
    """How the person logs in: from with_login_methods' rows without a query, or asked (a
    person's own page)."""
    user = person.user
    accounts = getattr(user, "linked_accounts", None)
    if accounts is None:
        accounts = list(SocialAccount.objects.filter(user=user).order_by("pk"))
    has_second_factor = getattr(person, "has_second_factor", None)
    if has_second_factor is None:
        has_second_factor = Authenticator.objects.filter(
            user=user, type__in=SECOND_FACTOR_TYPES).exists()
    # The labels from the settings (settings.FEDERATION), not allauth's list_apps: no query.
    names = {provider_id: entry[0] for provider_id, entry in settings.FEDERATION.items()}
    for app in settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", []):
        names[app["provider_id"]] = app.get("name") or names.get(app["provider_id"], "")
    return LoginMethods(
        password=user.has_usable_password(),
        identities=[_identity(account, names) for account in accounts],
        second_factor=bool(has_second_factor),
    )


@login_required
def identity_remove(request: HttpRequest, pk: int):
    """Unlink one of the person's own identities, after a confirmation. The last way to log
    in is never removed (allauth's check: no identity left and no password)."""
    account = get_object_or_404(SocialAccount, pk=pk, user=request.user)  # another's: 404
    identity = next(item for item in identities_of(request.user) if item.id == account.pk)
    if request.method == "POST":
        try:
            validate_disconnect(request, account)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("profile")
        account.delete()
        messages.success(request, _("The link with %(provider)s has been removed.")
                         % {"provider": identity.provider})
        return redirect("profile")
    return render(request, "socialaccount/identity_remove.html", {"identity": identity})


# Pages with a provider's button: a form posted to the portal that redirects to the provider.
# Browsers hold such a redirect to the page's `form-action`, so these pages allow the
# providers' origins there (and nothing else changes in the policy).
BUTTON_PAGE_PREFIXES = ("/accounts/login/", "/accounts/password/reset/key/")


def provider_origins() -> list[str]:
    """The origins of the configured providers (settings-backed apps, no query)."""
    from allauth.socialaccount import app_settings

    apps = app_settings.PROVIDERS.get("openid_connect", {}).get("APPS", [])
    origins = []
    for app in apps:
        parts = urlsplit(app.get("settings", {}).get("server_url", ""))
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(origins))


class ProviderFormActionMiddleware:
    """Lets the log-in and invitation pages' provider buttons reach the provider under the
    Content-Security-Policy (django-csp reads `_csp_update` from the response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(BUTTON_PAGE_PREFIXES):
            origins = provider_origins()
            if origins:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["form-action"] = [*update.get("form-action", []), *origins]
                response._csp_update = update
        return response


# allauth limits its own log-in, reset and second-step forms, not the social log-in: the
# portal counts each start of a log-in at a provider and each answer coming back, per IP
# (ACCOUNT_RATE_LIMITS["federated_login"]), and answers 429 beyond it.
FEDERATED_LOGIN_PREFIXES = ("/accounts/oidc/", "/accounts/uitnodiging/")


class FederatedLoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(FEDERATED_LOGIN_PREFIXES):
            refused = ratelimit.consume_or_429(request, action="federated_login",
                                               limit_get=True)
            if refused:
                return refused
        return self.get_response(request)
