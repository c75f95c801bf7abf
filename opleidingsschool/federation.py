"""Federated log-in (issue 12): SURFconext and eduID over OpenID Connect, and Entree Federatie
over SAML 2.0, through allauth.

Sign-up stays closed. An identity that comes back from a provider is, in this order:

1. already linked (the provider's stable `sub`; Entree's persistent NameID): that person logs in;
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
at the last log-in; `identities_of` reads them for the profile. So do Entree's attributes: the
school's BRIN (`nlEduPersonHomeOrganizationId`) and name, and `eduPersonAffiliation`.

Entree's answer (a SAML response posted to the portal) is checked before allauth takes it
(SAMLResponseCheckMiddleware): a RelayState off the portal, a response that does not hold
(signature, validity period, audience, destination), a NameID that is not persistent, or an
assertion that was used before is refused with a Dutch page, and nothing is made.
"""

from __future__ import annotations

import binascii
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter as get_account_adapter
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
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import User
from .secondfactor import SECOND_FACTOR_TYPES

INVITATION_KEY = "invited_user"
# The provider types whose apps the portal configures (settings.SOCIALACCOUNT_PROVIDERS).
PROVIDER_TYPES = ("openid_connect", "saml")

logger = logging.getLogger(__name__)


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
    if provider.app.provider not in PROVIDER_TYPES:
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


# Entree's attributes (SAML: every value a list), by Entree's name and, where one is known, the
# OID a hub may send instead.
ENTREE_ORGANISATION_ID = ("nlEduPersonHomeOrganizationId",)  # the school's BRIN code
ENTREE_ORGANISATION_NAME = ("nlEduPersonHomeOrganization",)
ENTREE_AFFILIATION = ("eduPersonAffiliation", "urn:oid:1.3.6.1.4.1.5923.1.1.1.1")
ENTREE_MAIL = ("mail", "urn:oid:0.9.2342.19200300.100.1.3")


def _saml_claims(attributes: dict) -> dict:
    """Entree's attributes as the OIDC claims _identity reads: the school (its name and BRIN)
    as the organisation, the affiliations, the address."""

    def values(names: tuple[str, ...]) -> list[str]:
        for name in names:
            found = attributes.get(name)
            if isinstance(found, list) and found:
                return [str(value) for value in found]
        return []

    brin, school = values(ENTREE_ORGANISATION_ID)[:1], values(ENTREE_ORGANISATION_NAME)[:1]
    organisation = f"{school[0]} ({brin[0]})" if school and brin else (school or brin or [""])[0]
    return {
        "schac_home_organization": organisation,
        "eduperson_affiliation": values(ENTREE_AFFILIATION),
        "email": (values(ENTREE_MAIL) or [""])[0],
    }


def _identity(account: SocialAccount, names: dict[str, str]) -> Identity:
    claims = (account.extra_data.get("userinfo") or account.extra_data.get("id_token")
              or _saml_claims(account.extra_data))
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
    for provider_type in PROVIDER_TYPES:
        for app in settings.SOCIALACCOUNT_PROVIDERS.get(provider_type, {}).get("APPS", []):
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
    urls = [app.get("settings", {}).get("server_url", "") for app in apps]
    # Entree's single sign-on address (the portal redirects there with the AuthnRequest).
    urls += [app.get("settings", {}).get("idp", {}).get("sso_url", "")
             for app in app_settings.PROVIDERS.get("saml", {}).get("APPS", [])]
    origins = []
    for url in urls:
        parts = urlsplit(url)
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
FEDERATED_LOGIN_PREFIXES = ("/accounts/oidc/", "/accounts/saml/", "/accounts/uitnodiging/")


class FederatedLoginRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(FEDERATED_LOGIN_PREFIXES):
            refused = ratelimit.consume_or_429(request, action="federated_login",
                                               limit_get=True)
            if refused:
                return refused
            if _next_off_the_portal(request):
                return render(request, "socialaccount/authentication_error.html", {
                    "reason": _("The address to go to after logging in is not on the portal. "
                                "Start again from the portal's log-in page."),
                }, status=400)
        return self.get_response(request)


def _next_off_the_portal(request: HttpRequest) -> bool:
    """A federated log-in asked to send the person on to another site afterwards: refused
    with a page before anything is asked of the provider (allauth would drop it quietly)."""
    target = request.POST.get("next") if request.method == "POST" else None
    target = target or request.GET.get("next")
    return bool(target) and not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure())


# --- Entree's SAML responses, checked before allauth takes them ----------------------------------

# python3-saml's allowed clock drift: an assertion stays usable that long past its NotOnOrAfter.
SAML_CLOCK_DRIFT = 300
SAML_USED_ASSERTION_SECONDS = 3600  # when an assertion names no end of its validity


def _refuse_saml(request: HttpRequest, reason: str, status: int = 400):
    return render(request, "socialaccount/authentication_error.html",
                  {"reason": reason}, status=status)


def _saml_response_refusal(request: HttpRequest, organization_slug: str) -> str | None:
    """Why the SAML response posted to the assertion consumer service is refused, or None.

    allauth validates the response again after this (and checks that the portal asked for it
    in this browser); what it does not check is here: the RelayState (the portal sends an
    empty one, so anything but a path on the portal is forged), the NameID's format (the
    identity's key must be the persistent one), and that an assertion is used once."""
    from allauth.socialaccount.providers.saml.utils import build_auth, get_app_or_404
    from lxml.etree import LxmlError
    from onelogin.saml2.errors import OneLogin_Saml2_Error

    relay_state = request.POST.get("RelayState", "")
    if relay_state and not get_account_adapter(request).is_safe_url(relay_state):
        logger.warning("SAML response refused: RelayState off the portal: %r", relay_state[:200])
        return _("The address to return to after logging in is not on this portal.")
    try:
        provider = get_app_or_404(request, organization_slug).get_provider(request)
    except Http404:
        return None  # allauth answers 404
    auth = build_auth(request, provider)
    try:
        auth.process_response(request_id=None)
    except (OneLogin_Saml2_Error, binascii.Error, ValueError, LxmlError) as error:
        # Not base64, not XML, a DTD or entities (python3-saml forbids them): not an answer.
        logger.warning("SAML response refused: %s", error)
        return _("The answer from %(provider)s could not be read.") % {"provider": provider.name}
    if auth.get_errors() or not auth.is_authenticated():
        error = auth.get_last_error_reason() or ""
        logger.warning("SAML response refused: %s: %s", ", ".join(auth.get_errors()), error)
        if error.startswith("The status code of the Response was not Success"):
            return _("Logging in at %(provider)s was stopped or did not succeed.") % {
                "provider": provider.name}
        return _("The answer from %(provider)s does not hold: it is not signed correctly, it has "
                 "expired, or it is not meant for this portal.") % {"provider": provider.name}
    wanted = provider.app.settings.get("advanced", {}).get("name_id_format")
    if wanted and auth.get_nameid_format() != wanted:
        logger.warning("SAML response refused: NameID format %s", auth.get_nameid_format())
        return _("%(provider)s did not send a permanent identity.") % {"provider": provider.name}
    not_on_or_after = auth.get_last_assertion_not_on_or_after()
    seconds = (int(not_on_or_after - time.time()) + SAML_CLOCK_DRIFT if not_on_or_after
               else SAML_USED_ASSERTION_SECONDS)
    key = f"saml-assertion:{provider.app.client_id}:{auth.get_last_assertion_id()}"
    if not cache.add(key, True, timeout=max(seconds, 60)):
        logger.warning("SAML response refused: assertion %s used before",
                       auth.get_last_assertion_id())
        return _("This answer from %(provider)s was used before.") % {"provider": provider.name}
    return None


class SAMLResponseCheckMiddleware:
    """Checks a SAML response at the assertion consumer service (_saml_response_refusal), and
    shows the Dutch error page where allauth refuses the response for its state (a response
    the portal did not ask for in this browser, or whose request was used up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name != "saml_acs" or request.method != "POST":
            return None
        reason = _saml_response_refusal(request, view_kwargs.get("organization_slug", ""))
        return _refuse_saml(request, reason) if reason else None

    def process_exception(self, request, exception):
        match = request.resolver_match
        if (match is not None and match.url_name == "saml_finish_acs"
                and isinstance(exception, PermissionDenied)):
            logger.warning("SAML response refused: no matching request in this browser")
            return _refuse_saml(request, _("This answer does not belong to a log-in started in "
                                           "this browser, or it was used before."))
        return None
