// Joins the two sides' load.mjs results into one table and one JSON file.
// node bench/report.mjs --in load.json --baseline NAME --candidate NAME --out results.json --meta meta.json
// The last line printed is always: "min throughput ratio vs parse-server: X.XX".

import fs from 'node:fs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const load = JSON.parse(fs.readFileSync(args.in, 'utf8'));
const baseline = { side: args.baseline, ...load.sides[args.baseline] };
const candidate = { side: args.candidate, ...load.sides[args.candidate] };
const meta = args.meta ? JSON.parse(fs.readFileSync(args.meta, 'utf8')) : {};

const ops = Object.keys(baseline.ops).filter((op) => op in candidate.ops);
const rows = ops.map((op) => {
  const b = baseline.ops[op];
  const c = candidate.ops[op];
  const ratio = b.reqPerSec > 0 ? c.reqPerSec / b.reqPerSec : null;
  const cpuRatio = b.serverCpuUsPerReq && c.serverCpuUsPerReq ? round(c.serverCpuUsPerReq / b.serverCpuUsPerReq, 3) : null;
  return { op, baseline: b, candidate: c, throughputRatio: ratio === null ? null : round(ratio, 3), serverCpuPerRequestRatio: cpuRatio };
});
const ratios = rows.map((r) => r.throughputRatio).filter((r) => r !== null);
const minRatio = ratios.length ? Math.min(...ratios) : 0;
const totalErrors = rows.reduce((n, r) => n + r.baseline.errors + r.candidate.errors, 0);

fs.writeFileSync(args.out, JSON.stringify({
  ...meta,
  config: load.config,
  sides: { baseline: baseline.side, candidate: candidate.side },
  ops: rows,
  minThroughputRatio: round(minRatio, 3),
  totalErrors,
}, null, 2));

const B = baseline.side;
const C = candidate.side;
const cfg = load.config;
console.log('');
console.log(`Reparse benchmark — ${cfg.concurrency} concurrent keep-alive clients, ` +
  (cfg.requests ? `${cfg.requests} requests` : `${cfg.durationSec} s`) + ` per op in ${cfg.rounds} alternating slices after ${cfg.warmupSec} s warm-up, ${cfg.seed} seed objects, key ${cfg.keyHeader}`);
console.log(`baseline  = ${B}`);
console.log(`candidate = ${C}`);
console.log('query = GET 100 objects; batch = POST /batch of 10 creates (req/s counts batches)');
console.log('');
const head = ['op', `${B} req/s`, 'p50 ms', 'p99 ms', 'err', `${C} req/s`, 'p50 ms', 'p99 ms', 'err', 'ratio'];
const table = rows.map((r) => [
  r.op,
  fmt(r.baseline.reqPerSec, 1), fmt(r.baseline.p50Ms, 2), fmt(r.baseline.p99Ms, 2), String(r.baseline.errors),
  fmt(r.candidate.reqPerSec, 1), fmt(r.candidate.p50Ms, 2), fmt(r.candidate.p99Ms, 2), String(r.candidate.errors),
  r.throughputRatio === null ? 'n/a' : r.throughputRatio.toFixed(2),
]);
printTable(head, table);

console.log('');
console.log('CPU during each measured phase, % of one core; idle side = the server not under load;');
console.log('machine = busy share of all cores;');
console.log('other = processes outside this benchmark (anything above a few % makes req/s noisy);');
console.log('µs/req = CPU time per request, which other load disturbs far less than req/s:');
const cpuHead = ['op', 'side', 'client', 'server', 'mongo', 'idle side', 'other', 'machine', 'client µs/req', 'server µs/req', 'mongo µs/req'];
const cpuRows = [];
for (const r of rows) {
  for (const [side, res] of [[B, r.baseline], [C, r.candidate]]) {
    cpuRows.push([r.op, side, pct(res.cpu.client), pct(res.cpu.server), pct(res.cpu.mongo), pct(res.cpu.idle), pct(res.cpu.other), pct(res.cpu.machineBusy), fmt(res.clientCpuUsPerReq, 0), fmt(res.serverCpuUsPerReq, 0), fmt(res.mongoCpuUsPerReq, 0)]);
  }
}
printTable(cpuHead, cpuRows);

const samples = [];
for (const r of rows) {
  for (const [side, res] of [[B, r.baseline], [C, r.candidate]]) {
    for (const [why, n] of Object.entries(res.errorSamples || {})) samples.push(`  ${r.op} on ${side} (${n}x): ${why}`);
  }
}
const noisy = rows.flatMap((r) => [r.baseline, r.candidate]).some((res) => (res.cpu.other ?? 0) > 20);
if (noisy) console.log('\nWARNING: other processes used > 20% of a core during some phases; compare with care or re-run on an idle machine.');
console.log('');
if (totalErrors > 0) {
  console.log(`ERRORS: ${totalErrors} failed requests (not counted as throughput). Samples:`);
  for (const s of samples) console.log(s);
} else {
  console.log('errors: none (every response had the expected status and body shape)');
}
console.log(`results: ${args.out}`);
console.log(`min throughput ratio vs parse-server: ${minRatio.toFixed(2)}`);

function printTable(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === 1 && head[1] === 'side' ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
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
