// Atomic update operators: Increment, Add, AddUnique, Remove, Delete (unset).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, uniqueClass, rest, assertRestError, SAFER_THAN_PARSE_SERVER } from './helpers.mjs';

const Counter = uniqueClass('OpCounter');
const Listy = uniqueClass('OpList');

async function reload(obj) {
  return new Parse.Query(obj.className).get(obj.id);
}

describe('increment', () => {
  test('increment adds to the stored value, including concurrent increments', async () => {
    const obj = await new Parse.Object(Counter, { n: 10 }).save();
    const a = Parse.Object.extend(Counter).createWithoutData(obj.id);
    const b = Parse.Object.extend(Counter).createWithoutData(obj.id);
    a.increment('n');
    b.increment('n', 5);
    await Promise.all([a.save(), b.save()]);
    assert.equal((await reload(obj)).get('n'), 16);
  });

  test('increment by a negative or fractional amount', async () => {
    const obj = await new Parse.Object(Counter, { n: 1 }).save();
    obj.increment('n', -3);
    await obj.save();
    obj.increment('n', 0.5);
    await obj.save();
    assert.equal((await reload(obj)).get('n'), -1.5);
  });

  test('increment of a missing field starts from zero and the update response carries the new value', async () => {
    const created = await rest('POST', `/classes/${Counter}`, { body: { label: 'fresh' } });
    const res = await rest('PUT', `/classes/${Counter}/${created.body.objectId}`, {
      body: { n: { __op: 'Increment', amount: 4 } },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.n, 4);
    assert.equal(typeof res.body.updatedAt, 'string');
  });

  test('increment of a nested key with dot notation changes only that key', async () => {
    const created = await rest('POST', `/classes/${Counter}`, { body: { stats: { views: 1, likes: 7 } } });
    const res = await rest('PUT', `/classes/${Counter}/${created.body.objectId}`, {
      body: { 'stats.views': { __op: 'Increment', amount: 2 } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const got = await rest('GET', `/classes/${Counter}/${created.body.objectId}`);
    assert.deepEqual(got.body.stats, { views: 3, likes: 7 });
  });

  test('increment with a non-number amount is refused', async () => {
    const created = await rest('POST', `/classes/${Counter}`, { body: { n: 1 } });
    const res = await rest('PUT', `/classes/${Counter}/${created.body.objectId}`, {
      body: { n: { __op: 'Increment', amount: 'two' } },
    });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });

  test('increment of a string field is a schema mismatch (111)', async () => {
    // The SDK refuses this locally, so it is sent through REST.
    const created = await rest('POST', `/classes/${Counter}`, { body: { label: 'text' } });
    const res = await rest('PUT', `/classes/${Counter}/${created.body.objectId}`, {
      body: { label: { __op: 'Increment', amount: 1 } },
    });
    assertRestError(res, 400, Parse.Error.INCORRECT_TYPE);
    const got = await rest('GET', `/classes/${Counter}/${created.body.objectId}`);
    assert.equal(got.body.label, 'text');
  });
});

describe('array operators', () => {
  test('add appends values, keeping duplicates', async () => {
    const obj = await new Parse.Object(Listy, { tags: ['a'] }).save();
    obj.add('tags', 'a');
    obj.add('tags', 'b');
    await obj.save();
    assert.deepEqual((await reload(obj)).get('tags'), ['a', 'a', 'b']);
  });

  test('add to a missing field creates the array', async () => {
    const obj = await new Parse.Object(Listy, { other: 1 }).save();
    obj.addAll('tags', [1, 2]);
    await obj.save();
    assert.deepEqual((await reload(obj)).get('tags'), [1, 2]);
  });

  test('addUnique appends only values not already present, including objects', async () => {
    const obj = await new Parse.Object(Listy, { tags: ['a', 'b'], objs: [{ k: 1 }] }).save();
    obj.addAllUnique('tags', ['b', 'c', 'c']);
    obj.addUnique('objs', { k: 1 });
    await obj.save();
    const got = await reload(obj);
    assert.deepEqual(got.get('tags'), ['a', 'b', 'c']);
    assert.deepEqual(got.get('objs'), [{ k: 1 }]);
  });

  test('addUnique of pointers compares by className and objectId', async () => {
    const target = await new Parse.Object(Counter, { n: 0 }).save();
    const obj = await new Parse.Object(Listy, { ptrs: [target] }).save();
    obj.addUnique('ptrs', Parse.Object.extend(Counter).createWithoutData(target.id));
    await obj.save();
    const got = await rest('GET', `/classes/${Listy}/${obj.id}`);
    assert.deepEqual(got.body.ptrs, [{ __type: 'Pointer', className: Counter, objectId: target.id }]);
  });

  test('remove deletes every occurrence of each value', async () => {
    const obj = await new Parse.Object(Listy, { tags: ['a', 'b', 'a', 'c', 1] }).save();
    obj.remove('tags', 'a');
    obj.remove('tags', 1);
    await obj.save();
    assert.deepEqual((await reload(obj)).get('tags'), ['b', 'c']);
  });

  test('remove from a missing field succeeds and leaves the field missing', async () => {
    await rest('POST', `/classes/${Listy}`, { body: { x: 1, tags: ['t'] } }); // tags is an Array field
    const other = await rest('POST', `/classes/${Listy}`, { body: { x: 2 } });
    const res = await rest('PUT', `/classes/${Listy}/${other.body.objectId}`, {
      body: { tags: { __op: 'Remove', objects: ['z'] } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const got = await rest('GET', `/classes/${Listy}/${other.body.objectId}`);
    assert.equal('tags' in got.body, false, JSON.stringify(got.body));
  });

  test('the update response of an array operator carries the resulting array', async () => {
    const created = await rest('POST', `/classes/${Listy}`, { body: { tags: ['x'] } });
    const res = await rest('PUT', `/classes/${Listy}/${created.body.objectId}`, {
      body: { tags: { __op: 'AddUnique', objects: ['x', 'y'] } },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.tags, ['x', 'y']);
  });

  test('add with a non-array objects value is refused with 107', async () => {
    const created = await rest('POST', `/classes/${Listy}`, { body: { tags: ['x'] } });
    const res = await rest('PUT', `/classes/${Listy}/${created.body.objectId}`, {
      body: { tags: { __op: 'Add', objects: 'y' } },
    });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });
});

describe('unset', () => {
  test('unset removes the field from the object but not from the schema', async () => {
    const obj = await new Parse.Object(Listy, { gone: 'soon', stays: 1 }).save();
    obj.unset('gone');
    await obj.save();
    const got = await reload(obj);
    assert.equal(got.has('gone'), false);
    assert.equal(got.get('stays'), 1);
    const raw = await rest('GET', `/classes/${Listy}/${obj.id}`);
    assert.equal('gone' in raw.body, false, 'the REST body omits an unset field');
  });

  test('Delete op in a create is accepted and stores nothing for that field', async () => {
    const res = await rest('POST', `/classes/${Listy}`, { body: { a: 1, b: { __op: 'Delete' } } });
    assert.equal(res.status, 201);
    const got = await rest('GET', `/classes/${Listy}/${res.body.objectId}`);
    assert.equal('b' in got.body, false);
    assert.equal(got.body.a, 1);
  });

  // Stock Parse Server throws a bare string here and answers HTTP 500 {"code":1,"message":
  // "Internal server error."}; a client mistake should be a 400 with a Parse error code.
  test('an unknown __op is refused as a client error (107)', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    const created = await rest('POST', `/classes/${Listy}`, { body: { a: 1 } });
    const res = await rest('PUT', `/classes/${Listy}/${created.body.objectId}`, {
      body: { a: { __op: 'Multiply', amount: 2 } },
    });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });
});
