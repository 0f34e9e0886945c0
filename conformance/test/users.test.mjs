// Users: sign-up, log-in, sessions tokens, the errors the SDK relies on, and what one user
// may see or change of another.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, rest, assertRestError, expectParseError } from './helpers.mjs';
import { newUser, uniqueName, trackUser, as, restAs, withCurrentUser } from './users-helpers.mjs';

/** Asserts no password material is in a user's JSON. */
function assertNoPassword(json, where) {
  for (const key of ['password', '_hashed_password', 'hashed_password', '_password_history']) {
    assert.equal(json[key], undefined, `${where} holds ${key}: ${JSON.stringify(json)}`);
  }
}

describe('sign-up, log-in, become, log-out', () => {
  test('signUp creates the user and answers a session token; logIn with the same password opens another session', async () => {
    const { user, token, username, password } = await newUser('signup');
    assert.match(user.id, /^[A-Za-z0-9]{10}$/);
    assert.match(token, /^r:/, 'sessions are revocable (r: tokens)');
    const again = await Parse.User.logIn(username, password);
    assert.equal(again.id, user.id);
    assert.match(again.getSessionToken(), /^r:/);
    assert.notEqual(again.getSessionToken(), token);
  });

  test('become with a session token returns that token\'s user', async () => {
    const { user, token, username } = await newUser('become');
    const viaMe = await Parse.User.me(token);
    assert.equal(viaMe.id, user.id);
    await withCurrentUser(async () => {
      const me = await Parse.User.become(token);
      assert.equal(me.id, user.id);
      assert.equal(me.getUsername(), username);
      assert.equal(me.getSessionToken(), token);
      assert.equal(Parse.User.current()?.id, user.id);
    });
  });

  test('logOut ends the current session: Parse.User.current() is null and the token is refused with 209', async () => {
    const { username, password } = await newUser('logout');
    await withCurrentUser(async () => {
      const user = await Parse.User.logIn(username, password);
      const token = user.getSessionToken();
      assert.equal(Parse.User.current()?.id, user.id);
      assert.equal(Parse.User.current().getSessionToken(), token);
      await Parse.User.logOut();
      assert.equal(Parse.User.current(), null);
      await expectParseError(Parse.User.become(token), Parse.Error.INVALID_SESSION_TOKEN);
    });
  });

  test('GET /users/me answers the session\'s user with its session token', async () => {
    const { user, token, username } = await newUser('me');
    const res = await restAs(token, 'GET', '/users/me');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.objectId, user.id);
    assert.equal(res.body.username, username);
    assert.equal(res.body.sessionToken, token);
  });

  test('GET /users/me without a session token is refused with 209', async () => {
    assertRestError(await rest('GET', '/users/me'), 400, Parse.Error.INVALID_SESSION_TOKEN);
  });

  test('a REST sign-up answers 201 with objectId, createdAt and sessionToken', async () => {
    const username = uniqueName('restsignup');
    const res = await rest('POST', '/users', { body: { username, password: 'secret-1' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    trackUser(res.body.objectId);
    assert.ok(res.body.objectId && res.body.createdAt && res.body.sessionToken, JSON.stringify(res.body));
    assert.ok(res.headers.get('location')?.endsWith(`/users/${res.body.objectId}`), res.headers.get('location'));
    assertNoPassword(res.body, 'sign-up response');
  });
});

describe('log-in and sign-up errors', () => {
  test('a wrong password and an unknown username give the same 101 error', async () => {
    const { username } = await newUser('badlogin');
    const wrong = await expectParseError(Parse.User.logIn(username, 'not-the-password'), Parse.Error.OBJECT_NOT_FOUND);
    const unknown = await expectParseError(Parse.User.logIn(uniqueName('nobody'), 'whatever'), Parse.Error.OBJECT_NOT_FOUND);
    assert.equal(wrong.message, unknown.message, 'the message must not tell which of the two was wrong');
    const restWrong = await rest('POST', '/login', { body: { username, password: 'nope' } });
    const restUnknown = await rest('POST', '/login', { body: { username: uniqueName('nobody'), password: 'nope' } });
    assertRestError(restWrong, 404, Parse.Error.OBJECT_NOT_FOUND);
    assertRestError(restUnknown, 404, Parse.Error.OBJECT_NOT_FOUND);
    assert.deepEqual(restWrong.body, restUnknown.body);
  });

  test('a taken username is refused with 202', async () => {
    const { username } = await newUser('taken');
    const other = new Parse.User({ username, password: 'another-pw' });
    await expectParseError(other.signUp(), Parse.Error.USERNAME_TAKEN);
  });

  test('a taken email is refused with 203', async () => {
    const { email } = await newUser('takenmail');
    const other = new Parse.User({ username: uniqueName('takenmail2'), password: 'another-pw', email });
    await expectParseError(other.signUp(), Parse.Error.EMAIL_TAKEN);
  });

  test('a sign-up without a username is refused with 200, without a password with 201', async () => {
    assertRestError(await rest('POST', '/users', { body: { password: 'pw' } }), 400, Parse.Error.USERNAME_MISSING);
    assertRestError(await rest('POST', '/users', { body: { username: '', password: 'pw' } }), 400, Parse.Error.USERNAME_MISSING);
    const username = uniqueName('nopw');
    assertRestError(await rest('POST', '/users', { body: { username } }), 400, Parse.Error.PASSWORD_MISSING);
    assertRestError(await rest('POST', '/users', { body: { username, password: '' } }), 400, Parse.Error.PASSWORD_MISSING);
    const found = await new Parse.Query(Parse.User).equalTo('username', username).find(MASTER);
    assert.equal(found.length, 0, 'nothing was created');
  });

  test('become with a garbage token is refused with 209', async () => {
    await withCurrentUser(() => expectParseError(Parse.User.become('r:not-a-real-token'), Parse.Error.INVALID_SESSION_TOKEN));
    await expectParseError(Parse.User.me('r:not-a-real-token'), Parse.Error.INVALID_SESSION_TOKEN);
  });

  test('a logged-out token is refused with 209 on every request', async () => {
    const { token } = await newUser('loggedout');
    const out = await restAs(token, 'POST', '/logout');
    assert.equal(out.status, 200, JSON.stringify(out.body));
    assertRestError(await restAs(token, 'GET', '/users/me'), 400, Parse.Error.INVALID_SESSION_TOKEN);
    assertRestError(await restAs(token, 'GET', '/classes/_User'), 400, Parse.Error.INVALID_SESSION_TOKEN);
  });
});

describe('one user and another', () => {
  test('a user cannot read another user, nor find them, by default', async () => {
    const alice = await newUser('alice', { phone: '555-0100' });
    const bob = await newUser('bob');
    await expectParseError(new Parse.Query(Parse.User).get(alice.user.id, as(bob.token)), Parse.Error.OBJECT_NOT_FOUND);
    const found = await new Parse.Query(Parse.User).equalTo('username', alice.username).find(as(bob.token));
    assert.equal(found.length, 0);
    const own = await new Parse.Query(Parse.User).get(alice.user.id, as(alice.token));
    assert.equal(own.get('phone'), '555-0100');
  });

  test('a user updates their own fields', async () => {
    const { user, token } = await newUser('selfupdate');
    user.set('nickname', 'ace');
    await user.save(null, as(token));
    const stored = await new Parse.Query(Parse.User).get(user.id, MASTER);
    assert.equal(stored.get('nickname'), 'ace');
  });

  test('a user cannot update or delete another user (206), and nothing changes', async () => {
    const alice = await newUser('victim', { nickname: 'alice' });
    const bob = await newUser('attacker');
    const update = await restAs(bob.token, 'PUT', `/users/${alice.user.id}`, { body: { nickname: 'pwned' } });
    assertRestError(update, 400, Parse.Error.SESSION_MISSING);
    const passwordChange = await restAs(bob.token, 'PUT', `/users/${alice.user.id}`, { body: { password: 'taken-over' } });
    assertRestError(passwordChange, 400, Parse.Error.SESSION_MISSING);
    const del = await restAs(bob.token, 'DELETE', `/users/${alice.user.id}`);
    assertRestError(del, 400, Parse.Error.SESSION_MISSING);
    const stored = await new Parse.Query(Parse.User).get(alice.user.id, MASTER);
    assert.equal(stored.get('nickname'), 'alice');
    await Parse.User.logIn(alice.username, alice.password);
  });

  test('a caller without a session cannot update a user (206)', async () => {
    const alice = await newUser('nosession', { nickname: 'alice' });
    const res = await rest('PUT', `/users/${alice.user.id}`, { body: { nickname: 'pwned' } });
    assertRestError(res, 400, Parse.Error.SESSION_MISSING);
    const stored = await new Parse.Query(Parse.User).get(alice.user.id, MASTER);
    assert.equal(stored.get('nickname'), 'alice');
  });

  test('the password is never returned: not on sign-up, log-in, me, get or master find', async () => {
    const { user, token, username, password } = await newUser('nopw');
    const login = await rest('POST', '/login', { body: { username, password } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assertNoPassword(login.body, 'login');
    assertNoPassword((await restAs(token, 'GET', '/users/me')).body, 'me');
    assertNoPassword((await restAs(token, 'GET', `/users/${user.id}`)).body, 'own get');
    assertNoPassword((await rest('GET', `/users/${user.id}`, { master: true })).body, 'master get');
    const all = await rest('GET', `/users?where=${encodeURIComponent(JSON.stringify({ username }))}`, { master: true });
    assert.equal(all.body.results.length, 1);
    assertNoPassword(all.body.results[0], 'master find');
    assert.equal(user.get('password'), undefined);
  });

  test('users cannot be queried by their password hash', async () => {
    const { token } = await newUser('hashprobe');
    for (const where of [{ _hashed_password: { $exists: true } }, { password: { $exists: true } }]) {
      const res = await restAs(token, 'GET', `/users?where=${encodeURIComponent(JSON.stringify(where))}`);
      if (res.status === 200) {
        assert.equal(res.body.results.length, 0, `${JSON.stringify(where)} found users: ${JSON.stringify(res.body)}`);
      } else {
        assert.equal(res.status, 400, JSON.stringify(res.body));
      }
    }
  });
});

describe('password reset request', () => {
  // Parse Server 9 (with an email adapter) answers {} too: passwordPolicy.resetPasswordSuccessOnInvalidEmail
  // defaults to true, so the answer does not reveal whether the address belongs to a user.
  test('requestPasswordReset answers success for an unknown email, as for a known one', async () => {
    const { email } = await newUser('reset');
    await Parse.User.requestPasswordReset(email);
    await Parse.User.requestPasswordReset(`${uniqueName('nobody')}@example.com`);
    const known = await rest('POST', '/requestPasswordReset', { body: { email } });
    const unknown = await rest('POST', '/requestPasswordReset', { body: { email: `${uniqueName('nobody')}@example.com` } });
    assert.equal(known.status, 200, JSON.stringify(known.body));
    assert.equal(unknown.status, 200, JSON.stringify(unknown.body));
    assert.deepEqual(unknown.body, known.body);
  });
});

describe('anonymous users', () => {
  test('Parse.AnonymousUtils.logIn creates a user with anonymous authData and a session', async () => {
    await withCurrentUser(async () => {
      const user = await Parse.AnonymousUtils.logIn();
      trackUser(user.id);
      assert.ok(user.id);
      assert.match(user.getSessionToken(), /^r:/);
      assert.ok(Parse.AnonymousUtils.isLinked(user));
      assert.equal(Parse.User.current()?.id, user.id);
      const me = await Parse.User.me(user.getSessionToken());
      assert.equal(me.id, user.id);
      assert.ok(me.get('authData')?.anonymous?.id, 'the user sees its own authData');
    });
  });

  test('logging in again with the same anonymous authData returns the same user', async () => {
    const id = crypto.randomUUID();
    const first = await rest('POST', '/users', { body: { authData: { anonymous: { id } } } });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    trackUser(first.body.objectId);
    const second = await rest('POST', '/users', { body: { authData: { anonymous: { id } } } });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.objectId, first.body.objectId);
    assert.ok(second.body.sessionToken);
    const viaSdk = await Parse.User.logInWith('anonymous', { authData: { id } });
    assert.equal(viaSdk.id, first.body.objectId);
  });
});
