// Issue 12: deploy, versions, rollback. A project folder goes up with `./reparse deploy` as the app's next release,
// `./reparse releases` lists them, `./reparse rollback` makes the previous one the app's code again; calls keep
// succeeding through every switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  API_URL, Parse, accountHeaders, createAccount, createApp, http, report, sleep, useApp, waitReady,
} from './helpers.mjs';

const REPARSE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'reparse');

let account;
let app;
let project;

/** `./reparse <args>` as the account: `{code, stdout, stderr}`. */
function cli(args) {
  const env = { ...process.env, REPARSE_URL: API_URL, REPARSE_EMAIL: account.email, REPARSE_PASSWORD: account.password };
  return new Promise((resolve) => {
    execFile(REPARSE, args, { env, timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function writeVersion(version) {
  mkdirSync(join(project, 'cloud', 'lib'), { recursive: true });
  writeFileSync(join(project, 'cloud', 'main.js'),
    "const { answer } = require('./lib/answer.js');\nParse.Cloud.define('which', () => answer);\n");
  writeFileSync(join(project, 'cloud', 'lib', 'answer.js'), `exports.answer = 'v${version}';\n`);
  writeFileSync(join(project, 'package.json'), '{"name": "e2e-releases", "private": true}\n');
}

async function which() {
  useApp(app);
  try {
    return await Parse.Cloud.run('which', {});
  } catch (e) {
    return `error ${e.code}: ${e.message}`;
  }
}

/** Calls `which` in a loop while `work` runs; every answer is counted, and none may be an error. */
async function whileCalling(work) {
  const answers = new Map();
  let calling = true;
  const caller = (async () => {
    while (calling) {
      const answer = await which();
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      await sleep(50);
    }
  })();
  try {
    return { result: await work(), answers };
  } finally {
    calling = false;
    await caller;
  }
}

async function awaitAnswer(expected, sentAt, timeoutMs = 30_000) {
  for (;;) {
    const answer = await which();
    if (answer === expected) return performance.now() - sentAt;
    if (performance.now() - sentAt > timeoutMs) assert.fail(`which did not answer ${expected}; last: ${answer}`);
    await sleep(50);
  }
}

test('an app is created and a project folder is deployed with ./reparse deploy as version 1', async () => {
  account = await createAccount('releases');
  const created = await createApp(account, 'Released');
  app = await waitReady(account, created.app.applicationId);
  project = mkdtempSync(join(tmpdir(), 'reparse-e2e-releases-'));
  writeVersion(1);
  const sentAt = performance.now();
  const res = await cli(['deploy', project, '--app', app.applicationId, '-m', 'first release']);
  assert.equal(res.code, 0, res.stderr + res.stdout);
  assert.match(res.stdout, /uploaded version 1 \(3 files/);
  assert.match(res.stdout, /version 1 deployed in [0-9.]+ s/);
  const ms = await awaitAnswer('v1', sentAt);
  report(`Releases: ./reparse deploy (v1) to the new code answering ${ms.toFixed(0)} ms (CLI: ${res.stdout.trim().split('\n').pop()})`);
});

test('version 2 replaces it and a rollback brings version 1 back, with no failed call meanwhile', async () => {
  writeVersion(2);
  const deployed = await whileCalling(async () => {
    const sentAt = performance.now();
    const res = await cli(['deploy', project, '--app', app.applicationId, '-m', 'second: answers v2']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.match(res.stdout, /uploaded version 2 /);
    const ms = await awaitAnswer('v2', sentAt);
    report(`Releases: ./reparse deploy (v2) to the new code answering ${ms.toFixed(0)} ms (CLI: ${res.stdout.trim().split('\n').pop()})`);
    await sleep(300);
  });
  assert.deepEqual([...deployed.answers.keys()].sort(), ['v1', 'v2'], JSON.stringify(Object.fromEntries(deployed.answers)));

  const listed = await cli(['releases', '--app', app.applicationId]);
  assert.equal(listed.code, 0, listed.stderr);
  const lines = listed.stdout.trim().split('\n');
  assert.equal(lines.length, 2, listed.stdout);
  assert.match(lines[0], /^v2 {2}\* .*second: answers v2$/);
  assert.match(lines[1], /^v1 {4}.*first release$/);

  const rolledBack = await whileCalling(async () => {
    const sentAt = performance.now();
    const res = await cli(['rollback', '--app', app.applicationId]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.match(res.stdout, /version 1 is the active release/);
    assert.match(res.stdout, /version 1 deployed in [0-9.]+ s/);
    const ms = await awaitAnswer('v1', sentAt);
    report(`Releases: ./reparse rollback (to v1) to the old code answering ${ms.toFixed(0)} ms (CLI: ${res.stdout.trim().split('\n').pop()})`);
    await sleep(300);
  });
  assert.deepEqual([...rolledBack.answers.keys()].sort(), ['v1', 'v2'],
    JSON.stringify(Object.fromEntries(rolledBack.answers)));
  report(`Releases: calls during deploy and rollback: ${JSON.stringify(Object.fromEntries(deployed.answers))}, `
    + JSON.stringify(Object.fromEntries(rolledBack.answers)));

  const releases = await http('GET', `${API_URL}/api/v1/apps/${app.applicationId}/releases`, {
    headers: accountHeaders(account, { byKey: true }),
  });
  assert.equal(releases.status, 200);
  assert.deepEqual(releases.body.results.map((r) => [r.version, r.active]), [[2, false], [1, true]]);
});

test('a release that does not load fails ./reparse deploy with its error while version 1 keeps answering', async () => {
  writeVersion(3);
  writeFileSync(join(project, 'cloud', 'lib', 'answer.js'), "exports.answer = 'v3';\n}\n");
  const broken = await whileCalling(async () => {
    const sentAt = performance.now();
    const res = await cli(['deploy', project, '--app', app.applicationId, '-m', 'broken: a stray brace']);
    const ms = performance.now() - sentAt;
    assert.equal(res.code, 1, res.stderr + res.stdout);
    assert.match(res.stdout, /uploaded version 3 /);
    assert.match(res.stderr,
      /version 3 failed to load: SyntaxError: Unexpected token '\}' \(cloud\/lib\/answer\.js:2\); version 1 keeps serving/);
    assert.doesNotMatch(res.stderr, /\/tmp\/|cloud-runner|node:internal/);
    report(`Releases: ./reparse deploy of a broken release (v3) exits 1 after ${ms.toFixed(0)} ms`);
    return res;
  });
  assert.deepEqual([...broken.answers.keys()], ['v1'], JSON.stringify(Object.fromEntries(broken.answers)));
  const status = await http('GET', `${API_URL}/api/v1/apps/${app.applicationId}`, {
    headers: accountHeaders(account, { byKey: true }),
  });
  const code = status.body.status.conditions.find((c) => c.type === 'CloudCode');
  assert.equal(code.reason, 'LoadFailed', JSON.stringify(code));
  assert.equal(status.body.status.conditions.find((c) => c.type === 'Ready').status, 'True');

  const back = await cli(['rollback', '1', '--app', app.applicationId]);
  assert.equal(back.code, 0, back.stderr + back.stdout);
  assert.match(back.stdout, /version 1 deployed in [0-9.]+ s/);
  assert.equal(await which(), 'v1');
});

test('rolling back past the first release says there is none, and the app is deleted', async () => {
  const res = await cli(['rollback', '--app', app.applicationId]);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /no release before version 1/);
  assert.equal(await which(), 'v1');
  const deleted = await http('DELETE', `${API_URL}/api/v1/apps/${app.applicationId}`, {
    headers: accountHeaders(account, { byKey: true }),
  });
  assert.equal(deleted.status, 200);
  rmSync(project, { recursive: true, force: true });
});
