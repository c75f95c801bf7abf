"""Real OpenID Connect providers for the tests: Node's `oidc-provider` (npm, from
package-lock.json) run as a local process on a free port, configured like SURFconext or eduID.
Nothing is mocked: the portal discovers the provider, sends the person there, exchanges the
code for tokens over HTTP, checks the ID token's signature, issuer and audience, and reads the
userinfo, as it does against the real services."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).resolve().parent / "idp" / "server.mjs"

SURFCONEXT_CLAIMS = [
    "email", "email_verified", "given_name", "family_name", "name",
    "schac_home_organization", "eduperson_affiliation",
]
EDUID_CLAIMS = ["email", "email_verified", "given_name", "family_name", "name"]

# People the providers know (keyed on their sub, as the real ones key them on a pseudonym).
SURFCONEXT_ACCOUNTS = {
    "sanne-sub-7f3a": {
        "email": "sanne@student.testhogeschool.nl", "email_verified": True,
        "given_name": "Sanne", "family_name": "Student", "name": "Sanne Student",
        "schac_home_organization": "testhogeschool.nl",
        "eduperson_affiliation": ["student", "member"],
    },
    "onbekend-sub-9c1d": {
        "email": "onbekend@testhogeschool.nl", "email_verified": True,
        "given_name": "Olle", "family_name": "Onbekend", "name": "Olle Onbekend",
        "schac_home_organization": "testhogeschool.nl", "eduperson_affiliation": ["employee"],
    },
    "ivo-sub-2b8e": {
        "email": "ivo@example.org", "email_verified": True,
        "given_name": "Ivo", "family_name": "Instituut", "name": "Ivo Instituut",
        "schac_home_organization": "testhogeschool.nl",
        "eduperson_affiliation": ["employee", "member"],
    },
    "niet-geverifieerd-sub": {
        "email": "ivo@example.org", "email_verified": False,
        "given_name": "Ivo", "family_name": "Nep", "name": "Ivo Nep",
        "schac_home_organization": "elders.nl", "eduperson_affiliation": ["affiliate"],
    },
}
EDUID_ACCOUNTS = {
    "gast-sub-51aa": {
        "email": "gast@example.net", "email_verified": True,
        "given_name": "Gert", "family_name": "Gast", "name": "Gert Gast",
    },
}


@dataclass
class RunningProvider:
    provider_id: str
    name: str
    issuer: str
    client_id: str
    client_secret: str
    # A second service registered at the same provider (another portal of the institution):
    # codes and tokens issued to it are for another audience than the portal's.
    other_client_id: str

    def app(self, *, link_verified_email: bool = False, pkce: bool = True) -> dict:
        """The portal's settings entry for this provider (as settings._oidc_app makes it;
        pkce=False only for a provider started with pkce_optional)."""
        return {
            "provider_id": self.provider_id,
            "name": self.name,
            "client_id": self.client_id,
            "secret": self.client_secret,
            "settings": {
                "server_url": self.issuer,
                "scope": ["openid"],
                "oauth_pkce_enabled": pkce,
                "fetch_userinfo": True,
                "link_verified_email": link_verified_email,
            },
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_provider(*, provider_id: str, name: str, claims: list[str], accounts: dict,
                     redirect_bases: list[str], pkce_optional: bool = False):
    """Start one provider; its client may redirect to the portal at each of redirect_bases.
    With pkce_optional the portal's client may leave PKCE out (SURFconext requires it)."""
    node = shutil.which("node")
    if node is None:
        skip_or_fail("Node.js not found (apt-get install -y nodejs npm)")
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        skip_or_fail("oidc-provider not found (run `npm ci` in the repository)")
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    client_id = f"portal-{provider_id}"
    client_secret = f"test-secret-{provider_id}-0123456789abcdef"
    other_client_id = f"andere-dienst-{provider_id}"
    redirect_uris = [
        f"{base.rstrip('/')}/accounts/oidc/{provider_id}/login/callback/" for base in redirect_bases
    ]
    config = {
        "port": port, "issuer": issuer, "name": name, "claims": claims, "accounts": accounts,
        "clients": [
            {"client_id": cid, "client_secret": secret, "redirect_uris": redirect_uris}
            for cid, secret in [(client_id, client_secret),
                                (other_client_id, f"other-secret-{provider_id}-fedcba9876543210")]
        ],
        "pkce_optional_clients": [client_id] if pkce_optional else [],
    }
    process = subprocess.Popen(
        [node, str(SERVER), json.dumps(config)], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        wait_until_up(process, f"{issuer}/.well-known/openid-configuration",
                      "the OpenID Connect provider", seconds=20)
        yield RunningProvider(provider_id, name, issuer, client_id, client_secret, other_client_id)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def log_in_at_provider(authorize_url: str, login: str, *, portal_prefix: str = "http://testserver"):
    """What a person's browser does at the provider: open the authorize URL, type the account
    name, follow the redirects until they point back to the portal. Returns that URL (the
    portal's callback with code and state)."""
    session = requests.Session()
    url = authorize_url
    for _ in range(10):
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in response.url:
            response = session.post(response.url, data={"login": login}, allow_redirects=False,
                                    timeout=10)
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        url = urljoin(url, response.headers["Location"])
        if url.startswith(portal_prefix):
            return url
    raise AssertionError("the provider never sent the person back to the portal")


def portal_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def wait_until_up(process: subprocess.Popen, url: str, what: str, *, seconds: float) -> None:
    """Wait until the provider process answers `url`; if it dies or takes longer than
    `seconds`, stop it and raise with what it printed."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"{what} did not start:\n{output}")
        time.sleep(0.1)
