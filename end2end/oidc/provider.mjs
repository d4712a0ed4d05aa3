#!/usr/bin/env node
// Test OpenID Provider for Switchboard's sign-in tests.
// oidc-provider 9.x (panva), ESM, in-memory, loopback only. NOT for production.
//
//   node provider.mjs [PORT] [--exit-with-stdin]
//
// stdout: exactly ONE line, the chosen port (e.g. "43121"); everything else
// (oidc-provider notices/warnings, event log) goes to stderr.
//
// Environment (all optional):
//   OIDC_PORT                 port to bind (argv[2] wins; default 0 = pick a free one)
//   OIDC_HOST                 bind address and issuer host (default 127.0.0.1)
//   OIDC_ISSUER_HOST          host name in the issuer only (default OIDC_HOST). "localhost"
//                             makes the OP a different *site* from an app on 127.0.0.1
//   OIDC_CLIENT_ID            default "switchboard"
//   OIDC_CLIENT_SECRET        default "switchboard-test-secret"
//   OIDC_REDIRECT_URIS        space/comma separated. Default
//                             "http://127.0.0.1/auth/oidc/callback" as a *native*
//                             client => any port on 127.0.0.1 is accepted (RFC 8252 7.3)
//   OIDC_APPLICATION_TYPE     web | native. Default: native if OIDC_REDIRECT_URIS is
//                             unset, else web (web = exact string match incl. port)
//   OIDC_POST_LOGOUT_REDIRECT_URIS  optional, same format
//   OIDC_TOKEN_AUTH           client_secret_basic (default) | client_secret_post
//   OIDC_ALG                  RS256 (default) | ES256  (ID token signature)
//   OIDC_ID_TOKEN_TTL         seconds (default 3600, minimum 1)
//   OIDC_CODE_TTL             seconds (default 60, minimum 1)
//   OIDC_ACCESS_TOKEN_TTL     seconds (default 3600)
//   OIDC_TEST_PASSWORD        one password for every account (default: "<login>-pass", e.g. tina-pass)
//   OIDC_DEV_INTERACTIONS=1   use oidc-provider's built-in dev login + consent pages
//                             instead of the small pages below (any login, any password)
//   OIDC_QUIET=1              drop oidc-provider's NOTICE/WARNING lines
//   OIDC_EXIT_WITH_STDIN=1    same as --exit-with-stdin: exit when stdin reaches EOF
//                             (lets a Rust test that holds ChildStdin kill us by dying)
//
// Test accounts (login / sub / groups):  see ACCOUNTS below.
// Token tampering for negative tests: sign in as "<login>+<mode>", e.g.
// "tina+expired"; the ID token returned by /token is then re-signed with the
// change applied. Modes: expired, wrong-aud, bad-nonce, bad-iss, bad-sig.

import * as crypto from 'node:crypto';
import * as http from 'node:http';

const env = process.env;
const quiet = env.OIDC_QUIET === '1';
const devInteractions = env.OIDC_DEV_INTERACTIONS === '1';
const exitWithStdin = env.OIDC_EXIT_WITH_STDIN === '1' || process.argv.includes('--exit-with-stdin');

// oidc-provider prints "oidc-provider NOTICE: ..." with console.info (stdout!) and
// warnings with console.warn. Keep stdout for the port line only.
{
  const toStderr = (...a) => { if (!quiet || !String(a[0]).includes('oidc-provider ')) console.error(...a); };
  console.info = toStderr;
  console.log = toStderr;
  console.warn = toStderr;
}

const { default: Provider, interactionPolicy } = await import('oidc-provider');

const log = (...a) => console.error('[test-op]', ...a);
const argPort = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const PORT = Number(argPort ?? env.OIDC_PORT ?? 0);
const HOST = env.OIDC_HOST ?? '127.0.0.1';
const CLIENT_ID = env.OIDC_CLIENT_ID ?? 'switchboard';
const CLIENT_SECRET = env.OIDC_CLIENT_SECRET ?? 'switchboard-test-secret';
const list = (s) => (s ?? '').split(/[\s,]+/).filter(Boolean);
const REDIRECT_URIS = list(env.OIDC_REDIRECT_URIS);
const APP_TYPE = env.OIDC_APPLICATION_TYPE ?? (REDIRECT_URIS.length ? 'web' : 'native');
if (!REDIRECT_URIS.length) REDIRECT_URIS.push('http://127.0.0.1/auth/oidc/callback');
const POST_LOGOUT = list(env.OIDC_POST_LOGOUT_REDIRECT_URIS);
const TOKEN_AUTH = env.OIDC_TOKEN_AUTH ?? 'client_secret_basic';
const ALG = env.OIDC_ALG ?? 'RS256';
const secs = (v, d) => { const n = Number(v ?? d); if (!Number.isInteger(n) || n < 1) throw new Error(`bad TTL ${v}`); return n; };
const ID_TOKEN_TTL = secs(env.OIDC_ID_TOKEN_TTL, 3600);
const CODE_TTL = secs(env.OIDC_CODE_TTL, 60);
const ACCESS_TOKEN_TTL = secs(env.OIDC_ACCESS_TOKEN_TTL, 3600);
const passwordFor = (login) => env.OIDC_TEST_PASSWORD ?? `${login}-pass`;

// ---- test accounts ---------------------------------------------------------
// key = what you type in the login form; sub deliberately differs from it.
const ACCOUNTS = { // same people as server/tests/support/slapd.rs; password = "<login>-pass"
  rita: { sub: 'acct-1001', name: 'Rita Requester', email: 'rita@example.org', email_verified: true, groups: [] },
  paul: { sub: 'acct-1005', name: 'Paul Requester', email: 'paul@example.org', email_verified: true, groups: [] },
  tina: { sub: 'acct-1002', name: 'Tina Technician', email: 'tina@example.org', email_verified: true, groups: ['it-staff'] },
  cora: { sub: 'acct-1003', name: 'Cora Coordinator', email: 'cora@example.org', email_verified: true, groups: ['it-coordinators'] },
  uma: { sub: 'acct-1004', name: 'Uma Unverified', email: 'uma@example.org', email_verified: false, groups: ['it-staff'] },
};
const BY_SUB = new Map(Object.entries(ACCOUNTS).map(([login, a]) => [a.sub, { login, ...a }]));
const TAMPER_MODES = new Set(['expired', 'wrong-aud', 'bad-nonce', 'bad-iss', 'bad-sig']);

// accountId is "<sub>" or "<sub>+<tamper mode>"
function splitAccountId(id) {
  const [sub, mode] = String(id).split('+', 2);
  return { sub, mode: TAMPER_MODES.has(mode) ? mode : undefined };
}
function accountIdForLogin(login) {
  const [name, mode] = String(login).trim().toLowerCase().split('+', 2);
  const acct = ACCOUNTS[name];
  if (!acct) return undefined;
  if (mode !== undefined && !TAMPER_MODES.has(mode)) return undefined;
  return mode ? `${acct.sub}+${mode}` : acct.sub;
}

// ---- keys --------------------------------------------------------------------
function genJwk(alg, kid) {
  const { privateKey } = alg === 'ES256'
    ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
}
const signingJwk = genJwk(ALG, `test-${ALG.toLowerCase()}-${crypto.randomBytes(4).toString('hex')}`); // new kid per start: a stale JWKS gives NoMatchingKey
const rogueJwk = genJwk(ALG, signingJwk.kid); // same kid, never published: for bad-sig

function jwtSign(payload, header, jwk) {
  const key = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const sig = crypto.sign('sha256', Buffer.from(input), jwk.kty === 'EC' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${sig.toString('base64url')}`;
}
const b64json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString());

function noNativeConsentPolicy() {
  const policy = interactionPolicy.base();
  policy.get('consent').checks.remove('native_client_prompt');
  return policy;
}

// ---- provider configuration -----------------------------------------------
const clientBase = {
  client_secret: CLIENT_SECRET,
  application_type: APP_TYPE,
  redirect_uris: REDIRECT_URIS,
  post_logout_redirect_uris: POST_LOGOUT,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: TOKEN_AUTH,
  id_token_signed_response_alg: ALG,
};

const configuration = {
  clients: [
    { ...clientBase, client_id: CLIENT_ID },
    // a second relying party: real tokens/codes for *another audience*
    { ...clientBase, client_id: 'other-app', client_secret: 'other-app-secret' },
  ],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  // Put scope claims (email, groups, ...) into the ID token itself; by default
  // (true) they only appear at /me (userinfo) when an access token is issued.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  scopes: ['openid'], // + email profile groups, derived from `claims`
  pkce: { required: () => true }, // default only forces PKCE for public clients; S256 is the only method in v9
  features: {
    devInteractions: { enabled: devInteractions },
    rpInitiatedLogout: { enabled: true },
    userinfo: { enabled: true },
  },
  ttl: {
    AccessToken: ACCESS_TOKEN_TTL,
    AuthorizationCode: CODE_TTL,
    IdToken: ID_TOKEN_TTL,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
  async findAccount(ctx, id) {
    const { sub } = splitAccountId(id);
    const acct = BY_SUB.get(sub);
    if (!acct) return undefined;
    return {
      accountId: id,
      // oidc-provider filters this by the granted scopes/claims
      async claims() {
        return {
          sub: id, // must equal accountId; tampering middleware restores the plain sub
          email: acct.email,
          email_verified: acct.email_verified,
          name: acct.name,
          preferred_username: acct.login,
          groups: acct.groups,
        };
      },
    };
  },
  // First-party test client: no consent screen. Grant whatever was asked for,
  // and drop the "native clients always need consent" check (RFC 8252 clients
  // get a consent prompt on every authorization otherwise).
  ...(devInteractions ? {} : {
    interactions: { policy: noNativeConsentPolicy(), url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing && existing.accountId === ctx.oidc.account.accountId) {
          existing.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
          await existing.save();
          return existing;
        }
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.account.accountId,
      });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      await grant.save();
      return grant;
    },
  }),
  renderError(ctx, out, error) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>OP error</title><h1>oops</h1><pre id="error">${esc(JSON.stringify(out, null, 2))}</pre>`;
  },
};

// ---- bind first (port 0 support), then build the provider with the real issuer
const server = http.createServer();
await new Promise((resolve, reject) => { server.once('error', reject); server.listen(PORT, HOST, resolve); });
const { port } = server.address();
const ISSUER_HOST = env.OIDC_ISSUER_HOST ?? HOST; // e.g. "localhost": makes OP and app (127.0.0.1) cross-site
const issuer = `http://${ISSUER_HOST.includes(':') ? `[${ISSUER_HOST}]` : ISSUER_HOST}:${port}`;
const provider = new Provider(issuer, configuration);

for (const ev of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error', 'interaction.error']) {
  provider.on(ev, (...args) => {
    const err = args.find((a) => a instanceof Error);
    log(ev, err ? `${err.name}: ${err.message}${err.error_detail ? ` (${err.error_detail})` : ''}` : '');
  });
}

// ---- tiny interaction pages (login form; consent is auto-granted above) ------
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
async function readForm(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
}
function loginPage({ uid, clientId, loginHint = '', error }) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test OP sign-in</title></head>
<body>
<h1>Sign in to the test provider</h1>
<p>Client: <code id="client-id">${esc(clientId)}</code></p>
${error ? `<p role="alert" id="error">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}" autocomplete="off">
  <label for="login">Username</label>
  <input id="login" name="login" type="text" required autofocus value="${esc(loginHint)}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required>
  <button type="submit" id="sign-in">Sign in</button>
</form>
<p><a id="cancel" href="/interaction/${esc(uid)}/abort">Cancel</a></p>
</body></html>`;
}

if (!devInteractions) {
  provider.use(async (ctx, next) => {
    const m = /^\/interaction\/([\w-]+)(\/abort)?$/.exec(ctx.path);
    if (!m) return next();
    ctx.set('cache-control', 'no-store');
    let details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (err) {
      ctx.status = 400; ctx.type = 'text'; ctx.body = `interaction not found or expired: ${err.message}`;
      return undefined;
    }
    const { uid, prompt, params } = details;
    if (uid !== m[1]) { ctx.status = 400; ctx.body = 'uid mismatch'; return undefined; }
    const finish = async (result) => {
      const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      ctx.status = 303; ctx.redirect(to);
    };
    if (m[2]) { // Cancel => the RP gets error=access_denied at its redirect_uri
      return finish({ error: 'access_denied', error_description: 'End-User aborted interaction' });
    }
    if (prompt.name === 'consent') { // normally pre-empted by loadExistingGrant; auto-approve anyway
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      return finish({ consent: { grantId: await grant.save() } });
    }
    if (prompt.name !== 'login') {
      ctx.status = 501; ctx.body = `prompt ${prompt.name} not implemented`;
      return undefined;
    }
    if (ctx.method === 'GET') {
      ctx.type = 'html';
      ctx.body = loginPage({ uid, clientId: params.client_id, loginHint: params.login_hint ?? '' });
      return undefined;
    }
    if (ctx.method === 'POST') {
      const form = await readForm(ctx.req);
      const accountId = accountIdForLogin(form.login ?? '');
      const base = String(form.login ?? '').trim().toLowerCase().split('+')[0];
      if (!accountId || form.password !== passwordFor(base)) {
        ctx.status = 200; ctx.type = 'html';
        ctx.body = loginPage({ uid, clientId: params.client_id, loginHint: form.login ?? '', error: 'Invalid username or password.' });
        return undefined;
      }
      log('login', form.login, '->', accountId);
      return finish({ login: { accountId, amr: ['pwd'] } });
    }
    ctx.status = 405;
    return undefined;
  });
}

// ---- ID token tampering for negative tests (post-processing of /token) ------
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== 'token' || ctx.status !== 200 || !ctx.body?.id_token) return;
  const [h, p] = ctx.body.id_token.split('.');
  const header = b64json(h);
  const payload = b64json(p);
  const { sub, mode } = splitAccountId(payload.sub);
  if (!mode && sub === payload.sub) return;
  payload.sub = sub;
  const now = Math.floor(Date.now() / 1000);
  let key = signingJwk;
  switch (mode) {
    case 'expired': payload.iat = now - 7200; payload.auth_time = now - 7200; payload.exp = now - 3600; break;
    case 'wrong-aud': payload.aud = 'someone-else'; break;
    case 'bad-nonce': payload.nonce = 'not-the-nonce-you-sent'; break;
    case 'bad-iss': payload.iss = 'http://127.0.0.1:9/not-the-issuer'; break;
    case 'bad-sig': key = rogueJwk; break;
    default: break;
  }
  ctx.body = { ...ctx.body, id_token: jwtSign(payload, header, key) };
  log('tampered id_token', mode ?? '(sub only)', 'for', sub);
});

server.on('request', provider.callback());
process.stdout.write(`${port}\n`);
log(`issuer ${issuer}; client ${CLIENT_ID} (${APP_TYPE}, ${TOKEN_AUTH}) redirect_uris ${REDIRECT_URIS.join(' ')}; alg ${ALG}; ${devInteractions ? 'devInteractions' : 'custom login'}`);

const shutdown = () => server.close(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (exitWithStdin) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
