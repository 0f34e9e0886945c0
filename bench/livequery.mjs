// LiveQuery load: C WebSocket connections holding S subscriptions each (spread over ROOMS rooms of one class), W
// REST writes per second for D seconds, each to a random room; measures, per event received, the time from the
// write's acknowledgement (its HTTP answer) to the event (0 when the event came first), and counts missing events.
//
//   PARSE_SERVER_URL=http://127.0.0.1:1337/parse PARSE_APP_ID=app PARSE_MASTER_KEY=mk \
//   node bench/livequery.mjs --connections 1000 --subscriptions 10 --rooms 100 --writes 100 --seconds 30
//
// The server must publish the class (default LiveBench: `--live-query-classes LiveBench`). Uses the `ws` package
// the conformance suite installs (conformance/node_modules).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(new URL('../conformance/package.json', import.meta.url));
const WebSocket = require('ws');

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const CONNECTIONS = Number(args.connections ?? 100);
const SUBSCRIPTIONS = Number(args.subscriptions ?? 10);
const ROOMS = Number(args.rooms ?? 100);
const WRITES = Number(args.writes ?? 50);
const SECONDS = Number(args.seconds ?? 20);
const CLASS = args.class ?? 'LiveBench';
const URL_ = (process.env.PARSE_SERVER_URL ?? 'http://127.0.0.1:1337/parse').replace(/\/$/, '');
const APP_ID = process.env.PARSE_APP_ID ?? 'app';
const MASTER_KEY = process.env.PARSE_MASTER_KEY;
const runId = Math.random().toString(36).slice(2, 8);

const subscribersOfRoom = new Array(ROOMS).fill(0);
const acked = new Map(); // objectId -> ack time
const early = new Map(); // objectId -> [receive times before the ack]
const latencies = [];
let received = 0;

function room(i) {
  return `${runId}-${i}`;
}

function onEvent(frame, now) {
  if (frame.op !== 'create') return;
  received += 1;
  const id = frame.object.objectId;
  const ack = acked.get(id);
  if (ack === undefined) {
    if (!early.has(id)) early.set(id, []);
    early.get(id).push(now);
  } else {
    latencies.push(Math.max(0, now - ack));
  }
}

async function open(index) {
  const ws = new WebSocket(URL_.replace(/^http/, 'ws'));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let pending = SUBSCRIPTIONS + 1;
  const ready = new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.op === 'connected' || frame.op === 'subscribed') {
        pending -= 1;
        if (pending === 0) resolve();
      } else if (frame.op === 'error') {
        reject(new Error(`connection ${index}: ${frame.code} ${frame.error}`));
      } else {
        onEvent(frame, performance.now());
      }
    });
  });
  ws.send(JSON.stringify({ op: 'connect', applicationId: APP_ID }));
  for (let s = 0; s < SUBSCRIPTIONS; s += 1) {
    const r = (index * SUBSCRIPTIONS + s) % ROOMS;
    subscribersOfRoom[r] += 1;
    ws.send(JSON.stringify({ op: 'subscribe', requestId: s + 1, query: { className: CLASS, where: { room: room(r) } } }));
  }
  await ready;
  return ws;
}

async function write() {
  const r = Math.floor(Math.random() * ROOMS);
  const res = await fetch(`${URL_}/classes/${CLASS}`, {
    method: 'POST',
    headers: { 'X-Parse-Application-Id': APP_ID, 'X-Parse-Master-Key': MASTER_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ room: room(r), at: Date.now() }),
  });
  const now = performance.now();
  const body = await res.json();
  if (!res.ok) throw new Error(`write answered ${res.status} ${JSON.stringify(body)}`);
  acked.set(body.objectId, now);
  for (const t of early.get(body.objectId) ?? []) latencies.push(Math.max(0, t - now));
  early.delete(body.objectId);
  return subscribersOfRoom[r];
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const setupStart = performance.now();
const sockets = [];
for (let i = 0; i < CONNECTIONS; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(CONNECTIONS, i + 50); j += 1) batch.push(open(j));
  sockets.push(...await Promise.all(batch));
}
const setupMs = performance.now() - setupStart;

let expected = 0;
const writeTimes = [];
const start = performance.now();
const inFlight = [];
for (let n = 0; n < WRITES * SECONDS; n += 1) {
  const due = start + (n * 1000) / WRITES;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const t0 = performance.now();
  inFlight.push(write().then((subscribers) => {
    expected += subscribers;
    writeTimes.push(performance.now() - t0);
  }));
}
await Promise.all(inFlight);
await new Promise((resolve) => setTimeout(resolve, 2000));
for (const ws of sockets) ws.close();

latencies.sort((a, b) => a - b);
writeTimes.sort((a, b) => a - b);
const fmt = (x) => x.toFixed(1);
console.log(JSON.stringify({
  connections: CONNECTIONS, subscriptions: CONNECTIONS * SUBSCRIPTIONS, rooms: ROOMS,
  writesPerSecond: WRITES, seconds: SECONDS, setupSeconds: Number((setupMs / 1000).toFixed(1)),
  events: { expected, received, missing: expected - received },
  ackToEventMs: { p50: fmt(percentile(latencies, 50)), p95: fmt(percentile(latencies, 95)),
    p99: fmt(percentile(latencies, 99)), max: fmt(latencies.at(-1) ?? NaN) },
  writeMs: { p50: fmt(percentile(writeTimes, 50)), p99: fmt(percentile(writeTimes, 99)) },
}, null, 2));
process.exit(0);
