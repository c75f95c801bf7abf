"""A real SAML 2.0 identity provider for the tests, configured like Entree Federatie: pysaml2's
IdP (tests/federation/idp/saml_idp.py) run as a local process on a free port, signing its
assertions with its own key (Debian's xmlsec1). Nothing is mocked: the portal sends the person
there with an AuthnRequest, the IdP answers with a signed assertion that the browser (here:
`requests`, or Chromium in tests/e2e/test_entree.py) posts back, and the portal checks it with
python3-saml as it would Entree's."""

from __future__ import annotations

import base64
import datetime
import html.parser
import json
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import quoteattr

import requests

from tests.conftest import skip_or_fail

from .identity_provider import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).resolve().parent / "idp" / "saml_idp.py"
SLUG = "entree"  # settings.ENTREE_ORGANIZATION_SLUG
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
# A service the IdP also knows (another school portal): answers made for it are not the portal's.
OTHER_SP = "https://andere-dienst.example.org/saml/metadata"


def entree_account(uid: str, given: str, surname: str, mail: str, affiliation: list[str],
                   brin: str, school: str) -> dict:
    """The attributes Entree releases for a person (its standard set, and `mail`); the
    persistent NameID has the same value as `uid`, as Entree's."""
    return {
        "uid": [uid], "givenName": [given], "sn": [surname], "mail": [mail],
        "eduPersonAffiliation": affiliation,
        "nlEduPersonHomeOrganizationId": [brin], "nlEduPersonHomeOrganization": [school],
    }


# People the IdP knows, keyed on their persistent id (hash@realm, as Entree's).
ENTREE_ACCOUNTS = {
    "qj7cks8qdz9ph54@testcollege": entree_account(
        "qj7cks8qdz9ph54@testcollege", "Daan", "Docent", "daan.docent@testcollege.nl",
        ["employee"], "11ZZ03", "Het Testcollege"),
    "x81mfa02kk3ls7@testcollege": entree_account(
        "x81mfa02kk3ls7@testcollege", "Olga", "Onbekend", "olga@testcollege.nl",
        ["employee", "staff"], "11ZZ03", "Het Testcollege"),
}
DAAN = "qj7cks8qdz9ph54@testcollege"
OLGA = "x81mfa02kk3ls7@testcollege"


def sp_entity_id(base: str) -> str:
    """The portal's entity id at `base` (allauth's default: its metadata address)."""
    return f"{base.rstrip('/')}/accounts/saml/{SLUG}/metadata/"


def acs_url(base: str) -> str:
    return f"{base.rstrip('/')}/accounts/saml/{SLUG}/acs/"


def sp_metadata(bases: list[str]) -> str:
    """The services registered at the IdP: the portal at each base, and another service."""
    entities = [(sp_entity_id(base), acs_url(base)) for base in bases]
    entities.append((OTHER_SP, "https://andere-dienst.example.org/saml/acs"))
    descriptors = "".join(
        f'<md:EntityDescriptor entityID={quoteattr(entity)}>'
        '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"'
        ' WantAssertionsSigned="true">'
        f"<md:NameIDFormat>{PERSISTENT}</md:NameIDFormat>"
        '<md:AssertionConsumerService index="1" isDefault="true"'
        ' Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"'
        f" Location={quoteattr(acs)}/>"
        "</md:SPSSODescriptor></md:EntityDescriptor>"
        for entity, acs in entities
    )
    return ('<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">'
            f"{descriptors}</md:EntitiesDescriptor>")


def signing_key_and_certificate(folder: Path) -> tuple[Path, Path]:
    """The IdP's own key and self-signed certificate (as Entree publishes its certificate in
    its metadata)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Entree test IdP")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()))
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


@dataclass
class RunningEntree:
    name: str
    base: str
    certificate: str  # base64 DER, as in Entree's metadata

    @property
    def entity_id(self) -> str:
        return f"{self.base}/saml2/idp/metadata"

    @property
    def sso_url(self) -> str:
        return f"{self.base}/sso/redirect"

    def variables(self) -> dict[str, str]:
        """The environment variables that switch Entree on (.env.example)."""
        return {"ENTREE_IDP_ENTITY_ID": self.entity_id, "ENTREE_IDP_SSO_URL": self.sso_url,
                "ENTREE_IDP_X509CERT": self.certificate}

    def app(self, *, single_label_hosts: bool = True) -> dict:
        """The portal's settings entry for this IdP, made by settings._entree_app from the
        variables. single_label_hosts: the test client's host (`testserver`) has no dot, which
        python3-saml refuses in a service address unless told."""
        from opleidingsschool.settings import _entree_app

        variables = self.variables()
        app = _entree_app(lambda name, default="": variables.get(name, default))
        if single_label_hosts:
            app["settings"]["advanced"]["allow_single_label_domains"] = True
        return app

    def idp_initiated_url(self, login: str, *, sp: str, acs: str, relay_state: str = "") -> str:
        """The IdP's page that posts an unsolicited answer (one the service did not ask for)."""
        from urllib.parse import urlencode

        query = urlencode({"login": login, "sp": sp, "acs": acs, "relay_state": relay_state})
        return f"{self.base}/idp-initiated?{query}"


@contextmanager
def running_entree(*, bases: list[str], attribute_names: str = "entree",
                   lifetime_minutes: int = 5, name_id_format: str = PERSISTENT,
                   accounts: dict | None = None):
    """Start one IdP that answers the portal at each of `bases`. attribute_names "urn:oid":
    the attributes pysaml2 knows go out by OID; name_id_format: another NameID than Entree's
    persistent one."""
    xmlsec1 = shutil.which("xmlsec1")
    if xmlsec1 is None:
        skip_or_fail("xmlsec1 not found (apt-get install -y xmlsec1): pysaml2's IdP signs with it")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="entree-idp-") as folder:
        key_file, cert_file = signing_key_and_certificate(Path(folder))
        config = {
            "port": port, "base": base, "name": "Entree", "key_file": str(key_file),
            "cert_file": str(cert_file), "xmlsec1": xmlsec1, "sp_metadata": sp_metadata(bases),
            "attribute_names": attribute_names, "lifetime_minutes": lifetime_minutes,
            "name_id_format": name_id_format,
            "accounts": accounts or ENTREE_ACCOUNTS,
        }
        config_file = Path(folder) / "idp.json"
        config_file.write_text(json.dumps(config))
        process = subprocess.Popen(
            [sys.executable, str(SERVER), str(config_file)], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        try:
            wait_until_up(process, f"{base}/saml2/idp/metadata", "the SAML identity provider",
                          seconds=30)
            certificate = "".join(
                line for line in cert_file.read_text().splitlines() if "CERTIFICATE" not in line)
            yield RunningEntree("Entree", base, certificate)
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class _Forms(html.parser.HTMLParser):
    """The forms of a page: [(action, {name: value})]."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append((attributes.get("action") or "", {}))
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1][1][attributes["name"]] = attributes.get("value") or ""


def forms_of(page: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


@dataclass
class SAMLPost:
    """What the IdP's page posts on to the service: the HTTP-POST binding."""

    action: str
    saml_response: str
    relay_state: str

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def data(self, **changes) -> dict[str, str]:
        return {"SAMLResponse": self.saml_response, "RelayState": self.relay_state} | changes

    @property
    def xml(self) -> str:
        return base64.b64decode(self.saml_response).decode()

    def with_xml(self, xml: str) -> SAMLPost:
        return SAMLPost(self.action, base64.b64encode(xml.encode()).decode(), self.relay_state)


def _post_form(page: str) -> SAMLPost:
    action, fields = forms_of(page)[0]
    return SAMLPost(action, fields["SAMLResponse"], fields.get("RelayState", ""))


def log_in_at_entree(redirect_url: str, login: str) -> SAMLPost:
    """What a person's browser does at the IdP: open the address the portal redirected to
    (the AuthnRequest), type the persistent id, get the page that posts the answer back."""
    session = requests.Session()
    response = session.get(redirect_url, timeout=10)
    assert response.status_code == 200, (response.status_code, response.text[:5000])
    action, fields = forms_of(response.text)[0]
    response = session.post(urljoin(response.url, action), data=fields | {"login": login},
                            timeout=10)
    assert response.status_code == 200, (response.status_code, response.text[:5000])
    return _post_form(response.text)


def unsolicited_answer(url: str) -> SAMLPost:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200, (response.status_code, response.text[:5000])
    return _post_form(response.text)
