// Issue 11: what a newcomer looks for. An app's serverURL (the SDK's Parse.serverURL) comes with its keys, and its
// request log says why a request was refused: read through the control plane's API and `./reparse logs --app`,
// never holding a key or a session token. `./reparse apps` lists the account's apps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  API_URL, Parse, ROUTER_URL, accountHeaders, createAccount, createApp, eventually, http, parseRest, sleep, useApp,
  waitReady,
} from './helpers.mjs';

const REPARSE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'reparse');
const BOGUS_TOKEN = 'r:e2e-bogus-session-token-0123456789';

let account;
let app;
let other;

function cliEnv(who = account) {
  return { ...process.env, REPARSE_URL: API_URL, REPARSE_EMAIL: who.email, REPARSE_PASSWORD: who.password };
}

/** `./reparse <args>`: `{code, stdout, stderr}`. */
function cli(args, who) {
  return new Promise((resolve) => {
    execFile(REPARSE, args, { env: cliEnv(who), timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function logs(query = '', who = account) {
  return http('GET', `${API_URL}/api/v1/apps/${app.applicationId}/logs${query}`, { headers: accountHeaders(who) });
}

function secretsOf(a) {
  return [a.masterKey, a.javascriptKey, a.restKey, a.clientKey, a.windowsKey, a.webhookKey, BOGUS_TOKEN];
}

function assertNoSecret(text) {
  for (const secret of secretsOf(app)) {
    assert.ok(!text.includes(secret), `a key or session token is in the log: ${text}`);
  }
}

test('an app answers its serverURL, and the SDK works with it as Parse.serverURL', async () => {
  account = await createAccount('logs');
  other = await createAccount('logs-other');
  app = await waitReady(account, (await createApp(account, 'Logged Game')).app.applicationId);
  assert.equal(app.serverURL, ROUTER_URL, JSON.stringify(app));
  const listed = await http('GET', `${API_URL}/api/v1/apps`, { headers: accountHeaders(account) });
  assert.equal(listed.body.results[0].serverURL, ROUTER_URL);

  // Ready in the control plane; the routers pick the route up within their poll interval (403 or 503 until then)
  let created;
  await eventually('the first request through the router', async () => {
    created = await parseRest(app, 'POST', '/classes/LogScore', { key: 'master', body: { score: 1 } });
    return ![403, 503].includes(created.status);
  }, { timeoutMs: 15_000, intervalMs: 200 });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  useApp(app);
  Parse.serverURL = app.serverURL;
  const found = await new Parse.Query('LogScore').find();
  assert.equal(found.length, 1);
});

test('refused requests land in the log with their reason and no secret; level and search filter it', async () => {
  const noKey = await parseRest(app, 'GET', '/classes/LogScore', { key: null });
  assert.equal(noKey.status, 403);
  await assert.rejects(new Parse.Query('LogScore').find({ sessionToken: BOGUS_TOKEN }), (e) => e.code === 209);
  await assert.rejects(Parse.Cloud.run('missingFunction', { secretParam: 'x' }), (e) => e.code === 141);

  let lines;
  await eventually('the refusals in the app log', async () => {
    const res = await logs('?level=error');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    lines = res.body.results;
    return lines.length >= 3;
  }, { timeoutMs: 15_000, intervalMs: 300 });
  assert.ok(lines.every((l) => l.level === 'error' && l.status >= 400), JSON.stringify(lines));
  const unauthorized = lines.find((l) => l.status === 403);
  assert.equal(unauthorized?.error, 'unauthorized: no client key', JSON.stringify(lines));
  assert.equal(unauthorized.path, '/parse/classes/LogScore');
  // the SDK sends its query as POST with _method GET: the log says what was asked
  assert.ok(lines.some((l) => l.code === 209 && l.error === 'Invalid session token' && l.method === 'GET'
    && l.path === '/parse/classes/LogScore'), JSON.stringify(lines));
  const missing = lines.find((l) => l.code === 141);
  assert.equal(missing?.path, '/parse/functions/missingFunction', JSON.stringify(lines));

  const all = await logs('?n=1000');
  assert.ok(all.body.results.some((l) => l.level === 'info' && l.status === 201), 'the master-key create is logged');
  assertNoSecret(JSON.stringify(all.body));
  const searched = await logs('?q=missingfunction');
  assert.deepEqual(searched.body.results.map((l) => l.path), ['/parse/functions/missingFunction']);
  const newest = await logs('?n=1');
  assert.equal(newest.body.results.length, 1);

  assert.equal((await logs('', other)).status, 404);
  assert.equal((await http('GET', `${API_URL}/api/v1/apps/${app.applicationId}/logs`)).status, 401);
});

test('./reparse logs --app prints the log, filters it and follows it', async () => {
  const printed = await cli(['logs', '--app', app.applicationId, '--level', 'error']);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /ERROR GET \/parse\/classes\/LogScore 403 unauthorized: no client key \(\d+ ms\)/);
  assert.match(printed.stdout, /\/parse\/functions\/missingFunction 400 code 141 /);
  assert.ok(!printed.stdout.includes(' INFO '), printed.stdout);
  assertNoSecret(printed.stdout);
  const searched = await cli(['logs', '--app', app.applicationId, '--search', 'session token']);
  assert.equal(searched.stdout.trim().split('\n').length, 1, searched.stdout);

  const refused = await cli(['logs', '--app', app.applicationId], other);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /not found/i);

  const follower = spawn(REPARSE, ['logs', '--app', app.applicationId, '-f', '--search', 'FollowMe'], { env: cliEnv() });
  let out = '';
  follower.stdout.on('data', (chunk) => { out += chunk; });
  try {
    await sleep(3000);
    await parseRest(app, 'GET', '/classes/FollowMe', { key: null });
    await eventually('the followed line', () => out.includes('/parse/classes/FollowMe 403'), {
      timeoutMs: 30_000, intervalMs: 200,
    });
  } finally {
    follower.kill('SIGTERM');
  }
});

test('./reparse apps lists, creates and deletes the account\'s apps', async () => {
  const list = await cli(['apps']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${app.applicationId}  Logged Game  ready  ${ROUTER_URL}$`, 'm'));

  const created = await cli(['apps', 'create', 'From The CLI']);
  assert.equal(created.code, 0, created.stderr);
  const made = JSON.parse(created.stdout);
  assert.equal(made.appName, 'From The CLI');
  assert.equal(made.serverURL, ROUTER_URL);
  assert.equal(typeof made.masterKey, 'string');

  const deleted = await cli(['apps', 'delete', made.applicationId]);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout.trim(), `deleted ${made.applicationId}`);
  const after = await cli(['apps']);
  assert.ok(!after.stdout.includes(made.applicationId), after.stdout);

  const noCredentials = await new Promise((resolve) => {
    execFile(REPARSE, ['apps'], { env: { ...process.env, REPARSE_URL: API_URL, REPARSE_EMAIL: '', REPARSE_PASSWORD: '' } },
      (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }));
  });
  assert.equal(noCredentials.code, 2);
  assert.match(noCredentials.stderr, /REPARSE_EMAIL and REPARSE_PASSWORD/);
});
