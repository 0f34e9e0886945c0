// Joins the two sides' load.mjs results into one table and one JSON file.
// node bench/report.mjs --in load.json --baseline NAME --candidate NAME [--also NAME] --out results.json --meta meta.json
// --also: a further candidate that ran only the file ops (the runtime on GridFS).
// With REST ops, the last line printed is always: "min throughput ratio vs parse-server: X.XX"
// (REST ops only); file ops get their own "min file throughput ratio vs parse-server" line(s).

import fs from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const load = JSON.parse(fs.readFileSync(args.in, 'utf8'));
const baseline = { side: args.baseline, ...load.sides[args.baseline] };
const candidate = { side: args.candidate, ...load.sides[args.candidate] };
const also = args.also ? { side: args.also, ...load.sides[args.also] } : null;
const meta = args.meta ? JSON.parse(fs.readFileSync(args.meta, 'utf8')) : {};
const fileOps = load.fileOps || {};
const isFileOp = (op) => op in fileOps;
const CLOUD_OPS = ['fn-trivial', 'fn-query', 'create-guarded'];
const isCloudOp = (op) => CLOUD_OPS.includes(op.split('@')[0]);
/** The plain REST op each cloud op is compared with for the cost of a call. */
const CLOUD_TWINS = { 'fn-trivial': 'get', 'fn-query': 'query10', 'create-guarded': 'create' };

function compare(op, b, c) {
  // file ops: MB/s (rounded to 0.1 MB/s, not 0.1 req/s, which would distort 100 MB ops)
  const ratio = b.mbPerSec !== undefined ? (b.mbPerSec > 0 ? c.mbPerSec / b.mbPerSec : null) : b.reqPerSec > 0 ? c.reqPerSec / b.reqPerSec : null;
  const cpuRatio = b.serverCpuUsPerReq && c.serverCpuUsPerReq ? round(c.serverCpuUsPerReq / b.serverCpuUsPerReq, 3) : null;
  return { op, baseline: b, candidate: c, throughputRatio: ratio === null ? null : round(ratio, 3), serverCpuPerRequestRatio: cpuRatio };
}
const ops = Object.keys(baseline.ops).filter((op) => op in candidate.ops);
const rows = ops.filter((op) => !isFileOp(op)).map((op) => compare(op, baseline.ops[op], candidate.ops[op]));
const fileRows = ops.filter(isFileOp).map((op) => compare(op, baseline.ops[op], candidate.ops[op]));
const alsoRows = also ? Object.keys(baseline.ops).filter((op) => isFileOp(op) && op in also.ops).map((op) => compare(op, baseline.ops[op], also.ops[op])) : [];
const minOf = (rs) => {
  const ratios = rs.map((r) => r.throughputRatio).filter((r) => r !== null);
  return ratios.length ? Math.min(...ratios) : 0;
};
const minRatio = minOf(rows);
const cloudRows = rows.filter((r) => isCloudOp(r.op));
const cloud = cloudRows.length ? cloudSummary() : null;
const minFileRatio = minOf(fileRows);
const minAlsoRatio = minOf(alsoRows);
const allRows = [...rows, ...fileRows, ...alsoRows];
const totalErrors = rows.reduce((n, r) => n + r.baseline.errors + r.candidate.errors, 0)
  + [...fileRows, ...alsoRows].reduce((n, r) => n + r.candidate.errors, 0) + fileRows.reduce((n, r) => n + r.baseline.errors, 0);
const candidateStore = meta.candidateFilesStore === 's3' ? 'S3 (embedded s3proxy)' : meta.candidateFilesStore === 'gridfs' ? 'GridFS' : 'GridFS';

fs.writeFileSync(args.out, JSON.stringify({
  ...meta,
  config: load.config,
  sides: { baseline: baseline.side, candidate: candidate.side, ...(also ? { alsoFilesOnly: also.side } : {}) },
  ops: rows,
  ...(fileRows.length ? { fileOps: fileRows, minFileThroughputRatio: round(minFileRatio, 3), candidateFilesStore: candidateStore } : {}),
  ...(alsoRows.length ? { fileOpsAlso: alsoRows, minFileThroughputRatioAlso: round(minAlsoRatio, 3) } : {}),
  ...(cloud ? { cloud } : {}),
  minThroughputRatio: rows.length ? round(minRatio, 3) : null,
  totalErrors,
}, null, 2));

const B = baseline.side;
const C = candidate.side;
const cfg = load.config;
console.log('');
console.log(`Reparse benchmark — ${cfg.concurrency} concurrent keep-alive clients, ` +
  (cfg.requests ? `${cfg.requests} requests` : `${cfg.durationSec} s`) + ` per op in ${cfg.rounds} alternating slices after ${cfg.warmupSec} s warm-up` +
  (cfg.prewarmSec ? ` (and ${cfg.prewarmSec} s of every op before the first)` : '') + `, ${cfg.seed} seed objects, key ${cfg.keyHeader}`);
console.log(`baseline  = ${B}`);
console.log(`candidate = ${C}`);
if (also) console.log(`file ops also = ${also.side} (GridFS on the same mongo server as parse-server)`);
if (meta.machine?.loadAverageBefore) console.log(`load average (1/5/15 min, ${meta.machine.cores} cores): before ${meta.machine.loadAverageBefore}, after ${meta.machine.loadAverageAfter}`);
if (rows.some((r) => ['signup', 'login'].includes(r.op.split('@')[0]))) {
  console.log(`signup = POST /users (new username); login = GET /login of one of 8 users; both with the REST key, never`);
  console.log(`the master key; one bcrypt cost 10 hash or compare and one session insert each:`);
  console.log(`  parse-server: ${meta.parseServerBcrypt ?? 'unknown'}; reparse: at.favre bcrypt (pure Java)`);
}
if (rows.length) {
console.log('query = GET 100 objects; batch = POST /batch of 10 creates (req/s counts batches)');
if (cloud) {
  console.log('Cloud Code (bench/cloud/main.js, loaded by both): fn-trivial = POST /functions/benchTrivial (constant answer);');
  console.log('fn-query = POST /functions/benchQuery with the REST key and a user\'s session token (one query of 10 objects');
  console.log('as that user); create-guarded = POST /classes/GuardedObject through a beforeSave that validates and sets a field');
}
console.log('');
const head = ['op', `${B} req/s`, 'p50 ms', 'p99 ms', 'err', `${C} req/s`, 'p50 ms', 'p99 ms', 'err', 'ratio'];
const table = rows.map((r) => [
  r.op,
  fmt(r.baseline.reqPerSec, 1), fmt(r.baseline.p50Ms, 2), fmt(r.baseline.p99Ms, 2), String(r.baseline.errors),
  fmt(r.candidate.reqPerSec, 1), fmt(r.candidate.p50Ms, 2), fmt(r.candidate.p99Ms, 2), String(r.candidate.errors),
  r.throughputRatio === null ? 'n/a' : r.throughputRatio.toFixed(2),
]);
printTable(head, table);
}

if (cloud) printCloud();

if (fileRows.length) {
  console.log('');
  console.log(`file ops: raw-body POST /files/:name (201 + name) and streamed GET /files/:appId/:name (200 + exact length;`);
  console.log(`SHA-256 checked once per side and size before measuring); MB = 2^20 bytes; parse-server stores in GridFS,`);
  console.log(`${C} in ${candidateStore}${also ? `, ${also.side} in GridFS` : ''}; ratio = MB/s ÷ parse-server's MB/s`);
  console.log('');
  const fhead = ['op', 'side', 'store', 'clients', 'MB/s', 'req/s', 'p50 ms', 'p99 ms', 'err', 'ratio'];
  const frows = [];
  for (const r of fileRows) {
    const a = alsoRows.find((x) => x.op === r.op);
    const line = (side, store, res, ratio) => [r.op, side, store, String(res.concurrency ?? ''), fmt(res.mbPerSec, 1), fmt(res.reqPerSec, 2), fmt(res.p50Ms, 1), fmt(res.p99Ms, 1), String(res.errors), ratio === undefined ? '' : ratio === null ? 'n/a' : ratio.toFixed(2)];
    frows.push(line(B, 'GridFS', r.baseline, undefined));
    frows.push(line(C, candidateStore.split(' ')[0], r.candidate, r.throughputRatio));
    if (a) frows.push(line(also.side, 'GridFS', a.candidate, a.throughputRatio));
  }
  printTable(fhead, frows);
}

console.log('');
console.log('CPU during each measured phase, % of one core; idle side = the server not under load;');
console.log('machine = busy share of all cores;');
console.log('other = processes outside this benchmark (anything above a few % makes req/s noisy);');
console.log('µs/req = CPU time per request, which other load disturbs far less than req/s:');
if (cloud) console.log('runner = the runtime\'s Cloud Code runner (node), part of server; parse-server runs Cloud Code in its own process:');
const cpuHead = ['op', 'side', 'client', 'server', 'mongo', 'idle side', 'other', 'machine', 'client µs/req', 'server µs/req', 'mongo µs/req',
  ...(cloud ? ['runner µs/req'] : [])];
const cpuRows = [];
for (const r of allRows) {
  for (const [side, res] of alsoRows.includes(r) ? [[also.side, r.candidate]] : [[B, r.baseline], [C, r.candidate]]) {
    cpuRows.push([r.op, side, pct(res.cpu.client), pct(res.cpu.server), pct(res.cpu.mongo), pct(res.cpu.idle), pct(res.cpu.other), pct(res.cpu.machineBusy), fmt(res.clientCpuUsPerReq, 0), fmt(res.serverCpuUsPerReq, 0), fmt(res.mongoCpuUsPerReq, 0),
      ...(cloud ? [res.runnerCpuUsPerReq === null || res.runnerCpuUsPerReq === undefined ? '-' : fmt(res.runnerCpuUsPerReq, 0)] : [])]);
  }
}
printTable(cpuHead, cpuRows);

const samples = [];
for (const r of allRows) {
  for (const [side, res] of alsoRows.includes(r) ? [[also.side, r.candidate]] : [[B, r.baseline], [C, r.candidate]]) {
    for (const [why, n] of Object.entries(res.errorSamples || {})) samples.push(`  ${r.op} on ${side} (${n}x): ${why}`);
  }
}
const noisy = allRows.flatMap((r) => [r.baseline, r.candidate]).some((res) => (res.cpu.other ?? 0) > 20);
if (noisy) console.log('\nWARNING: other processes used > 20% of a core during some phases; compare with care or re-run on an idle machine.');
console.log('');
if (totalErrors > 0) {
  console.log(`ERRORS: ${totalErrors} failed requests (not counted as throughput). Samples:`);
  for (const s of samples) console.log(s);
} else {
  console.log('errors: none (every response had the expected status and body shape)');
}
console.log(`results: ${args.out}`);
if (fileRows.length) console.log(`min file throughput ratio vs parse-server: ${minFileRatio.toFixed(2)}   (${C}, ${candidateStore})`);
if (alsoRows.length) console.log(`min file throughput ratio vs parse-server, GridFS vs GridFS: ${minAlsoRatio.toFixed(2)}   (${also.side})`);
if (cloud) console.log(`min Cloud Code throughput ratio vs parse-server: ${cloud.minThroughputRatio.toFixed(2)}   (${cloud.ops.map((o) => o.op).join(', ')}; target >= 2.00 with p99 no worse, never below 1.00)`);
if (rows.length) console.log(`min throughput ratio vs parse-server: ${minRatio.toFixed(2)}`);

/**
 * The Cloud Code ops against issue 9's target (>= 2x parse-server's throughput with p99 no worse, never below 1x),
 * and the cost of a function call over a plain REST get, per side: added p50 latency and added server CPU.
 */
function cloudSummary() {
  const verdict = (r) => {
    if (r.throughputRatio === null) return 'no result';
    const p99Worse = r.candidate.p99Ms > r.baseline.p99Ms;
    if (r.throughputRatio < 1) return 'BELOW 1x';
    if (r.throughputRatio < 2) return p99Worse ? 'under 2x, p99 worse' : 'under 2x';
    return p99Worse ? '>= 2x but p99 worse' : 'meets target';
  };
  const [b, c] = [baseline.side, candidate.side]; // B and C are not declared yet when this runs
  const ops = cloudRows.map((r) => ({
    op: r.op, throughputRatio: r.throughputRatio, p99Ms: { [b]: r.baseline.p99Ms, [c]: r.candidate.p99Ms }, verdict: verdict(r),
  }));
  // per-call overhead: each cloud op against its plain REST twin at the same number of clients (fn-trivial vs get, as
  // asked; fn-query vs query10, the same query without a function; create-guarded vs create, the trigger's cost);
  // with one client p50 is the call's own latency, with many it is mostly queueing (about clients / req/s)
  const overhead = [];
  for (const cloudOp of cloudRows.map((r) => r.op)) {
    const [base, n] = cloudOp.split('@');
    const restOp = CLOUD_TWINS[base] + (n ? `@${n}` : '');
    const cl = rows.find((r) => r.op === cloudOp);
    const rest = rows.find((r) => r.op === restOp);
    if (!rest) continue;
    for (const [side, f, g] of [[b, cl.baseline, rest.baseline], [c, cl.candidate, rest.candidate]]) {
      overhead.push({
        ops: `${cloudOp} vs ${restOp}`, side, clients: f.concurrency,
        restP50Ms: g.p50Ms, cloudP50Ms: f.p50Ms, addedP50Ms: diff(f.p50Ms, g.p50Ms, 3),
        restServerCpuUsPerReq: g.serverCpuUsPerReq, cloudServerCpuUsPerReq: f.serverCpuUsPerReq,
        addedServerCpuUsPerReq: diff(f.serverCpuUsPerReq, g.serverCpuUsPerReq, 0),
      });
    }
  }
  return { ops, overhead, minThroughputRatio: round(minOf(cloudRows), 3) };
}

function printCloud() {
  console.log('');
  console.log('Cloud Code vs issue 9\'s target (>= 2x parse-server\'s req/s with p99 no worse; never below 1x):');
  printTable(['op', 'ratio', `${B} p99 ms`, `${C} p99 ms`, 'verdict'],
    cloud.ops.map((o) => [o.op, o.throughputRatio === null ? 'n/a' : o.throughputRatio.toFixed(2), fmt(o.p99Ms[B], 2), fmt(o.p99Ms[C], 2), o.verdict]));
  if (!cloud.overhead.length) return;
  console.log('');
  console.log('Cost of Cloud Code over a plain REST call, same clients: fn-trivial vs get (a function that does nothing vs');
  console.log('a read of one object), fn-query vs query10 (the same query of 10 as the same user, with and without a');
  console.log('function), create-guarded vs create (a create with and without a beforeSave). Server CPU includes the');
  console.log('runtime\'s Cloud Code runner; with 1 client p50 is the call\'s own latency, with more it is mostly queueing:');
  printTable(['ops', 'side', 'clients', 'REST p50 ms', 'cloud p50 ms', '+p50 ms', 'REST server µs/req', 'cloud server µs/req', '+µs/req'],
    cloud.overhead.map((o) => [o.ops, o.side, String(o.clients), fmt(o.restP50Ms, 3), fmt(o.cloudP50Ms, 3), fmt(o.addedP50Ms, 3),
      fmt(o.restServerCpuUsPerReq, 0), fmt(o.cloudServerCpuUsPerReq, 0), fmt(o.addedServerCpuUsPerReq, 0)]));
}

function diff(a, b, d) {
  return a === null || a === undefined || b === null || b === undefined ? null : round(a - b, d);
}

function printTable(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || (i === 1 && head[1] === 'side') || (i === 2 && head[2] === 'store') ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

function fmt(x, d) {
  return x === null || x === undefined ? 'n/a' : x.toFixed(d);
}
function pct(x) {
  return x === null || x === undefined ? 'n/a' : `${x.toFixed(0)}%`;
}
function round(x, d) {
  return Math.round(x * 10 ** d) / 10 ** d;
}
