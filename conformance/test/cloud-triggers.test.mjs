// Cloud Code triggers (cloud/main.js): beforeSave that changes or refuses, afterSave, beforeDelete
// that refuses, afterDelete, beforeFind that changes the query, afterFind that changes results,
// request.original/context/user, trigger validators, and triggers on _User, _Session, _Role,
// _Installation and files.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Parse, MASTER, rest } from './helpers.mjs';
import { newUser, uniqueName, as, restAs } from './users-helpers.mjs';
import { expectCloudError, logEntries, useFixedClasses, waitFor } from './cloud-helpers.mjs';

useFixedClasses(
  'CloudTestItem', 'CloudTestLog', 'CloudTestFindLimit', 'CloudTestFindKeys', 'CloudTestFindInclude',
  'CloudTestFindIncludeTarget', 'CloudTestFindConstraint', 'CloudTestAfterFind', 'CloudTestGuarded', 'CloudTestSkipped',
);

const Item = Parse.Object.extend('CloudTestItem');

/** Waits for one CloudTestLog entry matching `where` (after* triggers may run after the answer). */
async function oneLogEntry(where) {
  const entries = await waitFor(async () => {
    const found = await logEntries(where);
    return found.length ? found : undefined;
  });
  assert.ok(entries, `no CloudTestLog entry for ${JSON.stringify(where)}`);
  return entries[0];
}

describe('beforeSave and afterSave', () => {
  test('a beforeSave change is seen by the SDK after save() and is stored', async () => {
    const item = await new Item({ name: 'Hello  World' }).save();
    assert.equal(item.get('slug'), 'hello-world', 'the SDK object holds the field the trigger set');
    assert.equal(item.get('saves'), 1);
    assert.equal(item.get('previousName'), null, 'no request.original on create');
    assert.equal(item.get('savedByMaster'), false);
    assert.equal(item.get('savedByUser'), null);
    const stored = await new Parse.Query(Item).get(item.id, MASTER);
    assert.equal(stored.get('slug'), 'hello-world');
    assert.equal(stored.get('saves'), 1);
  });

  test('on update the beforeSave sees request.original, and its changes come back again', async () => {
    const item = await new Item({ name: 'First Name' }).save();
    item.set('name', 'Second Name');
    await item.save();
    assert.equal(item.get('slug'), 'second-name');
    assert.equal(item.get('saves'), 2);
    assert.equal(item.get('previousName'), 'First Name');
  });

  test('a REST create answers the fields the beforeSave set', async () => {
    const res = await rest('POST', '/classes/CloudTestItem', { body: { name: 'Rest Item' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.slug, 'rest-item', JSON.stringify(res.body));
    assert.equal(res.body.saves, 1, JSON.stringify(res.body));
  });

  test('request.context is the SDK\'s context option; request.user and request.master are the caller', async () => {
    const { user, token } = await newUser('cloudtrig');
    const item = await new Item({ name: 'ctx' }).save(null, { ...as(token), context: { tag: 'ctx-1' } });
    assert.equal(item.get('contextTag'), 'ctx-1');
    assert.equal(item.get('savedByUser'), user.id);
    const byMaster = await new Item({ name: 'master' }).save(null, MASTER);
    assert.equal(byMaster.get('savedByMaster'), true);
    assert.equal(byMaster.get('contextTag'), null);
  });

  test('a beforeSave that throws a Parse.Error aborts the save with its code and message', async () => {
    const name = uniqueName('refused');
    await expectCloudError(new Item({ name, reject: 'parse-error' }).save(), 119, 'this item is refused by beforeSave');
    await expectCloudError(new Item({ name, reject: 'string' }).save(), 141, 'refused with a string');
    assert.equal(await new Parse.Query(Item).equalTo('name', name).count(MASTER), 0, 'nothing was stored');
  });

  test('a refused update leaves the stored object unchanged', async () => {
    const item = await new Item({ name: 'keep me' }).save();
    item.set('reject', 'parse-error');
    await expectCloudError(item.save(), 119, 'this item is refused by beforeSave');
    const stored = await new Parse.Query(Item).get(item.id, MASTER);
    assert.equal(stored.get('reject'), undefined);
    assert.equal(stored.get('saves'), 1);
  });

  test('afterSave runs with the saved object (after the beforeSave\'s changes) and request.original', async () => {
    const item = await new Item({ name: 'After Save' }).save();
    const created = await oneLogEntry({ event: 'afterSave', itemId: item.id });
    assert.equal(created.get('slug'), 'after-save');
    assert.equal(created.get('originalName'), null);
    item.set('name', 'After Update');
    await item.save();
    const updated = await oneLogEntry({ event: 'afterSave', itemId: item.id, name: 'After Update' });
    assert.equal(updated.get('originalName'), 'After Save');
  });
});

describe('beforeDelete and afterDelete', () => {
  test('a beforeDelete that throws refuses the delete; the object stays', async () => {
    const item = await new Item({ name: 'locked', locked: true }).save();
    await expectCloudError(item.destroy(), 119, 'locked items cannot be deleted');
    await expectCloudError(item.destroy(MASTER), 119, 'locked items cannot be deleted');
    assert.equal((await new Parse.Query(Item).get(item.id, MASTER)).id, item.id);
  });

  test('afterDelete runs with the deleted object', async () => {
    const item = await new Item({ name: 'to delete' }).save();
    await item.destroy();
    const entry = await oneLogEntry({ event: 'afterDelete', itemId: item.id });
    assert.equal(entry.get('name'), 'to delete');
    await expectCloudError(new Parse.Query(Item).get(item.id, MASTER), Parse.Error.OBJECT_NOT_FOUND);
  });
});

describe('beforeFind and afterFind', () => {
  test('a beforeFind that sets limit(2) caps the results', async () => {
    await Parse.Object.saveAll([1, 2, 3, 4, 5].map((n) => new Parse.Object('CloudTestFindLimit', { n })), MASTER);
    assert.equal((await new Parse.Query('CloudTestFindLimit').find()).length, 2);
    assert.equal((await new Parse.Query('CloudTestFindLimit').limit(100).find()).length, 2);
  });

  test('a beforeFind that selects keys hides the other fields, in find and in get', async () => {
    const [saved] = await Parse.Object.saveAll([new Parse.Object('CloudTestFindKeys', { visible: 'v', secret: 's' })], MASTER);
    const [found] = await new Parse.Query('CloudTestFindKeys').find();
    assert.equal(found.get('visible'), 'v');
    assert.equal(found.get('secret'), undefined);
    const got = await new Parse.Query('CloudTestFindKeys').get(saved.id);
    assert.equal(got.get('visible'), 'v');
    assert.equal(got.get('secret'), undefined);
  });

  test('a beforeFind that includes a pointer returns it fetched', async () => {
    const target = await new Parse.Object('CloudTestFindIncludeTarget', { label: 'the target' }).save(null, MASTER);
    await new Parse.Object('CloudTestFindInclude', { target }).save(null, MASTER);
    const [found] = await new Parse.Query('CloudTestFindInclude').find();
    assert.equal(found.get('target').id, target.id);
    assert.equal(found.get('target').get('label'), 'the target', 'the pointer came back included');
  });

  test('a beforeFind that adds a constraint filters the results', async () => {
    await Parse.Object.saveAll([
      new Parse.Object('CloudTestFindConstraint', { n: 1, hidden: true }),
      new Parse.Object('CloudTestFindConstraint', { n: 2, hidden: false }),
      new Parse.Object('CloudTestFindConstraint', { n: 3 }),
    ], MASTER);
    const found = await new Parse.Query('CloudTestFindConstraint').ascending('n').find();
    assert.deepEqual(found.map((o) => o.get('n')), [2, 3]);
  });

  test('an afterFind that filters and changes the results', async () => {
    const objects = await Parse.Object.saveAll([
      new Parse.Object('CloudTestAfterFind', { n: 1 }),
      new Parse.Object('CloudTestAfterFind', { n: 2, secret: true }),
      new Parse.Object('CloudTestAfterFind', { n: 3 }),
    ], MASTER);
    const found = await new Parse.Query('CloudTestAfterFind').ascending('n').find();
    assert.deepEqual(found.map((o) => o.get('n')), [1, 3]);
    assert.ok(found.every((o) => o.get('decorated') === true), 'each result carries the field the afterFind set');
    const stored = await rest('GET', `/classes/CloudTestAfterFind/${objects[0].id}`, { master: true });
    assert.equal(stored.body.decorated, true, 'a get goes through the afterFind too');
  });
});

describe('trigger validators', () => {
  test('requireUser and required/typed fields of the object, with Parse Server\'s messages', async () => {
    await expectCloudError(new Parse.Object('CloudTestGuarded', { title: 't' }).save(), 142,
      'Validation failed. Please login to continue.');
    const { token } = await newUser('cloudtrig');
    await expectCloudError(new Parse.Object('CloudTestGuarded', {}).save(null, as(token)), 142,
      'Validation failed. Please specify data for title.');
    await expectCloudError(new Parse.Object('CloudTestGuarded', { title: 5 }).save(null, as(token)), 142,
      'Validation failed. Invalid type for title. Expected: string');
  });

  test('default fills a missing field; constant keeps the default on create and the stored value on update', async () => {
    const { token } = await newUser('cloudtrig');
    const object = await new Parse.Object('CloudTestGuarded', { title: 't', kind: 'special' }).save(null, as(token));
    assert.equal(object.get('guardPassed'), true);
    assert.equal(object.get('status'), 'draft');
    assert.equal(object.get('kind'), 'standard');
    object.set('kind', 'changed');
    object.set('status', 'published');
    await object.save(null, as(token));
    const stored = await new Parse.Query('CloudTestGuarded').get(object.id, MASTER);
    assert.equal(stored.get('kind'), 'standard', 'a constant field cannot be changed');
    assert.equal(stored.get('status'), 'published');
  });

  test('skipWithMasterKey: the trigger does not run for the master key', async () => {
    const byClient = await new Parse.Object('CloudTestSkipped', { n: 1 }).save();
    assert.equal(byClient.get('touched'), true);
    const byMaster = await new Parse.Object('CloudTestSkipped', { n: 2 }).save(null, MASTER);
    assert.equal(byMaster.get('touched'), undefined);
    assert.equal((await new Parse.Query('CloudTestSkipped').get(byMaster.id, MASTER)).get('touched'), undefined);
  });
});

describe('triggers on users and sessions', () => {
  test('a beforeSave on _User changes the signed-up user (cloudtest_ users only)', async () => {
    const { user } = await newUser('cloudtest');
    const stored = await new Parse.Query(Parse.User).get(user.id, MASTER);
    assert.equal(stored.get('cloudNote'), 'set by beforeSave');
    const other = await newUser('plain');
    assert.equal((await new Parse.Query(Parse.User).get(other.user.id, MASTER)).get('cloudNote'), undefined);
  });

  test('a beforeSave on _User that throws refuses the sign-up', async () => {
    const username = uniqueName('cloudtest_refused');
    const user = new Parse.User({ username, password: 'secret-pw-1' });
    await expectCloudError(user.signUp(), 119, 'sign-up refused by beforeSave');
    assert.equal(await new Parse.Query(Parse.User).equalTo('username', username).count(MASTER), 0);
  });

  test('a beforeLogin that throws refuses the log-in with its code and message', async () => {
    const { username, password } = await newUser('cloudtest_blocked');
    await expectCloudError(Parse.User.logIn(username, password), 119, 'login blocked by beforeLogin');
    const res = await rest('POST', '/login', { body: { username, password } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { code: 119, error: 'login blocked by beforeLogin' });
  });

  test('afterLogin runs after a log-in, afterLogout after a log-out', async () => {
    const { user, username, password } = await newUser('cloudtest');
    const loggedIn = await Parse.User.logIn(username, password);
    await oneLogEntry({ event: 'afterLogin', userId: user.id });
    const res = await restAs(loggedIn.getSessionToken(), 'POST', '/logout', { body: {} });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await oneLogEntry({ event: 'afterLogout', userId: user.id });
  });

  test('a beforePasswordResetRequest that throws refuses the reset request', async () => {
    const refused = await newUser('cloudtest_noreset');
    await expectCloudError(Parse.User.requestPasswordReset(refused.email), 119,
      'password reset refused by beforePasswordResetRequest');
    const allowed = await newUser('cloudtest');
    await Parse.User.requestPasswordReset(allowed.email);
  });
});

describe('triggers on roles, installations and files', () => {
  const installationIds = [];
  after(async () => {
    for (const objectId of installationIds) await rest('DELETE', `/installations/${objectId}`, { master: true });
  });

  test('a beforeSave on _Role refuses a role, even for the master key', async () => {
    const acl = new Parse.ACL();
    acl.setPublicReadAccess(true);
    const name = uniqueName('CloudTestForbidden');
    await expectCloudError(new Parse.Role(name, acl).save(null, MASTER), 119, 'role name refused by beforeSave');
    assert.equal(await new Parse.Query(Parse.Role).equalTo('name', name).count(MASTER), 0);
  });

  test('a beforeSave on _Installation changes the installation', async () => {
    const res = await rest('POST', '/installations', {
      body: { deviceType: 'android', installationId: randomUUID(), cloudTestTag: 'tag-1' },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    installationIds.push(res.body.objectId);
    const stored = await rest('GET', `/installations/${res.body.objectId}`, { master: true });
    assert.equal(stored.body.cloudTestSeen, 'seen tag-1', JSON.stringify(stored.body));
  });

  test('a beforeSave on Parse.File refuses an upload with its code and message', async () => {
    const data = { base64: Buffer.from('hello').toString('base64') };
    await expectCloudError(new Parse.File('cloudtest_refused.txt', data, 'text/plain').save(MASTER), 119, 'file refused by beforeSave');
    const accepted = await new Parse.File('cloudtest_ok.txt', data, 'text/plain').save(MASTER);
    assert.match(accepted.url(), /cloudtest_ok\.txt$/);
    await accepted.destroy(MASTER);
  });
});
