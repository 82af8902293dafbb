// A vendor's client that oauthsim did not write: simple-oauth2 (npm) against `oauthsim serve`.
//
// Usage: node simple_oauth2_flow.mjs READY_FILE CLIENT_ID CLIENT_SECRET REDIRECT_URI
//
// READY_FILE is the JSON `oauthsim serve --ready-file` writes. The resource owner's part (login
// and consent) is scripted over plain HTTP with Node's fetch; the client's part (authorization
// URL, code exchange with HTTP Basic client authentication, refresh) is simple-oauth2's own.
// Exits 0 when every leg behaved as SR's flow says, 1 naming the leg that did not.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AuthorizationCode } from 'simple-oauth2';

const USERNAME = 'alice@example.com';
const PASSWORD = 'wonderland';

function fail(leg, detail) {
  console.error(`simple-oauth2 flow: ${leg}: ${detail}`);
  process.exit(1);
}

// The forms of a page: action, named inputs (with values) and submit button names. The mock's
// pages are simple and well formed, which is all this needs.
function formsOf(html) {
  const forms = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const action = (m[1].match(/action="([^"]*)"/i) || [])[1] || '';
    const fields = {};
    const buttons = [];
    for (const input of m[2].matchAll(/<(input|button)\b([^>]*)>/gi)) {
      const attr = (name) => (input[2].match(new RegExp(`${name}="([^"]*)"`, 'i')) || [])[1];
      const name = attr('name');
      if (!name) continue;
      const type = attr('type') || (input[1].toLowerCase() === 'input' ? 'text' : 'submit');
      if (type === 'submit') buttons.push(name);
      else fields[name] = (attr('value') || '').replaceAll('&amp;', '&').replaceAll('&quot;', '"');
    }
    forms.push({ action: action.replaceAll('&amp;', '&'), fields, buttons });
  }
  return forms;
}

// A browser that keeps cookies and stops at the redirect back to the client.
async function resourceOwnerAllows(authorizationUrl, redirectUri) {
  const cookies = new Map();
  const send = async (url, init = {}) => {
    const headers = { ...(init.headers || {}) };
    if (cookies.size) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    // getSetCookie() is Node 19.7+; older fetch joins the headers (the mock's cookies carry no
    // Expires date, so a comma only separates cookies).
    const setCookies = res.headers.getSetCookie
      ? res.headers.getSetCookie()
      : (res.headers.get('set-cookie') || '').split(/,(?=\s*[^;=\s]+=)/).filter(Boolean);
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  let url = authorizationUrl;
  let res = await send(url);
  for (let hops = 0; hops < 10; hops += 1) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location'), url).toString();
      if (url.startsWith(redirectUri)) return url;
      res = await send(url);
      continue;
    }
    if (res.status !== 200) fail('user agent', `${url} answered ${res.status}`);
    const forms = formsOf(await res.text());
    const login = forms.find((f) => 'password' in f.fields);
    const consent = forms.find((f) => f.buttons.includes('decision'));
    const form = login || consent;
    if (!form) fail('user agent', `no login or consent form at ${url}`);
    const data = new URLSearchParams(form.fields);
    if (login) {
      data.set('username', USERNAME);
      data.set('password', PASSWORD);
    } else {
      data.set('decision', 'allow');
    }
    url = new URL(form.action, url).toString();
    res = await send(url, {
      method: 'POST',
      body: data.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }
  return fail('user agent', 'never redirected back to the client');
}

async function main() {
  const [readyFile, clientId, clientSecret, redirectUri] = process.argv.slice(2);
  if (!redirectUri) {
    console.error('usage: node simple_oauth2_flow.mjs READY_FILE CLIENT_ID CLIENT_SECRET REDIRECT_URI');
    process.exit(2);
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8'));
  const api = ready.resource_server;
  const client = new AuthorizationCode({
    client: { id: clientId, secret: clientSecret },
    auth: {
      tokenHost: ready.authorization_server,
      tokenPath: '/identity/oauth/token',
      authorizePath: '/identity/oauth/allow',
    },
    // simple-oauth2's default: client_secret_basic with form-encoded credentials (RFC 6749 2.3.1).
  });

  const state = randomBytes(32).toString('base64url');
  const authorizationUrl = client.authorizeURL({
    redirect_uri: redirectUri, scope: 'user_me_read jobs_read', state,
  });
  const callback = new URL(await resourceOwnerAllows(authorizationUrl, redirectUri));
  if (callback.searchParams.get('state') !== state) fail('callback', 'the state came back changed');
  const code = callback.searchParams.get('code');
  if (!code) fail('callback', `no code in the redirect back: ${callback.search.replace(/code=[^&]*/, 'code=…')}`);

  let token;
  try {
    token = await client.getToken({ code, redirect_uri: redirectUri });
  } catch (e) {
    fail('code exchange', e.message);
  }
  const first = token.token;
  if (String(first.token_type).toLowerCase() !== 'bearer' || !first.refresh_token) {
    fail('token response', `expected a Bearer token and a refresh token, got ${Object.keys(first)}`);
  }

  const get = (path, accessToken) => fetch(api + path, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  const me = await get('/users/me', first.access_token);
  if (me.status !== 200 || (await me.json()).email !== USERNAME) {
    fail('API call', `GET /users/me answered ${me.status}`);
  }

  let refreshed;
  try {
    refreshed = await token.refresh();
  } catch (e) {
    fail('refresh', e.message);
  }
  if (!refreshed.token.refresh_token || refreshed.token.refresh_token === first.refresh_token) {
    fail('refresh', 'the refresh answer did not rotate the refresh token');
  }
  const jobs = await get('/jobs', refreshed.token.access_token);
  if (jobs.status !== 200) fail('API call after refresh', `GET /jobs answered ${jobs.status}`);
  try {
    await token.refresh(); // the rotated-out refresh token, once more
    fail('refresh token reuse', 'the rotated-out refresh token was accepted');
  } catch (e) {
    const error = e.data && e.data.payload && e.data.payload.error;
    if (error !== 'invalid_grant') fail('refresh token reuse', `expected invalid_grant, got ${e.message}`);
  }
  console.log('simple-oauth2 flow: code exchange, API call, refresh with rotation: ok');
}

main().catch((e) => fail('unexpected', e.stack || String(e)));
