// Schemas: Parse.Schema create/addField/deleteField/get/all/purge/delete, CLPs and indexes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, uniqueClass, rest, assertRestError, expectParseError, getSchema } from './helpers.mjs';

const Target = uniqueClass('SchTarget');
// Parse Server 9 includes an `ACL` entry: the default ACL for new objects of the class.
const DEFAULT_CLP = {
  ACL: { '*': { read: true, write: true } },
  find: { '*': true },
  count: { '*': true },
  get: { '*': true },
  create: { '*': true },
  update: { '*': true },
  delete: { '*': true },
  addField: { '*': true },
  protectedFields: { '*': [] },
};

describe('Parse.Schema', () => {
  test('save creates a class with typed fields and default fields', async () => {
    const name = uniqueClass('SchCreate');
    const schema = new Parse.Schema(name);
    schema
      .addString('title')
      .addNumber('count')
      .addBoolean('flag')
      .addDate('when')
      .addObject('meta')
      .addArray('list')
      .addGeoPoint('where')
      .addPolygon('area')
      .addFile('doc')
      .addPointer('owner', Target)
      .addRelation('friends', Target);
    const saved = await schema.save();
    assert.equal(saved.className, name);
    const got = await getSchema(name);
    assert.deepEqual(got.fields, {
      objectId: { type: 'String' },
      createdAt: { type: 'Date' },
      updatedAt: { type: 'Date' },
      ACL: { type: 'ACL' },
      title: { type: 'String' },
      count: { type: 'Number' },
      flag: { type: 'Boolean' },
      when: { type: 'Date' },
      meta: { type: 'Object' },
      list: { type: 'Array' },
      where: { type: 'GeoPoint' },
      area: { type: 'Polygon' },
      doc: { type: 'File' },
      owner: { type: 'Pointer', targetClass: Target },
      friends: { type: 'Relation', targetClass: Target },
    });
    assert.deepEqual(got.classLevelPermissions, DEFAULT_CLP);
  });

  test('creating a class that exists fails with 103', async () => {
    const name = uniqueClass('SchTwice');
    await new Parse.Schema(name).addString('a').save();
    const err = await expectParseError(new Parse.Schema(name).addString('a').save(), Parse.Error.INVALID_CLASS_NAME);
    assert.equal(err.message, `Class ${name} already exists.`);
  });

  test('addField through update adds a field, keeping the others', async () => {
    const name = uniqueClass('SchAdd');
    await new Parse.Schema(name).addString('a').save();
    const schema = new Parse.Schema(name);
    schema.addNumber('b');
    await schema.update();
    const got = await getSchema(name);
    assert.deepEqual(got.fields.a, { type: 'String' });
    assert.deepEqual(got.fields.b, { type: 'Number' });
  });

  test('re-adding a field with its current type is accepted', async () => {
    const name = uniqueClass('SchAddSame');
    await new Parse.Schema(name).addString('a').save();
    const schema = new Parse.Schema(name);
    schema.addString('a');
    await schema.update();
    assert.deepEqual((await getSchema(name)).fields.a, { type: 'String' });
  });

  test('adding a field that exists with another type fails with 255', async () => {
    const name = uniqueClass('SchAddTwice');
    await new Parse.Schema(name).addString('a').save();
    const schema = new Parse.Schema(name);
    schema.addNumber('a');
    const err = await expectParseError(schema.update(), 255);
    assert.equal(err.message, 'Field a exists, cannot update.');
    assert.deepEqual((await getSchema(name)).fields.a, { type: 'String' });
  });

  test('a field with a default value fills objects created without it', async () => {
    const name = uniqueClass('SchDefault');
    await new Parse.Schema(name).addString('status', { defaultValue: 'new' }).save();
    const obj = await new Parse.Object(name, { other: 1 }).save();
    const got = await new Parse.Query(name).get(obj.id);
    assert.equal(got.get('status'), 'new');
    assert.deepEqual((await getSchema(name)).fields.status, { type: 'String', defaultValue: 'new' });
  });

  test('a required field must be present on create (142)', async () => {
    const name = uniqueClass('SchRequired');
    await new Parse.Schema(name).addString('must', { required: true }).save();
    const err = await expectParseError(new Parse.Object(name, { other: 1 }).save(), Parse.Error.VALIDATION_ERROR);
    assert.equal(err.message, 'must is required');
  });

  test('deleteField removes the field from the schema and from stored objects', async () => {
    const name = uniqueClass('SchDelete');
    const obj = await new Parse.Object(name, { keep: 1, drop: 'x' }).save();
    const schema = new Parse.Schema(name);
    schema.deleteField('drop');
    await schema.update();
    assert.equal('drop' in (await getSchema(name)).fields, false);
    const got = await rest('GET', `/classes/${name}/${obj.id}`);
    assert.equal('drop' in got.body, false);
    assert.equal(got.body.keep, 1);
  });

  test('deleting a field that does not exist fails with 255', async () => {
    const name = uniqueClass('SchDeleteMissing');
    await new Parse.Schema(name).addString('a').save();
    const schema = new Parse.Schema(name);
    schema.deleteField('nope');
    const err = await expectParseError(schema.update(), 255);
    assert.equal(err.message, 'Field nope does not exist, cannot delete.');
  });

  test('get returns one schema and all lists every class including _User', async () => {
    const name = uniqueClass('SchList');
    await new Parse.Schema(name).addString('a').save();
    const one = await new Parse.Schema(name).get();
    assert.equal(one.className, name);
    assert.deepEqual(one.fields.a, { type: 'String' });
    const all = await Parse.Schema.all();
    const classNames = all.map((s) => s.className);
    assert.ok(classNames.includes(name));
    assert.ok(classNames.includes('_User'));
  });

  test('get of a class that does not exist fails with 103', async () => {
    const err = await expectParseError(new Parse.Schema(uniqueClass('SchNever')).get(), Parse.Error.INVALID_CLASS_NAME);
    assert.match(err.message, /^Class SchNever_\w+ does not exist\.$/);
  });

  test('purge deletes all objects but keeps the class', async () => {
    const name = uniqueClass('SchPurge');
    await Parse.Object.saveAll([new Parse.Object(name, { a: 1 }), new Parse.Object(name, { a: 2 })]);
    await new Parse.Schema(name).purge();
    assert.equal(await new Parse.Query(name).count(MASTER), 0);
    assert.ok(await getSchema(name));
  });

  test('delete refuses a class that still has objects (255), then succeeds once purged', async () => {
    const name = uniqueClass('SchDrop');
    await new Parse.Object(name, { a: 1 }).save();
    const err = await expectParseError(new Parse.Schema(name).delete(), 255);
    assert.equal(err.message, `Class ${name} is not empty, contains 1 objects, cannot drop schema.`);
    await new Parse.Schema(name).purge();
    await new Parse.Schema(name).delete();
    assert.equal(await getSchema(name), undefined);
  });

  test('a second GeoPoint field in a class is refused with 111', async () => {
    const name = uniqueClass('SchGeo');
    await new Parse.Object(name, { here: new Parse.GeoPoint(1, 2) }).save();
    // The message differs by path (Mongo adapter: "MongoDB only supports one GeoPoint field in a
    // class."; schema API: "currently, only one GeoPoint field may exist in an object. ..."),
    // so only the code is asserted.
    await expectParseError(new Parse.Object(name, { there: new Parse.GeoPoint(3, 4) }).save(), Parse.Error.INCORRECT_TYPE);
    assert.equal('there' in (await getSchema(name)).fields, false);
  });

  test('schema endpoints need the master key (403, sanitized message)', async () => {
    const res = await rest('GET', '/schemas');
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { error: 'Permission denied' });
    const create = await rest('POST', `/schemas/${uniqueClass('SchNoMaster')}`, { body: { fields: { a: { type: 'String' } } } });
    assert.equal(create.status, 403);
  });
});

describe('class-level permissions', () => {
  test('CLPs stored through REST are returned and enforced', async () => {
    const name = uniqueClass('SchClp');
    const obj = await new Parse.Object(name, { a: 1 }).save();
    const clp = {
      find: {},
      count: {},
      get: { '*': true },
      create: { '*': true },
      update: {},
      delete: {},
      addField: {},
      protectedFields: { '*': [] },
    };
    const res = await rest('PUT', `/schemas/${name}`, { master: true, body: { classLevelPermissions: clp } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.classLevelPermissions, clp);
    assert.deepEqual((await getSchema(name)).classLevelPermissions, clp);

    const err = await expectParseError(new Parse.Query(name).find(), Parse.Error.OPERATION_FORBIDDEN);
    // Parse Server 9 sanitizes this message by default (enableSanitizedErrorResponse).
    assert.equal(err.message, 'Permission denied');
    assert.equal((await new Parse.Query(name).get(obj.id)).get('a'), 1);
    obj.set('a', 2);
    await expectParseError(obj.save(), Parse.Error.OPERATION_FORBIDDEN);
    await expectParseError(new Parse.Object(name, { newField: 1 }).save(), Parse.Error.OPERATION_FORBIDDEN);
    assert.equal((await new Parse.Query(name).find(MASTER)).length, 1, 'the master key bypasses CLPs');
  });

  test('the CLP ACL entry is the default ACL of objects created without one', async () => {
    const name = uniqueClass('SchClpAcl');
    await new Parse.Schema(name).addString('a').save();
    const res = await rest('PUT', `/schemas/${name}`, {
      master: true,
      body: { classLevelPermissions: { ...DEFAULT_CLP, ACL: { '*': { read: true } } } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const defaulted = await new Parse.Object(name, { a: 'x' }).save();
    assert.deepEqual(defaulted.getACL().toJSON(), { '*': { read: true } });
    const stored = await rest('GET', `/classes/${name}/${defaulted.id}`);
    assert.deepEqual(stored.body.ACL, { '*': { read: true } });
    const explicit = new Parse.Object(name, { a: 'y' });
    explicit.setACL(new Parse.ACL({ '*': { read: true, write: true } }));
    await explicit.save();
    assert.deepEqual((await rest('GET', `/classes/${name}/${explicit.id}`)).body.ACL, { '*': { read: true, write: true } });
  });

  test('an invalid CLP operation is refused with 107', async () => {
    const name = uniqueClass('SchClpBad');
    await new Parse.Schema(name).addString('a').save();
    const res = await rest('PUT', `/schemas/${name}`, {
      master: true,
      body: { classLevelPermissions: { fly: { '*': true } } },
    });
    assertRestError(res, 400, Parse.Error.INVALID_JSON);
  });
});

describe('indexes', () => {
  test('an index added through Parse.Schema is listed with the _id_ index', async () => {
    const name = uniqueClass('SchIndex');
    await new Parse.Schema(name).addString('email').addIndex('email_1', { email: 1 }).save();
    const got = await getSchema(name);
    assert.deepEqual(got.indexes.email_1, { email: 1 });
    // Real MongoDB also lists `_id_: {_id: 1}`; mongo-java-server does not report it.
    if (got.indexes._id_) assert.deepEqual(got.indexes._id_, { _id: 1 });
    assert.deepEqual(Object.keys(got.indexes).filter((k) => k !== '_id_'), ['email_1']);
  });

  test('an index on a field that does not exist is refused with 102', async () => {
    const name = uniqueClass('SchIndexBad');
    const err = await expectParseError(
      new Parse.Schema(name).addString('a').addIndex('b_1', { b: 1 }).save(),
      Parse.Error.INVALID_QUERY
    );
    assert.equal(err.message, 'Field b does not exist, cannot add index.');
  });
});
