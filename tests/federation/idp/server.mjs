// A real OpenID Connect provider for the tests (the OpenID-certified `oidc-provider` package),
// configured like SURFconext or eduID. Started by tests/federation/idp.py with one JSON
// argument:
//   {"port": 5xxxx, "issuer": "http://127.0.0.1:5xxxx",
//    "clients": [{"client_id", "client_secret", "redirect_uris": [...]}],
//    "claims": ["email", "email_verified", "schac_home_organization", ...],
//    "accounts": {"<sub>": {"email": ..., "email_verified": true, ...}},
//    "pkce_optional_clients": ["<client_id>", ...]}  (optional)
// The person logs in on a small page of its own (/interaction/<uid>) by typing the account's
// name (its sub); consent is given at once, as SURFconext does for a registered service.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
const { accounts } = config;

const provider = new Provider(config.issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['test-only-cookie-key'] },
  // SURFconext releases the claims of a service's attribute policy under the openid scope.
  claims: { openid: ['sub', ...config.claims] },
  features: { devInteractions: { enabled: false } },
  // PKCE is required, as SURFconext requires it, except for the clients listed in
  // `pkce_optional_clients` (a test that shows what the nonce alone refuses).
  pkce: { required: (ctx, client) => !(config.pkce_optional_clients || []).includes(client.clientId) },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    if (!Object.hasOwn(accounts, sub)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
  },
  async loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
    if (grantId) return oidc.provider.Grant.find(grantId);
    const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
    grant.addOIDCScope(oidc.params.scope);
    grant.addOIDCClaims(['sub', ...config.claims]);
    await grant.save();
    return grant;
  },
});

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error) {
  return `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Inloggen bij ${escape(config.name || 'de instelling')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>Inloggen bij ${escape(config.name || 'de instelling')}</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<p><label for="login">Gebruikersnaam</label> <input id="login" name="login" required autocomplete="username"></p>
<p><button type="submit">Inloggen</button></p>
</form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const handler = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)$/);
  if (!match) return handler(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST') {
      const login = (await readForm(req)).get('login') || '';
      if (!Object.hasOwn(accounts, login)) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginPage(details.uid, 'Onbekende gebruikersnaam.'));
      }
      return await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(loginPage(details.uid));
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end(String(error));
  }
});
server.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`listening ${config.issuer}\n`);
});
