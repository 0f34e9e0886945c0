// Batches: Parse.Object.saveAll / destroyAll and the REST /batch endpoint.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, SERVER_URL, uniqueClass, rest, assertRestError, expectParseError, ids } from './helpers.mjs';

const Row = uniqueClass('BatchRow');
const MOUNT = new URL(SERVER_URL).pathname.replace(/\/$/, '');

describe('saveAll and destroyAll', () => {
  test('saveAll creates every object in one call and assigns ids', async () => {
    const objects = [1, 2, 3].map((n) => new Parse.Object(Row, { n }));
    const saved = await Parse.Object.saveAll(objects);
    assert.equal(saved.length, 3);
    for (const o of saved) assert.match(o.id, /^[A-Za-z0-9]{10}$/);
    assert.equal(new Set(saved.map((o) => o.id)).size, 3);
    const found = await new Parse.Query(Row).containedIn('objectId', saved.map((o) => o.id)).find();
    assert.deepEqual(ids(found), ids(saved));
  });

  test('saveAll mixes creates and updates', async () => {
    const existing = await new Parse.Object(Row, { n: 10 }).save();
    existing.set('n', 11);
    const fresh = new Parse.Object(Row, { n: 12 });
    await Parse.Object.saveAll([existing, fresh]);
    assert.equal((await new Parse.Query(Row).get(existing.id)).get('n'), 11);
    assert.equal((await new Parse.Query(Row).get(fresh.id)).get('n'), 12);
  });

  test('saveAll saves unsaved pointed-to objects first', async () => {
    const child = new Parse.Object(Row, { n: 20 });
    const parent = new Parse.Object(Row, { n: 21, child });
    await Parse.Object.saveAll([parent]);
    assert.ok(child.id);
    const got = await new Parse.Query(Row).include('child').get(parent.id);
    assert.equal(got.get('child').get('n'), 20);
  });

  test('destroyAll deletes every object', async () => {
    const objects = await Parse.Object.saveAll([new Parse.Object(Row, { n: 30 }), new Parse.Object(Row, { n: 31 })]);
    await Parse.Object.destroyAll(objects);
    const left = await new Parse.Query(Row).containedIn('objectId', objects.map((o) => o.id)).count();
    assert.equal(left, 0);
  });

  test('saveAll with one invalid object saves the others and rejects with that error', async () => {
    await new Parse.Object(Row, { n: 1 }).save(); // n is a Number field
    const good = new Parse.Object(Row, { n: 40, tag: 'mixed' });
    const bad = new Parse.Object(Row, { n: 'not a number', tag: 'mixed' });
    await expectParseError(Parse.Object.saveAll([good, bad]), Parse.Error.INCORRECT_TYPE);
    const stored = await new Parse.Query(Row).equalTo('tag', 'mixed').find();
    assert.deepEqual(stored.map((o) => o.get('n')), [40]);
  });
});

describe('REST /batch', () => {
  test('runs creates, updates and deletes in order and answers one result per request', async () => {
    const victim = await new Parse.Object(Row, { n: 50 }).save();
    const target = await new Parse.Object(Row, { n: 51 }).save();
    const res = await rest('POST', '/batch', {
      body: {
        requests: [
          { method: 'POST', path: `${MOUNT}/classes/${Row}`, body: { n: 52 } },
          { method: 'PUT', path: `${MOUNT}/classes/${Row}/${target.id}`, body: { n: 53 } },
          { method: 'DELETE', path: `${MOUNT}/classes/${Row}/${victim.id}` },
        ],
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.length, 3);
    assert.match(res.body[0].success.objectId, /^[A-Za-z0-9]{10}$/);
    assert.equal(typeof res.body[0].success.createdAt, 'string');
    assert.equal(typeof res.body[1].success.updatedAt, 'string');
    assert.deepEqual(res.body[2], { success: {} });
    assert.equal((await new Parse.Query(Row).get(target.id)).get('n'), 53);
    await expectParseError(new Parse.Query(Row).get(victim.id), Parse.Error.OBJECT_NOT_FOUND);
  });

  test('a path without the mount prefix is refused with 107 and nothing runs', async () => {
    const res = await rest('POST', '/batch', {
      body: {
        requests: [
          { method: 'POST', path: `${MOUNT}/classes/${Row}`, body: { n: 60, tag: 'unrouted' } },
          { method: 'POST', path: `/classes/${Row}`, body: { n: 61, tag: 'unrouted' } },
        ],
      },
    });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
    assert.match(res.body.error, /cannot route batch path/);
    assert.equal(await new Parse.Query(Row).equalTo('tag', 'unrouted').count(), 0);
  });

  test('a failing request yields an error entry and does not stop the others', async () => {
    const res = await rest('POST', '/batch', {
      body: {
        requests: [
          { method: 'POST', path: `${MOUNT}/classes/${Row}`, body: { n: 'text' } },
          { method: 'PUT', path: `${MOUNT}/classes/${Row}/zzzzzzzzzz`, body: { n: 1 } },
          { method: 'POST', path: `${MOUNT}/classes/${Row}`, body: { n: 70 } },
        ],
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body[0].error.code, Parse.Error.INCORRECT_TYPE);
    assert.equal(typeof res.body[0].error.error, 'string');
    assert.equal(res.body[1].error.code, Parse.Error.OBJECT_NOT_FOUND);
    assert.ok(res.body[2].success.objectId);
  });

  test('a GET inside a batch is allowed and returns the object', async () => {
    const obj = await new Parse.Object(Row, { n: 80 }).save();
    const res = await rest('POST', '/batch', {
      body: { requests: [{ method: 'GET', path: `${MOUNT}/classes/${Row}/${obj.id}` }] },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body[0].success.n, 80);
  });

  test('requests that is not an array is refused with 107', async () => {
    const res = await rest('POST', '/batch', { body: { requests: 'nope' } });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });

  test('a path outside the API is refused with 107', async () => {
    const res = await rest('POST', '/batch', {
      body: { requests: [{ method: 'GET', path: '/elsewhere/classes/X' }] },
    });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });
});
