// Issue 11's recovery: whatever dies with `kill -9` (the control plane, the router, a store, a runtime, or all of
// them at once), ONE `./reparse up` (or the control plane's own supervision) brings everything back serving within a
// minute, with nothing lost and no process left over. The first test replaces run.sh's platform by a detached one
// (`./reparse up -d`), which the later files use and run.sh stops with `./reparse down` (see E2E_WORK_DIR/detached).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  API_URL, DATA_DIR, ROUTER_URL, appsApi, createAccount, createApp, eventually, isAlive, parseRest, report, runtimeProcess, sleep,
  waitReady,
} from './helpers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WORK = process.env.E2E_WORK_DIR;
const API_PORT = new URL(API_URL).port;
const ROUTER_PORT = new URL(ROUTER_URL).port;
const WITHIN_MS = 60_000;
// After kill -9 of everything, every app's runtime JVM starts cold at once: on a loaded two-core CI machine that
// alone can take a minute (48 s measured unloaded, 60+ s with other suites running).
const EVERYTHING_WITHIN_MS = 120_000;

let account;
let app;
let keep;

function jsonPid(file) {
  const { pid, port } = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));
  return { pid, port };
}

/** Every process of the platform, as its pid files name them. */
function platformPids() {
  const postmaster = readFileSync(join(DATA_DIR, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  return {
    controlPlane: jsonPid('control-plane.pid').pid,
    postgres: Number(postmaster[0]),
    router: jsonPid('router/router.pid').pid,
    mongo: jsonPid('mongo/mongo.pid').pid,
    s3: jsonPid('s3/s3proxy.pid').pid,
    runtime: runtimeProcess(app.applicationId).pid,
  };
}

/** Processes whose command line names the data dir (control plane, PostgreSQL, stores, router, runtimes). */
function processesOfTheDataDir() {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-f', '--', DATA_DIR], { encoding: 'utf8' });
  } catch (e) {
    if (e.status !== 1) throw e;
  }
  return out.split('\n').filter(Boolean).map(Number).filter((pid) => pid !== process.pid);
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** No orphans: every java/postgres process naming the data dir is one the pid files know. */
function assertNoOrphans() {
  const known = new Set(Object.values(platformPids()));
  for (const dir of readdirSync(join(DATA_DIR, 'apps'))) {
    const file = join(DATA_DIR, 'apps', dir, 'runtime.pid');
    if (existsSync(file)) known.add(JSON.parse(readFileSync(file, 'utf8')).pid);
  }
  const strays = processesOfTheDataDir().filter((pid) => !known.has(pid))
    .map((pid) => [pid, commandLine(pid)]).filter(([, line]) => /java|postgres/.test(line) && !/reparse (up|down)/.test(line));
  assert.deepEqual(strays, [], 'processes of this data dir that no pid file names');
}

function environmentWithoutTestSettings() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('REPARSE_') || name.startsWith('E2E_')) delete env[name];
  }
  return env;
}

/** `./reparse up -d` on the same data dir and ports; resolves with the ms it took to return (it returns once serving). */
function upDetached() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // the platform run.sh started had these options: the files after this one use the detached platform
    const mail = process.env.E2E_SMTP_PORT ? ['--smtp-host', '127.0.0.1', '--smtp-port', process.env.E2E_SMTP_PORT,
      '--smtp-tls', 'none', '--email-from', 'no-reply@reparse.test'] : [];
    execFile(join(ROOT, 'reparse'), ['up', '-d', '--data-dir', DATA_DIR, '--port', API_PORT, '--api-port', ROUTER_PORT,
      ...mail],
      { env: environmentWithoutTestSettings(), timeout: 180_000 }, (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`./reparse up -d failed: ${error.message}\n${stderr}`));
          return;
        }
        if (WORK) writeFileSync(join(WORK, 'detached'), `${DATA_DIR}\n`);
        resolve({ ms: performance.now() - started, output: stderr });
      });
  });
}

/**
 * Probes the app through the router every 50 ms (under the app's default 30 requests/s) until stopped: refused
 * connections, other failures, answers by status.
 */
function startProbe() {
  const counts = {
    refused: 0, failed: 0, ok: 0, notOk: 0, statuses: {}, firstRefused: undefined, lastRefused: undefined,
  };
  let running = true;
  const url = `${ROUTER_URL}/classes/Keep/${keep.id}`;
  const headers = { 'X-Parse-Application-Id': app.applicationId, 'X-Parse-REST-API-Key': app.restKey };
  const once = () => new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false, timeout: 2000 }, (res) => {
      res.resume();
      if (res.statusCode === 200) counts.ok++; else counts.notOk++;
      counts.statuses[res.statusCode] = (counts.statuses[res.statusCode] ?? 0) + 1;
      res.on('end', resolve);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      if (e.code === 'ECONNREFUSED') {
        counts.refused++;
        counts.firstRefused ??= performance.now();
        counts.lastRefused = performance.now();
      } else {
        counts.failed++;
      }
      resolve();
    });
  });
  const loop = (async () => {
    while (running) {
      await once();
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const windowMs = counts.refused ? counts.lastRefused - counts.firstRefused : 0;
      return { ...counts, windowMs };
    },
  };
}

/** Waits until the kept object reads back through the router; the ms since `since`. */
async function untilServing(since, what, withinMs = WITHIN_MS) {
  for (;;) {
    const res = await parseRest(app, 'GET', `/classes/Keep/${keep.id}`).catch(() => ({ status: 0 }));
    if (res.status === 200) {
      assert.equal(res.body.value, 'kept across crashes');
      return performance.now() - since;
    }
    if (performance.now() - since > withinMs) assert.fail(`${what}: the app did not serve within ${withinMs} ms`);
    await sleep(100);
  }
}

async function untilApiAnswers(since, withinMs = WITHIN_MS) {
  for (;;) {
    const res = await appsApi(account, 'GET', `/${app.applicationId}`).catch(() => ({ status: 0 }));
    if (res.status === 200) return performance.now() - since;
    if (performance.now() - since > withinMs) assert.fail(`the Apps API did not answer within ${withinMs} ms`);
    await sleep(200);
  }
}

async function untilDead(pid) {
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
  assert.ok(!isAlive(pid), `pid ${pid} still alive after SIGKILL`);
}

before(async () => {
  account = await createAccount('recovery');
  const created = await createApp(account, 'Recovery');
  app = await waitReady(account, created.app.applicationId);
  let res;
  // Ready in the Apps API before the router's next poll of the route table: 503 "starting" meanwhile
  await eventually('the first write through the router', async () => {
    res = await parseRest(app, 'POST', '/classes/Keep', { key: 'master', body: { value: 'kept across crashes' } });
    return res.status === 201 || { status: res.status, body: res.body };
  });
  keep = { id: res.body.objectId };
});

after(async () => {
  if (account && app) await appsApi(account, 'DELETE', `/${app.applicationId}`);
});

test('kill -9 of the control plane: one up serves again, the router and runtimes adopted without a gap', async () => {
  const before = platformPids();
  const probe = startProbe();
  await sleep(300);
  process.kill(before.controlPlane, 'SIGKILL');
  const killedAt = performance.now();
  await untilDead(before.controlPlane);
  const up = await upDetached();
  const serving = await untilServing(killedAt, 'after kill -9 of the control plane');
  const api = await untilApiAnswers(killedAt);
  const probed = await probe.stop();
  const now = platformPids();
  report(`kill -9 control plane -> one ./reparse up -d: up returned after ${up.ms.toFixed(0)} ms, app served `
    + `throughout (first check ${serving.toFixed(0)} ms), Apps API back after ${api.toFixed(0)} ms; router probes: `
    + `${probed.ok} ok, ${probed.notOk} non-200 ${JSON.stringify(probed.statuses)}, ${probed.refused} refused `
    + `(window ${probed.windowMs.toFixed(0)} ms), ${probed.failed} other errors`);
  assert.ok(api < WITHIN_MS);
  assert.notEqual(now.controlPlane, before.controlPlane);
  assert.equal(now.router, before.router, 'the running router is adopted');
  assert.equal(now.runtime, before.runtime, 'the running runtime is adopted');
  assert.equal(now.mongo, before.mongo, 'the running MongoDB-wire server is adopted');
  assert.equal(now.s3, before.s3, 'the running S3 server is adopted');
  assert.ok(!isAlive(before.postgres) || now.postgres === before.postgres, 'the old PostgreSQL is stopped or adopted');
  assert.equal(probed.refused, 0, 'no refused connection while the control plane recovered');
  // the control plane's restart competes with the app for CPU: a slow answer may time out, but none may say the app
  // is unknown or stopped (403/404/503 would mean the router lost its route or the runtime was restarted)
  for (const status of [403, 404, 503]) {
    assert.equal(probed.statuses[status] ?? 0, 0, `answers ${status} while the control plane recovered`);
  }
  assert.ok(probed.ok > 0);
  assert.doesNotMatch(up.output, /TRACE|DEBUG|Exception/, 'a calm start');
  const log = readFileSync(join(DATA_DIR, 'platform.log'), 'utf8');
  assert.doesNotMatch(log, /TRACE|DEBUG/, 'no TRACE/DEBUG lines in the platform log');
  assertNoOrphans();
});

test('kill -9 of the router: it is restarted and the app serves again', async () => {
  const before = platformPids();
  process.kill(before.router, 'SIGKILL');
  const killedAt = performance.now();
  await untilDead(before.router);
  const back = await untilServing(killedAt, 'after kill -9 of the router');
  report(`kill -9 router -> app served again after ${back.toFixed(0)} ms`);
  assert.notEqual(platformPids().router, before.router);
  assertNoOrphans();
});

test('kill -9 of the MongoDB-wire and S3 servers: they come back on their ports with their data', async () => {
  for (const [name, file] of [['mongo', 'mongo/mongo.pid'], ['s3', 's3/s3proxy.pid']]) {
    const before = jsonPid(file);
    process.kill(before.pid, 'SIGKILL');
    const killedAt = performance.now();
    await untilDead(before.pid);
    let back;
    for (;;) {
      // a file upload needs S3, reading the object needs MongoDB
      const upload = await parseRest(app, 'POST', `/files/after-${name}.txt`, {
        key: 'master', body: `written after ${name} died`, json: false, headers: { 'Content-Type': 'text/plain' },
      }).catch(() => ({ status: 0 }));
      const read = await parseRest(app, 'GET', `/classes/Keep/${keep.id}`).catch(() => ({ status: 0 }));
      if (upload.status === 201 && read.status === 200) {
        back = performance.now() - killedAt;
        break;
      }
      if (performance.now() - killedAt > WITHIN_MS) assert.fail(`${name} not back within ${WITHIN_MS} ms`);
      await sleep(200);
    }
    const after = jsonPid(file);
    report(`kill -9 ${name} server -> restarted on port ${after.port}, app served again after ${back.toFixed(0)} ms`);
    assert.notEqual(after.pid, before.pid);
    assert.equal(after.port, before.port, 'the same port: runtimes keep the address they were given');
  }
  assertNoOrphans();
});

test('kill -9 of every process of the platform at once: one up brings it all back with its data', async () => {
  const before = platformPids();
  for (const pid of processesOfTheDataDir()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  const killedAt = performance.now();
  for (const pid of Object.values(before)) await untilDead(pid);
  const up = await upDetached();
  const serving = await untilServing(killedAt, 'after kill -9 of everything', EVERYTHING_WITHIN_MS);
  const api = await untilApiAnswers(killedAt, EVERYTHING_WITHIN_MS);
  report(`kill -9 of every platform process -> one ./reparse up -d: returned after ${up.ms.toFixed(0)} ms, `
    + `app served after ${serving.toFixed(0)} ms, Apps API after ${api.toFixed(0)} ms`);
  const view = await waitReady(account, app.applicationId, { timeoutMs: WITHIN_MS });
  assert.equal(view.masterKey, app.masterKey, 'the app and its keys survived');
  assertNoOrphans();
});
