// Background jobs (cloud/main.js): POST /jobs/<name> answers at once with X-Parse-Job-Status-Id,
// the job's progress and end land in _JobStatus (Parse Server's fields), the master key is
// required, and Parse Dashboard's /cloud_code/jobs endpoints answer as Parse Server's do.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rest, assertRestError } from './helpers.mjs';
import { PARSE_COM_STYLE, waitFor } from './cloud-helpers.mjs';

const jobStatusIds = [];

after(async () => {
  for (const objectId of jobStatusIds) await rest('DELETE', `/classes/_JobStatus/${objectId}`, { master: true });
});

/** Starts a job with the master key; returns the _JobStatus objectId from the answer's header. */
async function startJob(path, body = {}) {
  const res = await rest('POST', path, { body, master: true });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body, {});
  const id = res.headers.get('x-parse-job-status-id');
  assert.match(id ?? '', /^[A-Za-z0-9]{10}$/, `X-Parse-Job-Status-Id: ${id}`);
  jobStatusIds.push(id);
  return id;
}

async function jobStatus(id) {
  const res = await rest('GET', `/classes/_JobStatus/${id}`, { master: true });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** Polls the job's status until it is no longer running; returns every distinct state seen, in order. */
async function followJob(id, timeoutMs = 10000) {
  const seen = [];
  const last = await waitFor(async () => {
    const status = await jobStatus(id);
    const state = `${status.status}:${status.message ?? ''}`;
    if (seen.at(-1)?.state !== state) seen.push({ state, status });
    return status.status !== 'running' ? status : undefined;
  }, { timeoutMs, intervalMs: 50 });
  assert.ok(last, `the job did not finish within ${timeoutMs} ms: ${JSON.stringify(seen.map((s) => s.state))}`);
  return { seen, last };
}

describe('running a job', () => {
  test('POST /jobs/<name> answers {} with X-Parse-Job-Status-Id; _JobStatus goes running -> succeeded with the messages', async () => {
    const id = await startJob('/jobs/cloudTestJob', { tag: 'first', stepMs: 600 });
    const first = await jobStatus(id);
    assert.equal(first.status, 'running', JSON.stringify(first));
    assert.equal(first.jobName, 'cloudTestJob');
    assert.equal(first.source, 'api');
    assert.ok(first.createdAt, JSON.stringify(first));
    const { seen, last } = await followJob(id);
    const states = seen.map((s) => s.state);
    assert.ok(states.includes('running:halfway'), `request.message() progress was visible: ${JSON.stringify(states)}`);
    assert.equal(last.status, 'succeeded');
    assert.equal(last.message, 'done: first', 'a string result becomes the message');
    assert.equal(last.finishedAt?.__type, 'Date', JSON.stringify(last));
    assert.ok(new Date(last.finishedAt.iso) >= new Date(last.createdAt));
  });

  test('POST /jobs with jobName in the body runs it too (Parse Dashboard\'s "Run now")', async () => {
    const id = await startJob('/jobs', { jobName: 'cloudTestJob', tag: 'dashboard', stepMs: 50 });
    const { last } = await followJob(id);
    assert.equal(last.jobName, 'cloudTestJob');
    assert.equal(last.status, 'succeeded');
    assert.equal(last.message, 'done: dashboard');
  });

  test('a job that throws ends failed with the error\'s message', async () => {
    const id = await startJob('/jobs/cloudFailingJob');
    const { last } = await followJob(id);
    assert.equal(last.status, 'failed');
    assert.equal(last.message, 'the job exploded');
    assert.equal(last.finishedAt?.__type, 'Date');
  });

  test('_JobStatus is not readable without the master key (its ACL is empty)', async () => {
    const id = await startJob('/jobs/cloudTestJob', { tag: 'private', stepMs: 10 });
    await followJob(id);
    const res = await rest('GET', `/classes/_JobStatus/${id}`);
    assert.notEqual(res.status, 200, JSON.stringify(res.body));
  });
});

describe('refusals', () => {
  test('without the master key a job is refused with 403', async () => {
    const res = await rest('POST', '/jobs/cloudTestJob', { body: {} });
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.headers.get('x-parse-job-status-id'), null);
  });

  test('an unknown job is 141 "Invalid job."', async () => {
    const res = await rest('POST', '/jobs/cloudNoSuchJob', { body: {}, master: true });
    assertRestError(res, 400, 141);
    assert.equal(res.body.error, 'Invalid job.');
  });
});

describe('Parse Dashboard\'s job endpoints', () => {
  test('GET /cloud_code/jobs/data lists the deployed jobs', async () => {
    const res = await rest('GET', '/cloud_code/jobs/data', { master: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(Array.isArray(res.body.in_use), JSON.stringify(res.body));
    for (const name of ['cloudTestJob', 'cloudFailingJob']) {
      assert.ok(res.body.jobs.includes(name), `${name} in ${JSON.stringify(res.body.jobs)}`);
    }
  });

  test('GET /cloud_code/jobs answers the list of scheduled jobs', async () => {
    const res = await rest('GET', '/cloud_code/jobs', { master: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(Array.isArray(res.body), JSON.stringify(res.body));
  });

  test('both need the master key', async () => {
    assert.equal((await rest('GET', '/cloud_code/jobs')).status, 403);
    assert.equal((await rest('GET', '/cloud_code/jobs/data')).status, 403);
  });
});

describe('parse.com style', () => {
  test('status.message() and status.success() in a (request, status) job', { skip: PARSE_COM_STYLE }, async () => {
    const id = await startJob('/jobs/cloudParseComJob');
    const { seen, last } = await followJob(id);
    const states = seen.map((s) => s.state);
    assert.ok(states.includes('running:working the parse.com way'), JSON.stringify(states));
    assert.equal(last.status, 'succeeded');
    assert.equal(last.message, 'finished the parse.com way');
  });

  test('status.error() ends the job failed with its message', { skip: PARSE_COM_STYLE }, async () => {
    const id = await startJob('/jobs/cloudParseComFailingJob');
    const { last } = await followJob(id);
    assert.equal(last.status, 'failed');
    assert.equal(last.message, 'the parse.com job failed');
  });
});
