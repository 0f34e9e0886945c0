// LiveQuery through the official SDK (query.subscribe(), Parse.LiveQueryClient) and, for the protocol's error
// frames, through a raw WebSocket. The server must publish the classes LiveMessage, LiveSecret, LiveGuarded and
// LiveOwned (run.sh starts the runtime with --live-query-classes set so; on parse-server: liveQuery.classNames).
// Their names are fixed, since the live list is set when the server starts: each test matches only objects of its
// own `tag`, and the classes are dropped before and after the file.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { Parse, MASTER, SERVER_URL, APP_ID, JS_KEY, IS_PARSE_SERVER, rest, uniqueClass } from './helpers.mjs';
import { newUser, newRole, restAs } from './users-helpers.mjs';

const require = createRequire(import.meta.url);
const WebSocket = require('ws');

const LIVE_URL = SERVER_URL.replace(/^http/, 'ws');
const CLASSES = ['LiveMessage', 'LiveSecret', 'LiveGuarded', 'LiveOwned'];
/** Longer than the server's session cache (run.sh: 1 s; parse-server: 5 s). */
const SESSION_CACHE_WAIT_MS = IS_PARSE_SERVER ? 6000 : 2000;
const clients = [];

function tag() {
  return `t${randomBytes(5).toString('hex')}`;
}

async function dropClasses() {
  for (const className of CLASSES) {
    await rest('DELETE', `/purge/${className}`, { master: true });
    await rest('DELETE', `/schemas/${className}`, { master: true });
  }
}

/** A client of its own, as a user (or nobody) without the master key. */
async function clientAs(sessionToken) {
  const client = new Parse.LiveQueryClient({
    applicationId: APP_ID, serverURL: LIVE_URL, javascriptKey: JS_KEY, sessionToken,
  });
  client.on('error', () => {});
  client.open();
  clients.push(client);
  return client;
}

/** The events a subscription receives, in order; take() waits for the next one. */
function recorder(subscription) {
  const queue = [];
  let wake = () => {};
  for (const type of ['create', 'update', 'enter', 'leave', 'delete']) {
    subscription.on(type, (object, original) => {
      queue.push({ type, object, original });
      wake();
    });
  }
  return {
    async take(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no LiveQuery event within ${timeoutMs} ms`);
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, left);
        });
      }
      return queue.shift();
    },
    async quiet(ms = 1000) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      assert.deepEqual(queue.map((event) => `${event.type} ${event.object?.id}`), [], 'no event expected');
    },
  };
}

async function subscribed(client, query, sessionToken) {
  const subscription = client.subscribe(query, sessionToken);
  await subscription.subscribePromise;
  return recorder(subscription);
}

function save(className, fields, acl) {
  const object = new Parse.Object(className);
  object.set(fields);
  if (acl) object.setACL(acl);
  return object.save(null, MASTER);
}

function aclFor(...readers) {
  const acl = new Parse.ACL();
  for (const reader of readers) {
    if (typeof reader === 'string') acl.setRoleReadAccess(reader, true);
    else acl.setReadAccess(reader, true);
  }
  return acl;
}

before(dropClasses);
after(async () => {
  for (const client of clients) await client.close();
  await Parse.LiveQuery.close();
  await dropClasses();
});

describe('events (query.subscribe(), the master key of the SDK\'s default client)', () => {
  test('create, update, leave, enter and delete, each with the object and the original', async () => {
    const room = tag();
    const events = recorder(await new Parse.Query('LiveMessage').equalTo('room', room).subscribe());
    const other = await save('LiveMessage', { room: tag(), text: 'elsewhere' });
    const message = await save('LiveMessage', { room, text: 'hello', count: 1 });

    const created = await events.take();
    assert.equal(created.type, 'create');
    assert.equal(created.object.id, message.id);
    assert.equal(created.object.className, 'LiveMessage');
    assert.equal(created.object.get('text'), 'hello');
    assert.ok(created.object.createdAt instanceof Date);

    message.set('text', 'edited');
    message.increment('count');
    await message.save(null, MASTER);
    const updated = await events.take();
    assert.equal(updated.type, 'update');
    assert.equal(updated.object.get('text'), 'edited');
    assert.equal(updated.object.get('count'), 2);
    assert.equal(updated.original.get('text'), 'hello');

    message.set('room', tag());
    await message.save(null, MASTER);
    const left = await events.take();
    assert.equal(left.type, 'leave');
    assert.equal(left.object.id, message.id);
    assert.equal(left.original.get('room'), room);

    message.set('room', room);
    await message.save(null, MASTER);
    const entered = await events.take();
    assert.equal(entered.type, 'enter');
    assert.equal(entered.object.get('room'), room);
    assert.notEqual(entered.original.get('room'), room);

    await message.destroy(MASTER);
    const deleted = await events.take();
    assert.equal(deleted.type, 'delete');
    assert.equal(deleted.object.id, message.id);

    other.set('text', 'still elsewhere');
    await other.save(null, MASTER);
    await events.quiet(500);
  });

  test('writes through /batch, Cloud Code and raw REST publish too', async () => {
    const room = tag();
    const events = recorder(await new Parse.Query('LiveMessage').equalTo('room', room).subscribe());
    const batch = [1, 2, 3].map((n) => new Parse.Object('LiveMessage', { room, n }));
    await Parse.Object.saveAll(batch, MASTER);
    const ids = new Set();
    for (let i = 0; i < 3; i += 1) {
      const event = await events.take();
      assert.equal(event.type, 'create');
      ids.add(event.object.id);
    }
    assert.deepEqual(ids, new Set(batch.map((object) => object.id)));

    const fromCode = await Parse.Cloud.run('liveQuerySave', { className: 'LiveMessage', fields: { room, by: 'code' } });
    const byCode = await events.take();
    assert.equal(byCode.object.id, fromCode);
    assert.equal(byCode.object.get('by'), 'code');

    const res = await rest('PUT', `/classes/LiveMessage/${fromCode}`, { master: true, body: { by: 'rest' } });
    assert.equal(res.status, 200);
    const byRest = await events.take();
    assert.equal(byRest.type, 'update');
    assert.equal(byRest.object.get('by'), 'rest');
    assert.equal(byRest.original.get('by'), 'code');
  });

  test('keys limit the fields an event carries; watch limits updates to changes of those fields', async () => {
    const room = tag();
    const selected = recorder(await new Parse.Query('LiveMessage').equalTo('room', room).select('text').subscribe());
    const watched = recorder(await new Parse.Query('LiveMessage').equalTo('room', room).watch('text').subscribe());
    const message = await save('LiveMessage', { room, text: 'a', count: 1 });

    const created = await selected.take();
    assert.equal(created.object.get('text'), 'a');
    assert.equal(created.object.get('count'), undefined);
    assert.equal(created.object.get('room'), undefined);
    assert.equal(created.object.id, message.id);
    assert.equal((await watched.take()).type, 'create');

    message.increment('count');
    await message.save(null, MASTER);
    assert.equal((await selected.take()).type, 'update');
    await watched.quiet(500);

    message.set('text', 'b');
    await message.save(null, MASTER);
    const changed = await watched.take();
    assert.equal(changed.type, 'update');
    assert.equal(changed.object.get('text'), 'b');
  });

  test('the router\'s path /<mount>/livequery/<appId> serves the same protocol', async () => {
    const client = new Parse.LiveQueryClient({
      applicationId: APP_ID, serverURL: `${LIVE_URL}/livequery/${APP_ID}`, javascriptKey: JS_KEY,
    });
    client.on('error', () => {});
    client.open();
    clients.push(client);
    const room = tag();
    const events = await subscribed(client, new Parse.Query('LiveMessage').equalTo('room', room));
    const message = await save('LiveMessage', { room });
    assert.equal((await events.take()).object.id, message.id);
  }, { skip: IS_PARSE_SERVER ? 'parse-server serves LiveQuery on its mount or its own server only' : false });

  test('unsubscribing ends the events', async () => {
    const room = tag();
    const subscription = await new Parse.Query('LiveMessage').equalTo('room', room).subscribe();
    const events = recorder(subscription);
    await subscription.unsubscribe();
    await save('LiveMessage', { room });
    await events.quiet(700);
  });

  test('a class that is not live is refused with an error', async () => {
    const notLive = uniqueClass('LiveNot');
    await assert.rejects(new Parse.Query(notLive).subscribe(), (error) => {
      assert.equal(error.code, Parse.Error.OPERATION_FORBIDDEN);
      assert.match(error.message, /not enabled/);
      return true;
    });
  }, { skip: IS_PARSE_SERVER ? 'parse-server accepts the subscription and never sends an event' : false });
});

describe('Cloud Code: beforeConnect, beforeSubscribe, afterLiveQueryEvent', () => {
  test('beforeConnect refuses a connection with its error', async () => {
    const client = new Parse.LiveQueryClient({
      applicationId: APP_ID, serverURL: LIVE_URL, javascriptKey: JS_KEY, sessionToken: 'refused-by-cloud-code',
    });
    client.on('error', () => {});
    client.open();
    await assert.rejects(client.connectPromise, (error) => {
      assert.equal(error.code, Parse.Error.SCRIPT_FAILED);
      assert.equal(error.message, 'not today');
      return true;
    });
    // a client refused before connecting counts as closed for the SDK, which leaves its socket open
    client.socket.close();
  });

  test('beforeSubscribe refuses a subscription with its error', async () => {
    await assert.rejects(new Parse.Query('LiveMessage').equalTo('room', 'closed-room').subscribe(), (error) => {
      assert.equal(error.code, Parse.Error.SCRIPT_FAILED);
      assert.equal(error.message, 'this room is closed');
      return true;
    });
  });

  test('afterLiveQueryEvent drops an event or changes its object', async () => {
    const room = tag();
    const events = recorder(await new Parse.Query('LiveMessage').equalTo('room', room).subscribe());
    await save('LiveMessage', { room, hideme: true });
    const loud = await save('LiveMessage', { room, shout: 'hey' });
    const event = await events.take();
    assert.equal(event.object.id, loud.id);
    assert.equal(event.object.get('shout'), 'HEY');
    await events.quiet(500);
  });
});

describe('security: each subscriber sees what a find of its own would', () => {
  let alice;
  let bob;

  before(async () => {
    alice = await newUser('lqalice');
    bob = await newUser('lqbob');
  });

  test('the ACL: public, a user\'s own, a role\'s and an inherited role\'s objects', async () => {
    const child = await newRole('lqchild', { users: [bob.user] });
    const parent = await newRole('lqparent', { roles: [child] });
    const t = tag();
    const asAlice = (await subscribed(await clientAs(alice.token), new Parse.Query('LiveSecret').equalTo('tag', t)));
    const asBob = (await subscribed(await clientAs(bob.token), new Parse.Query('LiveSecret').equalTo('tag', t)));
    const asNobody = (await subscribed(await clientAs(undefined), new Parse.Query('LiveSecret').equalTo('tag', t)));

    const forAlice = await save('LiveSecret', { tag: t, to: 'alice' }, aclFor(alice.user));
    assert.equal((await asAlice.take()).object.id, forAlice.id);

    const forRole = await save('LiveSecret', { tag: t, to: 'child' }, aclFor(child.getName()));
    assert.equal((await asBob.take()).object.id, forRole.id);

    const forParent = await save('LiveSecret', { tag: t, to: 'parent' }, aclFor(parent.getName()));
    assert.equal((await asBob.take()).object.id, forParent.id);

    const open = await save('LiveSecret', { tag: t, to: 'everyone' });
    for (const events of [asAlice, asBob, asNobody]) {
      assert.equal((await events.take()).object.id, open.id);
    }
    await asAlice.quiet(300);
    await asBob.quiet(100);
    await asNobody.quiet(100);
  });

  test('an object whose ACL stops letting the subscriber read it leaves, showing the last version it could read', async () => {
    const t = tag();
    const asAlice = (await subscribed(await clientAs(alice.token), new Parse.Query('LiveSecret').equalTo('tag', t)));
    const object = await save('LiveSecret', { tag: t, note: 'visible' }, aclFor(alice.user));
    assert.equal((await asAlice.take()).type, 'create');
    object.set('note', 'hidden now');
    object.setACL(aclFor(bob.user));
    await object.save(null, MASTER);
    const left = await asAlice.take();
    assert.equal(left.type, 'leave');
    assert.equal(left.object.get('note'), 'visible');
  });

  test('a subscribe frame\'s own session token replaces the connection\'s', async () => {
    const t = tag();
    const client = await clientAs(undefined);
    const events = (await subscribed(client, new Parse.Query('LiveSecret').equalTo('tag', t), alice.token));
    const object = await save('LiveSecret', { tag: t }, aclFor(alice.user));
    assert.equal((await events.take()).object.id, object.id);
  });

  test('the CLP: a subscriber refused find is refused the subscription; protected fields never reach it', async () => {
    const res = await rest('POST', '/schemas/LiveGuarded', {
      master: true,
      body: {
        className: 'LiveGuarded',
        fields: { tag: { type: 'String' }, secret: { type: 'String' }, shown: { type: 'String' } },
        classLevelPermissions: {
          find: { [alice.user.id]: true }, get: { [alice.user.id]: true }, count: {},
          create: {}, update: {}, delete: {}, addField: {},
          protectedFields: { '*': ['secret'] },
        },
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const t = tag();
    const bobClient = await clientAs(bob.token);
    await assert.rejects(bobClient.subscribe(new Parse.Query('LiveGuarded').equalTo('tag', t)).subscribePromise,
      (error) => error.code === Parse.Error.OPERATION_FORBIDDEN);

    const asAlice = (await subscribed(await clientAs(alice.token), new Parse.Query('LiveGuarded').equalTo('tag', t)));
    const asMaster = recorder(await new Parse.Query('LiveGuarded').equalTo('tag', t).subscribe());
    const object = await save('LiveGuarded', { tag: t, secret: 's3cret', shown: 'yes' });
    const seen = await asAlice.take();
    assert.equal(seen.object.id, object.id);
    assert.equal(seen.object.get('shown'), 'yes');
    assert.equal(seen.object.get('secret'), undefined);
    assert.equal((await asMaster.take()).object.get('secret'), 's3cret');

    const aliceClient = await clientAs(alice.token);
    await assert.rejects(aliceClient.subscribe(new Parse.Query('LiveGuarded').equalTo('secret', 's3cret')).subscribePromise,
      (error) => error.code === Parse.Error.OPERATION_FORBIDDEN);
  });

  test('pointer permissions: readUserFields deliver only the objects that point to the subscriber', async () => {
    const res = await rest('POST', '/schemas/LiveOwned', {
      master: true,
      body: {
        className: 'LiveOwned',
        fields: { tag: { type: 'String' }, owner: { type: 'Pointer', targetClass: '_User' } },
        classLevelPermissions: {
          find: {}, get: {}, count: {}, create: {}, update: {}, delete: {}, addField: {},
          readUserFields: ['owner'],
        },
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const t = tag();
    const asAlice = (await subscribed(await clientAs(alice.token), new Parse.Query('LiveOwned').equalTo('tag', t)));
    await save('LiveOwned', { tag: t, owner: bob.user });
    const own = await save('LiveOwned', { tag: t, owner: alice.user });
    const event = await asAlice.take();
    assert.equal(event.object.id, own.id);
    await asAlice.quiet(300);
  });

  test('a session that is logged out stops receiving what only its user may read', async () => {
    const carol = await newUser('lqcarol');
    const t = tag();
    const asCarol = (await subscribed(await clientAs(carol.token), new Parse.Query('LiveSecret').equalTo('tag', t)));
    const first = await save('LiveSecret', { tag: t }, aclFor(carol.user));
    assert.equal((await asCarol.take()).object.id, first.id);
    const logout = await restAs(carol.token, 'POST', '/logout');
    assert.equal(logout.status, 200);
    await new Promise((resolve) => setTimeout(resolve, SESSION_CACHE_WAIT_MS));
    await save('LiveSecret', { tag: t }, aclFor(carol.user));
    await asCarol.quiet(1000);
  });
});

describe('the protocol\'s error frames (raw WebSocket)', () => {
  /** A socket and the frames it receives; next() waits for the next one. */
  async function socket() {
    const ws = new WebSocket(LIVE_URL);
    const frames = [];
    let wake = () => {};
    const closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data) => {
      frames.push(JSON.parse(data.toString()));
      wake();
    });
    ws.on('error', () => {});
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return {
      ws,
      closed,
      send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      async next(timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (frames.length === 0) {
          const left = deadline - Date.now();
          if (left <= 0) throw new Error('no frame');
          await new Promise((resolve) => {
            wake = resolve;
            setTimeout(resolve, left);
          });
        }
        return frames.shift();
      },
    };
  }

  const connect = { op: 'connect', applicationId: APP_ID, ...(JS_KEY ? { javascriptKey: JS_KEY } : {}) };

  test('connect answers connected with a client id; subscribe and unsubscribe answer with the request id', async () => {
    const s = await socket();
    s.send({ ...connect, installationId: 'inst-1' });
    const connected = await s.next();
    assert.equal(connected.op, 'connected');
    assert.equal(typeof connected.clientId, 'string');
    assert.equal(connected.installationId, 'inst-1');
    s.send({ op: 'subscribe', requestId: 7, query: { className: 'LiveMessage', where: { room: tag() } } });
    assert.deepEqual(await s.next(), { op: 'subscribed', clientId: connected.clientId, installationId: 'inst-1', requestId: 7 });
    s.send({ op: 'unsubscribe', requestId: 7 });
    assert.deepEqual(await s.next(), { op: 'unsubscribed', clientId: connected.clientId, installationId: 'inst-1', requestId: 7 });
    s.ws.close();
  });

  test('a wrong application ID is refused with code 4', async () => {
    const s = await socket();
    s.send({ op: 'connect', applicationId: 'not-this-app' });
    const error = await s.next();
    assert.equal(error.op, 'error');
    assert.equal(error.code, 4);
    assert.equal(error.error, 'Key in request is not valid');
    s.ws.close();
  }, { skip: IS_PARSE_SERVER ? 'parse-server checks only its keyPairs, not the application ID' : false });

  test('subscribing before connecting is code 2; unknown ops and fields are code 1 with the schema\'s message', async () => {
    const s = await socket();
    s.send({ op: 'subscribe', requestId: 1, query: { className: 'LiveMessage', where: {} } });
    const early = await s.next();
    assert.equal(early.code, 2);
    assert.equal(early.reconnect, true);
    s.send({ op: 'bogus' });
    const unknown = await s.next();
    assert.equal(unknown.code, 1);
    assert.match(unknown.error, /No enum match/);
    s.send({ ...connect, extra: true });
    assert.equal((await s.next()).error, 'Additional properties not allowed');
    s.send({ op: 'subscribe', requestId: 'one', query: { className: 'LiveMessage', where: {} } });
    assert.equal((await s.next()).code, 1);
    s.send({ op: 'subscribe', requestId: 2, query: { className: 'LiveMessage' } });
    assert.match((await s.next()).error, /Missing required property: where/);
    s.ws.close();
  });

  test('unsubscribing what was never subscribed is code 2', async () => {
    const s = await socket();
    s.send(connect);
    await s.next();
    s.send({ op: 'unsubscribe', requestId: 99 });
    const error = await s.next();
    assert.equal(error.op, 'error');
    assert.equal(error.code, 2);
    s.ws.close();
  });

  test('a frame larger than the limit closes the connection with 1009', async () => {
    const s = await socket();
    s.send({ ...connect, sessionToken: 'x'.repeat(70_000) });
    assert.equal(await s.closed, 1009);
  }, { skip: IS_PARSE_SERVER ? 'parse-server has no frame limit of its own' : false });
});
