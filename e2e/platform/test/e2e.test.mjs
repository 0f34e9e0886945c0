// Issue 5's end-to-end test, phase 1 (the platform was just started by run.sh on an empty data dir):
// account → two apps via parse.com's Apps API → Ready → the JS SDK through the router for each →
// live settings change → master key rotation → delete. Steps run in order and build on each other;
// what restart.after-restart.mjs checks after the platform restarts is saved at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URL, Parse, appsApi, assertParseComFields, assertParseError, assertUnauthorized, condition, createAccount,
  createApp, eventually, http, isAlive, parseRest, report, runtimeProcess, saveState, sleep, useApp, waitReady,
} from './helpers.mjs';

let account;
const apps = {}; // name -> latest Apps API view
const data = {}; // what each app stored

test('an account signs up; wrong credentials get 401 from the Apps API', async () => {
  account = await createAccount('e2e');
  const wrong = await http('GET', `${API_URL}/1/apps`, {
    headers: { 'X-Parse-Email': account.email, 'X-Parse-Password': 'not-the-password' },
  });
  assertParseError(wrong, 401, 119);
  const none = await http('GET', `${API_URL}/1/apps`);
  assertParseError(none, 401, 119);
  const listed = await appsApi(account, 'GET', '', undefined, { byKey: true });
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.results, []);
});

test('two apps are created through /1/apps with parse.com field names and distinct keys', async () => {
  const alpha = await createApp(account, 'E2E Alpha', { clientClassCreationEnabled: true });
  // The second one with parse.com's defaults, and the account key (parse.com's other way to authenticate).
  const beta = await createApp(account, 'E2E Beta', {}, { byKey: true });

  for (const { app } of [alpha, beta]) {
    assertParseComFields(app);
    assert.ok(app.dashboardURL.endsWith(`/apps/${app.applicationId}`), app.dashboardURL);
    assert.equal(app.clientKeysRequired, true, 'hosted apps require a client key by default');
    assert.equal(typeof app.generation, 'number');
  }
  assert.equal(alpha.app.appName, 'E2E Alpha');
  assert.equal(beta.app.appName, 'E2E Beta');
  assert.equal(alpha.app.clientClassCreationEnabled, true, 'set at creation');
  assert.equal(beta.app.clientClassCreationEnabled, false, "parse.com's default: clients cannot create classes");
  const keys = [alpha.app, beta.app].flatMap((a) => [a.applicationId, a.masterKey, a.javascriptKey, a.restKey,
    a.clientKey, a.windowsKey, a.webhookKey]);
  assert.equal(new Set(keys).size, keys.length, 'every ID and key is distinct');

  // Time from POST /1/apps to the first successful request through the router, both apps in parallel.
  const firstOk = async ({ app, sentAt }) => {
    for (;;) {
      const res = await parseRest(app, 'GET', '/classes/_User?limit=1', { key: 'rest' });
      if (res.status === 200) return performance.now() - sentAt;
      // Until its route is ready the router answers 403 (unknown app) or 503 (not ready) - nothing else.
      assert.ok([403, 503].includes(res.status), `while provisioning: ${res.status} ${JSON.stringify(res.body)}`);
      if (performance.now() - sentAt > 120_000) assert.fail(`${app.appName}: no successful request after 120 s`);
      await sleep(50);
    }
  };
  const [alphaMs, betaMs] = await Promise.all([firstOk(alpha), firstOk(beta)]);
  report(`time from POST /1/apps to first successful request through the router: alpha ${alphaMs.toFixed(0)} ms, `
    + `beta ${betaMs.toFixed(0)} ms (created back to back, provisioned concurrently)`);
  assert.ok(Math.max(alphaMs, betaMs) < 60_000, 'sanity bound: an app answers within 60 s of its creation');
  apps.alpha = alpha.app;
  apps.beta = beta.app;

  const list = await appsApi(account, 'GET');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.results.map((a) => a.applicationId).sort(),
    [alpha.app.applicationId, beta.app.applicationId].sort());
  list.body.results.forEach(assertParseComFields);
});

test('both apps reach status Ready with conditions at their generation', async () => {
  for (const name of ['alpha', 'beta']) {
    const view = await waitReady(account, apps[name].applicationId);
    assert.equal(view.status.observedGeneration, view.generation);
    const types = view.status.conditions.map((c) => c.type);
    for (const type of ['Runtime', 'Route', 'Ready']) {
      assert.ok(types.includes(type), `${type} condition in ${JSON.stringify(types)}`);
      assert.equal(condition(view, type).status, 'True', JSON.stringify(condition(view, type)));
    }
    for (const c of view.status.conditions) {
      assert.ok(['True', 'False', 'Unknown'].includes(c.status));
      assert.equal(typeof c.reason, 'string');
      assert.ok(!Number.isNaN(Date.parse(c.lastTransitionTime)), `lastTransitionTime of ${c.type}`);
    }
    apps[name] = view;
  }
});

test('the JS SDK saves, queries and signs up users through the router for each app with its own client key', async () => {
  for (const name of ['alpha', 'beta']) {
    const app = apps[name];
    useApp(app);
    if (name === 'beta') {
      // Client class creation is off: the SDK may not create GameScore; the master key can.
      await assert.rejects(new Parse.Object('GameScore').save({ score: 0 }),
        (e) => e.code === Parse.Error.OPERATION_FORBIDDEN);
      for (const className of ['GameScore', 'Note']) {
        const res = await parseRest(app, 'POST', `/schemas/${className}`, { key: 'master', body: { className } });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      }
    }
    const Score = Parse.Object.extend('GameScore');
    const saved = await new Score({ player: `${name}-player`, score: name === 'alpha' ? 1337 : 42 }).save();
    assert.match(saved.id, /^[A-Za-z0-9]{10}$/);

    const user = new Parse.User();
    user.set('username', `${name}-user`);
    user.set('password', `${name}-password`);
    await user.signUp();
    const session = user.getSessionToken();
    assert.match(session, /^r:/, 'revocable session token');

    const privateNote = new Parse.Object('Note');
    privateNote.set('text', `${name} secret`);
    privateNote.setACL(new Parse.ACL(user));
    await privateNote.save(null, { sessionToken: session });

    const found = await new Parse.Query('GameScore').equalTo('player', `${name}-player`).find();
    assert.deepEqual(found.map((o) => o.id), [saved.id]);
    assert.equal(found[0].get('score'), name === 'alpha' ? 1337 : 42);
    assert.equal((await new Parse.Query('Note').find()).length, 0, 'ACL hides the note from the public');
    const mine = await new Parse.Query('Note').find({ sessionToken: session });
    assert.deepEqual(mine.map((o) => o.get('text')), [`${name} secret`]);
    const loggedIn = await Parse.User.logIn(`${name}-user`, `${name}-password`);
    assert.equal(loggedIn.id, user.id);

    data[name] = { scoreId: saved.id, userId: user.id, username: `${name}-user`, password: `${name}-password` };
  }
});

test('a settings change reaches the running runtime within seconds, without a restart', async () => {
  const alpha = apps.alpha;
  const before = runtimeProcess(alpha.applicationId);

  // clientKeysRequired: app ID alone is refused now, accepted once the setting is off.
  assertUnauthorized(await parseRest(alpha, 'GET', '/classes/GameScore', { key: null }));
  const off = await appsApi(account, 'PUT', `/${alpha.applicationId}`, { clientKeysRequired: false });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal(off.body.clientKeysRequired, false);
  assert.equal(off.body.generation, alpha.generation + 1, 'a change bumps the generation');
  const keysMs = await eventually('app ID alone accepted', async () =>
    (await parseRest(alpha, 'GET', '/classes/GameScore', { key: null })).status === 200);

  // clientClassCreationEnabled: a client may no longer create a class (119), existing ones still work.
  const closed = await appsApi(account, 'PUT', `/${alpha.applicationId}`, { clientClassCreationEnabled: false });
  assert.equal(closed.status, 200);
  assert.equal(closed.body.clientClassCreationEnabled, false);
  useApp(alpha);
  let attempt = 0;
  const classMs = await eventually('client class creation refused', async () => {
    try {
      await new Parse.Object(`Fresh${attempt++}`).save({ n: 1 });
      return false;
    } catch (e) {
      assert.equal(e.code, Parse.Error.OPERATION_FORBIDDEN, `unexpected error ${e.code} ${e.message}`);
      return true;
    }
  });
  await new Parse.Object('GameScore').save({ player: 'still-allowed', score: 1 });

  report(`settings change to running runtime: clientKeysRequired ${keysMs.toFixed(0)} ms, `
    + `clientClassCreationEnabled ${classMs.toFixed(0)} ms`);
  const view = await waitReady(account, alpha.applicationId, { timeoutMs: 15_000 });
  assert.equal(view.status.observedGeneration, alpha.generation + 2);
  const after = runtimeProcess(alpha.applicationId);
  assert.equal(after.pid, before.pid, 'the runtime was not restarted');
  assert.ok(isAlive(before.pid));

  // Back to the defaults: app ID alone refused again.
  const restored = await appsApi(account, 'PUT', `/${alpha.applicationId}`,
    { clientKeysRequired: true, clientClassCreationEnabled: true });
  assert.equal(restored.status, 200);
  await eventually('app ID alone refused again', async () =>
    (await parseRest(alpha, 'GET', '/classes/GameScore', { key: null })).status === 403);
  apps.alpha = await waitReady(account, alpha.applicationId, { timeoutMs: 15_000 });
  assert.equal(runtimeProcess(alpha.applicationId).pid, before.pid, 'still the same runtime process');
});

test('master key rotation: the new key works at once, the old one during its grace period', async () => {
  const alpha = apps.alpha;
  const oldKey = alpha.masterKey;
  const res = await http('POST', `${API_URL}/api/v1/apps/${alpha.applicationId}/keys/master/rotate`, {
    headers: { 'X-Parse-Account-Key': account.accountKey },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const newKey = res.body.masterKey;
  assert.equal(typeof newKey, 'string');
  assert.notEqual(newKey, oldKey);
  assert.equal(res.body.generation, alpha.generation + 1);
  const rotated = { ...alpha, masterKey: newKey, generation: res.body.generation };
  apps.alpha = rotated; // later steps and phase 2 use the new key, whatever this step's verdict

  // "valid at once" (the API's description): the very first request with it must pass.
  const first = await parseRest(rotated, 'GET', '/schemas', { key: 'master' });
  const firstOk = first.status === 200;
  const newKeyMs = await eventually('new master key accepted', async () =>
    (await parseRest(rotated, 'GET', '/schemas', { key: 'master' })).status === 200, { timeoutMs: 10_000 });
  report(`master key rotation: new key accepted ${firstOk ? 'on the first request' : `after ${newKeyMs.toFixed(0)} ms`}`);
  assert.ok(firstOk, `the rotated master key was refused right after the rotation answered: ${first.status} `
    + `${JSON.stringify(first.body)}`);

  const old = await parseRest(alpha, 'GET', '/schemas', { key: 'master' });
  assert.equal(old.status, 200, `old master key during the grace period: ${JSON.stringify(old.body)}`);
  const viaGet = await appsApi(account, 'GET', `/${alpha.applicationId}`);
  assert.equal(viaGet.body.masterKey, newKey);

  // The SDK with the new master key sees what ACLs hide from the public.
  useApp(rotated);
  Parse.masterKey = newKey;
  const notes = await new Parse.Query('Note').find({ useMasterKey: true });
  assert.equal(notes.length, 1);
  Parse.masterKey = undefined;
  apps.alpha = await waitReady(account, alpha.applicationId, { timeoutMs: 15_000 });
});

test('deleting an app removes its route (403) and stops its runtime; the other app keeps working', async () => {
  const beta = apps.beta;
  const { pid } = runtimeProcess(beta.applicationId);
  assert.ok(isAlive(pid));

  const res = await appsApi(account, 'DELETE', `/${beta.applicationId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assertParseError(await appsApi(account, 'GET', `/${beta.applicationId}`), 404, 101);

  const routeMs = await eventually('route removed', async () =>
    (await parseRest(beta, 'GET', '/classes/GameScore', { key: 'rest' })).status === 403, { timeoutMs: 15_000 });
  assertUnauthorized(await parseRest(beta, 'GET', '/classes/GameScore', { key: 'rest' }));
  assertUnauthorized(await parseRest(beta, 'GET', '/classes/GameScore', { key: 'master' }));
  const stopMs = await eventually(`runtime pid ${pid} stopped`, async () => !isAlive(pid), { timeoutMs: 30_000 });
  report(`delete: route gone after ${routeMs.toFixed(0)} ms, runtime stopped after ${stopMs.toFixed(0)} ms more`);

  const list = await appsApi(account, 'GET');
  assert.deepEqual(list.body.results.map((a) => a.applicationId), [apps.alpha.applicationId]);

  useApp(apps.alpha);
  const score = await new Parse.Query('GameScore').get(data.alpha.scoreId);
  assert.equal(score.get('score'), 1337);

  saveState('e2e', { account, alpha: apps.alpha, beta: { applicationId: beta.applicationId, restKey: beta.restKey },
    data: data.alpha });
});
