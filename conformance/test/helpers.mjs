// Shared setup for the conformance suite: one initialized Parse SDK, a raw REST client for
// what the SDK cannot express, per-run class names and cleanup of everything a file created.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The official SDK, Node build. */
export const Parse = require('parse/node');

export const SERVER_URL = (process.env.PARSE_SERVER_URL || 'http://127.0.0.1:1337/parse').replace(/\/$/, '');
export const APP_ID = process.env.PARSE_APP_ID || 'confapp';
export const MASTER_KEY = process.env.PARSE_MASTER_KEY || 'confmaster';
export const JS_KEY = process.env.PARSE_JS_KEY || undefined;
/** `parse-server` when running against stock Parse Server; anything else means Reparse. */
export const TARGET = process.env.PARSE_TARGET || 'reparse';
export const IS_PARSE_SERVER = TARGET === 'parse-server';
/** Whether the server under test was started with client class creation disabled. */
export const CLIENT_CLASS_CREATION_DISABLED = process.env.PARSE_CLIENT_CLASS_CREATION === 'false';

Parse.initialize(APP_ID, JS_KEY, MASTER_KEY);
Parse.serverURL = SERVER_URL;

/** Skip reason for tests that expect Reparse to be safer than stock Parse Server. */
export const SAFER_THAN_PARSE_SERVER = IS_PARSE_SERVER
  ? 'stock parse-server is known to differ here; Reparse is meant to be safer'
  : false;

export const MASTER = { useMasterKey: true };

const RUN_ID = randomBytes(4).toString('hex');
const createdClasses = new Set();

/**
 * A class name unique to this run, remembered so the file's `after` hook removes it.
 * Names start with a letter and hold only letters, digits and underscores, as Parse requires.
 */
export function uniqueClass(prefix) {
  const name = `${prefix}_${RUN_ID}`;
  createdClasses.add(name);
  return name;
}

/** Raw REST call; returns `{status, headers, body}` with the body parsed when it is JSON. */
export async function rest(method, path, { body, master = false, headers = {}, appId = APP_ID, raw } = {}) {
  const h = { 'X-Parse-Application-Id': appId };
  if (master) h['X-Parse-Master-Key'] = MASTER_KEY;
  if (JS_KEY && !master) h['X-Parse-Javascript-Key'] = JS_KEY;
  Object.assign(h, headers);
  if (!h['X-Parse-Application-Id']) delete h['X-Parse-Application-Id'];
  let payload = raw;
  if (body !== undefined) {
    h['Content-Type'] ??= 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetchWithRetry(SERVER_URL + path, { method, headers: h, body: payload });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text.length ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text so the assertion message shows it
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

// A server may close an idle keep-alive connection just as fetch reuses it ("other side
// closed"); the request never reached it, so one retry on a fresh connection is safe.
async function fetchWithRetry(url, init) {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (e?.cause?.code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, init);
  }
}

/** Asserts a REST response is a Parse error with the given HTTP status and code. */
export function assertRestError(res, status, code) {
  assert.equal(res.status, status, `expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  assert.equal(res.body?.code, code, `expected Parse error ${code}, got ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body.error, 'string');
}

/** Awaits a promise that must reject with a Parse.Error of the given code; returns the error. */
export async function expectParseError(promise, code) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected Parse error ${code}, but the call succeeded`);
  assert.ok(error instanceof Parse.Error, `expected a Parse.Error, got ${error}`);
  assert.equal(error.code, code, `expected Parse error ${code}, got ${error.code}: ${error.message}`);
  return error;
}

/** Creates objects of a class with the master key; returns them saved, in order. */
export async function seed(className, rows) {
  const objects = rows.map((attrs) => new Parse.Object(className, attrs));
  await Parse.Object.saveAll(objects, MASTER);
  return objects;
}

/** The stored schema of a class (master key), or undefined when it does not exist. */
export async function getSchema(className) {
  const res = await rest('GET', `/schemas/${className}`, { master: true });
  return res.status === 200 ? res.body : undefined;
}

/** Sorted ids of a list of Parse objects, to compare result sets order-independently. */
export function ids(objects) {
  return objects.map((o) => o.id).sort();
}

async function dropClass(className) {
  await rest('DELETE', `/purge/${className}`, { master: true });
  await rest('DELETE', `/schemas/${className}`, { master: true });
}

after(async () => {
  for (const className of createdClasses) {
    await dropClass(className);
  }
});
