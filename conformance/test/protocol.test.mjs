// Protocol details where Reparse differed from Parse Server 9.10, found by running the JS SDK's own
// integration suite against both; each test holds against stock parse-server too unless marked.
// Tests marked SAFER_THAN_PARSE_SERVER are skipped when PARSE_TARGET=parse-server.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, SAFER_THAN_PARSE_SERVER, IS_PARSE_SERVER, uniqueClass, rest, assertRestError, expectParseError } from './helpers.mjs';

const where = (w) => `where=${encodeURIComponent(JSON.stringify(w))}`;

describe('sorting by internal fields', () => {
  const Sorted = uniqueClass('ProtoSorted');

  before(async () => {
    await new Parse.Object(Sorted).save({ n: 1 }, MASTER);
  });

  for (const field of ['_password', '_hashed_password', '_id', '-_rperm', '_session_token']) {
    test(`order=${field} is refused with 105 "Invalid field name", even with the master key`, async () => {
      for (const master of [false, true]) {
        const res = await rest('GET', `/users?order=${field}`, { master });
        assertRestError(res, 400, Parse.Error.INVALID_KEY_NAME);
        assert.equal(res.body.error, `Invalid field name: ${field.replace(/^-/, '')}.`);
      }
    });
  }

  test('order=-_created_at and _updated_at, the stored date names, still sort', async () => {
    for (const order of ['-_created_at', '_updated_at']) {
      const res = await rest('GET', `/classes/${Sorted}?order=${order}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.results.length, 1);
    }
  });

  test('the SDK\'s ascending("_hashed_password") fails with 105', async () => {
    await expectParseError(new Parse.Query(Parse.User).ascending('_hashed_password').find(), Parse.Error.INVALID_KEY_NAME);
  });
});

describe('queries on a class that does not exist yet', () => {
  const Missing = uniqueClass('ProtoMissing');

  test('a well-formed query finds nothing', async () => {
    const res = await rest('GET', `/classes/${Missing}?${where({ a: 1 })}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.results, []);
  });

  test('a bad $options is 102', async () => {
    assertRestError(await rest('GET', `/classes/${Missing}?${where({ a: { $regex: 'x', $options: 'q' } })}`), 400, Parse.Error.INVALID_QUERY);
  });

  test('an unknown operator is 107', async () => {
    assertRestError(await rest('GET', `/classes/${Missing}?${where({ a: { $foo: 1 } })}`), 400, Parse.Error.INVALID_JSON);
  });

  test('a $-key is 105', async () => {
    assertRestError(await rest('GET', `/classes/${Missing}?${where({ $foo: 1 })}`), 400, Parse.Error.INVALID_KEY_NAME);
  });

  test('through the SDK too', async () => {
    await expectParseError(new Parse.Query(Missing).matches('a', 'x', 'q').find(), Parse.Error.INVALID_QUERY);
  });
});

describe('relations', () => {
  const Owner = uniqueClass('ProtoOwner');
  const Item = uniqueClass('ProtoItem');
  let owner;
  let items;

  before(async () => {
    items = [new Parse.Object(Item, { n: 1 }), new Parse.Object(Item, { n: 2 })];
    await Parse.Object.saveAll(items, MASTER);
    owner = new Parse.Object(Owner);
    owner.relation('items').add(items);
    await owner.save(null, MASTER);
  });

  test('with redirectClassNameForKey every result object carries the relation\'s className', async () => {
    const res = await rest('GET', `/classes/${Owner}?redirectClassNameForKey=items&${where({
      $relatedTo: { object: { __type: 'Pointer', className: Owner, objectId: owner.id }, key: 'items' },
    })}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.results.length, 2);
    for (const result of res.body.results) assert.equal(result.className, Item, JSON.stringify(result));
  });

  test('the SDK builds the related class\'s objects from first() and get() on a relation query', async () => {
    const first = await owner.relation('items').query().ascending('n').first();
    assert.equal(first.className, Item);
    assert.equal(first.get('n'), 1);
    const got = await owner.relation('items').query().get(items[1].id);
    assert.equal(got.className, Item);
  });

  test('a $relatedTo whose owner pointer has no objectId finds nothing (200)', async () => {
    const res = await rest('GET', `/classes/${Item}?${where({
      $relatedTo: { object: { __type: 'Pointer', className: Owner }, key: 'items' },
    })}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.results, []);
  });

  test('the SDK\'s relation query of an unsaved owner finds nothing', async () => {
    const unsaved = new Parse.Object(Owner);
    assert.deepEqual(await unsaved.relation('items').query().find(), []);
  });
});

describe('aggregate $lookup', () => {
  const Book = uniqueClass('ProtoBook');
  const Author = uniqueClass('ProtoAuthor');

  before(async () => {
    await new Parse.Object(Author, { name: 'ann' }).save(null, MASTER);
    await new Parse.Object(Book, { title: 't1', author: 'ann' }).save(null, MASTER);
  });

  test('a $lookup from another class of the app joins it', async () => {
    const pipeline = [{ $lookup: { from: Author, localField: 'author', foreignField: 'name', as: 'writers' } }];
    const results = await new Parse.Query(Book).aggregate(pipeline, MASTER);
    assert.equal(results.length, 1);
    assert.equal(results[0].writers.length, 1);
    assert.equal(results[0].writers[0].name, 'ann');
  });

  // Parse Server lets $lookup read any collection of the database ($lookup from _SCHEMA, or another
  // app's collection where apps share one) and runs $out/$merge; Reparse reads the app's classes only.
  test('a $lookup from a collection that is not one of the app\'s classes is refused with 102', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    for (const from of ['_SCHEMA', 'system.users', 'NoSuchClassHere']) {
      const pipeline = [{ $lookup: { from, localField: 'author', foreignField: '_id', as: 'x' } }];
      await expectParseError(new Parse.Query(Book).aggregate(pipeline, MASTER), Parse.Error.INVALID_QUERY);
    }
    const nested = [{ $facet: { a: [{ $lookup: { from: '_SCHEMA', pipeline: [], as: 'x' } }] } }];
    await expectParseError(new Parse.Query(Book).aggregate(nested, MASTER), Parse.Error.INVALID_QUERY);
  });

  test('$out and $merge are refused with 102', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    await expectParseError(new Parse.Query(Book).aggregate([{ $out: 'Stolen' }], MASTER), Parse.Error.INVALID_QUERY);
    await expectParseError(new Parse.Query(Book).aggregate([{ $merge: { into: 'Stolen' } }], MASTER), Parse.Error.INVALID_QUERY);
    const inLookup = [{ $lookup: { from: Author, pipeline: [{ $merge: { into: 'Stolen' } }], as: 'x' } }];
    await expectParseError(new Parse.Query(Book).aggregate(inLookup, MASTER), Parse.Error.INVALID_QUERY);
  });
});

describe('default values', () => {
  const Area = uniqueClass('ProtoArea');

  before(async () => {
    const res = await rest('POST', `/schemas/${Area}`, {
      master: true,
      body: { className: Area, fields: { zone: { type: 'Polygon', defaultValue: { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1]] } } } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  test('a Polygon default applied on create comes back closed in the 201, as stored', async () => {
    const res = await rest('POST', `/classes/${Area}`, { body: { x: 1 } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.zone, { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1], [0, 0]] });
    const stored = await rest('GET', `/classes/${Area}/${res.body.objectId}`, { master: true });
    assert.deepEqual(stored.body.zone, res.body.zone);
  });
});

describe('routes that do not exist', () => {
  // Parse Server answers an HTML page for routes it does not know; Reparse a Parse error body.
  for (const [method, path] of [['GET', '/nothing/here'], ['DELETE', '/batch'], ['GET', '/classes/A/b/c'], ['PATCH', '/classes/A']]) {
    test(`${method} ${path} answers 404 with a Parse error body`, { skip: SAFER_THAN_PARSE_SERVER }, async () => {
      const res = await rest(method, path);
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.equal(typeof res.body.code, 'number', JSON.stringify(res.body));
      assert.match(res.body.error, new RegExp(`Cannot ${method} ${path.replace(/\//g, '\\/')}`));
    });
  }

  test('the SDK reports an unknown route with a code and a message, never "undefined"', { skip: IS_PARSE_SERVER && 'parse-server answers HTML' }, async () => {
    const error = await Parse.CoreManager.getRESTController().request('GET', 'nothing/here', {}, {}).then(() => null, (e) => e);
    assert.ok(error instanceof Parse.Error, String(error));
    assert.equal(typeof error.code, 'number');
    assert.notEqual(error.message, undefined);
    assert.match(error.message, /nothing\/here/);
  });
});
