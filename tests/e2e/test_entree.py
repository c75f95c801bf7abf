"""Logging in with Entree Federatie (SAML 2.0) in a real browser (issue 12).

The Entree-like identity provider is a real SAML IdP (pysaml2, signing with xmlsec1) run on a
free local port: the browser goes there with the portal's AuthnRequest, logs in, and the IdP's
page posts the signed answer back to the portal, as Entree's does.
"""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from playwright.sync_api import expect

from opleidingsschool.models import User
from tests import factories
from tests.federation.saml_provider import DAAN, OLGA, running_entree

from .conftest import screenshot, set_up_second_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def entree(live_server, settings):
    with running_entree(bases=[live_server.url]) as idp:
        # live_server is http://localhost:<port>: a host python3-saml accepts as it is.
        settings.SOCIALACCOUNT_PROVIDERS = {"saml": {"APPS": [idp.app(single_label_hosts=False)]}}
        yield idp


def test_a_teacher_invited_by_the_coordinator_logs_in_with_entree_for_the_first_time(
    page, phone, live_server, entree
):
    factories.MedewerkerFactory(
        user__email="coco.entree@example.org", user__first_name="Coco", school=None,
        is_coordinator=True,
    )
    teacher = factories.MedewerkerFactory(
        user__email="daan.docent@example.org", user__first_name="Daan",
        user__last_name="Docent", user__password=None,
    )
    # The coordinator sends the teacher the invitation (again) from the teacher's page.
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill("coco.entree@example.org")
    page.get_by_label("Wachtwoord").fill("demo-password")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", name="Tweede stap instellen")).to_be_visible()
    set_up_second_factor(page)
    page.goto(f"/partnerschap/medewerkers/{teacher.uuid}/")
    mail.outbox.clear()
    page.get_by_role("button", name="Uitnodiging opnieuw sturen").click()
    expect(page.get_by_text("Er is een nieuwe uitnodiging verstuurd")).to_be_visible()
    (invitation,) = [m for m in mail.outbox if m.to == ["daan.docent@example.org"]]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", invitation.body)

    # The teacher, on their phone: the link in the mail, then "Inloggen met Entree".
    phone.goto(link.group(1))
    expect(phone.get_by_role("heading", name="Kies een wachtwoord")).to_be_visible()
    phone.get_by_role("button", name="Inloggen met Entree").click()
    # At Entree: its own log-in page.
    expect(phone.get_by_role("heading", name="Inloggen bij Entree")).to_be_visible()
    phone.get_by_label("Gebruikersnaam").fill(DAAN)
    phone.get_by_role("button", name="Inloggen").click()
    # Entree's page posts the signed answer back; the teacher lands on their home.
    phone.wait_for_url(f"{live_server.url}/")
    expect(phone.get_by_role("heading", name="Fijn dat je er bent, Daan")).to_be_visible()
    screenshot(phone, "entree-teacher-home")
    account = SocialAccount.objects.get(user=teacher.user)
    assert (account.provider, account.uid) == ("entree", DAAN)
    phone.goto("/profiel/")
    expect(phone.get_by_text("Instelling: Het Testcollege (11ZZ03)")).to_be_visible()
    screenshot(phone, "entree-profile")

    # The coordinator sees how the teacher logs in now.
    page.reload()
    expect(page.get_by_text("Entree · Het Testcollege (11ZZ03)")).to_be_visible()
    screenshot(page, "entree-coordinator-badge")


def test_an_unknown_entree_identity_gets_the_refusal_page(page, live_server, entree):
    users = User.objects.count()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Inloggen met Entree").click()
    page.get_by_label("Gebruikersnaam").fill(OLGA)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Geen account bij deze inlog")).to_be_visible()
    expect(page.get_by_text("Vraag je coördinator om een uitnodiging.")).to_be_visible()
    screenshot(page, "entree-refused")
    assert User.objects.count() == users
    assert SocialAccount.objects.exists() is False
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
