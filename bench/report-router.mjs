// Report of `./reparse bench --router`: one tenant runtime measured directly (side "direct") and
// through the Reparse router (side "router"), in alternating slices of the same run.
// node bench/report-router.mjs --in load.json --meta meta.json --out results.json
// The last lines printed are always "router throughput loss: X.X% ..." and "router added p50: ...".

import fs from 'node:fs';

// the targets of issue 5
const MAX_LOSS = 0.10;
const MAX_ADDED_P50_MS = 0.5;

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const load = JSON.parse(fs.readFileSync(args.in, 'utf8'));
const meta = args.meta ? JSON.parse(fs.readFileSync(args.meta, 'utf8')) : {};
const direct = load.sides.direct.ops;
const router = load.sides.router.ops;

const rows = Object.keys(direct).filter((op) => op in router).map((op) => {
  const d = direct[op];
  const r = router[op];
  return {
    op,
    clients: d.concurrency,
    direct: d,
    router: r,
    throughputLoss: d.reqPerSec > 0 ? round(1 - r.reqPerSec / d.reqPerSec, 4) : null,
    addedP50Ms: round(r.p50Ms - d.p50Ms, 3),
    addedP99Ms: round(r.p99Ms - d.p99Ms, 3),
    addedMeanMs: round(r.meanMs - d.meanMs, 3),
  };
});
// throughput is judged where the runtime is saturated (most clients); latency unloaded (fewest)
const loaded = rows.reduce((a, b) => (b.clients > (a?.clients ?? 0) ? b : a), null);
const unloaded = rows.reduce((a, b) => (b.clients < (a?.clients ?? Infinity) ? b : a), null);
const totalErrors = rows.reduce((n, r) => n + r.direct.errors + r.router.errors, 0);

fs.writeFileSync(args.out, JSON.stringify({
  ...meta,
  config: load.config,
  target: { maxThroughputLoss: MAX_LOSS, maxAddedP50Ms: MAX_ADDED_P50_MS },
  ops: rows,
  throughputLoss: loaded?.throughputLoss ?? null,
  addedP50Ms: unloaded?.addedP50Ms ?? null,
  totalErrors,
}, null, 2));

const cfg = load.config;
console.log('');
console.log(`Router overhead — one tenant runtime, direct vs through the router, ` +
  (cfg.requests ? `${cfg.requests} requests` : `${cfg.durationSec} s`) + ` per op and side in ${cfg.rounds} alternating slices after ${cfg.warmupSec} s warm-up`);
console.log(`get = GET /parse/classes/BenchObject/<id>; op@N = N clients (otherwise ${cfg.concurrency}); key ${cfg.keyHeader}`);
if (meta.machine) console.log(`load average (1/5/15 min, ${meta.machine.cores} cores): before ${meta.machine.loadAverageBefore}, after ${meta.machine.loadAverageAfter}`);
console.log('');
printTable(
  ['op', 'clients', 'direct req/s', 'p50 ms', 'p99 ms', 'err', 'router req/s', 'p50 ms', 'p99 ms', 'err', 'loss', '+p50 ms', '+p99 ms'],
  rows.map((r) => [
    r.op, String(r.clients),
    fmt(r.direct.reqPerSec, 1), fmt(r.direct.p50Ms, 3), fmt(r.direct.p99Ms, 3), String(r.direct.errors),
    fmt(r.router.reqPerSec, 1), fmt(r.router.p50Ms, 3), fmt(r.router.p99Ms, 3), String(r.router.errors),
    r.throughputLoss === null ? 'n/a' : `${(r.throughputLoss * 100).toFixed(1)}%`, fmt(r.addedP50Ms, 3), fmt(r.addedP99Ms, 3),
  ]),
);
console.log('');
console.log('CPU during the measured phases, % of one core; server = runtime (+ router on the router side);');
console.log('router = the router JVM alone; other = processes outside this benchmark; µs/req = CPU time per request:');
const cpuRows = [];
for (const r of rows) {
  for (const [side, res] of [['direct', r.direct], ['router', r.router]]) {
    cpuRows.push([r.op, side, pct(res.cpu.client), pct(res.cpu.server), pct(res.cpu.proxy), pct(res.cpu.mongo), pct(res.cpu.other), pct(res.cpu.machineBusy),
      fmt(res.clientCpuUsPerReq, 0), fmt(res.serverCpuUsPerReq, 0), fmt(res.proxyCpuUsPerReq, 0), fmt(res.mongoCpuUsPerReq, 0)]);
  }
}
printTable(['op', 'side', 'client', 'server', 'router', 'mongo', 'other', 'machine', 'client µs/req', 'server µs/req', 'router µs/req', 'mongo µs/req'], cpuRows);
console.log('');
console.log('slices, req/s (direct | router): ' + rows.map((r) => `${r.op} ${r.direct.sliceReqPerSec.join(' ')} | ${r.router.sliceReqPerSec.join(' ')}`).join('; '));
if (rows.some((r) => (r.direct.cpu.other ?? 0) > 20 || (r.router.cpu.other ?? 0) > 20)) {
  console.log('WARNING: other processes used > 20% of a core during some phases; compare with care or re-run on an idle machine.');
}
if (totalErrors > 0) {
  console.log(`ERRORS: ${totalErrors} failed requests (not counted). Samples:`);
  for (const r of rows) {
    for (const [side, res] of [['direct', r.direct], ['router', r.router]]) {
      for (const [why, n] of Object.entries(res.errorSamples || {})) console.log(`  ${r.op} on ${side} (${n}x): ${why}`);
    }
  }
} else {
  console.log('errors: none');
}
console.log(`results: ${args.out}`);
if (loaded) {
  const verdict = loaded.throughputLoss <= MAX_LOSS ? 'within' : 'OVER';
  console.log(`router throughput loss: ${(loaded.throughputLoss * 100).toFixed(1)}% at ${loaded.clients} clients (${loaded.op}; target <= ${MAX_LOSS * 100}%: ${verdict})`);
}
if (unloaded) {
  const verdict = unloaded.addedP50Ms <= MAX_ADDED_P50_MS ? 'within' : 'OVER';
  console.log(`router added p50: ${unloaded.addedP50Ms.toFixed(3)} ms at ${unloaded.clients} client(s) (${unloaded.op}; target <= ${MAX_ADDED_P50_MS} ms: ${verdict})`);
}

function printTable(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || (i === 1 && head[1] === 'side') ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

function fmt(x, d) {
  return x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d);
}
function pct(x) {
  return x === null || x === undefined ? 'n/a' : `${x.toFixed(0)}%`;
}
function round(x, d) {
  return Math.round(x * 10 ** d) / 10 ** d;
}
