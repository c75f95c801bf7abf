"""Fixtures of the federated log-in tests: providers like SURFconext and eduID, running."""

import pytest

from .identity_provider import (
    EDUID_ACCOUNTS,
    EDUID_CLAIMS,
    SURFCONEXT_ACCOUNTS,
    SURFCONEXT_CLAIMS,
    running_provider,
)


@pytest.fixture(scope="session")
def surfconext_process():
    with running_provider(
        provider_id="surfconext", name="SURFconext", claims=SURFCONEXT_CLAIMS,
        accounts=SURFCONEXT_ACCOUNTS, redirect_bases=["http://testserver"],
    ) as provider:
        yield provider


@pytest.fixture(scope="session")
def eduid_process():
    with running_provider(
        provider_id="eduid", name="eduID", claims=EDUID_CLAIMS, accounts=EDUID_ACCOUNTS,
        redirect_bases=["http://testserver"],
    ) as provider:
        yield provider


@pytest.fixture
def federation(settings, surfconext_process, eduid_process):
    """Both providers configured in the portal, as the environment variables would."""

    def configure(*, link_verified_email: bool = False):
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {
            "APPS": [surfconext_process.app(link_verified_email=link_verified_email),
                     eduid_process.app()],
            "OAUTH_PKCE_ENABLED": True,
        }}

    configure()
    configure.surfconext = surfconext_process
    configure.eduid = eduid_process
    return configure
