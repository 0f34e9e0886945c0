// Issue 14 on the platform: an app's live classes are a setting of the Apps API, applied by its running runtime; the
// SDK subscribes through the router (found by the connect frame's applicationId on the plain mount, or by the
// /parse/livequery/<appId> path) and receives events of REST writes; another app's writes never reach it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Parse, ROUTER_URL, appsApi, createAccount, createApp, eventually, isAlive, parseRest, runtimeProcess, useApp, waitReady,
} from './helpers.mjs';

const WS_URL = ROUTER_URL.replace(/^http/, 'ws');
const clients = [];

// The SDK's close() leaves a pending reconnect timer running (a client still reconnecting after the runtime restart
// would open a new socket later and keep the test process alive): clear it, close, and drop the socket for good.
after(async () => {
  for (const client of clients) {
    clearTimeout(client.reconnectHandle);
    await Promise.race([client.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))]);
    clearTimeout(client.reconnectHandle);
    client.socket?.terminate?.();
  }
});

function liveClient(app, serverURL = WS_URL) {
  const client = new Parse.LiveQueryClient({ applicationId: app.applicationId, serverURL, javascriptKey: app.javascriptKey });
  client.on('error', () => {});
  client.open();
  clients.push(client);
  return client;
}

/** Subscribes and resolves once subscribed; `events` collects create events. */
async function subscribe(client, className, room) {
  const subscription = client.subscribe(new Parse.Query(className).equalTo('room', room));
  const events = [];
  subscription.on('create', (object) => events.push(object));
  subscription.on('error', () => {});
  // the SDK settles subscribePromise with the server's answer: subscribed, or the error frame (e.g. 119, not live)
  const outcome = await Promise.race([
    subscription.subscribePromise.then(() => 'open', (error) => `error ${error.code}: ${error.message}`),
    new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
  ]);
  return { subscription, events, outcome };
}

test('live classes set through the Apps API reach subscribers through the router, one app only', async () => {
  const account = await createAccount('livequery');
  const created = (await createApp(account, 'Live Chat', { liveQueryClassNames: ['Message'] })).app;
  const other = (await createApp(account, 'Other Chat', { liveQueryClassNames: ['Message'] })).app;
  const app = await waitReady(account, created.applicationId);
  const second = await waitReady(account, other.applicationId);
  assert.deepEqual(app.liveQueryClassNames, ['Message']);
  useApp(app); // Parse.initialize sets up the SDK's event emitter, which LiveQueryClient needs
  for (const a of [app, second]) {
    await eventually('the route', async () => ![403, 503].includes((await parseRest(a, 'GET', '/health')).status),
      { timeoutMs: 30_000 });
  }

  const viaFrame = await subscribe(liveClient(app), 'Message', 'lobby');
  assert.equal(viaFrame.outcome, 'open', `subscribe on the mount: ${viaFrame.outcome}`);
  const viaPath = await subscribe(liveClient(app, `${WS_URL}/livequery/${app.applicationId}`), 'Message', 'lobby');
  assert.equal(viaPath.outcome, 'open', `subscribe on /livequery/<appId>: ${viaPath.outcome}`);
  const stranger = await subscribe(liveClient(second), 'Message', 'lobby');
  assert.equal(stranger.outcome, 'open');

  const sent = await parseRest(app, 'POST', '/classes/Message', { key: 'master', body: { room: 'lobby', text: 'hi' } });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  await eventually('the create event on both connections', async () =>
    viaFrame.events.length === 1 && viaPath.events.length === 1, { timeoutMs: 10_000 });
  assert.equal(viaFrame.events[0].id, sent.body.objectId);
  assert.equal(viaFrame.events[0].get('text'), 'hi');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(stranger.events.length, 0, "another app's subscriber sees nothing of this app's writes");

  // a class that is not live is refused, until the setting names it: applied by the running runtime, no restart
  const room = await subscribe(liveClient(app), 'Room', 'lobby');
  assert.equal(room.outcome, 'error 119: LiveQuery is not enabled for class Room');
  const changed = await appsApi(account, 'PUT', `/${app.applicationId}`, { liveQueryClassNames: ['Message', 'Room'] });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.liveQueryClassNames, ['Message', 'Room']);
  let live;
  await eventually('Room live', async () => {
    live = await subscribe(liveClient(app), 'Room', 'lobby');
    return live.outcome === 'open';
  }, { timeoutMs: 20_000, intervalMs: 500 });
  await parseRest(app, 'POST', '/classes/Room', { key: 'master', body: { room: 'lobby' } });
  await eventually('the Room event', async () => live.events.length === 1, { timeoutMs: 10_000 });

  // the app's runtime dies: the platform restarts it, the SDK reconnects through the router and subscribes again
  const { pid } = runtimeProcess(app.applicationId);
  process.kill(pid, 'SIGKILL');
  await eventually('the runtime gone', async () => !isAlive(pid), { timeoutMs: 10_000 });
  await eventually('the app serving again', async () => (await parseRest(app, 'GET', '/health')).status === 200,
    { timeoutMs: 60_000, intervalMs: 250 });
  let after;
  await eventually('an event after the restart', async () => {
    after = await parseRest(app, 'POST', '/classes/Message', { key: 'master', body: { room: 'lobby', text: 'back' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    return viaFrame.events.some((event) => event.get('text') === 'back');
  }, { timeoutMs: 60_000, intervalMs: 1000 });
  assert.equal(after.status, 201);
});
