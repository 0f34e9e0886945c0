// Closed-loop HTTP/1.1 keep-alive load generator for one Parse-compatible server.
// Node built-ins only, so it runs before and without the npm install; see bench/README.md.
//
// node bench/load.mjs --url http://127.0.0.1:P/parse --app-id A --key-header X-Parse-Master-Key --key K
//   --side NAME --out FILE [--concurrency 16] [--warmup 5] [--duration 10] [--requests N]
//   [--ops query,get,update,create,batch] [--seed 1000] [--pids server=123,mongo=456]

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
const base = new URL(args.url.replace(/\/$/, '') + '/');
const mount = base.pathname.replace(/\/$/, ''); // e.g. "/parse"
const concurrency = int(args.concurrency ?? 16, 'concurrency');
const warmupSec = Number(args.warmup ?? 5);
const durationSec = Number(args.duration ?? 10);
const fixedRequests = args.requests ? int(args.requests, 'requests') : 0;
const seedCount = int(args.seed ?? 1000, 'seed');
const ops = (args.ops ?? ALL_OPS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const op of ops) if (!ALL_OPS.includes(op)) die(`unknown op ${op}; known: ${ALL_OPS.join(',')}`);
if (seedCount < QUERY_LIMIT) die(`--seed must be >= ${QUERY_LIMIT} so the query op can return ${QUERY_LIMIT} objects`);
const pids = parsePids(args.pids ?? '');

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
const headers = {
  'X-Parse-Application-Id': args['app-id'],
  [args['key-header']]: args.key,
  'Content-Type': 'application/json',
};

let counter = 0;
let seedIds = [];

async function main() {
  const started = new Date().toISOString();
  seedIds = await seed();
  const results = {};
  for (const op of ops) {
    await runPhase(op, { seconds: warmupSec });
    const r = await runPhase(op, fixedRequests ? { requests: fixedRequests } : { seconds: durationSec });
    results[op] = r;
    log(`${args.side.padEnd(14)} ${op.padEnd(7)} ${r.reqPerSec.toFixed(1).padStart(9)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  errors ${r.errors}  cpu client ${pct(r.cpu.client)} server ${pct(r.cpu.server)} mongo ${pct(r.cpu.mongo)} other ${pct(r.cpu.other)}`);
  }
  agent.destroy();
  const out = {
    side: args.side,
    url: args.url,
    started,
    config: { concurrency, warmupSec, durationSec: fixedRequests ? null : durationSec, requests: fixedRequests || null, seed: seedCount, keyHeader: args['key-header'] },
    ops: results,
  };
  fs.writeFileSync(args.out, JSON.stringify(out, null, 2));
}

// ---- workload -------------------------------------------------------------------------------

function newObject(kind) {
  counter += 1;
  return { kind, n: counter, name: `bench-${counter}`, score: Math.random() * 1000, tags: ['alpha', 'beta'], active: counter % 2 === 0 };
}

function randomSeedId() {
  return seedIds[(Math.random() * seedIds.length) | 0];
}

const queryPath = `${mount}/classes/${CLASS}?` + new URLSearchParams({ where: JSON.stringify({ kind: 'seed' }), limit: String(QUERY_LIMIT) });

/** Each op returns a request plus a check that returns null when the response is right, else why not. */
const OPS = {
  create: () => ({
    method: 'POST', path: `${mount}/classes/${CLASS}`, body: newObject('bench'),
    check: (s, b) => s === 201 && typeof b?.objectId === 'string' && typeof b?.createdAt === 'string',
  }),
  get: () => {
    const id = randomSeedId();
    return {
      method: 'GET', path: `${mount}/classes/${CLASS}/${id}`,
      check: (s, b) => s === 200 && b?.objectId === id && b?.kind === 'seed',
    };
  },
  update: () => ({
    method: 'PUT', path: `${mount}/classes/${CLASS}/${randomSeedId()}`, body: { score: Math.random() * 1000, touched: ++counter },
    check: (s, b) => s === 200 && typeof b?.updatedAt === 'string',
  }),
  query: () => ({
    method: 'GET', path: queryPath,
    check: (s, b) => s === 200 && Array.isArray(b?.results) && b.results.length === QUERY_LIMIT
      && b.results.every((o) => typeof o.objectId === 'string' && o.kind === 'seed'),
  }),
  batch: () => ({
    method: 'POST', path: `${mount}/batch`,
    body: { requests: Array.from({ length: BATCH_SIZE }, () => ({ method: 'POST', path: `${mount}/classes/${CLASS}`, body: newObject('batch') })) },
    check: (s, b) => s === 200 && Array.isArray(b) && b.length === BATCH_SIZE && b.every((r) => typeof r?.success?.objectId === 'string'),
  }),
};

async function seed() {
  const ids = [];
  const t0 = performance.now();
  for (let i = 0; i < seedCount; i += SEED_BATCH) {
    const n = Math.min(SEED_BATCH, seedCount - i);
    const body = { requests: Array.from({ length: n }, () => ({ method: 'POST', path: `${mount}/classes/${CLASS}`, body: newObject('seed') })) };
    const res = await send('POST', `${mount}/batch`, body);
    const parsed = safeJson(res.body);
    if (res.status !== 200 || !Array.isArray(parsed) || parsed.length !== n || !parsed.every((r) => r?.success?.objectId)) {
      throw new Error(`seeding failed on ${args.side}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    }
    for (const r of parsed) ids.push(r.success.objectId);
  }
  log(`${args.side}: seeded ${ids.length} ${CLASS} objects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return ids;
}

// ---- measurement ----------------------------------------------------------------------------

async function runPhase(op, limit) {
  const latencies = [];
  let ok = 0;
  let errors = 0;
  let issued = 0;
  const errorSamples = new Map();
  const cpu0 = cpuSnapshot();
  const t0 = performance.now();
  const deadline = limit.seconds ? t0 + limit.seconds * 1000 : Infinity;

  const worker = async () => {
    while (true) {
      if (limit.requests ? issued >= limit.requests : performance.now() >= deadline) return;
      issued += 1;
      const req = OPS[op]();
      const start = performance.now();
      let why = null;
      try {
        const res = await send(req.method, req.path, req.body);
        const parsed = safeJson(res.body);
        if (!req.check(res.status, parsed)) why = `HTTP ${res.status} ${res.body.slice(0, 200)}`;
      } catch (e) {
        why = `${e.code || e.name}: ${e.message}`;
      }
      const ms = performance.now() - start;
      if (why === null) {
        ok += 1;
        latencies.push(ms);
      } else {
        errors += 1;
        if (errorSamples.size < 5) errorSamples.set(why, (errorSamples.get(why) || 0) + 1);
        else if (errorSamples.has(why)) errorSamples.set(why, errorSamples.get(why) + 1);
        if (!why.startsWith('HTTP')) await sleep(10); // a dead server must not turn this into a spin loop
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = cpuSnapshot();

  latencies.sort((a, b) => a - b);
  const cpu = cpuPercent(cpu0, cpu1, elapsed);
  return {
    requests: ok + errors,
    ok,
    errors,
    errorSamples: Object.fromEntries(errorSamples),
    elapsedSec: round(elapsed, 3),
    reqPerSec: round(ok / elapsed, 1),
    objectsPerSec: op === 'batch' ? round((ok * BATCH_SIZE) / elapsed, 1) : undefined,
    p50Ms: round(percentile(latencies, 0.5), 3),
    p99Ms: round(percentile(latencies, 0.99), 3),
    meanMs: round(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1), 3),
    maxMs: round(latencies.at(-1) ?? 0, 3),
    cpu,
    clientCpuUsPerReq: ok + errors ? round(((cpu1.client - cpu0.client) / (ok + errors)), 1) : null,
  };
}

function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const h = payload ? { ...headers, 'Content-Length': payload.length } : headers;
    const req = http.request({ host: base.hostname, port: base.port, method, path, agent, headers: h }, (res) => {
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

function cpuSnapshot() {
  const u = process.cpuUsage();
  const snap = { client: u.user + u.system }; // microseconds
  for (const [name, pid] of Object.entries(pids)) snap[name] = procCpuMicros(pid);
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

/** Percent of ONE core over the phase (200% = both cores of a 2-core machine); machine = busy share of all cores. */
function cpuPercent(a, b, elapsedSec) {
  const out = {};
  for (const k of Object.keys(a)) {
    if (k === 'machine') continue;
    out[k] = a[k] === null || b[k] === null ? null : round(((b[k] - a[k]) / 1e6 / elapsedSec) * 100, 1);
  }
  if (a.machine && b.machine && b.machine.total > a.machine.total) {
    out.machineBusy = round((1 - (b.machine.idle - a.machine.idle) / (b.machine.total - a.machine.total)) * 100, 1);
    // CPU used by anything outside this benchmark (other users of the machine): the noise floor.
    const ours = Object.keys(out).filter((k) => k !== 'machineBusy').reduce((n, k) => n + (out[k] ?? 0), 0);
    out.other = round(Math.max(0, out.machineBusy * os.availableParallelism() - ours), 1);
  }
  return out;
}

// ---- small helpers --------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) die(`bad argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['url', 'app-id', 'key-header', 'key', 'side', 'out']) if (!out[k]) die(`--${k} is required`);
  return out;
}

function parsePids(s) {
  const out = {};
  for (const part of s.split(',').filter(Boolean)) {
    const [name, pid] = part.split('=');
    out[name] = Number(pid);
  }
  return out;
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
