// Closed-loop HTTP/1.1 keep-alive load generator for Parse-compatible servers.
// Node built-ins only, so it runs before and without the npm install; see bench/README.md.
//
// node bench/load.mjs --target NAME=URL=SERVER_PID [--target NAME=URL=SERVER_PID ...]
//   --app-id A --key-header X-Parse-Master-Key --key K --out FILE
//   [--concurrency 16] [--warmup 5] [--duration 10] [--requests N] [--rounds 4]
//   [--ops query,get,update,create,batch] [--seed 1000] [--mongo-pid PID]
//
// Only one target is under load at any moment. Per op, every target is warmed up, then measured
// in `rounds` slices whose order alternates (A B, B A, ...), so drift and noise from other
// processes on the machine fall on all targets alike.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const CLASS = 'BenchObject';
const ALL_OPS = ['query', 'get', 'update', 'create', 'batch'];
const QUERY_LIMIT = 100;
const BATCH_SIZE = 10;
const SEED_BATCH = 50;
const REQUEST_TIMEOUT_MS = 30_000;
const CLK_TCK = Number(process.env.CLK_TCK || 100);

const args = parseArgs(process.argv.slice(2));
const concurrency = int(args.concurrency ?? 16, 'concurrency');
const warmupSec = Number(args.warmup ?? 5);
const durationSec = Number(args.duration ?? 10);
const fixedRequests = args.requests ? int(args.requests, 'requests') : 0;
const rounds = int(args.rounds ?? 4, 'rounds');
const seedCount = int(args.seed ?? 1000, 'seed');
const wanted = (args.ops ?? ALL_OPS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const op of wanted) if (!ALL_OPS.includes(op)) die(`unknown op ${op}; known: ${ALL_OPS.join(',')}`);
const ops = ALL_OPS.filter((op) => wanted.includes(op)); // query first: it must see only the seed objects
if (seedCount < QUERY_LIMIT) die(`--seed must be >= ${QUERY_LIMIT} so the query op can return ${QUERY_LIMIT} objects`);
const mongoPid = args['mongo-pid'] ? Number(args['mongo-pid']) : null;
const targets = args.target.map(parseTarget);

const headers = {
  'X-Parse-Application-Id': args['app-id'],
  [args['key-header']]: args.key,
  'Content-Type': 'application/json',
};

let counter = 0;

async function main() {
  const started = new Date().toISOString();
  for (const t of targets) t.seedIds = await seed(t);
  const results = Object.fromEntries(targets.map((t) => [t.name, {}]));
  for (const op of ops) {
    for (const t of targets) await runPhase(t, op, { seconds: warmupSec });
    const slices = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        const limit = fixedRequests ? { requests: Math.ceil(fixedRequests / rounds) } : { seconds: durationSec / rounds };
        slices[t.name].push(await runPhase(t, op, limit));
      }
    }
    for (const t of targets) {
      const res = summarize(op, slices[t.name]);
      results[t.name][op] = res;
      log(`${t.name.padEnd(16)} ${op.padEnd(7)} ${res.reqPerSec.toFixed(1).padStart(9)} req/s  p50 ${res.p50Ms.toFixed(2)} ms  p99 ${res.p99Ms.toFixed(2)} ms  errors ${res.errors}  cpu client ${pct(res.cpu.client)} server ${pct(res.cpu.server)} mongo ${pct(res.cpu.mongo)} idle side ${pct(res.cpu.idle)} other ${pct(res.cpu.other)}`);
    }
  }
  for (const t of targets) t.agent.destroy();
  const out = {
    started,
    config: { concurrency, warmupSec, durationSec: fixedRequests ? null : durationSec, requests: fixedRequests || null, rounds, seed: seedCount, keyHeader: args['key-header'] },
    sides: Object.fromEntries(targets.map((t) => [t.name, { url: t.url.href, ops: results[t.name] }])),
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
};

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
  const idlePids = targets.filter((o) => o !== t).map((o) => o.pid);
  const pids = { server: [t.pid], ...(mongoPid ? { mongo: [mongoPid] } : {}), ...(idlePids.length ? { idle: idlePids } : {}) };
  const cpu0 = cpuSnapshot(pids);
  const t0 = performance.now();
  const deadline = limit.seconds ? t0 + limit.seconds * 1000 : Infinity;

  const worker = async () => {
    while (true) {
      if (limit.requests ? issued >= limit.requests : performance.now() >= deadline) return;
      issued += 1;
      const req = OPS[op](t);
      const start = performance.now();
      let why = null;
      try {
        const res = await send(t, req.method, req.path, req.body);
        if (!req.check(res.status, safeJson(res.body))) why = `HTTP ${res.status} ${res.body.slice(0, 200)}`;
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
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSec = (performance.now() - t0) / 1000;
  if (!alive(t.pid)) throw new Error(`${t.name} (pid ${t.pid}) exited during the ${op} phase; no use measuring a dead server`);
  return { ok, errors, errorSamples, latencies, elapsedSec, cpu0, cpu1: cpuSnapshot(pids) };
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
    reqPerSec: round(ok / elapsed, 1),
    objectsPerSec: op === 'batch' ? round((ok * BATCH_SIZE) / elapsed, 1) : undefined,
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
  };
}

function send(t, method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const h = payload ? { ...headers, 'Content-Length': payload.length } : headers;
    const req = http.request({ host: t.url.hostname, port: t.url.port, method, path, agent: t.agent, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}

// ---- CPU accounting: this process via cpuUsage, the servers via /proc/<pid>/stat ----------

function cpuSnapshot(pids) {
  const u = process.cpuUsage();
  const snap = { client: u.user + u.system }; // microseconds
  for (const [name, list] of Object.entries(pids)) {
    const each = list.map(procCpuMicros);
    snap[name] = each.includes(null) ? null : each.reduce((a, b) => a + b, 0);
  }
  snap.machine = machineCpu();
  return snap;
}

function procCpuMicros(pid) {
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
      const ours = Object.values(out).reduce((n, v) => n + (v ?? 0), 0) - out.machineBusy;
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
  if (!name || !url || !pid) die(`--target wants NAME=URL=SERVER_PID, got ${spec}`);
  const u = new URL(url.replace(/\/$/, '') + '/');
  return {
    name,
    url: u,
    mount: u.pathname.replace(/\/$/, ''), // e.g. "/parse"
    pid: Number(pid),
    agent: new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency }),
    seedIds: [],
  };
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

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (x) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(0)}%`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function log(msg) { process.stderr.write(msg + '\n'); }
function die(msg) { console.error(`load: ${msg}`); process.exit(2); }

main().catch((e) => {
  console.error(`load: ${e.stack || e}`);
  process.exit(1);
});
