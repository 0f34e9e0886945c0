// Cloud functions (cloud/main.js): params and return values, errors and their codes, what the
// request carries (user, master, installationId, headers, context, functionName), validators with
// Parse Server's exact messages, and require() of a local file and an npm package.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, rest, assertRestError } from './helpers.mjs';
import { newUser, as } from './users-helpers.mjs';
import { run, expectCloudError, useFixedClasses } from './cloud-helpers.mjs';

useFixedClasses('CloudTestReturned');

describe('params and return values', () => {
  test('params arrive decoded (Date, Pointer) and a plain object comes back as sent', async () => {
    const when = new Date('2021-03-04T05:06:07.000Z');
    const pointer = Parse.Object.extend('CloudTestReturned').createWithoutData('abc123').toPointer();
    const result = await run('cloudEcho', { text: 'hi', n: 3, list: [1, 'a'], nested: { x: true }, when, pointer });
    assert.equal(result.params.text, 'hi');
    assert.equal(result.params.n, 3);
    assert.deepEqual(result.params.list, [1, 'a']);
    assert.deepEqual(result.params.nested, { x: true });
    assert.ok(result.params.when instanceof Date, 'a Date param comes back as a Date');
    assert.ok(result.params.pointer instanceof Parse.Object, 'a Pointer param comes back as a Parse.Object');
    assert.equal(result.params.pointer.id, 'abc123');
    assert.equal(result.params.when.toISOString(), when.toISOString());
    assert.deepEqual(result.paramTypes, { when: true, pointer: true }, 'Cloud Code sees a Date and a Parse.Object');
    assert.equal(result.functionName, 'cloudEcho');
    assert.equal(result.master, false);
    assert.equal(result.user, null);
    assert.equal(result.hasLog, true, 'request.log has info and error');
    assert.equal(result.ipIsString, true, 'request.ip is a string');
  });

  test('Parse.Objects and Dates in the result are decoded by the SDK, also inside arrays and objects', async () => {
    const result = await run('cloudReturnObjects', { name: 'returned' });
    for (const object of [result.one, result.list[0], result.nested.deeper]) {
      assert.ok(object instanceof Parse.Object, `expected a Parse.Object, got ${JSON.stringify(object)}`);
      assert.equal(object.className, 'CloudTestReturned');
      assert.match(object.id, /^[A-Za-z0-9]{10}$/);
      assert.equal(object.get('name'), 'returned');
    }
    assert.equal(result.list[0].id, result.one.id);
    assert.ok(result.when instanceof Date);
    assert.equal(result.when.toISOString(), '2020-02-02T02:02:02.000Z');
    assert.equal(result.plain, 'text');
    const stored = await new Parse.Query('CloudTestReturned').get(result.one.id, MASTER);
    assert.equal(stored.get('name'), 'returned', 'the function saved the object it returned');
  });

  test('scalars, arrays and nested objects come back unchanged', async () => {
    for (const value of [42, 'text', true, [1, 'a', { b: 2 }], { nested: { x: 1 } }]) {
      assert.deepEqual(await run('cloudReturnScalar', { value }), value);
    }
  });

  test('the REST answer is {"result": ...} with HTTP 200', async () => {
    const res = await rest('POST', '/functions/cloudReturnScalar', { body: { value: 7 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { result: 7 });
  });
});

describe('errors', () => {
  test('a thrown Parse.Error keeps its code and message, also a code Parse does not define', async () => {
    await expectCloudError(run('cloudThrowParseError', { code: 119, message: 'not for you' }), 119, 'not for you');
    await expectCloudError(run('cloudThrowParseError', { code: 4242, message: 'custom code' }), 4242, 'custom code');
    const res = await rest('POST', '/functions/cloudThrowParseError', { body: { code: 119, message: 'raw' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { code: 119, error: 'raw' });
  });

  test('any other throw becomes 141 with its message: an Error, a string, a rejection after an await', async () => {
    await expectCloudError(run('cloudThrowError'), 141, 'a plain Error was thrown');
    await expectCloudError(run('cloudThrowString'), 141, 'a string was thrown');
    await expectCloudError(run('cloudAsyncReject'), 141, 'rejected after an await');
    const res = await rest('POST', '/functions/cloudThrowError', { body: {} });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { code: 141, error: 'a plain Error was thrown' });
  });

  test('an unknown function is 141 Invalid function: "name"', async () => {
    await expectCloudError(run('cloudNoSuchFunction'), 141, 'Invalid function: "cloudNoSuchFunction"');
    const res = await rest('POST', '/functions/cloudNoSuchFunction', { body: {} });
    assertRestError(res, 400, 141);
    assert.equal(res.body.error, 'Invalid function: "cloudNoSuchFunction"');
  });
});

describe('what the request carries', () => {
  test('request.user is the caller, with its session token; none without a session', async () => {
    const { user, token, username } = await newUser('cloudfn');
    assert.deepEqual(await run('cloudWhoAmI', {}, as(token)), { id: user.id, username, sessionToken: token });
    assert.deepEqual(await run('cloudWhoAmI'), { id: null, username: null, sessionToken: null });
  });

  test('an invalid session token is refused with 209 before the function runs', async () => {
    const res = await rest('POST', '/functions/cloudWhoAmI', { body: {}, headers: { 'X-Parse-Session-Token': 'r:not-a-session' } });
    assertRestError(res, 400, Parse.Error.INVALID_SESSION_TOKEN);
  });

  test('request.master is true with the master key', async () => {
    const result = await run('cloudEcho', {}, MASTER);
    assert.equal(result.master, true);
  });

  test('request.installationId and request.headers come from the HTTP request', async () => {
    const res = await rest('POST', '/functions/cloudEcho', {
      body: { a: 1 },
      headers: { 'X-Parse-Installation-Id': 'b7c1a2f0-0000-4000-8000-000000000001', 'X-Cloudtest-Header': 'hello' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.result.installationId, 'b7c1a2f0-0000-4000-8000-000000000001');
    assert.equal(res.body.result.header, 'hello', 'request.headers has the lower-cased header names');
    assert.deepEqual(res.body.result.params, { a: 1 });
  });

  test('the SDK\'s installationId option arrives as request.installationId', async () => {
    const result = await run('cloudEcho', {}, { installationId: 'b7c1a2f0-0000-4000-8000-000000000002' });
    assert.equal(result.installationId, 'b7c1a2f0-0000-4000-8000-000000000002');
  });

  test('the SDK\'s context option arrives as request.context', async () => {
    const result = await run('cloudEcho', {}, { context: { tag: 'from-the-sdk', n: 1 } });
    assert.deepEqual(result.context, { tag: 'from-the-sdk', n: 1 });
  });
});

describe('validators', () => {
  const ROLES = ['CloudTestAdmins', 'CloudTestEditors'];
  const roles = {};

  before(async () => {
    const stale = await new Parse.Query(Parse.Role).containedIn('name', ROLES).find(MASTER);
    await Parse.Object.destroyAll(stale, MASTER);
    for (const name of ROLES) {
      const acl = new Parse.ACL();
      acl.setPublicReadAccess(true);
      roles[name] = await new Parse.Role(name, acl).save(null, MASTER);
    }
  });

  after(async () => {
    await Parse.Object.destroyAll(Object.values(roles), MASTER);
  });

  test('requireUser: 142 "Validation failed. Please login to continue." without a session', async () => {
    await expectCloudError(run('cloudRequireUser'), 142, 'Validation failed. Please login to continue.');
    const { user, token } = await newUser('cloudfn');
    assert.equal((await run('cloudRequireUser', {}, as(token))).user, user.id);
  });

  test('requireMaster: 142 "Validation failed. Master key is required to complete this request."', async () => {
    const { token } = await newUser('cloudfn');
    await expectCloudError(run('cloudRequireMaster', {}, as(token)), 142,
      'Validation failed. Master key is required to complete this request.');
    assert.equal((await run('cloudRequireMaster', {}, MASTER)).ok, true);
  });

  test('the master key skips the built-in validator; validateMasterKey makes it apply', async () => {
    assert.equal((await run('cloudRequireUser', {}, MASTER)).ok, true);
    await expectCloudError(run('cloudValidateMasterKey', {}, MASTER), 142, 'Validation failed. Please specify data for name.');
    assert.equal((await run('cloudValidateMasterKey', { name: 'x' }, MASTER)).ok, true);
  });

  test('requireAnyUserRoles and requireAllUserRoles check the caller\'s roles', async () => {
    const none = await newUser('cloudfn');
    const admin = await newUser('cloudfn');
    const both = await newUser('cloudfn');
    roles.CloudTestAdmins.getUsers().add([admin.user, both.user]);
    roles.CloudTestEditors.getUsers().add(both.user);
    await Parse.Object.saveAll(Object.values(roles), MASTER);

    await expectCloudError(run('cloudRequireAnyRole'), 142, 'Validation failed. Please login to continue.');
    await expectCloudError(run('cloudRequireAnyRole', {}, as(none.token)), 142,
      'Validation failed. User does not match the required roles.');
    assert.equal((await run('cloudRequireAnyRole', {}, as(admin.token))).ok, true);
    await expectCloudError(run('cloudRequireAllRoles', {}, as(admin.token)), 142,
      'Validation failed. User does not match all the required roles.');
    assert.equal((await run('cloudRequireAllRoles', {}, as(both.token))).ok, true);
  });

  test('requireUserKeys: the caller must have the field set; without a session "Please login to make this request."', async () => {
    const { user, token } = await newUser('cloudfn');
    await expectCloudError(run('cloudRequireUserKeys', {}, as(token)), 142,
      'Validation failed. Please set data for cloudNickname on your account.');
    user.set('cloudNickname', 'nick');
    await user.save(null, as(token));
    assert.equal((await run('cloudRequireUserKeys', {}, as(token))).ok, true);
    await expectCloudError(run('cloudUserKeysNoLogin'), 142, 'Please login to make this request.');
  });

  test('fields: required, type, default, options (list and function) and a custom error', async () => {
    await expectCloudError(run('cloudFields', {}), 142, 'Validation failed. Please specify data for name.');
    await expectCloudError(run('cloudFields', { name: 3 }), 142, 'Validation failed. Invalid type for name. Expected: string');
    await expectCloudError(run('cloudFields', { name: 'n', count: 'x' }), 142,
      'Validation failed. Invalid type for count. Expected: number');
    await expectCloudError(run('cloudFields', { name: 'n', tags: 'x' }), 142,
      'Validation failed. Invalid type for tags. Expected: array');
    await expectCloudError(run('cloudFields', { name: 'n', color: 'blue' }), 142,
      'Validation failed. Invalid option for color. Expected: red, green');
    await expectCloudError(run('cloudFields', { name: 'n', size: 12 }), 142, 'size must be below 10');
    const result = await run('cloudFields', { name: 'n', color: 'red', size: 2, tags: ['t'] });
    assert.deepEqual(result.params, { name: 'n', color: 'red', size: 2, tags: ['t'], count: 5 },
      'the default of count is filled in before the function runs');
  });

  test('fields as a list: each one is required', async () => {
    await expectCloudError(run('cloudFieldsList', { first: 1 }), 142, 'Validation failed. Please specify data for second.');
    assert.equal((await run('cloudFieldsList', { first: 1, second: 2 })).ok, true);
  });

  test('skipWithMasterKey: the validator still applies without the master key; with it the function runs', async () => {
    await expectCloudError(run('cloudSkipWithMasterKey'), 142, 'Validation failed. Please login to continue.');
    assert.equal((await run('cloudSkipWithMasterKey', {}, MASTER)).ok, true);
  });

  test('a validator function: a thrown string is 142 with it, a thrown Parse.Error keeps its code', async () => {
    await expectCloudError(run('cloudValidatorFunction', {}), 142, 'the validator wants answer 42');
    await expectCloudError(run('cloudValidatorFunction', { answer: 'forbidden' }), 119, 'the validator forbids this');
    assert.equal((await run('cloudValidatorFunction', { answer: 42 })).ok, true);
  });
});

describe('require', () => {
  test('Cloud Code requires its own files (./lib/greeting.js) and npm packages beside its package.json (ms)', async () => {
    assert.deepEqual(await run('cloudRequire', { name: 'Ada' }), { greeting: 'Hello, Ada!', twoDays: 172800000 });
  });
});
