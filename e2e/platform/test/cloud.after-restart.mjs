// Phase 2 for Cloud Code: after `./reparse up` again on the same data dir, the app's code is back without a new
// upload (its folder and the stored release survive), and answers with the last version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, loadState, report, sleep, useApp } from './helpers.mjs';

const state = loadState('cloud');

test('after a restart the app runs its last uploaded code', async () => {
  assert.ok(state, 'phase 1 left its state (did cloud.test.mjs pass?)');
  useApp(state.coded);
  const started = performance.now();
  let last;
  for (;;) {
    try {
      last = await Parse.Cloud.run('hello', { name: 'again' });
      if (last === 'v2: hello again') break;
    } catch (e) {
      last = `${e.code} ${e.message}`;
    }
    if (performance.now() - started > 90_000) assert.fail(`no v2 answer 90 s after the restart; last: ${last}`);
    await sleep(200);
  }
  report(`Cloud Code after restart: the last version answers ${(performance.now() - started).toFixed(0)} ms after the router was up`);
});
