// Issue 9: an app's Cloud Code on the platform. Code goes up through the control plane's API, provisioning puts it
// where the app's runtime watches, and the runtime loads it without a restart; calls go through the router with the
// official JS SDK. Another app never sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URL, Parse, condition, createAccount, createApp, http, isAlive, report, runtimeProcess, saveState, sleep,
  useApp, waitReady,
} from './helpers.mjs';
import { zip } from './zip.mjs';

let account;
let coded; // the app that gets code
let plain; // an app without code

function uploadCode(app, contentType, body) {
  return http('PUT', `${API_URL}/api/v1/apps/${app.applicationId}/cloud`, {
    headers: { 'X-Parse-Account-Key': account.accountKey, 'Content-Type': contentType }, body, json: false,
  });
}

/** Parse.Cloud.run through the router as the app's JavaScript-key client: `{result}` or `{code, message}`. */
async function run(app, name, params) {
  useApp(app);
  try {
    return { result: await Parse.Cloud.run(name, params) };
  } catch (e) {
    return { code: e.code, message: e.message };
  }
}

async function awaitResult(app, name, params, expected, timeoutMs = 20_000) {
  const started = performance.now();
  let last;
  for (;;) {
    last = await run(app, name, params);
    if (last.result === expected) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      assert.fail(`${name} did not answer ${JSON.stringify(expected)} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    }
    await sleep(100);
  }
}

test('two apps are created and become Ready, neither with code', async () => {
  account = await createAccount('cloud');
  const [a, b] = await Promise.all([createApp(account, 'Cloud Coded'), createApp(account, 'Cloud Plain')]);
  coded = await waitReady(account, a.app.applicationId);
  plain = await waitReady(account, b.app.applicationId);
  assert.equal(condition(coded, 'CloudCode')?.reason, 'NoCode', JSON.stringify(coded.status));
  const none = await http('GET', `${API_URL}/api/v1/apps/${coded.applicationId}/cloud`, {
    headers: { 'X-Parse-Account-Key': account.accountKey },
  });
  assert.equal(none.status, 404);
  assert.equal(none.body.code, 101);
  const before = await run(coded, 'hello', {});
  assert.equal(before.code, Parse.Error.SCRIPT_FAILED, JSON.stringify(before));
});

test('an uploaded main.js defines a function the JS SDK calls through the router within seconds', async () => {
  const sentAt = performance.now();
  const res = await uploadCode(coded, 'application/javascript',
    "Parse.Cloud.define('hello', (request) => `v1: hello ${request.params.name}`);\n");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.version, 1);
  assert.equal(res.body.format, 'javascript');
  assert.equal(res.body.uploadedBy, account.email);
  await awaitResult(coded, 'hello', { name: 'e2e' }, 'v1: hello e2e');
  report(`Cloud Code: main.js upload to first successful call through the router ${(performance.now() - sentAt).toFixed(0)} ms`);
  const view = await waitReady(account, coded.applicationId, { generation: res.body.generation, timeoutMs: 15_000 });
  assert.equal(condition(view, 'CloudCode').reason, 'Deployed');
  assert.match(condition(view, 'CloudCode').message, /^version 1 /);
});

test('a new version (a zip) replaces the code without restarting the runtime and without a failed call', async () => {
  const before = runtimeProcess(coded.applicationId);
  // Calls keep going while the code changes: every one must succeed, with the old answer or the new one.
  const answers = new Map();
  let calling = true;
  const caller = (async () => {
    while (calling) {
      const answer = await run(coded, 'hello', { name: 'e2e' });
      const key = answer.result ?? `error ${answer.code}: ${answer.message}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
      await sleep(50);
    }
  })();

  const sentAt = performance.now();
  const res = await uploadCode(coded, 'application/zip', zip({
    'cloud/main.js': "const { greet } = require('./lib/greet.js');\nParse.Cloud.define('hello', (request) => greet(request.params.name));\n",
    'cloud/lib/greet.js': 'exports.greet = (name) => `v2: hello ${name}`;\n',
    'package.json': '{"name": "e2e-cloud", "private": true}\n',
  }));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.version, 2);
  assert.equal(res.body.main, 'cloud/main.js');
  await awaitResult(coded, 'hello', { name: 'e2e' }, 'v2: hello e2e');
  const switchMs = performance.now() - sentAt;
  await sleep(500);
  calling = false;
  await caller;

  report(`Cloud Code: new version (zip) answering ${switchMs.toFixed(0)} ms after the upload; calls meanwhile: `
    + JSON.stringify(Object.fromEntries(answers)));
  assert.deepEqual([...answers.keys()].sort(), ['v1: hello e2e', 'v2: hello e2e'],
    'every call during the switch succeeded, with the old or the new code');
  const after = runtimeProcess(coded.applicationId);
  assert.equal(after.pid, before.pid, 'the runtime was not restarted');
  assert.ok(isAlive(before.pid));

  const current = await http('GET', `${API_URL}/api/v1/apps/${coded.applicationId}/cloud`, {
    headers: { 'X-Parse-Account-Key': account.accountKey },
  });
  assert.equal(current.status, 200);
  assert.equal(current.body.version, 2);
  assert.equal(current.body.format, 'zip');
  saveState('cloud', { account, coded: { applicationId: coded.applicationId, javascriptKey: coded.javascriptKey } });
});

test('an unsafe zip is refused and the running code stays', async () => {
  const res = await uploadCode(coded, 'application/zip', zip({ 'main.js': '', '../escape.js': 'x' }));
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.code, 142);
  assert.match(res.body.error, /outside the code folder/);
  assert.equal((await run(coded, 'hello', { name: 'still' })).result, 'v2: hello still');
});

test("another app has no such function: 141 Invalid function", async () => {
  const answer = await run(plain, 'hello', { name: 'e2e' });
  assert.equal(answer.code, Parse.Error.SCRIPT_FAILED, JSON.stringify(answer));
  assert.match(answer.message, /Invalid function/);
  // Only the coded app is needed after the restart; the later files' measurements get one runtime less beside them.
  const deleted = await http('DELETE', `${API_URL}/api/v1/apps/${plain.applicationId}`, {
    headers: { 'X-Parse-Account-Key': account.accountKey },
  });
  assert.equal(deleted.status, 200);
});
