// Issue 12: scheduled jobs on the platform. Cloud Code defines a job; a schedule is written through the router the way
// Parse Dashboard writes it (POST /cloud_code/jobs with the master key); the control plane's scheduler runs it via
// POST /jobs/:name at its planned minutes, and the runtime's _JobStatus rows show each run once. run.sh shortens the
// scheduler's tick (REPARSE_JOBS_TICK=2s) so a minute's run starts within seconds of the minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URL, createAccount, createApp, eventually, http, parseRest, report, saveState, sleep, waitReady,
} from './helpers.mjs';

let account;
let app;

const CODE = `
Parse.Cloud.job('tick', async (request) => 'n=' + request.params.n);
Parse.Cloud.job('once', async () => 'once');
`;

async function jobStatuses(jobName) {
  const where = encodeURIComponent(JSON.stringify({ jobName }));
  const res = await parseRest(app, 'GET', `/classes/_JobStatus?where=${where}&order=createdAt&limit=1000`, { key: 'master' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.results;
}

test('an app with a Cloud Code job is Ready', async () => {
  account = await createAccount('jobs');
  const { app: created } = await createApp(account, 'Scheduled Jobs');
  app = await waitReady(account, created.applicationId);
  const upload = await http('PUT', `${API_URL}/api/v1/apps/${app.applicationId}/cloud`, {
    headers: { 'X-Parse-Account-Key': account.accountKey, 'Content-Type': 'application/javascript' }, body: CODE, json: false,
  });
  assert.equal(upload.status, 200, JSON.stringify(upload.body));
  await eventually('the runtime knows the jobs', async () => {
    const data = await parseRest(app, 'GET', '/cloud_code/jobs/data', { key: 'master' });
    return data.status === 200 && data.body.jobs?.includes('tick') && data.body.jobs?.includes('once');
  }, { timeoutMs: 30_000, intervalMs: 300 });
});

test('schedules are written as Parse Dashboard writes them, and only for deployed jobs', async () => {
  const refused = await parseRest(app, 'POST', '/cloud_code/jobs', {
    key: 'master', body: { job_schedule: { jobName: 'nope', params: '{}', daysOfWeek: [1, 1, 1, 1, 1, 1, 1] } },
  });
  assert.equal(refused.body.code, 1, JSON.stringify(refused.body));
  const noMaster = await parseRest(app, 'POST', '/cloud_code/jobs', {
    key: 'rest', body: { job_schedule: { jobName: 'tick' } },
  });
  assert.notEqual(noMaster.status, 200);
  // the Dashboard's "repeat on an interval, every 1 minute after 00:00" and "run once, at a time"
  const every = await parseRest(app, 'POST', '/cloud_code/jobs', {
    key: 'master',
    body: { job_schedule: { jobName: 'tick', description: 'every minute', params: '{"n":7}',
      daysOfWeek: [1, 1, 1, 1, 1, 1, 1], timeOfDay: '00:00:00.000Z', repeatMinutes: 1 } },
  });
  assert.equal(every.status, 200, JSON.stringify(every.body));
  assert.equal(typeof every.body.objectId, 'string');
  const once = await parseRest(app, 'POST', '/cloud_code/jobs', {
    key: 'master',
    body: { job_schedule: { jobName: 'once', description: 'once', params: '{}', daysOfWeek: [1, 1, 1, 1, 1, 1, 1],
      startAfter: new Date(Date.now() + 3_000).toISOString() } },
  });
  assert.equal(once.status, 200, JSON.stringify(once.body));
  const listed = await parseRest(app, 'GET', '/cloud_code/jobs', { key: 'master' });
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.map((s) => s.jobName).sort(), ['once', 'tick']);
});

test('an every-minute schedule runs once per minute, and a one-time schedule once', async () => {
  const started = Date.now();
  let runs = [];
  // two planned minutes have passed within 125 s, whatever second the schedule was made at
  while (Date.now() - started < 180_000) {
    runs = await jobStatuses('tick');
    if (runs.length >= 2 && runs.every((r) => r.status !== 'running')) break;
    await sleep(2_000);
  }
  assert.ok(runs.length >= 2, `two runs of tick within 180 s; got ${JSON.stringify(runs)}`);
  const minutes = runs.map((r) => r.createdAt.slice(0, 16));
  assert.equal(new Set(minutes).size, minutes.length, `one run per minute: ${minutes}`);
  for (const run of runs) {
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.equal(run.message, 'n=7');
    const second = new Date(run.createdAt).getUTCSeconds();
    assert.ok(second < 15, `a run starts within seconds of its minute: ${run.createdAt}`);
  }
  report(`jobs: ${runs.length} every-minute runs started at ${runs.map((r) => r.createdAt.slice(11, 19)).join(', ')}`);
  const once = await jobStatuses('once');
  assert.equal(once.length, 1, `the one-time schedule ran once: ${JSON.stringify(once)}`);
  assert.equal(once[0].status, 'succeeded');
});

test('a deleted schedule stops running', async () => {
  const listed = await parseRest(app, 'GET', '/cloud_code/jobs', { key: 'master' });
  for (const schedule of listed.body) {
    const res = await parseRest(app, 'DELETE', `/cloud_code/jobs/${schedule.objectId}`, { key: 'master' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  // a run the scheduler started just before the delete may still land; none after it
  await sleep(5_000);
  const before = (await jobStatuses('tick')).length;
  await sleep(65_000);
  assert.equal((await jobStatuses('tick')).length, before);
});

test('an every-minute schedule is left for the restart check (jobs.after-restart.mjs)', async () => {
  const every = await parseRest(app, 'POST', '/cloud_code/jobs', {
    key: 'master',
    body: { job_schedule: { jobName: 'tick', description: 'across the restart', params: '{"n":8}',
      daysOfWeek: [1, 1, 1, 1, 1, 1, 1], timeOfDay: '00:00:00.000Z', repeatMinutes: 1 } },
  });
  assert.equal(every.status, 200, JSON.stringify(every.body));
  saveState('jobs', { app, accountKey: account.accountKey, scheduledAt: every.body.createdAt });
});
