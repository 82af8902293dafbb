// A vendor's web app built the simple-oauth2 way (npm), for `oauthsim check-client`.
//
// Usage: node simple_oauth2_app.mjs --port PORT --authz URL --api URL --client-id ID
//            --client-secret SECRET [--mode MODE] [--ready-file FILE]
//
// Routes: GET /connect (starts the flow), GET /callback (the redirect URI,
// http://127.0.0.1:PORT/callback), GET /action?path=/users/me (calls the Customer API with
// Node's fetch, refreshing once on 401). simple-oauth2's defaults: HTTP Basic client
// authentication, its own HTTP client for the token endpoint; fetch's Accept-Encoding for the API.
//
// --mode correct (default), or one deliberate flaw a vendor could ship:
//   no_state                    sends no state, so checks none
//   token_request_after_denial  redeems "the code" even when the user denied
//   refresh_retried_forever     retries a refused refresh (5 tries), and again on the next click
//   hammer_after_429            retries a 429 at once, 5 times
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { AuthorizationCode } from 'simple-oauth2';

const MODES = ['correct', 'no_state', 'token_request_after_denial', 'refresh_retried_forever',
  'hammer_after_429'];
const COOKIE = 'acme_session';

function parseArgs(argv) {
  const args = { mode: 'correct' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
    args[key] = argv[i + 1];
  }
  for (const required of ['port', 'authz', 'api', 'clientId', 'clientSecret']) {
    if (!args[required]) throw new Error(`missing --${required.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  if (!MODES.includes(args.mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}`);
  return args;
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`simple_oauth2_app: ${e.message}`);
    return process.exit(2);
  }
})();
const redirectUri = `http://127.0.0.1:${args.port}/callback`;
const oauth = new AuthorizationCode({
  client: { id: args.clientId, secret: args.clientSecret },
  auth: {
    tokenHost: args.authz,
    tokenPath: '/identity/oauth/token',
    authorizePath: '/identity/oauth/allow',
  },
});
const sessions = new Map(); // session id -> { state, token, refreshFailed }

function sessionOf(req) {
  const m = (req.headers.cookie || '').match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`));
  return m ? sessions.get(m[1]) : undefined;
}

function answer(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(`<!doctype html><title>Acme ATS</title><p>${text}</p>`);
}

function connect(req, res) {
  const id = randomBytes(24).toString('base64url');
  const session = {};
  sessions.set(id, session);
  const params = { redirect_uri: redirectUri, scope: 'user_me_read jobs_read' };
  if (args.mode !== 'no_state') {
    session.state = randomBytes(32).toString('base64url');
    params.state = session.state;
  }
  session.pending = true;
  answer(res, 302, 'redirecting', {
    Location: oauth.authorizeURL(params),
    'Set-Cookie': `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`,
  });
}

async function callback(req, res, query) {
  const session = sessionOf(req);
  if (!session || !session.pending) return answer(res, 400, 'no flow was started in this browser');
  if (args.mode !== 'no_state' && query.get('state') !== session.state) {
    return answer(res, 400, 'state mismatch');
  }
  if (query.get('error') && args.mode !== 'token_request_after_denial') {
    session.pending = false;
    return answer(res, 200, 'You did not connect Acme ATS.');
  }
  session.pending = false;
  try {
    session.token = await oauth.getToken({ code: query.get('code') || '', redirect_uri: redirectUri });
    session.refreshFailed = false;
  } catch (e) {
    return answer(res, 400, 'could not connect to SmartRecruiters');
  }
  return answer(res, 200, 'Connected to SmartRecruiters.');
}

function callApi(path, accessToken) {
  return fetch(args.api + path, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
}

async function refresh(session) {
  const tries = args.mode === 'refresh_retried_forever' ? 5 : 1;
  for (let i = 0; i < tries; i += 1) {
    try {
      return await session.token.refresh();
    } catch (e) {
      if (i + 1 === tries) throw e;
    }
  }
  return undefined;
}

async function action(req, res, query) {
  const session = sessionOf(req);
  if (!session || !session.token) return answer(res, 401, 'Connect to SmartRecruiters first.');
  const path = query.get('path') || '/users/me';
  if (!path.startsWith('/') || path.startsWith('//')) return answer(res, 400, 'bad path');
  if (session.refreshFailed && args.mode !== 'refresh_retried_forever') {
    return answer(res, 401, 'Your SmartRecruiters connection expired: connect again.');
  }
  let api = await callApi(path, session.token.token.access_token);
  if (api.status === 401) {
    try {
      session.token = await refresh(session);
    } catch (e) {
      session.refreshFailed = true; // invalid_grant: the user must connect again
      return answer(res, 401, 'Your SmartRecruiters connection expired: connect again.');
    }
    api = await callApi(path, session.token.token.access_token);
  }
  for (let i = 0; api.status === 429 && args.mode === 'hammer_after_429' && i < 5; i += 1) {
    api = await callApi(path, session.token.token.access_token);
  }
  if (api.status === 429 || api.status >= 500) {
    return answer(res, 503, `SmartRecruiters is busy (${api.status}); try later.`);
  }
  await api.arrayBuffer();
  return answer(res, 200, `GET ${path}: ${api.status}`);
}

const server = createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${args.port}`);
  const routes = { '/connect': connect, '/callback': callback, '/action': action };
  const route = req.method === 'GET' ? routes[url.pathname] : undefined;
  if (!route) return answer(res, 404, 'not found');
  return Promise.resolve(route(req, res, url.searchParams)).catch((e) => {
    console.error(e);
    if (!res.headersSent) answer(res, 500, 'error');
  });
});
server.listen(Number(args.port), '127.0.0.1', () => {
  if (args.readyFile) {
    writeFileSync(`${args.readyFile}.tmp`, JSON.stringify({ client: `http://127.0.0.1:${args.port}` }));
    renameSync(`${args.readyFile}.tmp`, args.readyFile);
  }
  console.log(`simple-oauth2 app (${args.mode}) on http://127.0.0.1:${args.port}`);
});
process.on('SIGTERM', () => process.exit(0));
