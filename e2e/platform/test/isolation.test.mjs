// Issue 5's isolation properties, each its own test, on two apps of one account created for this
// file. Order matters only at the end: the flood runs last (it empties app A's request budget).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import {
  Parse, ROUTER_URL, appsApi, assertParseError, assertUnauthorized, condition, createAccount, createApp, eventually,
  http, isAlive, parseRest, percentile, report, runtimeProcess, sleep, useApp, waitReady,
} from './helpers.mjs';

let account;
let A;
let B;

before(async () => {
  account = await createAccount('iso');
  // Created together so both provision concurrently.
  const open = { clientClassCreationEnabled: true };
  const [a, b] = await Promise.all([createApp(account, 'Iso A', open), createApp(account, 'Iso B', open)]);
  [A, B] = await Promise.all([waitReady(account, a.app.applicationId), waitReady(account, b.app.applicationId)]);
});

after(async () => {
  // Keep the restart phase small: only the e2e test's app has to come back.
  for (const app of [A, B].filter(Boolean)) {
    await appsApi(account, 'DELETE', `/${app.applicationId}`);
  }
});

test('two apps with the same class names keep separate data and schemas', async () => {
  useApp(A);
  const inA = await new Parse.Object('Shared').save({ owner: 'A', onlyInA: true });
  useApp(B);
  const inB = await new Parse.Object('Shared').save({ owner: 'B', onlyInB: 7 });

  useApp(A);
  assert.deepEqual((await new Parse.Query('Shared').find()).map((o) => [o.id, o.get('owner')]), [[inA.id, 'A']]);
  useApp(B);
  assert.deepEqual((await new Parse.Query('Shared').find()).map((o) => [o.id, o.get('owner')]), [[inB.id, 'B']]);

  // The other app's objectId is simply not there.
  assertParseError(await parseRest(A, 'GET', `/classes/Shared/${inB.id}`), 404, 101);
  assertParseError(await parseRest(B, 'GET', `/classes/Shared/${inA.id}`), 404, 101);
  assertParseError(await parseRest(A, 'PUT', `/classes/Shared/${inB.id}`, { body: { owner: 'A?' } }), 404, 101);

  // Each app's schema has only its own fields.
  const schemaA = await parseRest(A, 'GET', '/schemas/Shared', { key: 'master' });
  const schemaB = await parseRest(B, 'GET', '/schemas/Shared', { key: 'master' });
  assert.equal(schemaA.status, 200);
  assert.equal(schemaB.status, 200);
  assert.ok('onlyInA' in schemaA.body.fields && !('onlyInB' in schemaA.body.fields), JSON.stringify(schemaA.body));
  assert.ok('onlyInB' in schemaB.body.fields && !('onlyInA' in schemaB.body.fields), JSON.stringify(schemaB.body));
});

test("one app's client keys, master key, session tokens and file URLs are useless at the other", async () => {
  // Every client key of B, sent with A's application ID: the runtime does not know it -> 403.
  for (const [header, value] of [['X-Parse-Javascript-Key', B.javascriptKey], ['X-Parse-REST-API-Key', B.restKey],
    ['X-Parse-Client-Key', B.clientKey], ['X-Parse-Windows-Key', B.windowsKey]]) {
    assertUnauthorized(await parseRest(A, 'GET', '/classes/Shared', { key: null, headers: { [header]: value } }));
  }
  // B's master key at A: neither master nor a client key -> 403.
  assertUnauthorized(await parseRest(A, 'GET', '/classes/Shared', { key: null,
    headers: { 'X-Parse-Master-Key': B.masterKey } }));
  // ... and next to A's own client key it is just a public request: no master-only operation, no ACL bypass.
  const schemas = await parseRest(A, 'GET', '/schemas', { key: 'js', headers: { 'X-Parse-Master-Key': B.masterKey } });
  assert.equal(schemas.status, 403, JSON.stringify(schemas.body));
  assert.equal(schemas.body.error, 'Permission denied');
  // A's keys with B's application ID: the same.
  assertUnauthorized(await parseRest(A, 'GET', '/classes/Shared', { key: 'rest', appId: B.applicationId }));
  assertUnauthorized(await parseRest(A, 'GET', '/classes/Shared', { key: 'master', appId: B.applicationId }));

  // A session token of B's user at A (with A's own client key): invalid session token, 209.
  useApp(B);
  const user = new Parse.User({ username: 'iso-user', password: 'iso-password' });
  await user.signUp();
  const tokenB = user.getSessionToken();
  assert.equal((await parseRest(B, 'GET', '/users/me', { key: 'js', session: tokenB })).status, 200);
  assertParseError(await parseRest(A, 'GET', '/users/me', { key: 'js', session: tokenB }), 400, 209);
  assertParseError(await parseRest(A, 'GET', '/classes/Shared', { key: 'js', session: tokenB }), 400, 209);
  // Nor does the SDK find B's user behind it at A.
  useApp(A);
  await assert.rejects(Parse.User.me(tokenB), (e) => e.code === Parse.Error.INVALID_SESSION_TOKEN);

  // A file of B (uploaded by its user: public uploads are off by default): its URL serves it; the
  // same name under A's application ID does not exist.
  const upload = await parseRest(B, 'POST', '/files/secret.txt', {
    key: 'rest', session: tokenB, body: 'only for B', json: false, headers: { 'Content-Type': 'text/plain' },
  });
  assert.equal(upload.status, 201, JSON.stringify(upload.body));
  const { url, name } = upload.body;
  assert.ok(url.includes(`/files/${B.applicationId}/`), url);
  const local = `${ROUTER_URL}/files/${B.applicationId}/${encodeURIComponent(name)}`;
  const own = await http('GET', local);
  assert.equal(own.status, 200);
  assert.equal(own.body, 'only for B');
  const atA = await http('GET', `${ROUTER_URL}/files/${A.applicationId}/${encodeURIComponent(name)}`);
  assert.equal(atA.status, 404, `B's file under A's ID: ${atA.status} ${JSON.stringify(atA.body)}`);
  // A cannot delete B's file with its master key, neither under its own ID (whatever A's runtime
  // answers for a name it does not hold, B's bucket is not touched) nor under B's.
  await parseRest(A, 'DELETE', `/files/${encodeURIComponent(name)}`, { key: 'master' });
  assertUnauthorized(await parseRest(A, 'DELETE', `/files/${encodeURIComponent(name)}`,
    { key: 'master', appId: B.applicationId }));
  assert.equal((await http('GET', local)).body, 'only for B', "B's file is intact");
});

test("killing one app's runtime leaves the other serving, and the killed one comes back with its data", async () => {
  useApp(A);
  const keep = await new Parse.Object('Durable').save({ value: 'survives a crash' });
  const victim = runtimeProcess(A.applicationId);
  process.kill(victim.pid, 'SIGKILL');
  const killedAt = performance.now();

  // Until A answers again: B must answer every request (paced under its 30 req/s limit), and A must
  // answer nothing but the router's 503 with Parse error 1 (or, briefly, the old 200 never happens).
  let bRequests = 0;
  let aDown = 0;
  let backMs;
  for (;;) {
    const b = await parseRest(B, 'GET', '/classes/Shared?limit=1');
    assert.equal(b.status, 200, `B while A is down: ${b.status} ${JSON.stringify(b.body)}`);
    bRequests++;
    const a = await parseRest(A, 'GET', `/classes/Durable/${keep.id}`);
    if (a.status === 200) {
      backMs = performance.now() - killedAt;
      break;
    }
    aDown++;
    assert.equal(a.status, 503, `A while its runtime is down: ${a.status} ${JSON.stringify(a.body)}`);
    assert.equal(a.body.code, 1);
    if (performance.now() - killedAt > 90_000) assert.fail('A did not come back within 90 s');
    await sleep(100);
  }
  report(`killed runtime back after ${backMs.toFixed(0)} ms (${aDown} answers 503 meanwhile; `
    + `${bRequests} requests to the other app, all 200)`);
  assert.ok(aDown > 0, 'the router noticed the dead runtime (503) before it came back');

  const now = runtimeProcess(A.applicationId);
  assert.notEqual(now.pid, victim.pid, 'a new runtime process');
  assert.ok(!isAlive(victim.pid));
  const view = await waitReady(account, A.applicationId, { timeoutMs: 30_000 });
  assert.equal(condition(view, 'Runtime').status, 'True');
  const again = await new Parse.Query('Durable').get(keep.id);
  assert.equal(again.get('value'), 'survives a crash');
  assert.equal((await new Parse.Query('Shared').find()).length, 1, "A's earlier data is intact too");
});

/** GET-by-id latencies of `app`, paced at `rps` so the app stays under its own limit. */
async function paced(app, objectId, { count, rps }) {
  const samples = [];
  const statuses = new Map();
  const interval = 1000 / rps;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const res = await parseRest(app, 'GET', `/classes/Shared/${objectId}`);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    samples.push(res.ms);
  }
  return { samples, statuses: Object.fromEntries(statuses) };
}

test("one app's catastrophic regexes are refused at once and leave the other's p99 in its normal range", async () => {
  useApp(A);
  const target = await new Parse.Object('Shared').save({ owner: 'A', probe: true });
  await paced(A, target.id, { count: 20, rps: 20 });
  const baseline = await paced(A, target.id, { count: 100, rps: 20 });

  // B's client: a long string the patterns would backtrack over for seconds (13-86 s before issue 10), queried
  // with its ordinary REST key, paced under B's own request limit.
  useApp(B);
  await new Parse.Object('Victim').save({ text: `${'a'.repeat(5000)}b` });
  const patterns = ['^(a+)+$', '(.*a){25}', '(a|ab)+$', '(a*)*b'];
  const answers = [];
  let stop = false;
  const attack = (async () => {
    for (let i = 0; !stop; i++) {
      const where = encodeURIComponent(JSON.stringify({ text: { $regex: patterns[i % patterns.length] } }));
      const res = await parseRest(B, 'GET', `/classes/Victim?where=${where}`);
      answers.push({ status: res.status, code: res.body?.code, ms: res.ms });
      await sleep(100);
    }
  })();
  const during = await paced(A, target.id, { count: 100, rps: 20 });
  stop = true;
  await attack;

  assert.ok(answers.length >= 20, `B sent ${answers.length} catastrophic queries`);
  for (const answer of answers) {
    assert.equal(answer.status, 400, JSON.stringify(answer));
    assert.equal(answer.code, 102, JSON.stringify(answer));
  }
  const slowest = Math.max(...answers.map((a) => a.ms));
  assert.ok(slowest < 2000, `a refusal took ${slowest.toFixed(0)} ms`);
  assert.deepEqual(during.statuses, { 200: 100 }, "A never failed during B's regexes");
  const p99Base = percentile(baseline.samples, 99);
  const p99During = percentile(during.samples, 99);
  const bound = 3 * p99Base + 20;
  report(`regexes: B sent ${answers.length} (all 102, slowest ${slowest.toFixed(1)} ms); A p99 ${p99Base.toFixed(1)} -> `
    + `${p99During.toFixed(1)} ms (bound ${bound.toFixed(1)} ms)`);
  assert.ok(p99During <= bound, `A's p99 during B's regexes ${p99During.toFixed(1)} ms > bound ${bound.toFixed(1)} ms`);
});

test("one app flooding past its request limit (429, code 155) does not raise the other's p99 beyond its normal range",
  async () => {
    useApp(B);
    const target = await new Parse.Object('Shared').save({ owner: 'B', probe: true });
    const rps = 20; // under the default 30 req/s, so B itself is never limited
    const count = 160; // 8 s per phase; p99 of 160 samples is the 2nd slowest
    await paced(B, target.id, { count: 20, rps }); // warm-up: connections, JIT of the paths used

    const baseline = await paced(B, target.id, { count, rps });
    assert.deepEqual(baseline.statuses, { 200: count });

    // The flood: A is offered up to 300 req/s (10x its limit of 30), whatever its answers' latency, with at
    // most 256 requests in flight, from a worker thread so the flood's own bookkeeping does not delay B's samples.
    const floodStart = performance.now();
    const flooder = new Worker(new URL('./flood-worker.mjs', import.meta.url), {
      workerData: {
        url: `${ROUTER_URL}/classes/Shared?limit=1`,
        headers: { 'X-Parse-Application-Id': A.applicationId, 'X-Parse-REST-API-Key': A.restKey },
        perTick: 3, tickMs: 10, maxInFlight: 256,
      },
    });
    await sleep(1000); // A's burst allowance is spent; from here on A is being limited
    const during = await paced(B, target.id, { count, rps });
    flooder.postMessage('stop');
    const [{ counts: flood, wrongBody }] = await once(flooder, 'message');
    await flooder.terminate();
    const floodSeconds = (performance.now() - floodStart) / 1000;

    const floodTotal = Object.values(flood).reduce((a, b) => a + b, 0);
    assert.equal(wrongBody, undefined, `a 429 without code 155 / Retry-After: ${JSON.stringify(wrongBody)}`);
    assert.ok((flood[429] ?? 0) > 0, `A's flood was limited: ${JSON.stringify(flood)}`);
    // The limiter held: what reached A's runtime is at most its rate over the flood plus one second's burst
    // (+10% for the requests still in flight when the clock stopped).
    const allowed = Math.ceil((30 * floodSeconds + 30) * 1.1);
    assert.ok((flood[200] ?? 0) <= allowed, `A got ${flood[200]} requests through in ${floodSeconds.toFixed(1)} s `
      + `(limit 30 req/s: at most ${allowed})`);
    assert.deepEqual(Object.keys(flood).sort(), ['200', '429'], `A saw only 200 and 429: ${JSON.stringify(flood)}`);
    assert.deepEqual(during.statuses, { 200: count }, "B was never limited or failed during A's flood");

    const p50Base = percentile(baseline.samples, 50);
    const p99Base = percentile(baseline.samples, 99);
    const p50Flood = percentile(during.samples, 50);
    const p99Flood = percentile(during.samples, 99);
    const bound = 3 * p99Base + 20;
    report(`flood: A sent ${floodTotal} requests (${flood[429] ?? 0} x 429/155, ${flood[200] ?? 0} x 200) in `
      + `${floodSeconds.toFixed(1)} s; `
      + `B p50 ${p50Base.toFixed(1)} -> ${p50Flood.toFixed(1)} ms, p99 ${p99Base.toFixed(1)} -> ${p99Flood.toFixed(1)} ms `
      + `(bound ${bound.toFixed(1)} ms)`);
    // Bound: 3x the baseline p99 plus 20 ms. The 3x covers the router and this client doing real extra work
    // on 2 shared cores (the 429s are cheap but not free); the 20 ms absorbs one scheduler hiccup or GC pause
    // on a busy machine. A flood that leaked into B (shared limiter, queueing behind A's connections, a
    // blocked event loop) shows up as B's requests waiting ~1 s for tokens or behind A: far above the bound.
    assert.ok(p99Flood <= bound, `B's p99 during the flood ${p99Flood.toFixed(1)} ms > bound ${bound.toFixed(1)} ms`);
  });
