// Closed-loop HTTP/1.1 keep-alive load generator for Parse-compatible servers.
// Node built-ins only, so it runs before and without the npm install; see bench/README.md.
//
// node bench/load.mjs --target NAME=URL=SERVER_PID [--target NAME=URL=SERVER_PID ...]
//   --app-id A --key-header X-Parse-Master-Key --key K --out FILE
//   [--concurrency 16] [--warmup 5] [--duration 10] [--requests N] [--rounds 4]
//   [--ops query,get,update,create,batch] [--seed 1000] [--mongo-pid PID]
//   [--file-concurrency 4] [--big-file-concurrency 2] [--prewarm 0]
//
// Cloud Code ops (fn-trivial, fn-query, create-guarded) need bench/cloud/main.js loaded by every target; when they
// run, each target's CPU table also has `runner`: the node processes below its pid (the runtime's Cloud Code runner).
//
// An op may carry its own concurrency: `get@1` is the get op with one client (unloaded latency,
// e.g. for the router overhead run), reported under its own name.
//
// A target's SERVER_PID may be several pids joined by "+" (RUNTIME+ROUTER): their CPU is the
// server's together, and the pids after the first are also reported alone as `proxy`.
//
// A target spec may end in =files (NAME=URL=PID=files): that target runs only the file ops
// (upload1m, download1m, upload100m, download100m), e.g. a second runtime with another store.
//
// Only one target is under load at any moment. Per op, every target is warmed up, then measured
// in `rounds` slices whose order alternates (A B, B A, ...), so drift and noise from other
// processes on the machine fall on all targets alike.

import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const CLASS = 'BenchObject';
const REST_OPS = ['query', 'get', 'update', 'create', 'batch', 'signup', 'login', 'query10', 'event'];
/** Ops that call the Cloud Code of bench/cloud/main.js, which both servers load. */
const CLOUD_OPS = ['fn-trivial', 'fn-query', 'create-guarded'];
/** Ops that read the seeded BenchObjects; only they need the seed. */
const SEEDED_OPS = ['query', 'query10', 'get', 'update', 'fn-query'];
/** benchQuery (and query10, its plain REST twin) finds this many seed objects with the caller's session. */
const CLOUD_QUERY_LIMIT = 10;
/** Users created per target before the login op; each login picks one at random. */
const LOGIN_USERS = 8;
const PASSWORD = 'bench-password-1';
const MB = 1024 * 1024; // "MB" in this tool is 2^20 bytes
/** File ops: one body size each; uploads POST it, downloads GET one stored file of that size. */
const FILE_OPS = {
  upload1m: { kind: 'upload', bytes: 1 * MB, big: false },
  download1m: { kind: 'download', bytes: 1 * MB, big: false },
  upload100m: { kind: 'upload', bytes: 100 * MB, big: true },
  download100m: { kind: 'download', bytes: 100 * MB, big: true },
};
// query10, fn-query's twin, runs just before it (it only reads seed objects, so it need not run first)
const ALL_OPS = [...REST_OPS.filter((op) => op !== 'query10'), 'fn-trivial', 'query10', 'fn-query', 'create-guarded', ...Object.keys(FILE_OPS)];
const FILE_REQUEST_TIMEOUT_MS = 60_000;
const QUERY_LIMIT = 100;
const BATCH_SIZE = 10;
const SEED_BATCH = 50;
const REQUEST_TIMEOUT_MS = 30_000;
const CLK_TCK = Number(process.env.CLK_TCK || 100);

const args = parseArgs(process.argv.slice(2));
const concurrency = int(args.concurrency ?? 16, 'concurrency');
const warmupSec = Number(args.warmup ?? 5);
// seconds of every selected (non-file) op on every side before the first op is measured, so the first ops are not
// measured on colder servers than the later ones (that would skew comparisons between ops, e.g. fn-trivial vs get)
const prewarmSec = Number(args.prewarm ?? 0);
const durationSec = Number(args.duration ?? 10);
const fixedRequests = args.requests ? int(args.requests, 'requests') : 0;
const rounds = int(args.rounds ?? 4, 'rounds');
const seedCount = int(args.seed ?? 1000, 'seed');
const fileConcurrency = int(args['file-concurrency'] ?? 4, 'file-concurrency');
const bigFileConcurrency = int(args['big-file-concurrency'] ?? 2, 'big-file-concurrency');
// 100 MB ops: a fixed number of requests per side (not a duration), no warm-up beyond the
// verification pass: on mongo-java-server's GridFS one 100 MB request takes 10-30 s
const bigFileRequests = int(args['big-file-requests'] ?? 4, 'big-file-requests');
const wanted = [...new Set((args.ops ?? ALL_OPS.join(',')).split(',').map((s) => s.trim()).filter(Boolean))];
for (const op of wanted) {
  if (!ALL_OPS.includes(baseOp(op))) die(`unknown op ${op}; known: ${ALL_OPS.join(',')} (each may end in @N: N clients)`);
  if (op.includes('@')) {
    if (FILE_OPS[baseOp(op)]) die(`ops ${op}: file ops take --file-concurrency / --big-file-concurrency, not @N`);
    int(op.split('@')[1], `ops ${op}: clients`);
  }
}
// always in ALL_OPS order (query first: it must see only the seed objects), then as given
const ops = wanted.map((op, i) => [op, i]).sort((a, b) => ALL_OPS.indexOf(baseOp(a[0])) - ALL_OPS.indexOf(baseOp(b[0])) || a[1] - b[1]).map(([op]) => op);
const needsSeed = ops.some((op) => SEEDED_OPS.includes(baseOp(op)));
const needsUsers = ops.some((op) => baseOp(op) === 'login');
const needsCloudUser = ops.some((op) => ['fn-query', 'query10'].includes(baseOp(op)));
const cloudOps = ops.filter((op) => CLOUD_OPS.includes(baseOp(op)));
if (needsSeed && seedCount < QUERY_LIMIT) die(`--seed must be >= ${QUERY_LIMIT} so the query op can return ${QUERY_LIMIT} objects`);
/** A random prefix for this run's usernames: signups must be unique on databases that outlive a run. */
const RUN_ID = crypto.randomBytes(4).toString('hex');
const mongoPid = args['mongo-pid'] ? Number(args['mongo-pid']) : null;
const targets = args.target.map(parseTarget);

const headers = {
  'X-Parse-Application-Id': args['app-id'],
  [args['key-header']]: args.key,
  'Content-Type': 'application/json',
};
// signup and login are what an app's clients do, so they always go with the client key, never the master key:
// with the master key (and no installation id) parse-server creates no session on signup
const clientHeaders = {
  'X-Parse-Application-Id': args['app-id'],
  [args['client-key-header'] ?? 'X-Parse-REST-API-Key']: args['client-key'] ?? args.key,
  'Content-Type': 'application/json',
};

let counter = 0;

/** Random (incompressible) bodies, made once per size; and their SHA-256 for the verification pass. */
const fileBodies = new Map();
for (const op of ops) {
  const f = FILE_OPS[op];
  if (f && !fileBodies.has(f.bytes)) {
    const body = crypto.randomBytes(f.bytes);
    fileBodies.set(f.bytes, { body, sha256: crypto.createHash('sha256').update(body).digest('hex') });
  }
}
const concurrencyOf = (op) => (op.includes('@') ? Number(op.split('@')[1])
  : FILE_OPS[op] ? (FILE_OPS[op].big ? bigFileConcurrency : fileConcurrency) : concurrency);
const targetsFor = (op) => targets.filter((t) => !t.filesOnly || FILE_OPS[op]);

async function main() {
  const started = new Date().toISOString();
  if (needsSeed) for (const t of targets) if (!t.filesOnly) t.seedIds = await seed(t);
  if (needsUsers) for (const t of targets) if (!t.filesOnly) t.loginUsers = await createLoginUsers(t);
  if (needsCloudUser) for (const t of targets) if (!t.filesOnly) t.cloudUser = await createCloudUser(t);
  for (const op of new Set(cloudOps.map(baseOp))) for (const t of targets) if (!t.filesOnly) await checkCloudOp(t, op);
  for (const bytes of fileBodies.keys()) for (const t of targets) t.files[bytes] = await verifyFiles(t, bytes);
  if (prewarmSec > 0) {
    log(`pre-warming: every op for ${prewarmSec} s on each side, not measured`);
    for (const op of ops.filter((o) => !FILE_OPS[o])) for (const t of targetsFor(op)) await runPhase(t, op, { seconds: prewarmSec });
  }
  const results = Object.fromEntries(targets.map((t) => [t.name, {}]));
  for (const op of ops) {
    // a side whose verification download failed cannot be measured downloading: it gets 0 req/s
    const broken = targetsFor(op).filter((t) => FILE_OPS[op]?.kind === 'download' && t.files[FILE_OPS[op].bytes].error);
    for (const t of broken) results[t.name][op] = failedResult(op, t.files[FILE_OPS[op].bytes].error);
    const opTargets = targetsFor(op).filter((t) => !broken.includes(t));
    const big = FILE_OPS[op]?.big;
    const opRounds = big ? Math.max(1, Math.min(rounds, Math.floor(bigFileRequests / bigFileConcurrency))) : rounds;
    if (!big) for (const t of opTargets) await runPhase(t, op, { seconds: warmupSec });
    const slices = Object.fromEntries(opTargets.map((t) => [t.name, []]));
    for (let r = 0; r < opRounds; r++) {
      const order = r % 2 === 0 ? opTargets : [...opTargets].reverse();
      for (const t of order) {
        const limit = big ? { requests: Math.ceil(bigFileRequests / opRounds) }
          : fixedRequests ? { requests: Math.ceil(fixedRequests / rounds) } : { seconds: durationSec / rounds };
        slices[t.name].push(await runPhase(t, op, limit));
      }
    }
    for (const t of opTargets) {
      const res = summarize(op, slices[t.name]);
      results[t.name][op] = res;
      const mbs = res.mbPerSec === undefined ? '' : ` ${res.mbPerSec.toFixed(1).padStart(7)} MB/s`;
      log(`${t.name.padEnd(16)} ${op.padEnd(14)}${mbs} ${res.reqPerSec.toFixed(1).padStart(9)} req/s  p50 ${res.p50Ms.toFixed(2)} ms  p99 ${res.p99Ms.toFixed(2)} ms  errors ${res.errors}  cpu client ${pct(res.cpu.client)} server ${pct(res.cpu.server)} mongo ${pct(res.cpu.mongo)} idle side ${pct(res.cpu.idle)} other ${pct(res.cpu.other)}`);
    }
  }
  for (const bytes of fileBodies.keys()) for (const t of targets) if (t.files[bytes].name) await deleteFiles(t, [t.files[bytes].name]);
  for (const t of targets) t.agent.destroy();
  const out = {
    started,
    config: { concurrency, fileConcurrency, bigFileConcurrency, bigFileRequests, prewarmSec, warmupSec, durationSec: fixedRequests ? null : durationSec, requests: fixedRequests || null, rounds, seed: seedCount, keyHeader: args['key-header'] },
    fileOps: Object.fromEntries(Object.entries(FILE_OPS).filter(([op]) => ops.includes(op)).map(([op, f]) => [op, { ...f, concurrency: concurrencyOf(op) }])),
    sides: Object.fromEntries(targets.map((t) => [t.name, { url: t.url.href, filesOnly: t.filesOnly, ops: results[t.name] }])),
  };
  fs.writeFileSync(args.out, JSON.stringify(out, null, 2));
}

// ---- workload -------------------------------------------------------------------------------

function newObject(kind) {
  counter += 1;
  return { kind, n: counter, name: `bench-${counter}`, score: Math.random() * 1000, tags: ['alpha', 'beta'], active: counter % 2 === 0 };
}

function randomSeedId(t) {
  return t.seedIds[(Math.random() * t.seedIds.length) | 0];
}

/** Each op builds a request for a target plus a check that is true only for a right response. */
const OPS = {
  create: (t) => ({
    method: 'POST', path: `${t.mount}/classes/${CLASS}`, body: newObject('bench'),
    check: (s, b) => s === 201 && typeof b?.objectId === 'string' && typeof b?.createdAt === 'string',
  }),
  // Parse.Analytics.track: parse-server answers {} and drops it; Reparse stores it (raw + hourly count) first
  event: (t) => ({
    method: 'POST', path: `${t.mount}/events/BenchEvent`,
    body: { dimensions: { plan: ['free', 'pro'][++counter % 2], source: 'bench' } },
    check: (s, b) => s === 200 && b !== null && typeof b === 'object' && Object.keys(b).length === 0,
  }),
  get: (t) => {
    const id = randomSeedId(t);
    return {
      method: 'GET', path: `${t.mount}/classes/${CLASS}/${id}`,
      check: (s, b) => s === 200 && b?.objectId === id && b?.kind === 'seed',
    };
  },
  update: (t) => ({
    method: 'PUT', path: `${t.mount}/classes/${CLASS}/${randomSeedId(t)}`, body: { score: Math.random() * 1000, touched: ++counter },
    check: (s, b) => s === 200 && typeof b?.updatedAt === 'string',
  }),
  query: (t) => ({
    method: 'GET', path: `${t.mount}/classes/${CLASS}?` + new URLSearchParams({ where: JSON.stringify({ kind: 'seed' }), limit: String(QUERY_LIMIT) }),
    check: (s, b) => s === 200 && Array.isArray(b?.results) && b.results.length === QUERY_LIMIT
      && b.results.every((o) => typeof o.objectId === 'string' && o.kind === 'seed'),
  }),
  batch: (t) => ({
    method: 'POST', path: `${t.mount}/batch`,
    body: { requests: Array.from({ length: BATCH_SIZE }, () => ({ method: 'POST', path: `${t.mount}/classes/${CLASS}`, body: newObject('batch') })) },
    check: (s, b) => s === 200 && Array.isArray(b) && b.length === BATCH_SIZE && b.every((r) => typeof r?.success?.objectId === 'string'),
  }),
  // one bcrypt hash (cost 10) per request on both servers, plus a user and a session insert
  signup: (t) => ({
    method: 'POST', path: `${t.mount}/users`, body: { username: newUsername(), password: PASSWORD }, headers: clientHeaders,
    check: (s, b) => s === 201 && typeof b?.objectId === 'string' && typeof b?.sessionToken === 'string',
  }),
  // one user lookup, one bcrypt compare (cost 10) and a session insert per request
  login: (t) => {
    const user = t.loginUsers[(Math.random() * t.loginUsers.length) | 0];
    return {
      method: 'GET', path: `${t.mount}/login?` + new URLSearchParams({ username: user.username, password: PASSWORD }), headers: clientHeaders,
      check: (s, b) => s === 200 && b?.objectId === user.objectId && typeof b?.sessionToken === 'string',
    };
  },
};

// Cloud Code ops (bench/cloud/main.js). fn-trivial and create-guarded send the same key as get (--auth), so the
// difference to get is the Cloud Code; fn-query is what a signed-in app client does: REST key plus session token.
const GUARDED_CLASS = 'GuardedObject';
Object.assign(OPS, {
  'fn-trivial': (t) => ({
    method: 'POST', path: `${t.mount}/functions/benchTrivial`, body: {},
    check: (s, b) => s === 200 && b?.result?.ok === true && b.result.answer === 42,
  }),
  // the same work as fn-query without Cloud Code: the difference between the two is what the function costs
  query10: (t) => ({
    method: 'GET', path: `${t.mount}/classes/${CLASS}?` + new URLSearchParams({ where: JSON.stringify({ kind: 'seed' }), limit: String(CLOUD_QUERY_LIMIT) }),
    headers: { ...clientHeaders, 'X-Parse-Session-Token': t.cloudUser.sessionToken },
    check: (s, b) => s === 200 && Array.isArray(b?.results) && b.results.length === CLOUD_QUERY_LIMIT && b.results.every((o) => o.kind === 'seed'),
  }),
  'fn-query': (t) => ({
    method: 'POST', path: `${t.mount}/functions/benchQuery`, body: {},
    headers: { ...clientHeaders, 'X-Parse-Session-Token': t.cloudUser.sessionToken },
    check: (s, b) => s === 200 && b?.result?.count === CLOUD_QUERY_LIMIT,
  }),
  'create-guarded': (t) => {
    const n = ++counter;
    return {
      method: 'POST', path: `${t.mount}/classes/${GUARDED_CLASS}`, body: { title: `Bench Guarded ${n}`, n, score: Math.random() * 1000 },
      // the beforeSave's slug comes back in the create's answer on both servers: proof the trigger ran
      check: (s, b) => s === 201 && typeof b?.objectId === 'string' && b?.slug === `bench-guarded-${n}`,
    };
  },
});

/** Signs up the one user whose session the fn-query and query10 ops send (not measured). */
async function createCloudUser(t) {
  const username = newUsername();
  const res = await send(t, 'POST', `${t.mount}/users`, { username, password: PASSWORD }, { headers: clientHeaders });
  const parsed = safeJson(res.body);
  if (res.status !== 201 || typeof parsed?.sessionToken !== 'string') {
    throw new Error(`signing up the fn-query/query10 user failed on ${t.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  }
  log(`${t.name}: signed up ${username} for the fn-query and query10 ops`);
  return { username, objectId: parsed.objectId, sessionToken: parsed.sessionToken };
}

/**
 * Before measuring: one call of a cloud op must succeed, so a server that did not load bench/cloud/main.js ends
 * the run with its answer instead of scoring 0 req/s. Retried for a while: a runtime may answer /health before its
 * Cloud Code runner has loaded the code.
 */
async function checkCloudOp(t, op) {
  const until = performance.now() + 60_000;
  for (;;) {
    const req = OPS[op](t);
    const res = await send(t, req.method, req.path, req.body, req);
    if (req.check(res.status, safeJson(res.body))) return;
    if (performance.now() > until) {
      throw new Error(`${op} does not work on ${t.name} (was bench/cloud loaded?): HTTP ${res.status} ${res.body.slice(0, 300)}`);
    }
    await sleep(500);
  }
}

function newUsername() {
  counter += 1;
  return `bench-${RUN_ID}-${counter}`;
}

/** Signs up the users the login op logs in as (not measured). */
async function createLoginUsers(t) {
  const users = [];
  for (let i = 0; i < LOGIN_USERS; i++) {
    const username = newUsername();
    const res = await send(t, 'POST', `${t.mount}/users`, { username, password: PASSWORD }, { headers: clientHeaders });
    const parsed = safeJson(res.body);
    if (res.status !== 201 || typeof parsed?.objectId !== 'string') {
      throw new Error(`creating login users failed on ${t.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    }
    users.push({ username, objectId: parsed.objectId });
  }
  log(`${t.name}: signed up ${users.length} users for the login op`);
  return users;
}
for (const [op, f] of Object.entries(FILE_OPS)) {
  OPS[op] = f.kind === 'upload'
    ? (t) => ({
      method: 'POST', path: `${t.mount}/files/bench-${op}.bin`, raw: fileBodies.get(f.bytes).body, contentType: 'application/octet-stream',
      timeoutMs: FILE_REQUEST_TIMEOUT_MS,
      check: (s, b) => {
        const ok = s === 201 && typeof b?.name === 'string' && typeof b?.url === 'string';
        if (ok) t.uploaded.push(b.name); // deleted after the phase, outside the measured time
        return ok;
      },
    })
    : (t) => ({
      // the body is counted as it streams, not kept; the verification pass checked its SHA-256
      method: 'GET', path: t.files[f.bytes].path, count: true, timeoutMs: FILE_REQUEST_TIMEOUT_MS,
      check: (s, b, n) => s === 200 && n === f.bytes,
    });
}

/**
 * Before the file ops: uploads one file of this size, downloads it and compares its SHA-256 with
 * the body's. The file stays for the download ops; a mismatch ends the run.
 */
async function verifyFiles(t, bytes) {
  try {
    return await verifyFilesOnce(t, bytes);
  } catch (e) {
    log(`${t.name}: VERIFICATION FAILED for ${bytes} bytes: ${e.message}`);
    return { error: `verification: ${e.message}`.slice(0, 400), name: e.fileName };
  }
}

async function verifyFilesOnce(t, bytes) {
  const { body, sha256 } = fileBodies.get(bytes);
  const up = await send(t, 'POST', `${t.mount}/files/bench-verify.bin`, undefined, { raw: body, contentType: 'application/octet-stream', timeoutMs: FILE_REQUEST_TIMEOUT_MS });
  const parsed = safeJson(up.body);
  if (up.status !== 201 || typeof parsed?.name !== 'string' || typeof parsed?.url !== 'string') {
    throw new Error(`file upload (${bytes} bytes) failed on ${t.name}: HTTP ${up.status} ${up.body.slice(0, 300)}`);
  }
  const path = new URL(parsed.url).pathname;
  const down = await send(t, 'GET', path, undefined, { hash: true, timeoutMs: FILE_REQUEST_TIMEOUT_MS })
    .catch((e) => { throw Object.assign(new Error(`GET ${path}: ${e.code || e.name}: ${e.message}`), { fileName: parsed.name }); });
  if (down.status !== 200 || down.bytes !== bytes || down.sha256 !== sha256) {
    throw Object.assign(new Error(`file download (${bytes} bytes) from ${t.name} did not return the uploaded bytes: HTTP ${down.status}, ${down.bytes} bytes, sha256 ${down.sha256} (want ${sha256})`), { fileName: parsed.name });
  }
  log(`${t.name}: verified a ${bytes}-byte upload and download (SHA-256 matches): ${parsed.name}`);
  return { name: parsed.name, path };
}

/** Deletes uploaded files (DELETE /files/:name with the master key), a few at a time; failures are reported, not fatal. */
async function deleteFiles(t, names) {
  let failed = 0;
  let sample = '';
  const queue = [...names];
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (queue.length) {
      const name = queue.shift();
      try {
        const res = await send(t, 'DELETE', `${t.mount}/files/${encodeURIComponent(name)}`);
        if (res.status !== 200) { failed += 1; sample = `HTTP ${res.status} ${res.body.slice(0, 200)}`; }
      } catch (e) {
        failed += 1; sample = e.message;
      }
    }
  }));
  if (failed) log(`${t.name}: ${failed} of ${names.length} file deletions failed, e.g. ${sample}`);
}

async function seed(t) {
  const ids = [];
  const t0 = performance.now();
  for (let i = 0; i < seedCount; i += SEED_BATCH) {
    const n = Math.min(SEED_BATCH, seedCount - i);
    const body = { requests: Array.from({ length: n }, () => ({ method: 'POST', path: `${t.mount}/classes/${CLASS}`, body: newObject('seed') })) };
    const res = await send(t, 'POST', `${t.mount}/batch`, body);
    const parsed = safeJson(res.body);
    if (res.status !== 200 || !Array.isArray(parsed) || parsed.length !== n || !parsed.every((r) => r?.success?.objectId)) {
      throw new Error(`seeding failed on ${t.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    }
    for (const r of parsed) ids.push(r.success.objectId);
  }
  log(`${t.name}: seeded ${ids.length} ${CLASS} objects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return ids;
}

// ---- measurement ----------------------------------------------------------------------------

async function runPhase(t, op, limit) {
  const latencies = [];
  let ok = 0;
  let errors = 0;
  let issued = 0;
  const errorSamples = new Map();
  // idle = the other server(s), up but not under load: their background work (JIT, GC, timers) is shown, not hidden in `other`
  const idlePids = [...new Set(targets.filter((o) => o !== t).flatMap((o) => o.pids))].filter((p) => !t.pids.includes(p));
  const pids = {
    server: t.pids, ...(t.pids.length > 1 ? { proxy: t.pids.slice(1) } : {}),
    ...(mongoPid ? { mongo: [mongoPid] } : {}), ...(idlePids.length ? { idle: idlePids } : {}),
  };
  // the runtime's Cloud Code runner (a node child of the JVM; parse-server runs Cloud Code in its own process)
  const runnerOf = cloudOps.length ? t.pids[0] : null;
  const cpu0 = cpuSnapshot(pids, runnerOf);
  const t0 = performance.now();
  const deadline = limit.seconds ? t0 + limit.seconds * 1000 : Infinity;
  t.uploaded = [];

  const worker = async () => {
    while (true) {
      if (limit.requests ? issued >= limit.requests : performance.now() >= deadline) return;
      issued += 1;
      const req = OPS[baseOp(op)](t);
      const start = performance.now();
      let why = null;
      try {
        const res = await send(t, req.method, req.path, req.body, req);
        if (!req.check(res.status, req.count && res.status === 200 ? undefined : safeJson(res.body), res.bytes)) {
          why = `HTTP ${res.status} ${req.count && res.status === 200 ? `${res.bytes} bytes` : res.body.slice(0, 200)}`;
        }
      } catch (e) {
        why = `${e.code || e.name}: ${e.message}`;
      }
      const ms = performance.now() - start;
      if (why === null) {
        ok += 1;
        latencies.push(ms);
      } else {
        errors += 1;
        if (errorSamples.size < 5 || errorSamples.has(why)) errorSamples.set(why, (errorSamples.get(why) || 0) + 1);
        if (!why.startsWith('HTTP')) await sleep(10); // a dead server must not turn this into a spin loop
      }
    }
  };
  await Promise.all(Array.from({ length: concurrencyOf(op) }, worker));
  const elapsedSec = (performance.now() - t0) / 1000;
  const cpu1 = cpuSnapshot(pids, runnerOf);
  for (const pid of t.pids) if (!alive(pid)) throw new Error(`${t.name} (pid ${pid}) exited during the ${op} phase; no use measuring a dead server`);
  if (t.uploaded.length) await deleteFiles(t, t.uploaded); // untimed: keeps the stores (mongo's heap, s3proxy's disk) small
  return { ok, errors, errorSamples, latencies, elapsedSec, cpu0, cpu1 };
}

function failedResult(op, why) {
  return {
    failed: why, requests: 0, ok: 0, errors: 1, errorSamples: { [why]: 1 }, elapsedSec: 0, reqPerSec: 0, mbPerSec: 0,
    sliceReqPerSec: [], p50Ms: null, p99Ms: null, meanMs: null, maxMs: null, cpu: {}, concurrency: concurrencyOf(op),
    clientCpuUsPerReq: null, serverCpuUsPerReq: null, mongoCpuUsPerReq: null, proxyCpuUsPerReq: null,
  };
}

/** Joins the measured slices of one op on one target: rates over the summed time, percentiles over all requests. */
function summarize(op, slices) {
  const ok = slices.reduce((n, s) => n + s.ok, 0);
  const errors = slices.reduce((n, s) => n + s.errors, 0);
  const elapsed = slices.reduce((n, s) => n + s.elapsedSec, 0);
  const latencies = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const errorSamples = {};
  for (const s of slices) for (const [why, n] of s.errorSamples) errorSamples[why] = (errorSamples[why] || 0) + n;
  const cpu = cpuPercent(slices, elapsed);
  const micros = (k) => (slices.every((s) => s.cpu0[k] != null && s.cpu1[k] != null) ? slices.reduce((n, s) => n + s.cpu1[k] - s.cpu0[k], 0) : null);
  const perRequest = (k) => (ok + errors && micros(k) !== null ? round(micros(k) / (ok + errors), 1) : null);
  return {
    requests: ok + errors,
    ok,
    errors,
    errorSamples,
    elapsedSec: round(elapsed, 3),
    reqPerSec: round(ok / elapsed, FILE_OPS[op] ? 3 : 1),
    objectsPerSec: baseOp(op) === 'batch' ? round((ok * BATCH_SIZE) / elapsed, 1) : undefined,
    mbPerSec: FILE_OPS[op] ? round((ok * FILE_OPS[op].bytes) / MB / elapsed, 1) : undefined,
    concurrency: concurrencyOf(op),
    sliceReqPerSec: slices.map((s) => round(s.ok / s.elapsedSec, 1)),
    p50Ms: round(percentile(latencies, 0.5), 3),
    p99Ms: round(percentile(latencies, 0.99), 3),
    meanMs: round(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1), 3),
    maxMs: round(latencies.at(-1) ?? 0, 3),
    cpu,
    // CPU time per request is far less sensitive to other load on the machine than req/s is.
    clientCpuUsPerReq: perRequest('client'),
    serverCpuUsPerReq: perRequest('server'),
    mongoCpuUsPerReq: perRequest('mongo'),
    proxyCpuUsPerReq: perRequest('proxy'),
    runnerCpuUsPerReq: perRequest('runner'),
  };
}

/**
 * One request. opts.raw: a Buffer sent as is with opts.contentType (else body is sent as JSON);
 * opts.count / opts.hash: a 200 body is only counted (and hashed), not kept.
 */
function send(t, method, path, body, opts = {}) {
  return new Promise((resolve, reject) => {
    const payload = opts.raw ?? (body === undefined ? null : Buffer.from(JSON.stringify(body)));
    const h = { ...(opts.headers ?? headers) };
    if (opts.contentType) h['Content-Type'] = opts.contentType;
    if (payload) h['Content-Length'] = payload.length;
    const req = http.request({ host: t.url.hostname, port: t.url.port, method, path, agent: t.agent, headers: h }, (res) => {
      const chunks = [];
      let bytes = 0;
      const stream = (opts.count || opts.hash) && res.statusCode === 200;
      const hash = stream && opts.hash ? crypto.createHash('sha256') : null;
      res.on('data', (c) => {
        bytes += c.length;
        if (hash) hash.update(c);
        if (!stream) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode, bytes, sha256: hash?.digest('hex'), body: stream ? '' : Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs ?? REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}

// ---- CPU accounting: this process via cpuUsage, the servers via /proc/<pid>/stat ----------

function cpuSnapshot(pids, runnerOf) {
  const u = process.cpuUsage();
  const snap = { client: u.user + u.system }; // microseconds
  for (const [name, list] of Object.entries(pids)) {
    const each = list.map(procCpuMicros);
    snap[name] = each.includes(null) ? null : each.reduce((a, b) => a + b, 0);
  }
  if (runnerOf) snap.runner = nodeDescendantsCpuMicros(runnerOf);
  snap.machine = machineCpu();
  return snap;
}

/** CPU of a process and all its descendants (the runtime's embedded S3 server is its child JVM). */
function procCpuMicros(pid) {
  const own = ownCpuMicros(pid);
  if (own === null) return null;
  return own + childPids(pid).reduce((n, c) => n + (procCpuMicros(c) ?? 0), 0);
}

/** CPU of the node processes below pid (not pid itself); null when there are none. */
function nodeDescendantsCpuMicros(pid) {
  let found = false;
  let micros = 0;
  const walk = (p) => {
    for (const c of childPids(p)) {
      if (commOf(c) === 'node') {
        found = true;
        micros += procCpuMicros(c) ?? 0;
      } else {
        walk(c);
      }
    }
  };
  walk(pid);
  return found ? micros : null;
}

function commOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

function childPids(pid) {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

function ownCpuMicros(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields after "(comm)"; utime is field 14 overall
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
  } catch {
    return null;
  }
}

function machineCpu() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = line[3] + (line[4] || 0);
    const total = line.reduce((a, b) => a + b, 0);
    return { idle, total };
  } catch {
    return null;
  }
}

/** Percent of ONE core over the slices (200% = both cores of a 2-core machine); machineBusy = share of all cores. */
function cpuPercent(slices, elapsedSec) {
  const out = {};
  for (const k of Object.keys(slices[0].cpu0)) {
    if (k === 'machine') continue;
    const known = slices.every((s) => s.cpu0[k] !== null && s.cpu1[k] !== null);
    out[k] = known ? round((slices.reduce((n, s) => n + s.cpu1[k] - s.cpu0[k], 0) / 1e6 / elapsedSec) * 100, 1) : null;
  }
  if (slices.every((s) => s.cpu0.machine && s.cpu1.machine)) {
    const idle = slices.reduce((n, s) => n + s.cpu1.machine.idle - s.cpu0.machine.idle, 0);
    const total = slices.reduce((n, s) => n + s.cpu1.machine.total - s.cpu0.machine.total, 0);
    if (total > 0) {
      out.machineBusy = round((1 - idle / total) * 100, 1);
      // CPU used by anything outside this benchmark (other users of the machine): the noise floor.
      // proxy and runner are part of server already
      const ours = ['client', 'server', 'mongo', 'idle'].reduce((n, k) => n + (out[k] ?? 0), 0);
      out.other = round(Math.max(0, out.machineBusy * os.availableParallelism() - ours), 1);
    }
  }
  return out;
}

// ---- small helpers --------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function parseArgs(argv) {
  const out = { target: [] };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) die(`bad argument ${argv[i]}`);
    const k = argv[i].slice(2);
    if (k === 'target') out.target.push(argv[i + 1]);
    else out[k] = argv[i + 1];
  }
  for (const k of ['app-id', 'key-header', 'key', 'out']) if (!out[k]) die(`--${k} is required`);
  if (out.target.length === 0) die('at least one --target NAME=URL=PID is required');
  return out;
}

function parseTarget(spec) {
  const [name, url, pid] = spec.split('=');
  if (!name || !url || !pid) die(`--target wants NAME=URL=SERVER_PID[+PID...], got ${spec}`);
  const pids = pid.split('+').map(Number);
  const u = new URL(url.replace(/\/$/, '') + '/');
  return {
    name,
    url: u,
    mount: u.pathname.replace(/\/$/, ''), // e.g. "/parse"
    pid: pids[0],
    pids,
    filesOnly: spec.split('=')[3] === 'files',
    agent: new http.Agent({ keepAlive: true, maxSockets: maxClients(), maxFreeSockets: maxClients() }),
    seedIds: [],
    loginUsers: [],
    files: {},
    uploaded: [],
  };
}

/** The most clients any op uses: each target's agent keeps that many connections. */
function maxClients() {
  return Math.max(concurrency, fileConcurrency, bigFileConcurrency, ...wanted.filter((op) => op.includes('@')).map((op) => Number(op.split('@')[1])));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function int(v, name) {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) die(`--${name} must be a positive integer, got ${v}`);
  return n;
}

function baseOp(op) { return op.split('@')[0]; }
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (x) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(0)}%`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function log(msg) { process.stderr.write(msg + '\n'); }
function die(msg) { console.error(`load: ${msg}`); process.exit(2); }

main().catch((e) => {
  console.error(`load: ${e.stack || e}`);
  process.exit(1);
});
