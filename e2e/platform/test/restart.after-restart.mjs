// Phase 2 of the end-to-end test: run.sh stopped the platform and ran `./reparse up` again on the
// same data dir. The app that survived phase 1 must come back with its data, keys and users; the
// deleted one must stay gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Parse, appsApi, assertUnauthorized, loadState, parseRest, report, sleep, useApp, waitReady,
} from './helpers.mjs';

const state = loadState('e2e');

test('after a restart on the same data dir the remaining app answers with its data', async () => {
  assert.ok(state, 'phase 1 left its state (did e2e.test.mjs pass?)');
  const { account, alpha, beta, data } = state;
  const started = performance.now();
  let res;
  for (;;) {
    res = await parseRest(alpha, 'GET', `/classes/GameScore/${data.scoreId}`);
    if (res.status === 200) break;
    assert.ok([403, 503].includes(res.status), `while coming back: ${res.status} ${JSON.stringify(res.body)}`);
    if (performance.now() - started > 90_000) assert.fail(`no answer after 90 s: ${res.status}`);
    await sleep(100);
  }
  report(`after restart: first successful request ${(performance.now() - started).toFixed(0)} ms after the router was up`);
  assert.equal(res.body.score, 1337);

  const view = await waitReady(account, alpha.applicationId, { timeoutMs: 30_000 });
  assert.equal(view.masterKey, alpha.masterKey, 'the rotated master key persisted');
  const list = await appsApi(account, 'GET', '', undefined, { byKey: true });
  assert.deepEqual(list.body.results.map((a) => a.applicationId), [alpha.applicationId]);

  useApp(alpha);
  const user = await Parse.User.logIn(data.username, data.password);
  assert.equal(user.id, data.userId);
  const notes = await new Parse.Query('Note').find({ sessionToken: user.getSessionToken() });
  assert.equal(notes.length, 1);
  assert.equal((await parseRest(alpha, 'GET', '/schemas', { key: 'master' })).status, 200);

  assertUnauthorized(await parseRest({ applicationId: beta.applicationId, restKey: beta.restKey }, 'GET',
    '/classes/GameScore'));
});
