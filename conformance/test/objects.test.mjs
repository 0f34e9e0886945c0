// Objects: the create/read/update/delete cycle, system fields and every field type.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, APP_ID, uniqueClass, rest, assertRestError, expectParseError, getSchema } from './helpers.mjs';

const Thing = uniqueClass('ObjThing');
const Target = uniqueClass('ObjTarget');
const Typed = uniqueClass('ObjTyped');
const Secret = uniqueClass('ObjSecret');
const Mismatch = uniqueClass('ObjMismatch');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('object lifecycle', () => {
  test('save assigns a 10-character alphanumeric objectId and equal createdAt/updatedAt', async () => {
    const obj = await new Parse.Object(Thing, { name: 'first' }).save();
    assert.match(obj.id, /^[A-Za-z0-9]{10}$/);
    assert.ok(obj.createdAt instanceof Date);
    assert.equal(obj.updatedAt.getTime(), obj.createdAt.getTime());
    const fetched = await new Parse.Query(Thing).get(obj.id);
    assert.equal(fetched.createdAt.getTime(), obj.createdAt.getTime());
    assert.equal(fetched.updatedAt.getTime(), obj.createdAt.getTime());
  });

  test('fetch returns the saved attributes', async () => {
    const obj = await new Parse.Object(Thing, { name: 'fetchme', n: 7 }).save();
    const copy = Parse.Object.extend(Thing).createWithoutData(obj.id);
    await copy.fetch();
    assert.equal(copy.get('name'), 'fetchme');
    assert.equal(copy.get('n'), 7);
  });

  test('update changes only the sent fields and moves updatedAt forward', async () => {
    const obj = await new Parse.Object(Thing, { name: 'before', keep: 'kept' }).save();
    await sleep(15);
    const update = Parse.Object.extend(Thing).createWithoutData(obj.id);
    update.set('name', 'after');
    await update.save();
    const fetched = await new Parse.Query(Thing).get(obj.id);
    assert.equal(fetched.get('name'), 'after');
    assert.equal(fetched.get('keep'), 'kept');
    assert.ok(fetched.updatedAt > fetched.createdAt, 'updatedAt must be later than createdAt');
    assert.equal(fetched.createdAt.getTime(), obj.createdAt.getTime());
  });

  test('destroy removes the object and a later get fails with 101', async () => {
    const obj = await new Parse.Object(Thing, { name: 'doomed' }).save();
    await obj.destroy();
    await expectParseError(new Parse.Query(Thing).get(obj.id), Parse.Error.OBJECT_NOT_FOUND);
  });

  test('REST create answers 201 with a Location header, objectId and createdAt only', async () => {
    const res = await rest('POST', `/classes/${Thing}`, { body: { name: 'viaRest' } });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['createdAt', 'objectId']);
    assert.match(res.body.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(res.headers.get('location').endsWith(`/classes/${Thing}/${res.body.objectId}`));
  });

  test('REST update answers updatedAt only', async () => {
    const created = await rest('POST', `/classes/${Thing}`, { body: { name: 'a' } });
    const res = await rest('PUT', `/classes/${Thing}/${created.body.objectId}`, { body: { name: 'b' } });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['updatedAt']);
  });

  test('a client-chosen objectId is refused with 105', async () => {
    // Parse Server only accepts one when started with allowCustomObjectId.
    const res = await rest('POST', `/classes/${Thing}`, { body: { objectId: 'chosen1234' } });
    assertRestError(res, 400, Parse.Error.INVALID_KEY_NAME);
    assert.equal(res.body.error, 'objectId is an invalid field name.');
  });

  test('a createdAt string in a create is a schema mismatch (111), since createdAt is a Date field', async () => {
    const res = await rest('POST', `/classes/${Thing}`, { body: { createdAt: '2000-01-01T00:00:00.000Z' } });
    assertRestError(res, 400, Parse.Error.INCORRECT_TYPE);
  });
});

describe('field types', () => {
  const date = new Date('2021-03-04T05:06:07.089Z');
  let target;
  let saved;

  test('an object holding every field type round-trips through save and get', async () => {
    target = await new Parse.Object(Target, { label: 'target' }).save();
    const acl = new Parse.ACL();
    acl.setPublicReadAccess(true);
    acl.setPublicWriteAccess(false);
    const obj = new Parse.Object(Typed, {
      str: 'héllo ✓',
      int: 42,
      float: 3.25,
      bool: false,
      date,
      obj: { nested: { list: [1, 'two', true] }, n: null },
      arr: [1, 'a', { k: 'v' }],
      ptr: target,
      geo: new Parse.GeoPoint(40.5, -73.25),
      poly: new Parse.Polygon([[0, 0], [0, 1], [1, 1], [1, 0]]),
      bytes: { __type: 'Bytes', base64: 'aGVsbG8=' },
    });
    obj.relation('rel').add(target);
    obj.setACL(acl);
    saved = await obj.save();

    const got = await new Parse.Query(Typed).get(saved.id);
    assert.equal(got.get('str'), 'héllo ✓');
    assert.equal(got.get('int'), 42);
    assert.equal(got.get('float'), 3.25);
    assert.equal(got.get('bool'), false);
    assert.ok(got.get('date') instanceof Date);
    assert.equal(got.get('date').toISOString(), date.toISOString());
    assert.deepEqual(got.get('obj'), { nested: { list: [1, 'two', true] }, n: null });
    assert.deepEqual(got.get('arr'), [1, 'a', { k: 'v' }]);

    const ptr = got.get('ptr');
    assert.ok(ptr instanceof Parse.Object);
    assert.equal(ptr.className, Target);
    assert.equal(ptr.id, target.id);
    assert.equal(ptr.get('label'), undefined, 'a pointer is not fetched unless included');

    const geo = got.get('geo');
    assert.ok(geo instanceof Parse.GeoPoint);
    assert.equal(geo.latitude, 40.5);
    assert.equal(geo.longitude, -73.25);

    const poly = got.get('poly');
    assert.ok(poly instanceof Parse.Polygon);
    // The server stores polygons as closed rings and returns the closing point too.
    assert.deepEqual(poly.coordinates, [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]);

    assert.deepEqual(got.get('bytes'), { __type: 'Bytes', base64: 'aGVsbG8=' });
    assert.deepEqual(got.getACL().toJSON(), { '*': { read: true } });

    const related = await got.relation('rel').query().find();
    assert.deepEqual(related.map((o) => o.id), [target.id]);
  });

  test('the REST encoding of each type is the Parse wire format', async () => {
    const res = await rest('GET', `/classes/${Typed}/${saved.id}`);
    assert.equal(res.status, 200);
    const b = res.body;
    assert.deepEqual(b.date, { __type: 'Date', iso: '2021-03-04T05:06:07.089Z' });
    assert.deepEqual(b.ptr, { __type: 'Pointer', className: Target, objectId: target.id });
    assert.deepEqual(b.geo, { __type: 'GeoPoint', latitude: 40.5, longitude: -73.25 });
    assert.deepEqual(b.poly, { __type: 'Polygon', coordinates: [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]] });
    assert.deepEqual(b.bytes, { __type: 'Bytes', base64: 'aGVsbG8=' });
    assert.deepEqual(b.rel, { __type: 'Relation', className: Target });
    assert.deepEqual(b.ACL, { '*': { read: true } });
    assert.match(b.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(typeof b.updatedAt, 'string', 'createdAt/updatedAt are plain ISO strings, not Date objects');
  });

  test('the schema records the inferred type of every field', async () => {
    const schema = await getSchema(Typed);
    assert.ok(schema, 'schema exists');
    const f = schema.fields;
    assert.deepEqual(f.objectId, { type: 'String' });
    assert.deepEqual(f.createdAt, { type: 'Date' });
    assert.deepEqual(f.updatedAt, { type: 'Date' });
    assert.deepEqual(f.ACL, { type: 'ACL' });
    assert.equal(f.str.type, 'String');
    assert.equal(f.int.type, 'Number');
    assert.equal(f.float.type, 'Number');
    assert.equal(f.bool.type, 'Boolean');
    assert.equal(f.date.type, 'Date');
    assert.equal(f.obj.type, 'Object');
    assert.equal(f.arr.type, 'Array');
    assert.deepEqual(f.ptr, { type: 'Pointer', targetClass: Target });
    assert.deepEqual(f.rel, { type: 'Relation', targetClass: Target });
    assert.equal(f.geo.type, 'GeoPoint');
    assert.equal(f.poly.type, 'Polygon');
    assert.equal(f.bytes.type, 'Bytes');
  });

  test('a file reference set through REST reads back as a Parse.File with a url', async () => {
    const res = await rest('POST', `/classes/${Typed}`, {
      body: { attachment: { __type: 'File', name: 'conformance-ref.txt' } },
      master: true,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const got = await new Parse.Query(Typed).get(res.body.objectId, MASTER);
    const file = got.get('attachment');
    assert.ok(file instanceof Parse.File);
    assert.equal(file.name(), 'conformance-ref.txt');
    assert.ok(file.url().endsWith(`/files/${APP_ID}/conformance-ref.txt`), file.url());
    assert.equal((await getSchema(Typed)).fields.attachment.type, 'File');
  });

  test('an object without public read access is invisible without the master key', async () => {
    const obj = new Parse.Object(Secret, { s: 1 });
    obj.setACL(new Parse.ACL());
    await obj.save();
    await expectParseError(new Parse.Query(Secret).get(obj.id), Parse.Error.OBJECT_NOT_FOUND);
    assert.equal((await new Parse.Query(Secret).find()).length, 0);
    const asMaster = await new Parse.Query(Secret).get(obj.id, MASTER);
    assert.equal(asMaster.get('s'), 1);
    assert.deepEqual(asMaster.getACL().toJSON(), {});
  });

  test('an object without public write access cannot be changed without the master key', async () => {
    const acl = new Parse.ACL();
    acl.setPublicReadAccess(true);
    const obj = new Parse.Object(Secret, { s: 2 });
    obj.setACL(acl);
    await obj.save();
    obj.set('s', 3);
    await expectParseError(obj.save(), Parse.Error.OBJECT_NOT_FOUND);
    const stored = await new Parse.Query(Secret).get(obj.id);
    assert.equal(stored.get('s'), 2);
    await expectParseError(obj.destroy(), Parse.Error.OBJECT_NOT_FOUND);
  });
});

describe('schema inference', () => {
  test('writing a value of another type than the schema says fails with 111 and writes nothing', async () => {
    const first = await new Parse.Object(Mismatch, { n: 1 }).save();
    const err = await expectParseError(new Parse.Object(Mismatch, { n: 'one' }).save(), Parse.Error.INCORRECT_TYPE);
    assert.match(err.message, /schema mismatch for .*n; expected Number but got String/);
    const all = await new Parse.Query(Mismatch).find();
    assert.deepEqual(all.map((o) => o.id), [first.id]);
  });

  test('updating a field with a value of another type fails with 111 and keeps the old value', async () => {
    const obj = await new Parse.Object(Mismatch, { n: 5 }).save();
    obj.set('n', true);
    await expectParseError(obj.save(), Parse.Error.INCORRECT_TYPE);
    const stored = await new Parse.Query(Mismatch).get(obj.id);
    assert.equal(stored.get('n'), 5);
  });

  test('a pointer to another class than the schema says fails with 111', async () => {
    const a = await new Parse.Object(Target, { label: 'a' }).save();
    const b = await new Parse.Object(Thing, { name: 'b' }).save();
    await new Parse.Object(Mismatch, { p: a }).save();
    const err = await expectParseError(new Parse.Object(Mismatch, { p: b }).save(), Parse.Error.INCORRECT_TYPE);
    assert.match(err.message, new RegExp(`expected Pointer<${Target}> but got Pointer<${Thing}>`));
  });

  test('null may be written to a field of any type and reads back as null', async () => {
    const obj = await new Parse.Object(Mismatch, { n: null }).save();
    const stored = await new Parse.Query(Mismatch).get(obj.id);
    assert.equal(stored.get('n'), null);
    assert.equal((await getSchema(Mismatch)).fields.n.type, 'Number');
  });
});
