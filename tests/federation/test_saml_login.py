"""Log-in through Entree Federatie (SAML 2.0), against a real SAML identity provider run locally
(pysaml2, configured like Entree: a persistent NameID, signed assertions, Entree's attributes).
"""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from django.utils import timezone

from opleidingsschool.models import User
from tests import factories

from .saml_provider import (
    DAAN,
    OLGA,
    OTHER_SP,
    PERSISTENT,
    SAMLPost,
    acs_url,
    log_in_at_entree,
    running_entree,
    sp_entity_id,
    unsolicited_answer,
)

pytestmark = pytest.mark.django_db

PORTAL = "http://testserver"
LOGIN = "/accounts/saml/entree/login/"
REFUSED = "Inloggen is niet gelukt"
NOT_LOGGED_IN = "Er is niets veranderd en je bent niet ingelogd."


@pytest.fixture(scope="module")
def entree_process():
    with running_entree(bases=[PORTAL]) as idp:
        yield idp


@pytest.fixture
def entree(settings, client, entree_process):
    """Entree configured in the portal, as its environment variables would (and nothing else)."""
    # A browser always sends Host; python3-saml reads it (Django's test client leaves it out).
    client.defaults["HTTP_HOST"] = "testserver"
    settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": [entree_process.app()]}}
    return entree_process


def start(client, url: str = LOGIN, data=None) -> str:
    """Press the Entree button: the portal redirects to the IdP with an AuthnRequest."""
    response = client.post(url, data or {})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def answer(client, post: SAMLPost, **changes):
    """The IdP's page posts the answer to the portal's assertion consumer service, which
    passes it on to the finishing step; follow that as the browser does."""
    response = client.post(post.path, post.data(**changes))
    if response.status_code != 302:
        return response
    return client.get(response["Location"], follow=True)


def round_trip(client, login: str, url: str = LOGIN, data=None):
    post = log_in_at_entree(start(client, url, data), login)
    return post, answer(client, post)


def invitation_start(client, user) -> tuple[str, str]:
    """Open the invitation link as the mail has it; return the page it settles on and the
    address of its "log in with Entree" button."""
    from opleidingsschool.invitations import invitation_url

    path = invitation_url(user).removeprefix("http://127.0.0.1:8000")
    page = client.get(path, follow=True).redirect_chain[-1][0]
    uidb36 = re.search(r"/key/([0-9a-z]+)-set-password/", page).group(1)
    return page, reverse("federation_invitation_login",
                         kwargs={"uidb36": uidb36, "provider_id": "entree"})


def invite_and_link(client, user, login: str = DAAN):
    _page, button = invitation_start(client, user)
    return round_trip(client, login, button)


def logged_in(response) -> bool:
    return response.context is not None and response.context["user"].is_authenticated


def counts() -> tuple[int, int]:
    return User.objects.count(), SocialAccount.objects.count()


def assert_refused(response, before: tuple[int, int], reason: str = "") -> None:
    """The Dutch error page (with the reason), nothing made, nobody logged in."""
    html = response.content.decode()
    assert response.status_code in (400, 401, 403), response.status_code
    assert REFUSED in html and NOT_LOGGED_IN in html
    if reason:
        assert reason in html
    assert counts() == before
    assert not logged_in(response)
    assert "_auth_user_id" not in response.wsgi_request.session


# --- configuration ------------------------------------------------------------------------------


def test_the_login_page_offers_entree_when_configured(client, entree):
    html = client.get(reverse("account_login")).content.decode()
    assert "Inloggen met Entree" in html


def test_no_button_without_configuration(client, db, settings):
    from opleidingsschool.settings import _entree_app

    settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": []}}
    assert "Inloggen met Entree" not in client.get(reverse("account_login")).content.decode()
    complete = {"ENTREE_IDP_ENTITY_ID": "https://idp.example.org", "ENTREE_IDP_X509CERT": "MIIC",
                "ENTREE_IDP_SSO_URL": "https://idp.example.org/sso"}
    for missing in complete:
        variables = {name: value for name, value in complete.items() if name != missing}
        assert _entree_app(lambda name, default="", v=variables: v.get(name, default)) is None
    app = _entree_app(lambda name, default="": (complete | {
        "ENTREE_SP_ENTITY_ID": "https://portal.example.org/saml"}).get(name, default))
    assert app["provider_id"] == "entree" and app["name"] == "Entree"
    assert app["settings"]["sp"] == {"entity_id": "https://portal.example.org/saml"}
    assert app["settings"]["advanced"]["want_assertion_signed"] is True
    assert app["settings"]["advanced"]["name_id_format"] == PERSISTENT
    # A PEM file (ENTREE_IDP_X509CERT_FILE) gives the same certificate.
    pem = "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n"
    app = _entree_app(lambda name, default="": (complete | {
        "ENTREE_IDP_X509CERT": pem}).get(name, default))
    assert app["settings"]["idp"]["x509cert"] == "MIIC"


def test_the_portals_metadata_is_what_entree_registers(client, entree):
    response = client.get("/accounts/saml/entree/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f'entityID="{sp_entity_id(PORTAL)}"' in xml
    assert f'Location="{acs_url(PORTAL)}"' in xml
    assert f"<md:NameIDFormat>{PERSISTENT}</md:NameIDFormat>" in xml
    assert 'WantAssertionsSigned="true"' in xml


def test_xmlsec_and_lxml_share_one_libxml2():
    """python3-saml's signatures need both on the same libxml2 (pyproject.toml pins them)."""
    import lxml.etree
    import xmlsec

    assert xmlsec.get_libxml_version() == lxml.etree.LIBXML_VERSION


def test_the_login_page_lets_its_button_reach_entree(client, entree):
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    form_action = next(part for part in policy.split("; ") if part.startswith("form-action"))
    assert entree.base in form_action.split()


# --- logging in ---------------------------------------------------------------------------------


def test_an_invited_teacher_links_entree_and_lands_on_home(client, entree):
    user = factories.MedewerkerFactory(
        user__email="daan.nieuw@example.org", user__first_name="Daan", user__password=None
    ).user
    page, button = invitation_start(client, user)
    assert "Inloggen met Entree" in client.get(page).content.decode()
    _post, response = round_trip(client, DAAN, button)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == user
    account = SocialAccount.objects.get(user=user)
    # Keyed on the persistent NameID; the school's organisation id read from the assertion.
    assert (account.provider, account.uid) == ("entree", DAAN)
    assert account.extra_data["nlEduPersonHomeOrganizationId"] == ["11ZZ03"]
    assert account.extra_data["eduPersonAffiliation"] == ["employee"]
    # The next time the same identity logs in directly, from the log-in page.
    client.logout()
    _post, response = round_trip(client, DAAN)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == user
    # The invitation link was used up by the log-in.
    assert "Deze link werkt niet meer" in client.get(page).content.decode()


def test_an_unknown_identity_gets_the_refusal_page_and_nothing_is_made(client, entree, personas):
    before = counts()
    _post, response = round_trip(client, OLGA)
    assert response.status_code == 403
    assert "Vraag je coördinator om een uitnodiging." in response.content.decode()
    assert "Je bent ingelogd met Entree" in response.content.decode()
    assert counts() == before
    assert SocialAccount.objects.exists() is False
    assert not logged_in(response)


def test_profile_lists_the_entree_identity_and_removes_it(client, entree):
    user = factories.MedewerkerFactory(user__email="daan.p@example.org").user
    invite_and_link(client, user)
    html = client.get(reverse("profile")).content.decode()
    assert "Entree" in html
    assert "Instelling: Het Testcollege (11ZZ03)" in html
    assert "Relatie: employee" in html
    account = SocialAccount.objects.get(user=user)
    remove = reverse("identity_remove", kwargs={"pk": account.pk})
    html = client.get(remove).content.decode()
    assert "Wil je niet meer inloggen met Entree?" in html and "Het Testcollege (11ZZ03)" in html
    response = client.post(remove, follow=True)
    assert "De koppeling met Entree is verwijderd." in response.content.decode()
    assert SocialAccount.objects.filter(user=user).exists() is False


def test_the_coordinator_sees_entree_with_the_school(client, entree, personas):
    invite_and_link(client, personas.docent.user)
    client.logout()
    client.force_login(personas.coordinator.user)
    html = client.get(reverse("partnerschap:medewerker_list")).content.decode()
    row = html[html.index("dirk@example.org"):]
    assert "Entree · Het Testcollege (11ZZ03)" in row[: row.index("</td>")]


def test_a_coordinator_logging_in_through_entree_is_asked_for_the_second_step(
    client, entree, personas
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    SocialAccount.objects.create(user=personas.coordinator.user, provider="entree", uid=DAAN)
    TOTP.activate(personas.coordinator.user, generate_totp_secret())
    _post, response = round_trip(client, DAAN)
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert not logged_in(response)


def test_attributes_sent_by_their_oid_are_read_too(client, settings, personas):
    """A hub may send eduPersonAffiliation and mail by OID (NameFormat uri)."""
    with running_entree(bases=[PORTAL], attribute_names="urn:oid") as idp:
        client.defaults["HTTP_HOST"] = "testserver"
        settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": [idp.app()]}}
        post, _response = invite_and_link(client, personas.docent.user)
    assert 'Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.1"' in post.xml
    html = client.get(reverse("profile")).content.decode()
    assert "Instelling: Het Testcollege (11ZZ03)" in html
    assert "Relatie: employee" in html
    account = SocialAccount.objects.get(user=personas.docent.user)
    assert account.uid == DAAN


# --- bad input ----------------------------------------------------------------------------------


def test_a_tampered_assertion_is_refused(client, entree, personas, caplog):
    """Olga (no account) logs in at Entree and swaps the NameID in the signed assertion for
    Daan's, who is linked: the signature no longer holds."""
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    post = log_in_at_entree(start(client), OLGA)
    assert OLGA in post.xml
    response = answer(client, post.with_xml(post.xml.replace(OLGA, DAAN)))
    assert_refused(response, before, "niet goed ondertekend")
    assert "Signature validation failed" in caplog.text


def test_an_assertion_without_its_signature_is_refused(client, entree, personas, caplog):
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    post = log_in_at_entree(start(client), DAAN)
    unsigned = re.sub(r"<ns\d:Signature\b.*?</ns\d:Signature>", "", post.xml, flags=re.S)
    assert unsigned != post.xml
    assert_refused(answer(client, post.with_xml(unsigned)), before, "niet goed ondertekend")
    assert "The Assertion of the Response is not signed" in caplog.text


def test_an_expired_assertion_is_refused(client, entree, personas, caplog):
    """Posted eleven minutes after Entree made it: past its five minutes and the five minutes
    of clock drift python3-saml allows."""
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    post = log_in_at_entree(start(client), DAAN)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = answer(client, post)
    assert_refused(response, before, "verlopen")
    assert "expired" in caplog.text


def test_a_replayed_assertion_is_refused(client, entree, personas):
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    post, response = round_trip(client, DAAN)
    assert response.context["user"] == personas.docent.user
    client.logout()
    before = counts()
    response = answer(client, post)
    assert_refused(response, before, "al gebruikt")
    # Nor in another browser.
    other = type(client)(HTTP_HOST="testserver")
    assert_refused(answer(other, post), before, "al gebruikt")


def test_a_relay_state_off_the_portal_is_refused(client, entree, personas):
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    post = log_in_at_entree(start(client), DAAN)
    response = answer(client, post, RelayState="https://kwaad.example.com/")
    assert_refused(response, before, "hoort niet bij dit portaal")
    assert "kwaad" not in response.get("Location", "")


def test_a_next_off_the_portal_is_refused_with_a_page(client, entree, personas):
    """An off-site `next` when the log-in starts: a Dutch page, Entree is not asked."""
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    response = client.post(LOGIN, {"next": "https://kwaad.example.com/"})
    assert response.status_code == 400
    assert "Inloggen is niet gelukt" in response.content.decode()
    assert "kwaad" not in response.get("Location", "")
    assert client.get(reverse("home")).status_code == 302  # nobody logged in


def test_a_next_on_the_portal_is_followed(client, entree, personas):
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    _post, response = round_trip(client, DAAN, data={"next": reverse("profile")})
    assert response.redirect_chain[-1][0] == reverse("profile")


def test_an_answer_the_portal_did_not_ask_for_is_refused(client, entree, personas):
    """IdP-initiated: a signed answer for the portal that no log-in here asked for."""
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    url = entree.idp_initiated_url(DAAN, sp=sp_entity_id(PORTAL), acs=acs_url(PORTAL))
    assert_refused(answer(client, unsolicited_answer(url)), before)
    url = entree.idp_initiated_url(DAAN, sp=sp_entity_id(PORTAL), acs=acs_url(PORTAL),
                                   relay_state="https://kwaad.example.com/")
    assert_refused(answer(client, unsolicited_answer(url)), before,
                   "hoort niet bij dit portaal")


def test_an_answer_for_another_service_is_refused(client, entree, personas, caplog):
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    url = entree.idp_initiated_url(DAAN, sp=OTHER_SP, acs=acs_url(PORTAL))
    assert_refused(answer(client, unsolicited_answer(url)), before, "niet voor dit portaal")
    assert "audience" in caplog.text.lower()


def test_a_name_id_that_is_not_persistent_is_refused(client, settings, personas):
    transient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
    with running_entree(bases=[PORTAL], name_id_format=transient) as idp:
        client.defaults["HTTP_HOST"] = "testserver"
        settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": [idp.app()]}}
        SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
        before = counts()
        post, response = round_trip(client, DAAN)
    assert transient in post.xml
    assert_refused(response, before, "geen vaste identiteit")


def test_an_answer_from_a_log_in_started_in_another_browser_is_refused(client, entree, personas):
    SocialAccount.objects.create(user=personas.docent.user, provider="entree", uid=DAAN)
    before = counts()
    post = log_in_at_entree(start(client), DAAN)
    other = type(client)(HTTP_HOST="testserver")
    assert_refused(answer(other, post), before, "niet bij een inlogpoging")


# --- rate limit ---------------------------------------------------------------------------------


def test_the_entree_start_and_answer_are_limited_per_ip(client, entree):
    finish = reverse("saml_finish_acs", kwargs={"organization_slug": "entree"})
    acs = reverse("saml_acs", kwargs={"organization_slug": "entree"})
    for _ in range(20):
        assert client.post(LOGIN).status_code == 302  # on to Entree
        assert client.post(acs, {"SAMLResponse": "bmVw"}).status_code != 429
        assert client.get(finish).status_code != 429
    for url, method in ((LOGIN, client.post), (acs, client.post), (finish, client.get)):
        response = method(url)
        assert response.status_code == 429
        assert "Te veel pogingen in korte tijd" in response.content.decode()
    assert client.get(reverse("account_login")).status_code == 200
