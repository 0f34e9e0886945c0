// REST-level behaviour the SDK relies on: app id check, CORS, text/plain bodies with _method,
// health and serverInfo.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, SERVER_URL, APP_ID, MASTER_KEY, JS_KEY, uniqueClass, rest, SAFER_THAN_PARSE_SERVER } from './helpers.mjs';

const Doc = uniqueClass('RestDoc');

/** POSTs a text/plain JSON body the way the JS SDK does, with the keys in the body. */
async function plainPost(path, payload) {
  const body = { _ApplicationId: APP_ID, ...payload };
  if (JS_KEY && !body._MasterKey) body._JavaScriptKey = JS_KEY;
  const res = await fetch(SERVER_URL + path, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('application id', () => {
  test('a wrong application id is answered 403 {"error":"unauthorized"}', async () => {
    const res = await rest('GET', `/classes/${Doc}`, { appId: 'not-this-app' });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'unauthorized' });
  });

  test('a missing application id is answered 403 {"error":"unauthorized"}', async () => {
    const res = await rest('GET', `/classes/${Doc}`, { appId: '' });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'unauthorized' });
  });

  test('a wrong application id in a text/plain body is answered 403', async () => {
    const res = await plainPost(`/classes/${Doc}`, { _method: 'GET', _ApplicationId: 'not-this-app' });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'unauthorized' });
  });

  test('a wrong master key does not grant master access', async () => {
    const res = await rest('GET', '/schemas', { headers: { 'X-Parse-Master-Key': `${MASTER_KEY}-wrong` } });
    assert.equal(res.status, 403);
  });

  test('a wrong JavaScript key is refused when the app has one', { skip: JS_KEY ? false : 'PARSE_JS_KEY not set' }, async () => {
    const res = await rest('GET', `/classes/${Doc}`, { headers: { 'X-Parse-Javascript-Key': `${JS_KEY}-wrong` } });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'unauthorized' });
  });
});

describe('CORS', () => {
  test('a preflight OPTIONS request is answered with permissive CORS headers', async () => {
    const res = await fetch(`${SERVER_URL}/classes/${Doc}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'X-Parse-Application-Id, X-Parse-Session-Token, Content-Type',
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const methods = res.headers.get('access-control-allow-methods').split(',').map((m) => m.trim());
    for (const m of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS']) assert.ok(methods.includes(m), `allows ${m}`);
    const allowed = res.headers.get('access-control-allow-headers').toLowerCase().split(',').map((h) => h.trim());
    for (const h of ['x-parse-application-id', 'x-parse-session-token', 'x-parse-master-key', 'x-parse-javascript-key', 'content-type']) {
      assert.ok(allowed.includes(h), `allows header ${h}`);
    }
  });

  test('ordinary responses carry Access-Control-Allow-Origin', async () => {
    const res = await rest('GET', `/classes/${Doc}`, { headers: { Origin: 'http://example.com' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('content-type'), /^application\/json/);
  });
});

describe('text/plain bodies with _method', () => {
  test('create, get, update, query and delete all work through POST with _method', async () => {
    const created = await plainPost(`/classes/${Doc}`, { title: 'plain' });
    assert.equal(created.status, 201);
    const id = created.body.objectId;
    const got = await plainPost(`/classes/${Doc}/${id}`, { _method: 'GET' });
    assert.equal(got.status, 200);
    assert.equal(got.body.title, 'plain');
    const updated = await plainPost(`/classes/${Doc}/${id}`, { _method: 'PUT', title: 'changed' });
    assert.equal(updated.status, 200);
    assert.ok(updated.body.updatedAt);
    const found = await plainPost(`/classes/${Doc}`, { _method: 'GET', where: { title: 'changed' } });
    assert.deepEqual(found.body.results.map((r) => r.objectId), [id]);
    const deleted = await plainPost(`/classes/${Doc}/${id}`, { _method: 'DELETE' });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, {});
    assert.equal((await rest('GET', `/classes/${Doc}/${id}`)).status, 404);
  });

  test('the body keys (_ApplicationId, _ClientVersion, _InstallationId) are not stored as fields', async () => {
    const created = await plainPost(`/classes/${Doc}`, { title: 'keys', _ClientVersion: 'js0.0.0', _InstallationId: 'abc' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const got = await rest('GET', `/classes/${Doc}/${created.body.objectId}`);
    assert.deepEqual(Object.keys(got.body).sort(), ['createdAt', 'objectId', 'title', 'updatedAt']);
  });

  test('_MasterKey in the body grants master access', async () => {
    const res = await plainPost('/schemas', { _method: 'GET', _MasterKey: MASTER_KEY });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body.results));
  });
});

describe('health and serverInfo', () => {
  test('GET /health answers {"status":"ok"} without any key', async () => {
    const res = await fetch(`${SERVER_URL}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('Parse.getServerHealth resolves to ok', async () => {
    assert.deepEqual(await Parse.getServerHealth(), { status: 'ok' });
  });

  test('serverInfo with the master key describes the server and its features', async () => {
    const res = await rest('GET', '/serverInfo', { master: true });
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.parseServerVersion, 'string');
    assert.equal(typeof res.body.features, 'object');
    assert.equal(res.body.features.schemas.addClass, true);
    assert.equal(res.body.features.globalConfig.read, true);
  });

  test('serverInfo without the master key is refused with 403', async () => {
    assert.equal((await rest('GET', '/serverInfo')).status, 403);
  });
});

describe('request size', () => {
  // Parse Server's body parser answers 413 with an HTML page; Reparse answers a Parse error.
  test('a JSON body over the limit is refused with 413 and a Parse error body', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    const raw = JSON.stringify({ big: 'x'.repeat(21 * 1024 * 1024) });
    const res = await rest('POST', '/classes/RestTooLarge', { raw, headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, Parse.Error.OBJECT_TOO_LARGE);
  });
});
