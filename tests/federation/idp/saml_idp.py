"""A real SAML 2.0 identity provider for the tests, configured like Entree Federatie (Kennisnet):
pysaml2's IdP (`saml2.server.Server`), which signs with Debian's `xmlsec1`. Started by
tests/federation/saml_provider.py with one argument, the path of a JSON file:

    {"port": 5xxxx, "base": "http://127.0.0.1:5xxxx", "name": "Entree",
     "key_file": ".../idp.key", "cert_file": ".../idp.crt", "xmlsec1": "/usr/bin/xmlsec1",
     "sp_metadata": "<md:EntitiesDescriptor ...>",   # the services that may ask
     "attribute_names": "entree" | "urn:oid",
     "lifetime_minutes": 5, "name_id_format": "urn:...:persistent",
     "accounts": {"<persistent id>": {"uid": [...], "givenName": [...], ...}}}

Like Entree it answers an AuthnRequest (HTTP-Redirect binding) with a Response posted to the
service's assertion consumer service (HTTP-POST binding): the subject is the persistent NameID
(the same value as the `uid` attribute), the assertion is signed (the response itself is not),
and the attributes carry Entree's names (`uid`, `givenName`, `sn`, `mail`,
`eduPersonAffiliation`, `nlEduPersonHomeOrganizationId`, `nlEduPersonHomeOrganization`). With
"attribute_names": "urn:oid" the attributes pysaml2 knows go out by their OID (NameFormat uri,
with the friendly name), as a hub translating them would send them.

The person logs in on a small page of its own by typing the account's persistent id.
`/idp-initiated?login=...&sp=...&acs=...&relay_state=...` sends an unsolicited response (not
asked for by the service), for the tests that the portal refuses it.
"""

from __future__ import annotations

import base64
import html
import json
import secrets
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.attribute_converter import AttributeConverter
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_UNSPECIFIED, NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

CONFIG = json.loads(open(sys.argv[1], encoding="utf-8").read())
BASE = CONFIG["base"]
ENTITY_ID = f"{BASE}/saml2/idp/metadata"
NAME = CONFIG.get("name", "Entree")
ACCOUNTS: dict[str, dict[str, list[str]]] = CONFIG["accounts"]
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
BY_OID = CONFIG.get("attribute_names") == "urn:oid"


def idp_config() -> IdPConfig:
    config = IdPConfig()
    config.load({
        "entityid": ENTITY_ID,
        "service": {"idp": {
            "name": NAME,
            "endpoints": {
                "single_sign_on_service": [(f"{BASE}/sso/redirect", BINDING_HTTP_REDIRECT)],
            },
            "name_id_format": [CONFIG.get("name_id_format", NAMEID_FORMAT_PERSISTENT)],
            "want_authn_requests_signed": False,
            "policy": {"default": {
                "lifetime": {"minutes": CONFIG.get("lifetime_minutes", 5)},
                "name_form": NAME_FORMAT_URI if BY_OID else NAME_FORMAT_UNSPECIFIED,
            }},
        }},
        "key_file": CONFIG["key_file"],
        "cert_file": CONFIG["cert_file"],
        "xmlsec_binary": CONFIG["xmlsec1"],
        "metadata": {"inline": [CONFIG["sp_metadata"]]},
        "allow_unknown_attributes": True,
    })
    if not BY_OID:
        # No name translation: every attribute goes out under its plain name, as Entree's.
        plain = AttributeConverter()
        plain.from_dict({"identifier": NAME_FORMAT_UNSPECIFIED, "fro": {}, "to": {}})
        config.attribute_converters = [plain]
    return config


SERVER = Server(config=idp_config())
# AuthnRequests waiting for the person to log in: {key: (request, relay_state)}.
PENDING: dict[str, tuple[object, str]] = {}


def page(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>{html.escape(title)}</h1>
{body}
</main></body></html>""".encode()


def login_page(key: str, error: str = "") -> bytes:
    alert = f'<p role="alert">{html.escape(error)}</p>' if error else ""
    return page(f"Inloggen bij {NAME}", f"""{alert}
<form method="post" action="/sso/login">
<input type="hidden" name="key" value="{html.escape(key)}">
<p><label for="login">Gebruikersnaam</label>
<input id="login" name="login" required autocomplete="username"></p>
<p><button type="submit">Inloggen</button></p>
</form>""")


def post_page(destination: str, saml_response: str, relay_state: str) -> bytes:
    """The HTTP-POST binding: a form the browser posts on to the service (by itself)."""
    action = html.escape(destination)
    return page("Je wordt teruggestuurd", f"""<form method="post" action="{action}" id="saml-post">
<input type="hidden" name="SAMLResponse" value="{html.escape(saml_response)}">
<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">
<p><button type="submit">Doorgaan</button></p>
</form>
<script>document.getElementById('saml-post').submit();</script>""")


def signed_response(login: str, *, sp_entity_id: str, destination: str,
                    in_response_to: str | None) -> str:
    """A Response with one signed assertion about the account, base64 as the POST binding
    carries it."""
    attributes = ACCOUNTS[login]
    name_id = NameID(format=CONFIG.get("name_id_format", NAMEID_FORMAT_PERSISTENT), text=login,
                     name_qualifier=ENTITY_ID, sp_name_qualifier=sp_entity_id)
    response = SERVER.create_authn_response(
        {key: list(values) for key, values in attributes.items()},
        in_response_to=in_response_to, destination=destination, sp_entity_id=sp_entity_id,
        name_id=name_id, authn={"class_ref": PASSWORD_CONTEXT, "authn_auth": ENTITY_ID},
        sign_assertion=True, sign_response=False, sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    return base64.b64encode(str(response).encode()).decode()  # the SAMLResponse value


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's name)
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        data = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        return {key: values[0] for key, values in data.items()}

    def do_GET(self):
        self.answer(self.get)

    def do_POST(self):
        self.answer(self.post)

    def answer(self, method):
        """A failure shows as a 500 page with the traceback (the test prints it)."""
        try:
            method()
        except Exception:  # noqa: BLE001
            self.send(500, traceback.format_exc().encode(), "text/plain; charset=utf-8")

    def get(self):
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query,
                                                            keep_blank_values=True).items()}
        if parts.path == "/saml2/idp/metadata":
            metadata = create_metadata_string(None, SERVER.config)
            if isinstance(metadata, str):
                metadata = metadata.encode()
            return self.send(200, metadata, "application/samlmetadata+xml")
        if parts.path == "/sso/redirect":
            try:
                request = SERVER.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            except Exception as error:  # noqa: BLE001
                return self.send(400, page("Ongeldig verzoek", f"<p>{html.escape(str(error))}</p>"))
            key = secrets.token_urlsafe(16)
            PENDING[key] = (request, query.get("RelayState", ""))
            return self.send(200, login_page(key))
        if parts.path == "/idp-initiated":
            login = query["login"]
            response = signed_response(login, sp_entity_id=query["sp"], destination=query["acs"],
                                       in_response_to=None)
            return self.send(200, post_page(query["acs"], response, query.get("relay_state", "")))
        return self.send(404, page("Niet gevonden", ""))

    def post(self):
        if urlsplit(self.path).path != "/sso/login":
            return self.send(404, page("Niet gevonden", ""))
        form = self.form()
        pending = PENDING.get(form.get("key", ""))
        if pending is None:
            return self.send(400, page("Ongeldig verzoek", "<p>Dit inlogverzoek is onbekend.</p>"))
        login = form.get("login", "").strip()
        if login not in ACCOUNTS:
            return self.send(200, login_page(form["key"], "Onbekende gebruikersnaam."))
        del PENDING[form["key"]]
        request, relay_state = pending
        args = SERVER.response_args(request.message, [BINDING_HTTP_POST])
        response = signed_response(login, sp_entity_id=args["sp_entity_id"],
                                   destination=args["destination"],
                                   in_response_to=args["in_response_to"])
        return self.send(200, post_page(args["destination"], response, relay_state))


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", CONFIG["port"]), Handler)
    sys.stdout.write(f"listening {BASE}\n")
    sys.stdout.flush()
    server.serve_forever()
