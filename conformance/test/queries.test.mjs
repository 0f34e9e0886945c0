// Query constraints: every operator the SDK exposes, plus the REST-only $relativeTime.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, uniqueClass, rest, assertRestError, expectParseError, seed } from './helpers.mjs';

const Person = uniqueClass('QPerson');
const Company = uniqueClass('QCompany');
const City = uniqueClass('QCity');

let acme;
let tiny;

const names = (objects) => objects.map((o) => o.get('name')).sort();
const q = () => new Parse.Query(Person);

before(async () => {
  [acme, tiny] = await seed(Company, [
    { name: 'Acme', size: 500 },
    { name: 'Tiny', size: 3 },
  ]);
  await seed(City, [
    { name: 'Paris', country: 'FR' },
    { name: 'Lyon', country: 'FR' },
    { name: 'Berlin', country: 'DE' },
  ]);
  await seed(Person, [
    {
      name: 'Alice', age: 30, tags: ['a', 'b'], home: { city: 'Paris', zip: 75 }, hometown: 'Paris',
      born: new Date('1995-06-01T00:00:00Z'), active: true, email: 'alice@example.com',
      note: 'a.b', bio: 'first line\nsecond line', employer: acme,
    },
    {
      name: 'Bob', age: 25, tags: ['b'], home: { city: 'Berlin', zip: 10 }, hometown: 'Berlin',
      born: new Date('2000-01-01T00:00:00Z'), active: false, email: 'bob@example.org',
      note: 'axb', bio: 'only line', employer: tiny,
    },
    {
      name: 'carol', age: 35, tags: ['a', 'b', 'c'], home: { city: 'Paris' }, hometown: 'Lyon',
      born: new Date('1990-01-01T00:00:00Z'), active: true, email: 'carol@example.com',
      note: 'A.B', employer: acme,
    },
    { name: 'Dave', age: 40, hometown: 'Rome', born: new Date('1980-01-01T00:00:00Z') },
  ]);
});

describe('comparison operators', () => {
  test('equalTo matches a scalar field', async () => {
    assert.deepEqual(names(await q().equalTo('name', 'Alice').find()), ['Alice']);
  });

  test('equalTo on an array field matches arrays containing the value', async () => {
    assert.deepEqual(names(await q().equalTo('tags', 'a').find()), ['Alice', 'carol']);
  });

  test('equalTo on a pointer field matches by objectId', async () => {
    assert.deepEqual(names(await q().equalTo('employer', acme).find()), ['Alice', 'carol']);
  });

  test('notEqualTo also matches objects where the field is missing', async () => {
    assert.deepEqual(names(await q().notEqualTo('active', true).find()), ['Bob', 'Dave']);
  });

  test('lessThan and lessThanOrEqualTo on numbers', async () => {
    assert.deepEqual(names(await q().lessThan('age', 30).find()), ['Bob']);
    assert.deepEqual(names(await q().lessThanOrEqualTo('age', 30).find()), ['Alice', 'Bob']);
  });

  test('greaterThan and greaterThanOrEqualTo on numbers', async () => {
    assert.deepEqual(names(await q().greaterThan('age', 35).find()), ['Dave']);
    assert.deepEqual(names(await q().greaterThanOrEqualTo('age', 35).find()), ['Dave', 'carol']);
  });

  test('range constraints on a Date field combine', async () => {
    const found = await q()
      .greaterThan('born', new Date('1985-01-01T00:00:00Z'))
      .lessThanOrEqualTo('born', new Date('1995-06-01T00:00:00Z'))
      .find();
    assert.deepEqual(names(found), ['Alice', 'carol']);
  });

  test('string comparison is by code point (uppercase before lowercase)', async () => {
    assert.deepEqual(names(await q().lessThan('name', 'C').find()), ['Alice', 'Bob']);
    assert.deepEqual(names(await q().greaterThan('name', 'Z').find()), ['carol']);
  });
});

describe('set operators', () => {
  test('containedIn matches any listed value', async () => {
    assert.deepEqual(names(await q().containedIn('name', ['Alice', 'Bob', 'Zed']).find()), ['Alice', 'Bob']);
  });

  test('containedIn on pointers', async () => {
    assert.deepEqual(names(await q().containedIn('employer', [tiny]).find()), ['Bob']);
  });

  test('notContainedIn excludes the listed values', async () => {
    assert.deepEqual(names(await q().notContainedIn('name', ['Alice', 'Bob']).find()), ['Dave', 'carol']);
  });

  test('exists and doesNotExist', async () => {
    assert.deepEqual(names(await q().exists('tags').find()), ['Alice', 'Bob', 'carol']);
    assert.deepEqual(names(await q().doesNotExist('tags').find()), ['Dave']);
  });

  test('containsAll requires every value in the array field', async () => {
    assert.deepEqual(names(await q().containsAll('tags', ['a', 'b']).find()), ['Alice', 'carol']);
    assert.deepEqual(names(await q().containsAll('tags', ['c', 'z']).find()), []);
  });

  // Parse Server sends $containedBy to MongoDB as {$nor: [{tags: {$elemMatch: {$nin: list}}}]},
  // so objects without the field match too.
  test('containedBy requires every array element to be in the list, and matches a missing field', async () => {
    const found = await q().containedBy('tags', ['a', 'b']).find();
    assert.deepEqual(names(found), ['Alice', 'Bob', 'Dave']);
    assert.deepEqual(names(await q().containedBy('tags', ['a', 'b', 'c']).find()), ['Alice', 'Bob', 'Dave', 'carol']);
  });
});

describe('string operators', () => {
  test('matches applies a regular expression', async () => {
    assert.deepEqual(names(await q().matches('email', 'example\\.com$').find()), ['Alice', 'carol']);
  });

  test('matches with the i modifier is case-insensitive', async () => {
    assert.deepEqual(names(await q().matches('name', '^c', 'i').find()), ['carol']);
    assert.deepEqual(names(await q().matches('name', /^A/i).find()), ['Alice']);
    assert.deepEqual(names(await q().matches('name', '^A').find()), ['Alice']);
  });

  test('matches with the m modifier anchors at line starts', async () => {
    assert.deepEqual(names(await q().matches('bio', '^second', 'm').find()), ['Alice']);
    assert.deepEqual(names(await q().matches('bio', '^second').find()), []);
  });

  test('startsWith quotes its argument', async () => {
    assert.deepEqual(names(await q().startsWith('email', 'bob@').find()), ['Bob']);
    assert.deepEqual(names(await q().startsWith('note', 'a.').find()), ['Alice']);
  });

  test('endsWith quotes its argument', async () => {
    assert.deepEqual(names(await q().endsWith('email', '.org').find()), ['Bob']);
  });

  test('contains quotes its argument so regex characters match literally', async () => {
    assert.deepEqual(names(await q().contains('note', 'a.b').find()), ['Alice']);
    assert.deepEqual(names(await q().contains('name', 'aro').find()), ['carol']);
  });

  test('an invalid $options value is refused with 102', async () => {
    const where = JSON.stringify({ name: { $regex: 'a', $options: 'q' } });
    const res = await rest('GET', `/classes/${Person}?where=${encodeURIComponent(where)}`);
    assertRestError(res, 400, Parse.Error.INVALID_QUERY);
  });
});

describe('subqueries', () => {
  test('matchesQuery ($inQuery) follows a pointer into another query', async () => {
    const big = new Parse.Query(Company).greaterThan('size', 100);
    assert.deepEqual(names(await q().matchesQuery('employer', big).find()), ['Alice', 'carol']);
  });

  test('doesNotMatchQuery ($notInQuery) excludes pointers the other query matches', async () => {
    const big = new Parse.Query(Company).greaterThan('size', 100);
    assert.deepEqual(names(await q().doesNotMatchQuery('employer', big).find()), ['Bob', 'Dave']);
  });

  test('matchesKeyInQuery ($select) compares a key with a key of another query’s results', async () => {
    const french = new Parse.Query(City).equalTo('country', 'FR');
    const found = await q().matchesKeyInQuery('hometown', 'name', french).find();
    assert.deepEqual(names(found), ['Alice', 'carol']);
  });

  test('doesNotMatchKeyInQuery ($dontSelect) excludes those matches', async () => {
    const french = new Parse.Query(City).equalTo('country', 'FR');
    const found = await q().doesNotMatchKeyInQuery('hometown', 'name', french).find();
    assert.deepEqual(names(found), ['Bob', 'Dave']);
  });
});

describe('compound queries', () => {
  test('Parse.Query.or unions its subqueries', async () => {
    const found = await Parse.Query.or(q().equalTo('name', 'Bob'), q().greaterThan('age', 35)).find();
    assert.deepEqual(names(found), ['Bob', 'Dave']);
  });

  test('Parse.Query.and intersects its subqueries', async () => {
    const found = await Parse.Query.and(q().equalTo('tags', 'a'), q().lessThan('age', 32)).find();
    assert.deepEqual(names(found), ['Alice']);
  });

  test('Parse.Query.nor excludes every subquery', async () => {
    const found = await Parse.Query.nor(q().equalTo('name', 'Bob'), q().equalTo('tags', 'c')).find();
    assert.deepEqual(names(found), ['Alice', 'Dave']);
  });

  test('an or combined with a top-level constraint intersects both', async () => {
    const found = await Parse.Query.or(q().equalTo('name', 'Bob'), q().equalTo('name', 'Alice'))
      .greaterThan('age', 26)
      .find();
    assert.deepEqual(names(found), ['Alice']);
  });
});

describe('dot notation and relative time', () => {
  test('equalTo with dot notation matches inside an Object field', async () => {
    assert.deepEqual(names(await q().equalTo('home.city', 'Paris').find()), ['Alice', 'carol']);
    assert.deepEqual(names(await q().greaterThan('home.zip', 50).find()), ['Alice']);
  });

  test('$relativeTime resolves "N years ago" against the current time', async () => {
    const where = JSON.stringify({ born: { $gt: { $relativeTime: '40 years ago' } } });
    const res = await rest('GET', `/classes/${Person}?where=${encodeURIComponent(where)}`, { master: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.results.map((r) => r.name).sort(), ['Alice', 'Bob', 'carol']);
  });

  test('$relativeTime with $eq is refused with 107', async () => {
    const where = JSON.stringify({ born: { $eq: { $relativeTime: '1 day ago' } } });
    const res = await rest('GET', `/classes/${Person}?where=${encodeURIComponent(where)}`, { master: true });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });

  test('$relativeTime on a non-Date field is refused with 107', async () => {
    const where = JSON.stringify({ age: { $lt: { $relativeTime: '1 day ago' } } });
    const res = await rest('GET', `/classes/${Person}?where=${encodeURIComponent(where)}`, { master: true });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });

  test('an unparseable $relativeTime is refused with 107', async () => {
    const where = JSON.stringify({ born: { $lt: { $relativeTime: 'sometime soon' } } });
    const res = await rest('GET', `/classes/${Person}?where=${encodeURIComponent(where)}`, { master: true });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });
});

describe('query on a missing class', () => {
  test('find on a class that does not exist returns no results', async () => {
    const found = await new Parse.Query(uniqueClass('QNoSuchClass')).find();
    assert.deepEqual(found, []);
  });

  test('get of an unknown objectId fails with 101', async () => {
    await expectParseError(q().get('zzzzzzzzzz'), Parse.Error.OBJECT_NOT_FOUND);
    await expectParseError(q().get('zzzzzzzzzz', MASTER), Parse.Error.OBJECT_NOT_FOUND);
  });
});
