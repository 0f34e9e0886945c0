// parse.com-style Cloud Code, which Reparse runs unchanged: response.success/error in functions
// and triggers, Parse.User.current() and Parse.Cloud.useMasterKey() scoped to the ONE invocation
// that calls them, the compatibility guide's two examples ("Cloud Code") in both styles, and a
// concurrency test that no invocation ever sees another's user or master mode.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER } from './helpers.mjs';
import { newUser, as } from './users-helpers.mjs';
import { PARSE_COM_STYLE, run, expectCloudError, useFixedClasses } from './cloud-helpers.mjs';

useFixedClasses('Messages', 'CloudTestSecret', 'CloudTestOwned', 'CloudTestParseCom');

let alice;
let bob;
let carol;

/** An ACL readable (and writable) only by the given users. */
function aclFor(...users) {
  const acl = new Parse.ACL();
  for (const user of users) {
    acl.setReadAccess(user, true);
    acl.setWriteAccess(user, true);
  }
  return acl;
}

before(async () => {
  [alice, bob, carol] = await Promise.all([newUser('cloudcom'), newUser('cloudcom'), newUser('cloudcom')]);
  const secret = new Parse.Object('CloudTestSecret', { note: 'master key only' });
  secret.setACL(new Parse.ACL());
  const owned = [alice, bob].map(({ user }) => {
    const object = new Parse.Object('CloudTestOwned', { ownerId: user.id });
    object.setACL(aclFor(user));
    return object;
  });
  // The guide's messaging app: every message readable only by its author and its recipient.
  const message = (to, text) => {
    const object = new Parse.Object('Messages', { author: carol.user, recipient: to.user, text });
    object.setACL(aclFor(carol.user, to.user));
    return object;
  };
  await Parse.Object.saveAll([
    secret, ...owned, message(alice, 'hi alice'), message(alice, 'again, alice'), message(bob, 'hi bob'),
  ], MASTER);
});

describe('response.success and response.error in functions', () => {
  test('response.success(value), also called later from a timer, answers the value', async () => {
    assert.deepEqual(await run('cloudParseComSuccess', { value: 'v1' }), { echo: 'v1' });
  });

  test('response.error(message) is 141 with the message; response.error(Parse.Error) keeps its code', async () => {
    await expectCloudError(run('cloudParseComError'), 141, 'parse.com style failure');
    await expectCloudError(run('cloudParseComParseError'), 119, 'parse.com style forbidden');
  });
});

describe('response.success and response.error in triggers', { skip: PARSE_COM_STYLE }, () => {
  test('a (request, response) beforeSave: response.success() saves its changes, response.error() refuses', async () => {
    const saved = await new Parse.Object('CloudTestParseCom', { n: 1 }).save();
    assert.equal(saved.get('checked'), true);
    await expectCloudError(new Parse.Object('CloudTestParseCom', { bad: true }).save(), 141,
      'no bad objects, says the parse.com beforeSave');
    assert.equal(await new Parse.Query('CloudTestParseCom').equalTo('bad', true).count(MASTER), 0);
  });

  test('a (request, response) beforeDelete: response.error(Parse.Error) refuses, response.success() deletes', async () => {
    const kept = await new Parse.Object('CloudTestParseCom', { keep: true }).save();
    await expectCloudError(kept.destroy(), 119, 'kept by the parse.com beforeDelete');
    const gone = await new Parse.Object('CloudTestParseCom', { keep: false }).save();
    await gone.destroy();
    await expectCloudError(new Parse.Query('CloudTestParseCom').get(gone.id, MASTER), Parse.Error.OBJECT_NOT_FOUND);
    assert.equal((await new Parse.Query('CloudTestParseCom').get(kept.id, MASTER)).id, kept.id);
  });
});

describe('Parse.User.current() and Parse.Cloud.useMasterKey()', { skip: PARSE_COM_STYLE }, () => {
  test('Parse.User.current() is the calling user, with its session token; null without a session', async () => {
    const result = await run('cloudCurrentUser', {}, as(alice.token));
    assert.deepEqual(result, {
      id: alice.user.id, username: alice.username, sessionToken: alice.token, matchesRequestUser: true,
    });
    const anonymous = await run('cloudCurrentUser');
    assert.equal(anonymous.id, null);
    assert.equal(anonymous.sessionToken, null);
  });

  test('SDK calls in Cloud Code run as the calling user by default (ACLs hold)', async () => {
    assert.equal(await run('cloudCountSecretsAsCaller', {}, as(alice.token)), 0);
    const owned = await run('cloudConcurrentWhoAmI', { call: 0, maxDelay: 1 }, as(alice.token));
    assert.deepEqual(owned.owners, [alice.user.id], 'the query saw exactly what alice may read');
  });

  test('useMasterKey() makes that invocation\'s SDK calls use the master key, and only that invocation\'s', async () => {
    assert.equal(await run('cloudUseMasterKeyCount', {}, as(alice.token)), 1);
    assert.equal(await run('cloudCountSecretsAsCaller', {}, as(alice.token)), 0, 'the next call is not in master mode');
    assert.equal(await run('cloudCountSecretsAsCaller'), 0);
  });
});

describe('the compatibility guide\'s examples', () => {
  test('getMessagesForUser, Parse Server style (sessionToken passed): only the caller\'s messages', async () => {
    const forAlice = await run('getMessagesForUserParseServer', {}, as(alice.token));
    assert.deepEqual(forAlice.map((m) => m.get('text')).sort(), ['again, alice', 'hi alice']);
    const forBob = await run('getMessagesForUserParseServer', {}, as(bob.token));
    assert.deepEqual(forBob.map((m) => m.get('text')), ['hi bob']);
  });

  test('getTotalMessageCount, Parse Server style ({useMasterKey: true}): counts every message', async () => {
    assert.equal(await run('getTotalMessageCountParseServer', {}, as(alice.token)), 3);
  });

  test('getMessagesForUser, parse.com style (Parse.User.current(), no session token): only the caller\'s messages',
    { skip: PARSE_COM_STYLE }, async () => {
      const forAlice = await run('getMessagesForUser', {}, as(alice.token));
      assert.deepEqual(forAlice.map((m) => m.get('text')).sort(), ['again, alice', 'hi alice']);
      assert.ok(forAlice.every((m) => m instanceof Parse.Object && m.className === 'Messages'));
      const forBob = await run('getMessagesForUser', {}, as(bob.token));
      assert.deepEqual(forBob.map((m) => m.get('text')), ['hi bob']);
      assert.deepEqual(await run('getMessagesForUser', {}, as(carol.token)), [], 'carol wrote them but received none');
    });

  test('getTotalMessageCount, parse.com style (Parse.Cloud.useMasterKey()): counts every message, and master mode ends with the call',
    { skip: PARSE_COM_STYLE }, async () => {
      assert.equal(await run('getTotalMessageCount', {}, as(bob.token)), 3);
      assert.equal(await run('cloudCountSecretsAsCaller', {}, as(bob.token)), 0);
      const forBob = await run('getMessagesForUser', {}, as(bob.token));
      assert.deepEqual(forBob.map((m) => m.get('text')), ['hi bob']);
    });
});

describe('concurrent invocations', { skip: PARSE_COM_STYLE }, () => {
  test('many interleaved calls from two users (some in master mode, some anonymous) each see only their own user and mode', async () => {
    const calls = Array.from({ length: 48 }, (_, call) => {
      const caller = [alice, bob, null][call % 3];
      const master = call % 4 === 1;
      const options = caller ? as(caller.token) : {};
      return run('cloudConcurrentWhoAmI', { call, master, maxDelay: 60 }, options).then((result) => ({ call, caller, master, result }));
    });
    const results = await Promise.all(calls);
    const bothOwners = [alice.user.id, bob.user.id].sort();
    for (const { call, caller, master, result } of results) {
      const expectedUser = caller ? caller.user.id : null;
      const where = `call ${call} (${caller ? caller.username : 'anonymous'}, master ${master}): ${JSON.stringify(result)}`;
      assert.equal(result.call, call, where);
      assert.equal(result.before, expectedUser, `Parse.User.current() at the start, ${where}`);
      assert.equal(result.after, expectedUser, `Parse.User.current() after awaits, ${where}`);
      assert.equal(result.secrets, master ? 1 : 0, `master mode, ${where}`);
      assert.deepEqual(result.owners, master ? bothOwners : caller ? [caller.user.id] : [], `rows readable, ${where}`);
    }
  });
});
