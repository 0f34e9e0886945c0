// Query options: order, limit, skip, count, keys (select), excludeKeys, include.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, uniqueClass, rest, seed } from './helpers.mjs';

const Item = uniqueClass('OptItem');
const Owner = uniqueClass('OptOwner');
const Place = uniqueClass('OptPlace');

const q = () => new Parse.Query(Item);
const labels = (objects) => objects.map((o) => o.get('label'));
let paris;
let ann;
let ben;

before(async () => {
  [paris] = await seed(Place, [{ name: 'Paris', country: 'FR' }]);
  [ann, ben] = await seed(Owner, [
    { name: 'Ann', home: paris },
    { name: 'Ben' },
  ]);
  await seed(Item, [
    { label: 'i1', group: 'x', rank: 3, secret: 's1', owner: ann, owners: [ann, ben], spare: paris },
    { label: 'i2', group: 'y', rank: 1, secret: 's2', owner: ben },
    { label: 'i3', group: 'x', rank: 2, secret: 's3' },
    { label: 'i4', group: 'y', rank: 5, secret: 's4' },
    { label: 'i5', group: 'x', rank: 4, secret: 's5' },
  ]);
});

describe('ordering', () => {
  test('ascending orders by one key', async () => {
    assert.deepEqual(labels(await q().ascending('rank').find()), ['i2', 'i3', 'i1', 'i5', 'i4']);
  });

  test('descending orders by one key', async () => {
    assert.deepEqual(labels(await q().descending('rank').find()), ['i4', 'i5', 'i1', 'i3', 'i2']);
  });

  test('multi-key ordering sorts by the first key, then the next', async () => {
    const found = await q().ascending('group').addDescending('rank').find();
    assert.deepEqual(labels(found), ['i5', 'i1', 'i3', 'i4', 'i2']);
  });

  test('the REST order parameter takes comma-separated keys with - for descending', async () => {
    const res = await rest('GET', `/classes/${Item}?order=-group,rank`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results.map((r) => r.label), ['i2', 'i4', 'i3', 'i1', 'i5']);
  });
});

describe('paging and counting', () => {
  test('limit caps the number of results', async () => {
    assert.deepEqual(labels(await q().ascending('rank').limit(2).find()), ['i2', 'i3']);
  });

  test('skip drops the first results', async () => {
    assert.deepEqual(labels(await q().ascending('rank').skip(3).find()), ['i5', 'i4']);
    assert.deepEqual(labels(await q().ascending('rank').skip(1).limit(2).find()), ['i3', 'i1']);
  });

  test('first returns the first match or undefined', async () => {
    const first = await q().descending('rank').first();
    assert.equal(first.get('label'), 'i4');
    assert.equal(await q().equalTo('label', 'none').first(), undefined);
  });

  test('count counts every match regardless of limit and skip', async () => {
    assert.equal(await q().count(), 5);
    assert.equal(await q().equalTo('group', 'x').count(), 3);
    assert.equal(await q().equalTo('group', 'x').limit(1).skip(1).count(), 3);
  });

  test('REST count=1 with limit=0 returns the count and no results', async () => {
    const res = await rest('GET', `/classes/${Item}?count=1&limit=0&where=${encodeURIComponent('{"group":"y"}')}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { results: [], count: 2 });
  });

  test('each visits every object exactly once', async () => {
    const seen = [];
    await q().each((o) => seen.push(o.get('label')), { batchSize: 2 });
    assert.deepEqual(seen.sort(), ['i1', 'i2', 'i3', 'i4', 'i5']);
  });
});

describe('keys and excludeKeys', () => {
  test('select returns only the chosen keys plus objectId, createdAt and updatedAt', async () => {
    const res = await rest('GET', `/classes/${Item}?keys=label,rank&where=${encodeURIComponent('{"label":"i1"}')}`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body.results[0]).sort(), ['createdAt', 'label', 'objectId', 'rank', 'updatedAt']);
    const [obj] = await q().equalTo('label', 'i1').select('label').find();
    assert.equal(obj.get('label'), 'i1');
    assert.equal(obj.has('secret'), false);
  });

  test('exclude leaves out the named keys only', async () => {
    const [obj] = await q().equalTo('label', 'i1').exclude('secret').find();
    assert.equal(obj.has('secret'), false);
    assert.equal(obj.get('rank'), 3);
    const res = await rest('GET', `/classes/${Item}?excludeKeys=secret,rank&where=${encodeURIComponent('{"label":"i1"}')}`);
    assert.equal('secret' in res.body.results[0], false);
    assert.equal('rank' in res.body.results[0], false);
    assert.equal(res.body.results[0].group, 'x');
  });
});

describe('include', () => {
  test('include replaces a pointer with the full object', async () => {
    const [obj] = await q().equalTo('label', 'i1').include('owner').find();
    assert.equal(obj.get('owner').get('name'), 'Ann');
    const res = await rest('GET', `/classes/${Item}?include=owner&where=${encodeURIComponent('{"label":"i1"}')}`);
    const owner = res.body.results[0].owner;
    assert.equal(owner.__type, 'Object');
    assert.equal(owner.className, Owner);
    assert.equal(owner.objectId, ann.id);
    assert.equal(owner.name, 'Ann');
  });

  test('without include a pointer stays a pointer', async () => {
    const res = await rest('GET', `/classes/${Item}?where=${encodeURIComponent('{"label":"i1"}')}`);
    assert.deepEqual(res.body.results[0].owner, { __type: 'Pointer', className: Owner, objectId: ann.id });
  });

  test('a nested include path fetches every level', async () => {
    const [obj] = await q().equalTo('label', 'i1').include('owner.home').find();
    assert.equal(obj.get('owner').get('name'), 'Ann');
    assert.equal(obj.get('owner').get('home').get('name'), 'Paris');
  });

  test('include of an array of pointers fetches each element', async () => {
    const [obj] = await q().equalTo('label', 'i1').include('owners').find();
    assert.deepEqual(obj.get('owners').map((o) => o.get('name')), ['Ann', 'Ben']);
  });

  test("include('*') fetches every top-level pointer but not deeper ones", async () => {
    const res = await rest('GET', `/classes/${Item}?include=*&where=${encodeURIComponent('{"label":"i1"}')}`);
    const row = res.body.results[0];
    assert.equal(row.owner.__type, 'Object');
    assert.equal(row.spare.__type, 'Object');
    assert.equal(row.spare.name, 'Paris');
    assert.deepEqual(row.owner.home, { __type: 'Pointer', className: Place, objectId: paris.id });
  });

  test('include drops a pointer to a deleted object, and drops it from an array of pointers', async () => {
    const gone = await new Parse.Object(Owner, { name: 'Gone' }).save();
    const orphan = await new Parse.Object(Item, { label: 'orphan', owner: gone, owners: [gone, ann] }).save();
    await gone.destroy();
    const res = await rest('GET', `/classes/${Item}/${orphan.id}?include=owner,owners`);
    assert.equal(res.status, 200);
    assert.equal('owner' in res.body, false, JSON.stringify(res.body));
    assert.deepEqual(res.body.owners.map((o) => o.objectId), [ann.id]);
    await orphan.destroy();
  });

  test('select with a dotted key limits the included object’s keys', async () => {
    const [obj] = await q().equalTo('label', 'i1').include('owner').select('owner.name').find();
    assert.equal(obj.get('owner').get('name'), 'Ann');
    assert.equal(obj.get('owner').has('home'), false);
    assert.equal(obj.has('rank'), false);
  });
});
