// Class-level permissions set through the schema API with the master key: each operation
// limited to users, roles, authenticated users or pointer fields; protected fields hidden from
// and unqueryable by those they are protected from.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, uniqueClass, rest, ids } from './helpers.mjs';
import { newUser, newRole, as, restAs, whereParam } from './users-helpers.mjs';

const OPEN = {
  find: { '*': true }, count: { '*': true }, get: { '*': true }, create: { '*': true },
  update: { '*': true }, delete: { '*': true }, addField: { '*': true }, protectedFields: { '*': [] },
};

let alice;
let bob;

before(async () => {
  alice = await newUser('clpalice');
  bob = await newUser('clpbob');
});

/** Creates a class (master) with the given fields and CLP overrides; returns its name. */
async function classWith(prefix, clp, fields = {}) {
  const className = uniqueClass(prefix);
  const res = await rest('POST', `/schemas/${className}`, {
    master: true,
    body: {
      className,
      fields: { title: { type: 'String' }, owner: { type: 'Pointer', targetClass: '_User' }, ...fields },
      classLevelPermissions: { ...OPEN, ...clp },
    },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return className;
}

const userPointer = (u) => ({ __type: 'Pointer', className: '_User', objectId: u.user.id });

/** Creates a publicly readable and writable object with the master key; returns its id. */
async function masterCreate(className, body) {
  const res = await rest('POST', `/classes/${className}`, { master: true, body: { ACL: { '*': { read: true, write: true } }, ...body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.objectId;
}

/** Asserts a REST response is the CLP refusal Parse Server gives: HTTP 400, code 119. */
function assertForbidden(res) {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.code, Parse.Error.OPERATION_FORBIDDEN, JSON.stringify(res.body));
  assert.equal(res.body.results, undefined);
}

describe('operations limited to a role or a user', () => {
  test('find and count limited to a role: members query, others get 119; get stays open', async () => {
    const member = await newUser('clpmember');
    const role = await newRole('Auditors', { users: [member.user] });
    const cls = await classWith('ClpFind', { find: { [`role:${role.getName()}`]: true }, count: { [`role:${role.getName()}`]: true } });
    const id = await masterCreate(cls, { title: 'x' });
    const asMember = await restAs(member.token, 'GET', `/classes/${cls}`);
    assert.equal(asMember.status, 200, JSON.stringify(asMember.body));
    assert.deepEqual(asMember.body.results.map((o) => o.objectId), [id]);
    assertForbidden(await restAs(bob.token, 'GET', `/classes/${cls}`));
    assertForbidden(await restAs(bob.token, 'GET', `/classes/${cls}?count=1&limit=0`));
    assertForbidden(await rest('GET', `/classes/${cls}`));
    const get = await restAs(bob.token, 'GET', `/classes/${cls}/${id}`);
    assert.equal(get.status, 200, JSON.stringify(get.body));
  });

  test('get limited to one user: that user gets, another user and anonymous get 119', async () => {
    const cls = await classWith('ClpGet', { get: { [alice.user.id]: true } });
    const id = await masterCreate(cls, { title: 'x' });
    assert.equal((await restAs(alice.token, 'GET', `/classes/${cls}/${id}`)).status, 200);
    assertForbidden(await restAs(bob.token, 'GET', `/classes/${cls}/${id}`));
    assertForbidden(await rest('GET', `/classes/${cls}/${id}`));
  });

  test('create limited to a role: a non-member\'s create is refused with 119 and nothing is stored', async () => {
    const member = await newUser('clpcreator');
    const role = await newRole('Creators', { users: [member.user] });
    const cls = await classWith('ClpCreate', { create: { [`role:${role.getName()}`]: true } });
    const ok = await restAs(member.token, 'POST', `/classes/${cls}`, { body: { title: 'by member' } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assertForbidden(await restAs(bob.token, 'POST', `/classes/${cls}`, { body: { title: 'by bob' } }));
    assertForbidden(await rest('POST', `/classes/${cls}`, { body: { title: 'anonymous' } }));
    const stored = await new Parse.Query(cls).find(MASTER);
    assert.deepEqual(stored.map((o) => o.get('title')), ['by member']);
  });

  test('update and delete limited to one user: others get 119 and the object stays', async () => {
    const cls = await classWith('ClpWrite', { update: { [alice.user.id]: true }, delete: { [alice.user.id]: true } });
    const id = await masterCreate(cls, { title: 'orig' });
    assertForbidden(await restAs(bob.token, 'PUT', `/classes/${cls}/${id}`, { body: { title: 'bob' } }));
    assertForbidden(await restAs(bob.token, 'DELETE', `/classes/${cls}/${id}`));
    assertForbidden(await rest('PUT', `/classes/${cls}/${id}`, { body: { title: 'anon' } }));
    assert.equal((await new Parse.Query(cls).get(id, MASTER)).get('title'), 'orig');
    const upd = await restAs(alice.token, 'PUT', `/classes/${cls}/${id}`, { body: { title: 'alice' } });
    assert.equal(upd.status, 200, JSON.stringify(upd.body));
    const del = await restAs(alice.token, 'DELETE', `/classes/${cls}/${id}`);
    assert.equal(del.status, 200, JSON.stringify(del.body));
  });

  test('addField closed: a client write with a new field is refused with 119; known fields and the master key still work', async () => {
    const cls = await classWith('ClpAddField', { addField: {} });
    assertForbidden(await restAs(alice.token, 'POST', `/classes/${cls}`, { body: { title: 'x', brandNew: 1 } }));
    const known = await restAs(alice.token, 'POST', `/classes/${cls}`, { body: { title: 'x' } });
    assert.equal(known.status, 201, JSON.stringify(known.body));
    assertForbidden(await restAs(alice.token, 'PUT', `/classes/${cls}/${known.body.objectId}`, { body: { other: 'y' } }));
    let schema = (await rest('GET', `/schemas/${cls}`, { master: true })).body;
    assert.equal(schema.fields.brandNew, undefined);
    assert.equal(schema.fields.other, undefined);
    await masterCreate(cls, { byMaster: true });
    schema = (await rest('GET', `/schemas/${cls}`, { master: true })).body;
    assert.deepEqual(schema.fields.byMaster, { type: 'Boolean' });
  });

  test('the schema API itself is master-only', async () => {
    const cls = await classWith('ClpSchema', {});
    const res = await restAs(alice.token, 'PUT', `/schemas/${cls}`, { body: { classLevelPermissions: OPEN } });
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal((await restAs(alice.token, 'GET', `/schemas/${cls}`)).status, 403);
  });
});

describe('requiresAuthentication', () => {
  test('a class requiring authentication refuses anonymous reads and writes with 101 and serves logged-in users', async () => {
    const auth = { requiresAuthentication: true };
    const cls = await classWith('ClpAuth', { find: auth, count: auth, get: auth, create: auth });
    const id = await masterCreate(cls, { title: 'members only' });
    for (const res of [
      await rest('GET', `/classes/${cls}`),
      await rest('GET', `/classes/${cls}?count=1&limit=0`),
      await rest('GET', `/classes/${cls}/${id}`),
      await rest('POST', `/classes/${cls}`, { body: { title: 'anon' } }),
    ]) {
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.equal(res.body.code, Parse.Error.OBJECT_NOT_FOUND, JSON.stringify(res.body));
      assert.equal(res.body.results, undefined);
    }
    const found = await new Parse.Query(cls).find(as(bob.token));
    assert.deepEqual(ids(found), [id]);
    const created = await restAs(bob.token, 'POST', `/classes/${cls}`, { body: { title: 'bob' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
});

describe('pointer permissions', () => {
  test('pointerFields on find/get: each user sees only the objects whose pointer names them', async () => {
    const ptr = { pointerFields: ['owner'] };
    const cls = await classWith('ClpPointer', { find: ptr, get: ptr, count: ptr });
    const aliceId = await masterCreate(cls, { title: 'a', owner: userPointer(alice) });
    const bobId = await masterCreate(cls, { title: 'b', owner: userPointer(bob) });
    assert.deepEqual(ids(await new Parse.Query(cls).find(as(alice.token))), [aliceId]);
    assert.deepEqual(ids(await new Parse.Query(cls).find(as(bob.token))), [bobId]);
    assert.equal(await new Parse.Query(cls).count(as(bob.token)), 1);
    const foreign = await restAs(bob.token, 'GET', `/classes/${cls}/${aliceId}`);
    assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
    assert.equal(foreign.body.code, Parse.Error.OBJECT_NOT_FOUND);
    const sneaky = await restAs(bob.token, 'GET', `/classes/${cls}?${whereParam({ owner: userPointer(alice) })}`);
    assert.deepEqual(sneaky.body.results, [], 'asking for another user\'s objects finds nothing');
  });

  test('readUserFields and writeUserFields: only the user a field points to reads or writes the object', async () => {
    const none = {};
    const cls = await classWith('ClpUserFields', {
      find: none, get: none, count: none, update: none, delete: none,
      readUserFields: ['owner'], writeUserFields: ['owner'],
    });
    const aliceId = await masterCreate(cls, { title: 'a', owner: userPointer(alice) });
    const bobId = await masterCreate(cls, { title: 'b', owner: userPointer(bob) });
    assert.deepEqual(ids(await new Parse.Query(cls).find(as(alice.token))), [aliceId]);
    assert.equal((await restAs(bob.token, 'GET', `/classes/${cls}/${aliceId}`)).body.code, Parse.Error.OBJECT_NOT_FOUND);
    const put = await restAs(bob.token, 'PUT', `/classes/${cls}/${aliceId}`, { body: { title: 'bob was here' } });
    assert.equal(put.status, 404, JSON.stringify(put.body));
    assert.equal(put.body.code, Parse.Error.OBJECT_NOT_FOUND);
    const del = await restAs(bob.token, 'DELETE', `/classes/${cls}/${aliceId}`);
    assert.equal(del.status, 404, JSON.stringify(del.body));
    assert.equal((await new Parse.Query(cls).get(aliceId, MASTER)).get('title'), 'a');
    const own = await restAs(bob.token, 'PUT', `/classes/${cls}/${bobId}`, { body: { title: 'b2' } });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    const anon = await rest('GET', `/classes/${cls}`);
    assert.ok(anon.status >= 400 || anon.body.results.length === 0, `anonymous finds nothing: ${JSON.stringify(anon.body)}`);
  });
});

describe('protected fields', () => {
  test('a field protected for everyone is left out for users and anonymous, kept for the master key', async () => {
    const cls = await classWith('ClpProtected', { protectedFields: { '*': ['secret'] } }, { secret: { type: 'String' } });
    const id = await masterCreate(cls, { title: 't', secret: 's3cr3t' });
    const asBob = await restAs(bob.token, 'GET', `/classes/${cls}/${id}`);
    assert.equal(asBob.body.title, 't');
    assert.equal(asBob.body.secret, undefined, JSON.stringify(asBob.body));
    const anonFind = await rest('GET', `/classes/${cls}`);
    assert.equal(anonFind.body.results[0].secret, undefined);
    const keys = await restAs(bob.token, 'GET', `/classes/${cls}?keys=secret`);
    assert.equal(keys.body.results[0].secret, undefined, 'keys= does not bring it back');
    assert.equal((await new Parse.Query(cls).get(id, MASTER)).get('secret'), 's3cr3t');
  });

  test('a role or userField entry narrows the protection: members and the pointed-to user see the field', async () => {
    const member = await newUser('clpseer');
    const role = await newRole('Seers', { users: [member.user] });
    const cls = await classWith('ClpProtRole', {
      protectedFields: { '*': ['secret'], [`role:${role.getName()}`]: [], 'userField:owner': [] },
    }, { secret: { type: 'String' } });
    const id = await masterCreate(cls, { title: 't', secret: 'visible to some', owner: userPointer(alice) });
    assert.equal((await restAs(member.token, 'GET', `/classes/${cls}/${id}`)).body.secret, 'visible to some');
    assert.equal((await restAs(alice.token, 'GET', `/classes/${cls}/${id}`)).body.secret, 'visible to some');
    assert.equal((await restAs(bob.token, 'GET', `/classes/${cls}/${id}`)).body.secret, undefined);
  });

  // Entries that apply to a caller are intersected: `authenticated` can only narrow what '*' hides.
  test('an authenticated entry lifts a protection for logged-in users only', async () => {
    const cls = await classWith('ClpProtAuth', { protectedFields: { '*': ['internal'], authenticated: [] } }, { internal: { type: 'String' } });
    const id = await masterCreate(cls, { title: 't', internal: 'x' });
    assert.equal((await restAs(bob.token, 'GET', `/classes/${cls}/${id}`)).body.internal, 'x');
    const anon = await rest('GET', `/classes/${cls}/${id}`);
    assert.equal(anon.body.title, 't');
    assert.equal(anon.body.internal, undefined);
  });

  test('an included object\'s protected fields are left out too', async () => {
    const target = await classWith('ClpProtTarget', { protectedFields: { '*': ['secret'] } }, { secret: { type: 'String' } });
    const holder = await classWith('ClpProtHolder', {}, { ref: { type: 'Pointer', targetClass: target } });
    const targetId = await masterCreate(target, { title: 'inner', secret: 'hidden' });
    const holderId = await masterCreate(holder, { ref: { __type: 'Pointer', className: target, objectId: targetId } });
    const res = await restAs(bob.token, 'GET', `/classes/${holder}/${holderId}?include=ref`);
    assert.equal(res.body.ref.title, 'inner', JSON.stringify(res.body));
    assert.equal(res.body.ref.secret, undefined, JSON.stringify(res.body));
  });

  test('a protected field cannot be queried, sorted on or probed with $regex, $exists, $or or dot notation (119)', async () => {
    const cls = await classWith('ClpProtQuery', { protectedFields: { '*': ['secret', 'profile'] } },
      { secret: { type: 'String' }, profile: { type: 'Object' } });
    await masterCreate(cls, { title: 't', secret: 'abc', profile: { pin: 1234 } });
    const probes = [
      [{ secret: 'abc' }, ''],
      [{ secret: { $regex: '^a' } }, ''],
      [{ secret: { $exists: true } }, ''],
      [{ secret: { $gt: 'a' } }, ''],
      [{ $or: [{ secret: 'abc' }, { title: 'nope' }] }, ''],
      [{ $and: [{ secret: { $in: ['abc'] } }] }, ''],
      [{ 'profile.pin': 1234 }, ''],
      [{}, '&order=secret'],
      [{}, '&order=-secret'],
    ];
    for (const [where, extra] of probes) {
      for (const token of [bob.token, undefined]) {
        const path = `/classes/${cls}?${whereParam(where)}${extra}`;
        const res = token ? await restAs(token, 'GET', path) : await rest('GET', path);
        assert.equal(res.status, 400, `${JSON.stringify(where)}${extra}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, Parse.Error.OPERATION_FORBIDDEN, `${JSON.stringify(where)}${extra}: ${JSON.stringify(res.body)}`);
      }
    }
    const masterQuery = await rest('GET', `/classes/${cls}?${whereParam({ secret: 'abc' })}`, { master: true });
    assert.equal(masterQuery.body.results.length, 1, 'the master key may query it');
  });

  test('_User.email is protected by default: another user reading a public user sees no email and cannot query by it', async () => {
    const carol = await newUser('clpcarol');
    await rest('PUT', `/users/${carol.user.id}`, {
      master: true,
      body: { ACL: { '*': { read: true }, [carol.user.id]: { read: true, write: true } } },
    });
    const asBob = await restAs(bob.token, 'GET', `/users/${carol.user.id}`);
    assert.equal(asBob.status, 200, JSON.stringify(asBob.body));
    assert.equal(asBob.body.username, carol.username);
    assert.equal(asBob.body.email, undefined, JSON.stringify(asBob.body));
    const anon = await rest('GET', `/users/${carol.user.id}`);
    assert.equal(anon.body.email, undefined, JSON.stringify(anon.body));
    const own = await restAs(carol.token, 'GET', '/users/me');
    assert.equal(own.body.email, carol.email, 'the user sees their own email');
    for (const where of [{ email: carol.email }, { email: { $regex: '^clpcarol' } }, { email: { $exists: true } }]) {
      const res = await restAs(bob.token, 'GET', `/users?${whereParam(where)}`);
      assert.equal(res.status, 400, `${JSON.stringify(where)}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, Parse.Error.OPERATION_FORBIDDEN);
    }
    const byMaster = await rest('GET', `/users?${whereParam({ email: carol.email })}`, { master: true });
    assert.equal(byMaster.body.results.length, 1);
    assert.equal(byMaster.body.results[0].email, carol.email);
  });
});
