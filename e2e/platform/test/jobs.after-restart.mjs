// Phase 2 for scheduled jobs: the every-minute schedule phase 1 left keeps running after `./reparse up` again, with
// the minutes missed while the platform was down collapsed into one run, and no minute run twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_URL, http, loadState, parseRest, report, sleep } from './helpers.mjs';

const state = loadState('jobs');

async function runs() {
  const where = encodeURIComponent(JSON.stringify({ jobName: 'tick', createdAt: { $gt: { __type: 'Date', iso: state.scheduledAt } } }));
  const res = await parseRest(state.app, 'GET', `/classes/_JobStatus?where=${where}&order=createdAt&limit=1000`, { key: 'master' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.results;
}

// Phase 2 starts when the router and the Apps API answer; every app's runtime is still starting then, and the
// router answers 503 (code 1, "try again shortly") for an app until its runtime is up. Anything else fails at once.
async function waitServing(app) {
  const started = performance.now();
  for (;;) {
    const res = await parseRest(app, 'GET', '/classes/_JobStatus?limit=1', { key: 'master' });
    if (res.status === 200) return;
    assert.equal(res.status, 503, `while coming back: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 1, JSON.stringify(res.body));
    if (performance.now() - started > 90_000) assert.fail('the app did not serve within 90 s of the restart');
    await sleep(200);
  }
}

test('after a restart the schedule runs on, neither losing nor doubling a minute', async () => {
  assert.ok(state, 'phase 1 left its state (did jobs.test.mjs pass?)');
  const restartedAt = new Date();
  await waitServing(state.app);
  let after = [];
  for (let waited = 0; waited < 90_000 && after.length < 1; waited += 2_000) {
    after = (await runs()).filter((r) => new Date(r.createdAt) >= new Date(restartedAt.getTime() - 60_000));
    if (after.length < 1) await sleep(2_000);
  }
  assert.ok(after.length >= 1, 'a run within 90 s of the restart');
  const all = await runs();
  const minutes = all.map((r) => r.createdAt.slice(0, 16));
  assert.equal(new Set(minutes).size, minutes.length, `one run per minute across the restart: ${minutes}`);
  for (const run of all.filter((r) => r.status !== 'running')) assert.equal(run.message, 'n=8', JSON.stringify(run));
  // the scheduler's record: each planned minute claimed once, and none of them more than once
  const jobs = await http('GET', `${API_URL}/api/v1/apps/${state.app.applicationId}/jobs`, {
    headers: { 'X-Parse-Account-Key': state.accountKey },
  });
  assert.equal(jobs.status, 200, JSON.stringify(jobs.body));
  const planned = jobs.body.runs.filter((r) => r.plannedAt > state.scheduledAt).map((r) => r.plannedAt);
  assert.equal(new Set(planned).size, planned.length);
  assert.ok(jobs.body.schedules.some((s) => s.jobName === 'tick' && s.nextRun), JSON.stringify(jobs.body.schedules));
  report(`jobs after restart: runs at ${all.map((r) => r.createdAt.slice(11, 19)).join(', ')}`);
});
