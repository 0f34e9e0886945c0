// Object ACLs: an object a user may not read is absent from every read path (get, find,
// count, include, relations, subqueries); one they may not write answers 101 and stays as it was.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, uniqueClass, rest, expectParseError, ids } from './helpers.mjs';
import { newUser, as, restAs, whereParam } from './users-helpers.mjs';

const Note = uniqueClass('AclNote');
const Folder = uniqueClass('AclFolder');

let owner;
let other;

before(async () => {
  owner = await newUser('aclowner');
  other = await newUser('aclother');
});

/** Saves a note as its owner with the given ACL. */
async function ownNote(acl, attrs = {}) {
  const note = new Parse.Object(Note, { title: 'hello', ...attrs });
  note.setACL(acl);
  await note.save(null, as(owner.token));
  return note;
}

function ownerOnly() {
  return new Parse.ACL(owner.user);
}

function publicReadOwnerWrite() {
  const acl = new Parse.ACL(owner.user);
  acl.setPublicReadAccess(true);
  return acl;
}

describe('private objects are invisible to others', () => {
  test('get, find and count by another user or anonymously do not see an owner-only object', async () => {
    const tag = `private-${Date.now()}`;
    const note = await ownNote(ownerOnly(), { tag });
    await expectParseError(new Parse.Query(Note).get(note.id, as(other.token)), Parse.Error.OBJECT_NOT_FOUND);
    await expectParseError(new Parse.Query(Note).get(note.id), Parse.Error.OBJECT_NOT_FOUND);
    assert.equal((await new Parse.Query(Note).equalTo('tag', tag).find(as(other.token))).length, 0);
    assert.equal(await new Parse.Query(Note).equalTo('tag', tag).count(as(other.token)), 0);
    assert.equal(await new Parse.Query(Note).equalTo('tag', tag).count(), 0);
    const rawGet = await restAs(other.token, 'GET', `/classes/${Note}/${note.id}`);
    assert.equal(rawGet.status, 404, JSON.stringify(rawGet.body));
    assert.equal(rawGet.body.code, Parse.Error.OBJECT_NOT_FOUND);
    // the owner and the master key still see it
    assert.equal((await new Parse.Query(Note).get(note.id, as(owner.token))).get('tag'), tag);
    assert.equal(await new Parse.Query(Note).equalTo('tag', tag).count(MASTER), 1);
  });

  test('an object with an empty ACL is visible to the master key only', async () => {
    const note = await ownNote(new Parse.ACL());
    await expectParseError(new Parse.Query(Note).get(note.id, as(owner.token)), Parse.Error.OBJECT_NOT_FOUND);
    assert.equal((await new Parse.Query(Note).get(note.id, MASTER)).id, note.id);
  });

  // Parse Server drops the key when the included object cannot be read (it is not even left as a
  // pointer), so the caller learns nothing about it.
  test('include leaves out a pointer to an object the caller cannot read', async () => {
    const secret = await ownNote(ownerOnly(), { title: 'classified' });
    const folder = new Parse.Object(Folder, { name: 'shared', note: secret });
    folder.setACL(new Parse.ACL({ '*': { read: true } }));
    await folder.save(null, MASTER);
    const asOther = await new Parse.Query(Folder).include('note').get(folder.id, as(other.token));
    assert.equal(asOther.get('name'), 'shared');
    assert.equal(asOther.get('note'), undefined, 'the private note must not be expanded');
    const raw = await restAs(other.token, 'GET', `/classes/${Folder}?include=note&${whereParam({ objectId: folder.id })}`);
    assert.equal(raw.body.results.length, 1);
    assert.equal(raw.body.results[0].note, undefined, JSON.stringify(raw.body));
    const withoutInclude = await new Parse.Query(Folder).get(folder.id, as(other.token));
    assert.equal(withoutInclude.get('note').id, secret.id, 'without include the bare pointer is returned');
    const asOwner = await new Parse.Query(Folder).include('note').get(folder.id, as(owner.token));
    assert.equal(asOwner.get('note').get('title'), 'classified');
  });

  test('a relation query leaves out related objects the caller cannot read', async () => {
    const open = await ownNote(publicReadOwnerWrite(), { title: 'open' });
    const closed = await ownNote(ownerOnly(), { title: 'closed' });
    const folder = new Parse.Object(Folder, { name: 'rel' });
    folder.relation('notes').add([open, closed]);
    folder.setACL(new Parse.ACL({ '*': { read: true } }));
    await folder.save(null, MASTER);
    const seen = await folder.relation('notes').query().find(as(other.token));
    assert.deepEqual(ids(seen), [open.id]);
    const ownerSees = await folder.relation('notes').query().find(as(owner.token));
    assert.deepEqual(ids(ownerSees), [open.id, closed.id].sort());
  });

  test('$inQuery and $select subqueries do not match through objects the caller cannot read', async () => {
    const marker = `sub-${Date.now()}`;
    const closed = await ownNote(ownerOnly(), { title: marker });
    const folder = new Parse.Object(Folder, { name: marker, note: closed });
    folder.setACL(new Parse.ACL({ '*': { read: true } }));
    await folder.save(null, MASTER);
    const inner = new Parse.Query(Note).equalTo('title', marker);
    const viaInQuery = await new Parse.Query(Folder).matchesQuery('note', inner).find(as(other.token));
    assert.equal(viaInQuery.length, 0, 'the private note must not be matched');
    const viaSelect = await new Parse.Query(Folder).matchesKeyInQuery('name', 'title', inner).find(as(other.token));
    assert.equal(viaSelect.length, 0, 'the private title must not leak through $select');
    const ownerMatches = await new Parse.Query(Folder).matchesQuery('note', inner).find(as(owner.token));
    assert.deepEqual(ids(ownerMatches), [folder.id]);
  });

  test('a query on the ACL field itself is refused', async () => {
    const res = await restAs(other.token, 'GET', `/classes/${Note}?${whereParam({ ACL: { $exists: true } })}`);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.results, undefined);
  });
});

describe('public read, owner write', () => {
  test('everyone reads the object; only the owner changes it', async () => {
    const note = await ownNote(publicReadOwnerWrite(), { title: 'original' });
    assert.equal((await new Parse.Query(Note).get(note.id, as(other.token))).get('title'), 'original');
    assert.equal((await new Parse.Query(Note).get(note.id)).get('title'), 'original');
    note.set('title', 'by owner');
    await note.save(null, as(owner.token));
    assert.equal((await new Parse.Query(Note).get(note.id, MASTER)).get('title'), 'by owner');
  });

  test('another user\'s update and delete are refused with 101 and change nothing', async () => {
    const note = await ownNote(publicReadOwnerWrite(), { title: 'keep' });
    const attempt = new Parse.Object(Note, { objectId: note.id });
    attempt.set('title', 'defaced');
    await expectParseError(attempt.save(null, as(other.token)), Parse.Error.OBJECT_NOT_FOUND);
    await expectParseError(attempt.destroy(as(other.token)), Parse.Error.OBJECT_NOT_FOUND);
    const put = await restAs(other.token, 'PUT', `/classes/${Note}/${note.id}`, { body: { title: 'rest' } });
    assert.equal(put.status, 404, JSON.stringify(put.body));
    assert.equal(put.body.code, Parse.Error.OBJECT_NOT_FOUND);
    const del = await rest('DELETE', `/classes/${Note}/${note.id}`);
    assert.equal(del.status, 404, JSON.stringify(del.body));
    assert.equal(del.body.code, Parse.Error.OBJECT_NOT_FOUND);
    const stored = await new Parse.Query(Note).get(note.id, MASTER);
    assert.equal(stored.get('title'), 'keep');
  });

  test('another user cannot take over an object by rewriting its ACL', async () => {
    const note = await ownNote(publicReadOwnerWrite());
    const res = await restAs(other.token, 'PUT', `/classes/${Note}/${note.id}`, {
      body: { ACL: { '*': { read: true, write: true } } },
    });
    assert.equal(res.status, 404, JSON.stringify(res.body));
    const stored = await new Parse.Query(Note).get(note.id, MASTER);
    assert.equal(stored.getACL().getPublicWriteAccess(), false);
  });

  test('a user-write ACL grants that other user write access', async () => {
    const acl = publicReadOwnerWrite();
    acl.setWriteAccess(other.user, true);
    const note = await ownNote(acl, { title: 'shared' });
    const attempt = new Parse.Object(Note, { objectId: note.id, title: 'co-edited' });
    await attempt.save(null, as(other.token));
    assert.equal((await new Parse.Query(Note).get(note.id, MASTER)).get('title'), 'co-edited');
  });
});
