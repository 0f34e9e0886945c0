// Webhooks (/hooks/functions, /hooks/triggers; master key): create, list, get, update, delete
// (also {"__op":"Delete"}), stored in _Hooks; a webhook function and a webhook beforeSave served
// by a local HTTP server (the Cloud Code webhook body and X-Parse-Webhook-Key); an unreachable
// webhook; and, on Reparse, URLs to private/loopback/link-local addresses refused unless their
// host is allowed (the suite's runtime allows only 127.0.0.1), also after a redirect.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Parse, MASTER, rest, assertRestError } from './helpers.mjs';
import { newUser, uniqueName, as } from './users-helpers.mjs';
import { REPARSE_ONLY, WEBHOOK_KEY, run, expectCloudError, startHttpServer } from './cloud-helpers.mjs';

const createdFunctions = new Set();
const createdTriggers = new Set();
const hookClass = uniqueName('CloudHookItem');

after(async () => {
  for (const name of createdFunctions) {
    await rest('PUT', `/hooks/functions/${name}`, { body: { __op: 'Delete' }, master: true });
  }
  for (const key of createdTriggers) {
    await rest('PUT', `/hooks/triggers/${key}`, { body: { __op: 'Delete' }, master: true });
  }
  await rest('DELETE', `/purge/${hookClass}`, { master: true });
  await rest('DELETE', `/schemas/${hookClass}`, { master: true });
});

// The webhook server: each path answers as the test that uses it needs.
const hooks = await startHttpServer((req) => {
  const body = req.body ? JSON.parse(req.body) : {};
  switch (req.url) {
    case '/function':
      return { body: { success: { got: body.params, by: 'webhook' } } };
    case '/function-error':
      return { body: { error: 'the webhook says no' } };
    case '/function-500':
      return { status: 500, body: 'internal trouble' };
    case '/before-save':
      if (body.object?.refuse === true) return { body: { error: 'refused by the webhook' } };
      return { body: { success: { ...body.object, hookTouched: true } } };
    case '/redirect-to-private':
      return { status: 302, headers: { location: `http://127.0.0.2:${trapPort()}/trap/redirected` }, body: '' };
    default:
      return { status: 404, body: { error: 'unknown webhook path' } };
  }
});

/** Registers a function webhook (remembered for cleanup); returns the raw answer. */
async function createFunctionHook(functionName, url) {
  const res = await rest('POST', '/hooks/functions', { body: { functionName, url }, master: true });
  if (res.status === 200) createdFunctions.add(functionName);
  return res;
}

async function createTriggerHook(className, triggerName, url) {
  const res = await rest('POST', '/hooks/triggers', { body: { className, triggerName, url }, master: true });
  if (res.status === 200) createdTriggers.add(`${className}/${triggerName}`);
  return res;
}

describe('managing function webhooks', () => {
  test('create, get, list, update and delete ({"__op":"Delete"}); stored in _Hooks', async () => {
    const name = uniqueName('hookfn');
    const created = await createFunctionHook(name, `${hooks.url}/function`);
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.deepEqual(created.body, { functionName: name, url: `${hooks.url}/function` });

    const one = await rest('GET', `/hooks/functions/${name}`, { master: true });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual(one.body, { functionName: name, url: `${hooks.url}/function` });
    const list = await rest('GET', '/hooks/functions', { master: true });
    assert.ok(Array.isArray(list.body), JSON.stringify(list.body));
    assert.deepEqual(list.body.find((h) => h.functionName === name), { functionName: name, url: `${hooks.url}/function` });
    assert.ok(list.body.every((h) => h.functionName && h.url && h.objectId === undefined), JSON.stringify(list.body));

    const where = encodeURIComponent(JSON.stringify({ functionName: name }));
    const stored = await rest('GET', `/classes/_Hooks?where=${where}`, { master: true });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.results.length, 1);
    assert.equal(stored.body.results[0].url, `${hooks.url}/function`);

    const updated = await rest('PUT', `/hooks/functions/${name}`, { body: { url: `${hooks.url}/function-error` }, master: true });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual(updated.body, { functionName: name, url: `${hooks.url}/function-error` });
    assert.equal((await rest('GET', `/hooks/functions/${name}`, { master: true })).body.url, `${hooks.url}/function-error`);

    const deleted = await rest('PUT', `/hooks/functions/${name}`, { body: { __op: 'Delete' }, master: true });
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    assert.deepEqual(deleted.body, {});
    const gone = await rest('GET', `/hooks/functions/${name}`, { master: true });
    assertRestError(gone, 400, 143);
    assert.equal(gone.body.error, `no function named: ${name} is defined`);
    await expectCloudError(run(name), 141, `Invalid function: "${name}"`);
  });

  test('errors: a duplicate name, an unknown name, a declaration without url', async () => {
    const name = uniqueName('hookfn');
    assert.equal((await createFunctionHook(name, `${hooks.url}/function`)).status, 200);
    const duplicate = await createFunctionHook(name, `${hooks.url}/function`);
    assertRestError(duplicate, 400, 143);
    assert.equal(duplicate.body.error, `function name: ${name} already exists`);
    const unknown = await rest('PUT', `/hooks/functions/${name}x`, { body: { url: `${hooks.url}/function` }, master: true });
    assertRestError(unknown, 400, 143);
    assert.equal(unknown.body.error, `no function named: ${name}x is defined`);
    const noUrl = await rest('POST', '/hooks/functions', { body: { functionName: uniqueName('hookfn') }, master: true });
    assertRestError(noUrl, 400, 143);
    assert.equal(noUrl.body.error, 'invalid hook declaration');
  });

  test('DELETE /hooks/functions/<name> deletes it too', { skip: REPARSE_ONLY }, async () => {
    const name = uniqueName('hookfn');
    assert.equal((await createFunctionHook(name, `${hooks.url}/function`)).status, 200);
    const res = await rest('DELETE', `/hooks/functions/${name}`, { master: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertRestError(await rest('GET', `/hooks/functions/${name}`, { master: true }), 400, 143);
  });

  test('all /hooks routes need the master key', async () => {
    for (const [method, path] of [['GET', '/hooks/functions'], ['GET', '/hooks/triggers'], ['POST', '/hooks/functions']]) {
      const res = await rest(method, path, { body: method === 'POST' ? { functionName: 'x', url: `${hooks.url}/function` } : undefined });
      assert.equal(res.status, 403, `${method} ${path}: ${JSON.stringify(res.body)}`);
    }
  });
});

describe('managing trigger webhooks', () => {
  test('create, get, list, update and delete a beforeSave webhook', async () => {
    const className = uniqueName('CloudHookManaged');
    const created = await createTriggerHook(className, 'beforeSave', `${hooks.url}/before-save`);
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.deepEqual(created.body, { className, triggerName: 'beforeSave', url: `${hooks.url}/before-save` });
    const one = await rest('GET', `/hooks/triggers/${className}/beforeSave`, { master: true });
    assert.deepEqual(one.body, { className, triggerName: 'beforeSave', url: `${hooks.url}/before-save` });
    const list = await rest('GET', '/hooks/triggers', { master: true });
    assert.ok(list.body.some((h) => h.className === className && h.triggerName === 'beforeSave'), JSON.stringify(list.body));
    const updated = await rest('PUT', `/hooks/triggers/${className}/beforeSave`, { body: { url: `${hooks.url}/other` }, master: true });
    assert.deepEqual(updated.body, { className, triggerName: 'beforeSave', url: `${hooks.url}/other` });
    const deleted = await rest('PUT', `/hooks/triggers/${className}/beforeSave`, { body: { __op: 'Delete' }, master: true });
    assert.deepEqual(deleted.body, {});
    const gone = await rest('GET', `/hooks/triggers/${className}/beforeSave`, { master: true });
    assertRestError(gone, 400, 143);
    assert.equal(gone.body.error, `class ${className} does not exist`);
  });

  test('errors: a second webhook for the same trigger, an unknown trigger name', async () => {
    const className = uniqueName('CloudHookManaged');
    assert.equal((await createTriggerHook(className, 'afterSave', `${hooks.url}/other`)).status, 200);
    const duplicate = await createTriggerHook(className, 'afterSave', `${hooks.url}/other`);
    assertRestError(duplicate, 400, 143);
    assert.equal(duplicate.body.error, `class ${className} already has trigger afterSave`);
    const unknown = await createTriggerHook(className, 'beforeNothing', `${hooks.url}/other`);
    assertRestError(unknown, 400, 143);
    assert.equal(unknown.body.error, 'invalid hook declaration');
  });
});

describe('calling webhooks', () => {
  test('a webhook function gets the Cloud Code webhook body with X-Parse-Webhook-Key; its success is the result', async () => {
    const name = uniqueName('hookfn');
    assert.equal((await createFunctionHook(name, `${hooks.url}/function`)).status, 200);
    const { user, token, username } = await newUser('cloudhook');
    const result = await run(name, { a: 1, list: ['x'] }, as(token));
    assert.deepEqual(result, { got: { a: 1, list: ['x'] }, by: 'webhook' });
    const call = hooks.requests.findLast((r) => r.url === '/function');
    assert.equal(call.method, 'POST');
    assert.equal(call.headers['x-parse-webhook-key'], WEBHOOK_KEY);
    assert.match(call.headers['content-type'], /^application\/json/);
    const body = JSON.parse(call.body);
    assert.deepEqual(body.params, { a: 1, list: ['x'] });
    assert.equal(body.master, false);
    assert.equal(body.functionName, name);
    assert.equal(body.user?.objectId, user.id, JSON.stringify(body.user));
    assert.equal(body.user?.username, username);
    assert.equal(typeof body.installationId, 'string');
  });

  test('a webhook function answering {"error": message} fails the call with 141 and the message', async () => {
    const name = uniqueName('hookfn');
    assert.equal((await createFunctionHook(name, `${hooks.url}/function-error`)).status, 200);
    await expectCloudError(run(name), 141, 'the webhook says no');
  });

  test('a webhook beforeSave gets the object and may change it; {"error"} refuses the save', async () => {
    assert.equal((await createTriggerHook(hookClass, 'beforeSave', `${hooks.url}/before-save`)).status, 200);
    const object = await new Parse.Object(hookClass, { title: 'via webhook' }).save();
    assert.equal(object.get('hookTouched'), true, 'the SDK sees the field the webhook set');
    assert.equal((await new Parse.Query(hookClass).get(object.id, MASTER)).get('hookTouched'), true);
    const call = hooks.requests.findLast((r) => r.url === '/before-save');
    assert.equal(call.headers['x-parse-webhook-key'], WEBHOOK_KEY);
    const body = JSON.parse(call.body);
    assert.equal(body.triggerName, 'beforeSave');
    assert.equal(body.object.className, hookClass);
    assert.equal(body.object.title, 'via webhook');
    assert.equal(body.master, false);

    object.set('title', 'changed');
    await object.save();
    const update = JSON.parse(hooks.requests.findLast((r) => r.url === '/before-save').body);
    assert.equal(update.object.objectId, object.id);
    assert.equal(update.object.title, 'changed');
    assert.equal(update.original?.title, 'via webhook', 'an update carries the original');

    await expectCloudError(new Parse.Object(hookClass, { refuse: true }).save(), 141, 'refused by the webhook');
    assert.equal(await new Parse.Query(hookClass).equalTo('refuse', true).count(MASTER), 0);
  });

  test('an unreachable webhook fails the call with a clear 141/143 error', async () => {
    const closed = await closedPort();
    const name = uniqueName('hookfn');
    assert.equal((await createFunctionHook(name, `http://127.0.0.1:${closed}/nothing-here`)).status, 200);
    const started = Date.now();
    let error;
    try {
      await run(name);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Parse.Error, `expected a Parse.Error, got ${error}`);
    assert.ok([141, 143].includes(error.code), `code ${error.code}: ${error.message}`);
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0);
    assert.ok(Date.now() - started < 10000);
  });

  test('a webhook answering HTTP 500 fails the call with 141/143 and a message string', { skip: REPARSE_ONLY }, async () => {
    const name = uniqueName('hookfn');
    assert.equal((await createFunctionHook(name, `${hooks.url}/function-500`)).status, 200);
    const res = await rest('POST', `/functions/${name}`, { body: {} });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.ok([141, 143].includes(res.body.code), JSON.stringify(res.body));
    assert.equal(typeof res.body.error, 'string', `parse-server answers the HTTP response object here: ${JSON.stringify(res.body)}`);
  });
});

// A "trap" listening on every IPv4 loopback address (and on ::1 where there is IPv6) on one port:
// a webhook URL that reaches it through a refused host shows up in its requests.
const trapRequests = [];
const trapServers = [];
let trapPortNumber;
function trapPort() {
  return trapPortNumber;
}

async function startTrap() {
  const handler = (req, res) => {
    trapRequests.push(req.url);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: 'trap reached' }));
  };
  const v4 = createServer(handler);
  await new Promise((resolve) => v4.listen(0, '0.0.0.0', resolve));
  trapPortNumber = v4.address().port;
  trapServers.push(v4);
  const v6 = createServer(handler);
  await new Promise((resolve) => {
    v6.once('error', () => resolve());
    v6.listen(trapPortNumber, '::1', () => {
      trapServers.push(v6);
      resolve();
    });
  });
}

await startTrap();
after(() => Promise.all(trapServers.map((s) => new Promise((resolve) => {
  s.closeAllConnections();
  s.close(resolve);
}))));

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Registers a webhook for `url` and calls it: the URL must be refused, either when it is
 * registered (a Parse error) or when it is called (141/143 saying it is not allowed), and nothing
 * may reach the trap.
 */
async function assertRefused(url, trapPath) {
  const name = uniqueName('ssrf');
  const created = await createFunctionHook(name, url);
  if (created.status !== 200) {
    assert.equal(created.status, 400, `${url}: ${JSON.stringify(created.body)}`);
    assert.equal(typeof created.body.code, 'number', `${url}: ${JSON.stringify(created.body)}`);
  } else {
    let error;
    let result;
    try {
      result = await run(name);
    } catch (e) {
      error = e;
    }
    assert.ok(error, `${url} was called and answered ${JSON.stringify(result)}`);
    assert.ok([141, 143].includes(error.code), `${url}: code ${error.code}: ${error.message}`);
    assert.match(error.message, /not allowed|forbidden|private|blocked|disallowed|denied/i, `${url}: ${error.message}`);
  }
  if (trapPath) assert.ok(!trapRequests.includes(trapPath), `${url} reached the trap`);
}

describe('webhook URLs to private addresses (SSRF)', { skip: REPARSE_ONLY }, () => {
  test('loopback hosts other than the allowed 127.0.0.1 are refused: localhost, 127.0.0.2, 0.0.0.0, [::1], mapped, decimal', async () => {
    const port = trapPort();
    for (const [host, path] of [
      ['localhost', '/trap/localhost'],
      ['127.0.0.2', '/trap/127.0.0.2'],
      ['0.0.0.0', '/trap/0.0.0.0'],
      ['[::1]', '/trap/ipv6-loopback'],
      ['[::ffff:127.0.0.2]', '/trap/ipv4-mapped'],
      ['2130706434', '/trap/decimal'],
    ]) {
      await assertRefused(`http://${host}:${port}${path}`, path);
    }
  });

  test('link-local and private networks are refused: 169.254.169.254, [fe80::1], 10.0.0.1, 192.168.0.1, 172.16.0.1', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://[fe80::1]/',
      'http://10.0.0.1/hook',
      'http://192.168.0.1/hook',
      'http://172.16.0.1/hook',
    ]) {
      await assertRefused(url);
    }
  });

  test('an allowed URL that redirects to a private address does not reach it', async () => {
    const name = uniqueName('ssrf');
    assert.equal((await createFunctionHook(name, `${hooks.url}/redirect-to-private`)).status, 200);
    let result;
    try {
      result = await run(name);
    } catch (e) {
      assert.ok([141, 143].includes(e.code), `code ${e.code}: ${e.message}`);
    }
    assert.notEqual(result, 'trap reached');
    assert.ok(!trapRequests.includes('/trap/redirected'), 'the redirect reached the trap');
  });
});
