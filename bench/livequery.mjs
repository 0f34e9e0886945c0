// LiveQuery load: many WebSocket connections, each holding several subscriptions, and an open-loop stream of
// writes whose create events fan out to a known set of subscribers. Measures, per target (one at a time), the
// time from a write being acknowledged (its REST answer received) to each matching subscriber receiving the event.
//
// node bench/livequery.mjs --target NAME=URL=SERVER_PID [--target ...] --app-id A --master-key M --rest-key R --ws-module PATH
//   [--connections 1000] [--subs 10] [--rooms 1000] [--rate 100] [--warmup 5] [--duration 20] --out FILE
//
// Subscription i (over all connections) watches {room: "r<i % rooms>"} on LiveBench; a write goes to one room at
// random, so each write reaches connections*subs/rooms subscriptions. The protocol is spoken raw (connect, subscribe,
// create events), as the SDKs speak it, so the client costs the same for every target. Subscribers connect with
// the REST key, not the master key, so each event passes the server's ACL check; writes use the master key.

import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const CLASS = 'LiveBench';
const CLK_TCK = Number(process.env.CLK_TCK || 100);
const args = parseArgs(process.argv.slice(2));
const WebSocket = createRequire(import.meta.url)(args['ws-module']);
const connections = Number(args.connections ?? 1000);
const subsPerConnection = Number(args.subs ?? 10);
const rooms = Number(args.rooms ?? 1000);
const rate = Number(args.rate ?? 100);
const warmupSeconds = Number(args.warmup ?? 5);
const durationSeconds = Number(args.duration ?? 20);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function parseArgs(argv) {
  const out = { target: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'target') out.target.push(argv[i + 1]);
    else out[name] = argv[i + 1];
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cpuTicks(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

function rssMb(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return NaN;
  }
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(`${url}/classes/${CLASS}`, {
      method: 'POST', agent,
      headers: {
        'X-Parse-Application-Id': args['app-id'], 'X-Parse-Master-Key': args['master-key'],
        'Content-Type': 'application/json', 'Content-Length': data.length,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`${res.statusCode} ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Opens one connection and its subscriptions; resolves when every subscription is confirmed. */
function openConnection(wsUrl, index, onEvent) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    let pending = subsPerConnection;
    const timer = setTimeout(() => reject(new Error(`connection ${index}: not subscribed after 60 s`)), 60_000);
    ws.on('open', () => ws.send(JSON.stringify({ op: 'connect', applicationId: args['app-id'], restAPIKey: args['rest-key'] })));
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw);
      if (msg.op === 'connected') {
        for (let s = 0; s < subsPerConnection; s++) {
          const room = `r${(index * subsPerConnection + s) % rooms}`;
          ws.send(JSON.stringify({ op: 'subscribe', requestId: s + 1, query: { className: CLASS, where: { room } } }));
        }
      } else if (msg.op === 'subscribed') {
        if (--pending === 0) {
          clearTimeout(timer);
          resolve(ws);
        }
      } else if (msg.op === 'create') {
        onEvent(msg.object);
      } else if (msg.op === 'error') {
        clearTimeout(timer);
        reject(new Error(`connection ${index}: ${raw}`));
      }
    });
    ws.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runTarget(spec) {
  const [label, url, pidSpec] = spec.split('=');
  const pid = Number(pidSpec);
  const wsUrl = url.replace(/^http/, 'ws');
  const perRoom = new Map(); // room -> subscriptions watching it
  for (let i = 0; i < connections * subsPerConnection; i++) {
    const room = `r${i % rooms}`;
    perRoom.set(room, (perRoom.get(room) ?? 0) + 1);
  }
  const acked = new Map(); // seq -> ack time
  const received = new Map(); // seq -> [receive times]
  const onEvent = (object) => {
    const list = received.get(object.seq);
    if (list) list.push(performance.now());
    else received.set(object.seq, [performance.now()]);
  };
  process.stderr.write(`livequery: ${label}: opening ${connections} connections x ${subsPerConnection} subscriptions...\n`);
  const openStarted = performance.now();
  const sockets = [];
  for (let i = 0; i < connections; i += 50) { // 50 handshakes at a time
    const batch = [];
    for (let j = i; j < Math.min(connections, i + 50); j++) batch.push(openConnection(wsUrl, j, onEvent));
    sockets.push(...(await Promise.all(batch)));
  }
  const subscribeSeconds = (performance.now() - openStarted) / 1000;
  const rssSubscribed = rssMb(pid);

  let seq = 0;
  const writes = []; // {seq, room, phase}
  const failures = [];
  async function stream(seconds, phase) {
    const started = performance.now();
    const total = Math.round(seconds * rate);
    const inflight = [];
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const mySeq = ++seq;
      const room = `r${Math.floor(Math.random() * rooms)}`;
      writes.push({ seq: mySeq, room, phase });
      inflight.push(post(url, { room, seq: mySeq }).then(() => acked.set(mySeq, performance.now()),
        (e) => failures.push(String(e.message).slice(0, 200))));
    }
    await Promise.all(inflight);
  }
  await stream(warmupSeconds, 'warmup');
  await sleep(1000);
  const cpuBefore = cpuTicks(pid);
  const measureStarted = performance.now();
  await stream(durationSeconds, 'measure');
  await sleep(2000); // events still on their way
  const measureSeconds = (performance.now() - measureStarted) / 1000;
  const cpuSeconds = (cpuTicks(pid) - cpuBefore) / CLK_TCK;
  const rssLoaded = rssMb(pid);

  const latencies = [];
  let expected = 0;
  let got = 0;
  let beforeAck = 0;
  for (const w of writes.filter((x) => x.phase === 'measure')) {
    if (!acked.has(w.seq)) continue;
    expected += perRoom.get(w.room) ?? 0;
    for (const t of received.get(w.seq) ?? []) {
      got++;
      const ms = t - acked.get(w.seq);
      if (ms < 0) beforeAck++;
      latencies.push(Math.max(0, ms));
    }
  }
  latencies.sort((a, b) => a - b);
  for (const ws of sockets) ws.terminate();
  const result = {
    label, connections, subscriptions: connections * subsPerConnection, rooms, writesPerSecond: rate,
    subscribeSeconds: +subscribeSeconds.toFixed(2),
    writes: writes.filter((x) => x.phase === 'measure').length, failedWrites: failures.length, firstFailure: failures[0],
    eventsExpected: expected, eventsReceived: got, eventsPerSecond: Math.round(got / durationSeconds),
    eventsBeforeAck: beforeAck,
    p50: +percentile(latencies, 50).toFixed(2), p99: +percentile(latencies, 99).toFixed(2),
    max: +(latencies.at(-1) ?? NaN).toFixed(2),
    serverCpuPercent: Math.round((100 * cpuSeconds) / measureSeconds), rssSubscribedMb: rssSubscribed, rssLoadedMb: rssLoaded,
  };
  process.stderr.write(`livequery: ${label}: ${JSON.stringify(result)}\n`);
  await sleep(1000);
  return result;
}

const results = [];
for (const spec of args.target) results.push(await runTarget(spec));
fs.writeFileSync(args.out, JSON.stringify(results, null, 2));
agent.destroy();

const columns = ['label', 'subscribeSeconds', 'writes', 'failedWrites', 'eventsExpected', 'eventsReceived', 'eventsPerSecond',
  'p50', 'p99', 'max', 'serverCpuPercent', 'rssSubscribedMb', 'rssLoadedMb'];
console.log(columns.join('\t'));
for (const r of results) console.log(columns.map((c) => r[c]).join('\t'));
const base = results.find((r) => r.label === 'parse-server');
const cand = results.find((r) => r.label !== 'parse-server');
if (base && cand) {
  const delivered = (r) => r.eventsReceived / Math.max(1, r.eventsExpected);
  console.log(`livequery delivered: ${cand.label} ${(100 * delivered(cand)).toFixed(2)} %, parse-server ${(100 * delivered(base)).toFixed(2)} %`);
  console.log(`livequery p99 latency ratio (parse-server / ${cand.label}): ${(base.p99 / cand.p99).toFixed(2)}`);
  console.log(`livequery server CPU ratio (parse-server / ${cand.label}): ${(base.serverCpuPercent / Math.max(1, cand.serverCpuPercent)).toFixed(2)}`);
}
