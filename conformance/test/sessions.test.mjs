// Sessions: the current session, who can see which _Session rows, revocation, and the
// server-generated fields a client may not write.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, rest, assertRestError, expectParseError } from './helpers.mjs';
import { newUser, as, restAs, withCurrentUser } from './users-helpers.mjs';

/** Logs in through REST as if from the given installation; returns the new session token. */
async function logInFrom(installationId, username, password) {
  const res = await rest('POST', '/login', {
    body: { username, password },
    headers: { 'X-Parse-Installation-Id': `${installationId}-${username}` },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.sessionToken;
}

describe('current session', () => {
  test('Parse.Session.current() is the logged-in user\'s session, with its token and user', async () => {
    const { user, username, password } = await newUser('sesscur');
    await withCurrentUser(async () => {
      const loggedIn = await Parse.User.logIn(username, password);
      const session = await Parse.Session.current();
      assert.ok(session instanceof Parse.Session);
      assert.equal(session.getSessionToken(), loggedIn.getSessionToken());
      assert.equal(session.get('user').id, user.id);
      assert.equal(session.get('createdWith')?.action, 'login');
      assert.ok(session.get('expiresAt') instanceof Date);
      assert.ok(session.get('expiresAt') > new Date());
    });
  });

  test('GET /sessions/me answers the caller\'s session; sign-up sessions say createdWith signup', async () => {
    const { user, token } = await newUser('sessme');
    const res = await restAs(token, 'GET', '/sessions/me');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.sessionToken, token);
    assert.equal(res.body.user.objectId, user.id);
    assert.deepEqual(res.body.createdWith, { action: 'signup', authProvider: 'password' });
  });
});

describe('who sees which sessions', () => {
  test('a _Session query as a user finds only that user\'s sessions', async () => {
    const alice = await newUser('sessalice');
    const bob = await newUser('sessbob');
    await logInFrom('other-device', alice.username, alice.password);
    const sessions = await new Parse.Query(Parse.Session).find(as(alice.token));
    assert.equal(sessions.length, 2, 'the sign-up session and the log-in session');
    for (const s of sessions) assert.equal(s.get('user').id, alice.user.id);
    const bobs = await new Parse.Query(Parse.Session).find(as(bob.token));
    assert.equal(bobs.length, 1);
    assert.equal(bobs[0].getSessionToken(), bob.token);
  });

  test('a user cannot get, update or delete another user\'s session', async () => {
    const alice = await newUser('sessowner');
    const bob = await newUser('sessother');
    const mine = await restAs(alice.token, 'GET', '/sessions/me');
    const id = mine.body.objectId;
    assertRestError(await restAs(bob.token, 'GET', `/sessions/${id}`), 404, Parse.Error.OBJECT_NOT_FOUND);
    assertRestError(await restAs(bob.token, 'DELETE', `/sessions/${id}`), 404, Parse.Error.OBJECT_NOT_FOUND);
    const still = await restAs(alice.token, 'GET', '/users/me');
    assert.equal(still.status, 200, 'alice\'s session still works');
  });

  test('_Session cannot be queried without a session token (209)', async () => {
    const res = await rest('GET', '/sessions');
    assertRestError(res, 400, Parse.Error.INVALID_SESSION_TOKEN);
    assert.equal(res.body.results, undefined);
  });
});

describe('revocation', () => {
  test('a new log-in from the same installation revokes that installation\'s earlier session only', async () => {
    const { user, username, password } = await newUser('sessinst');
    const first = await logInFrom('device-a', username, password);
    const elsewhere = await logInFrom('device-b', username, password);
    const second = await logInFrom('device-a', username, password);
    assert.notEqual(second, first);
    assertRestError(await restAs(first, 'GET', '/users/me'), 400, Parse.Error.INVALID_SESSION_TOKEN);
    assert.equal((await restAs(second, 'GET', '/users/me')).body.objectId, user.id);
    assert.equal((await restAs(elsewhere, 'GET', '/users/me')).body.objectId, user.id);
  });

  test('a deleted (revoked) session\'s token is refused with 209', async () => {
    const { token } = await newUser('revoke');
    const session = await Parse.Session.current().catch(() => undefined);
    assert.equal(session, undefined, 'no current user under Node');
    const me = await restAs(token, 'GET', '/sessions/me');
    const del = await restAs(token, 'DELETE', `/sessions/${me.body.objectId}`);
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assertRestError(await restAs(token, 'GET', '/users/me'), 400, Parse.Error.INVALID_SESSION_TOKEN);
    await expectParseError(Parse.User.me(token), Parse.Error.INVALID_SESSION_TOKEN);
  });

  test('a session revoked by the master key is refused with 209', async () => {
    const { token, user, username, password } = await newUser('revokemaster');
    const other = await logInFrom('other-device', username, password);
    const sessions = await new Parse.Query(Parse.Session).equalTo('sessionToken', token).find(MASTER);
    assert.equal(sessions.length, 1);
    await sessions[0].destroy(MASTER);
    assertRestError(await restAs(token, 'GET', '/users/me'), 400, Parse.Error.INVALID_SESSION_TOKEN);
    const stillValid = await Parse.User.me(other);
    assert.equal(stillValid.id, user.id, 'the user\'s other session is untouched');
  });
});

describe('server-generated session fields', () => {
  for (const [field, value] of [
    ['sessionToken', 'r:chosen-by-client'],
    ['expiresAt', { __type: 'Date', iso: '2099-01-01T00:00:00.000Z' }],
    ['createdWith', { action: 'login', authProvider: 'password' }],
    ['installationId', 'forged-installation'],
  ]) {
    test(`a client update of its session's ${field} is refused with 105 and changes nothing`, async () => {
      const { token } = await newUser('sessfield');
      const before = (await restAs(token, 'GET', '/sessions/me')).body;
      const res = await restAs(token, 'PUT', `/sessions/${before.objectId}`, { body: { [field]: value } });
      assertRestError(res, 400, Parse.Error.INVALID_KEY_NAME);
      const after = (await rest('GET', `/sessions/${before.objectId}`, { master: true })).body;
      assert.deepEqual(after[field], before[field]);
      assert.equal(after.sessionToken, token);
    });
  }

  test('a client update moving its session to another user is refused with 105', async () => {
    const alice = await newUser('sessmove');
    const bob = await newUser('sessmove2');
    const mine = (await restAs(alice.token, 'GET', '/sessions/me')).body;
    const res = await restAs(alice.token, 'PUT', `/sessions/${mine.objectId}`, {
      body: { user: { __type: 'Pointer', className: '_User', objectId: bob.user.id } },
    });
    assertRestError(res, 400, Parse.Error.INVALID_KEY_NAME);
    const me = await restAs(alice.token, 'GET', '/users/me');
    assert.equal(me.body.objectId, alice.user.id);
  });

  test('a client-created session gets a server-generated token, user and expiry, whatever the body says', async () => {
    const alice = await newUser('sesscreate');
    const bob = await newUser('sesscreate2');
    const res = await restAs(alice.token, 'POST', '/sessions', {
      body: {
        sessionToken: 'r:chosen-by-client',
        user: { __type: 'Pointer', className: '_User', objectId: bob.user.id },
        expiresAt: { __type: 'Date', iso: '2099-01-01T00:00:00.000Z' },
      },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.notEqual(res.body.sessionToken, 'r:chosen-by-client');
    assert.equal(res.body.user.objectId, alice.user.id);
    assert.notEqual(res.body.expiresAt?.iso, '2099-01-01T00:00:00.000Z');
    const me = await restAs(res.body.sessionToken, 'GET', '/users/me');
    assert.equal(me.body.objectId, alice.user.id);
    assertRestError(await restAs('r:chosen-by-client', 'GET', '/users/me'), 400, Parse.Error.INVALID_SESSION_TOKEN);
  });

  test('a session cannot be created without a session token (209)', async () => {
    const res = await rest('POST', '/sessions', { body: {} });
    assertRestError(res, 400, Parse.Error.INVALID_SESSION_TOKEN);
    assert.equal(res.body.sessionToken, undefined);
  });
});
