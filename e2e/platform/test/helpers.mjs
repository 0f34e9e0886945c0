// Shared by the platform tests: the control plane's APIs, the router's REST surface, the official
// SDK pointed at the router for one app at a time, and the runtime processes under the data dir.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
/** The official SDK, Node build (a singleton: `useApp` points it at one app at a time). */
export const Parse = require('parse/node');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the tests through e2e/platform/run.sh`);
  return value.replace(/\/$/, '');
}

/** Control plane base URL, e.g. http://127.0.0.1:4040. */
export const API_URL = required('REPARSE_API_URL');
/** Router mount, e.g. http://127.0.0.1:1337/parse. */
export const ROUTER_URL = required('REPARSE_ROUTER_URL');
/** `./reparse up`'s data dir. */
export const DATA_DIR = required('REPARSE_DATA_DIR');
/** Where phase 1 leaves what phase 2 (after a restart of the platform) checks. */
export const STATE_FILE = required('E2E_STATE_FILE');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const randomId = (n = 4) => randomBytes(n).toString('hex');

/** Plain HTTP; `{status, headers, body, ms}` with a JSON body parsed. Retries once on a stale keep-alive socket. */
export async function http(method, url, { headers = {}, body, json = true } = {}) {
  const h = { ...headers };
  let payload = body;
  if (body !== undefined && json && typeof body !== 'string') {
    h['Content-Type'] ??= 'application/json';
    payload = JSON.stringify(body);
  }
  const started = performance.now();
  let res;
  try {
    res = await fetch(url, { method, headers: h, body: payload });
  } catch (e) {
    if (e?.cause?.code !== 'UND_ERR_SOCKET') throw e;
    res = await fetch(url, { method, headers: h, body: payload });
  }
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed = text;
  try {
    parsed = text.length ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the text shows up in assertion messages
  }
  return { status: res.status, headers: res.headers, body: parsed, ms };
}

// ---- control plane ----------------------------------------------------------------------------

/** A fresh console account: `{email, password, accountKey}`. */
export async function createAccount(tag) {
  const email = `${tag}-${randomId()}@e2e.reparse.test`;
  const password = `pw-${randomId(8)}`;
  const res = await http('POST', `${API_URL}/api/v1/accounts`, { body: { email, password } });
  assert.equal(res.status, 201, `account signup: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.email, email);
  assert.equal(typeof res.body.accountKey, 'string');
  return { email, password, accountKey: res.body.accountKey };
}

/** Headers of parse.com's Apps API: email + password, or the account key when `byKey`. */
export function accountHeaders(account, { byKey = false } = {}) {
  return byKey
    ? { 'X-Parse-Account-Key': account.accountKey }
    : { 'X-Parse-Email': account.email, 'X-Parse-Password': account.password };
}

export function appsApi(account, method, path = '', body, opts) {
  return http(method, `${API_URL}/1/apps${path}`, { headers: accountHeaders(account, opts), body });
}

/** parse.com's Apps API field names, each with its type. */
export const PARSE_COM_APP_FIELDS = {
  appName: 'string',
  applicationId: 'string',
  masterKey: 'string',
  javascriptKey: 'string',
  restKey: 'string',
  clientKey: 'string',
  windowsKey: 'string',
  webhookKey: 'string',
  clientClassCreationEnabled: 'boolean',
  clientPushEnabled: 'boolean',
  requireRevocableSessions: 'boolean',
  revokeSessionOnPasswordChange: 'boolean',
  dashboardURL: 'string',
};

export function assertParseComFields(app) {
  for (const [field, type] of Object.entries(PARSE_COM_APP_FIELDS)) {
    assert.equal(typeof app[field], type, `${field} should be a ${type} in ${JSON.stringify(app)}`);
  }
}

/** POST /1/apps; the created app (201) and when the request was sent. */
export async function createApp(account, appName, settings = {}, opts = {}) {
  const sentAt = performance.now();
  const res = await appsApi(account, 'POST', '', { appName, ...settings }, opts);
  assert.equal(res.status, 201, `create ${appName}: ${JSON.stringify(res.body)}`);
  return { app: res.body, sentAt };
}

/** The condition of a type in an app's status, or undefined. */
export function condition(app, type) {
  return app.status?.conditions?.find((c) => c.type === type);
}

/**
 * Polls GET /1/apps/:id until provisioning has observed at least `generation` (the app's own
 * current one by default) and reports it Ready; returns that view.
 */
export async function waitReady(account, applicationId, { generation, timeoutMs = 90_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    const res = await appsApi(account, 'GET', `/${applicationId}`);
    assert.equal(res.status, 200, `GET app: ${JSON.stringify(res.body)}`);
    last = res.body;
    const wanted = generation ?? last.generation;
    const ready = condition(last, 'Ready');
    if (last.status?.observedGeneration >= wanted && last.status?.ready === true && ready?.status === 'True') {
      return last;
    }
    if (Date.now() > deadline) {
      assert.fail(`app ${applicationId} not Ready at generation ${wanted} within ${timeoutMs} ms: ${JSON.stringify(last.status)}`);
    }
    await sleep(200);
  }
}

// ---- router -----------------------------------------------------------------------------------

/**
 * A REST call through the router for `app`. `key`: 'js' | 'rest' | 'client' | 'windows' | 'master' |
 * null (app ID only); `appId`, `session` and `headers` override.
 */
export function parseRest(app, method, path, { key = 'rest', session, body, headers = {}, appId, json = true } = {}) {
  const h = { 'X-Parse-Application-Id': appId ?? app.applicationId };
  const keyHeaders = {
    js: ['X-Parse-Javascript-Key', app.javascriptKey],
    rest: ['X-Parse-REST-API-Key', app.restKey],
    client: ['X-Parse-Client-Key', app.clientKey],
    windows: ['X-Parse-Windows-Key', app.windowsKey],
    master: ['X-Parse-Master-Key', app.masterKey],
  };
  if (key) {
    const [name, value] = keyHeaders[key];
    h[name] = value;
  }
  if (session) h['X-Parse-Session-Token'] = session;
  return http(method, ROUTER_URL + path, { headers: { ...h, ...headers }, body, json });
}

/** Asserts a Parse error response: HTTP status and, when given, Parse error code. */
export function assertParseError(res, status, code) {
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (code !== undefined) assert.equal(res.body?.code, code, `expected code ${code}: ${JSON.stringify(res.body)}`);
}

/** The router's and runtimes' answer to an unknown app or a wrong key: 403 {"error":"unauthorized"}. */
export function assertUnauthorized(res) {
  assert.equal(res.status, 403, `expected 403, got ${res.status}: ${JSON.stringify(res.body)}`);
  assert.deepEqual(res.body, { error: 'unauthorized' });
}

/** Polls `probe` until it returns truthy; returns the elapsed ms, or fails after `timeoutMs`. */
export async function eventually(what, probe, { timeoutMs = 10_000, intervalMs = 100 } = {}) {
  const started = performance.now();
  let last;
  for (;;) {
    last = await probe();
    if (last === true || (last && last.ok === true)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      assert.fail(`${what} not within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    }
    await sleep(intervalMs);
  }
}

// ---- SDK ----------------------------------------------------------------------------------------

/**
 * Points the SDK singleton at `app` through the router, with its JavaScript key (no master key). No
 * current user (the Node default): every user request passes its session token explicitly.
 */
export function useApp(app, { javascriptKey = app.javascriptKey } = {}) {
  Parse.initialize(app.applicationId, javascriptKey);
  Parse.serverURL = ROUTER_URL;
  Parse.masterKey = undefined;
  return Parse;
}

// ---- processes ----------------------------------------------------------------------------------

/** Every `runtime.pid` under the data dir whose parent folder is the app's ID (apps/<id>/runtime.pid). */
function findPidFile(dir, applicationId, depth = 0) {
  if (depth > 5 || !existsSync(dir)) return undefined;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === 'postgres' || entry.name === 'mongo' || entry.name === 's3') continue;
    const sub = join(dir, entry.name);
    if (entry.name === applicationId && existsSync(join(sub, 'runtime.pid'))) return join(sub, 'runtime.pid');
    const found = findPidFile(sub, applicationId, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `{pid, port}` of the app's runtime as its supervisor recorded it (provisioning's PidFile). */
export function runtimeProcess(applicationId) {
  const file = findPidFile(DATA_DIR, applicationId);
  assert.ok(file, `no runtime.pid for ${applicationId} under ${DATA_DIR}`);
  const { pid, port } = JSON.parse(readFileSync(file, 'utf8'));
  assert.ok(Number.isInteger(pid) && pid > 0, `pid in ${file}`);
  return { pid, port, file };
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// ---- state handed from phase 1 to phase 2 ---------------------------------------------------------

export function saveState(key, value) {
  const state = existsSync(STATE_FILE) ? JSON.parse(readFileSync(STATE_FILE, 'utf8')) : {};
  state[key] = value;
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function loadState(key) {
  const state = existsSync(STATE_FILE) ? JSON.parse(readFileSync(STATE_FILE, 'utf8')) : {};
  return state[key];
}

/** Lines for the final report (run.sh prints them together at the end). */
export function report(line) {
  console.log(`# MEASURED ${line}`);
  const file = process.env.E2E_REPORT_FILE;
  if (file) writeFileSync(file, `${line}\n`, { flag: 'a' });
}

/** Percentile (0..100) of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
