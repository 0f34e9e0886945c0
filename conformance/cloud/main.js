// Cloud Code of the conformance suite. The runtime (or stock parse-server, with `cloud` pointing
// here) loads it once for the WHOLE suite, so every trigger acts only on its own classes
// (`CloudTest*`, `Messages`) or on users whose username starts with `cloudtest_`; nothing here
// may slow down or change what the other test files see.
//
// Both styles are here on purpose: Parse Server's (return a value / throw, request.user,
// {useMasterKey: true}) and parse.com's (response.success/error, status.*, Parse.User.current(),
// Parse.Cloud.useMasterKey()). The test files say which functions stock parse-server cannot run.
'use strict';

const ms = require('ms');
const { greet } = require('./lib/greeting.js');

const MASTER = { useMasterKey: true };
const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** Records that a trigger ran, for the tests to read back (class CloudTestLog, master key only). */
function logEvent(event, fields) {
  const entry = new Parse.Object('CloudTestLog', { event, ...fields });
  entry.setACL(new Parse.ACL());
  return entry.save(null, MASTER);
}

function isCloudTestUsername(username) {
  return typeof username === 'string' && username.startsWith('cloudtest_');
}

// ---------------------------------------------------------------------------------------------
// Functions (Parse Server style)

Parse.Cloud.define('cloudEcho', (request) => {
  const params = request.params;
  return {
    params,
    paramTypes: {
      when: params.when instanceof Date,
      pointer: params.pointer instanceof Parse.Object,
    },
    master: request.master,
    user: request.user ? request.user.id : null,
    installationId: request.installationId ?? null,
    functionName: request.functionName,
    header: request.headers ? request.headers['x-cloudtest-header'] ?? null : null,
    context: request.context ?? null,
    hasLog: typeof request.log?.info === 'function' && typeof request.log?.error === 'function',
    ipIsString: typeof request.ip === 'string',
  };
});

Parse.Cloud.define('cloudWhoAmI', (request) => {
  const user = request.user;
  return {
    id: user ? user.id : null,
    username: user ? user.get('username') : null,
    sessionToken: user ? user.getSessionToken() ?? null : null,
  };
});

Parse.Cloud.define('cloudReturnObjects', async (request) => {
  const saved = await new Parse.Object('CloudTestReturned', { name: request.params.name }).save(null, MASTER);
  return {
    one: saved,
    list: [saved],
    nested: { deeper: saved },
    when: new Date('2020-02-02T02:02:02.000Z'),
    plain: 'text',
  };
});

Parse.Cloud.define('cloudReturnScalar', (request) => request.params.value);

Parse.Cloud.define('cloudThrowParseError', (request) => {
  throw new Parse.Error(request.params.code ?? Parse.Error.OPERATION_FORBIDDEN, request.params.message ?? 'custom parse error');
});

Parse.Cloud.define('cloudThrowError', () => {
  throw new Error('a plain Error was thrown');
});

Parse.Cloud.define('cloudThrowString', () => {
  // eslint-disable-next-line no-throw-literal
  throw 'a string was thrown';
});

Parse.Cloud.define('cloudAsyncReject', async () => {
  await sleep(5);
  throw new Error('rejected after an await');
});

Parse.Cloud.define('cloudRequire', (request) => ({
  greeting: greet(request.params.name),
  twoDays: ms('2 days'),
}));

// ---------------------------------------------------------------------------------------------
// Validators

const ok = (request) => ({ ok: true, params: request.params, user: request.user ? request.user.id : null });

Parse.Cloud.define('cloudRequireUser', ok, { requireUser: true });
Parse.Cloud.define('cloudRequireMaster', ok, { requireMaster: true });
Parse.Cloud.define('cloudRequireAnyRole', ok, { requireAnyUserRoles: ['CloudTestAdmins', 'CloudTestEditors'] });
Parse.Cloud.define('cloudRequireAllRoles', ok, { requireAllUserRoles: ['CloudTestAdmins', 'CloudTestEditors'] });
Parse.Cloud.define('cloudRequireUserKeys', ok, { requireUser: true, requireUserKeys: ['cloudNickname'] });
Parse.Cloud.define('cloudUserKeysNoLogin', ok, { requireUserKeys: ['cloudNickname'] });
Parse.Cloud.define('cloudFields', ok, {
  fields: {
    name: { type: String, required: true },
    count: { type: Number, default: 5 },
    color: { options: ['red', 'green'] },
    size: { type: Number, options: (value) => value < 10, error: 'size must be below 10' },
    tags: { type: Array },
  },
});
Parse.Cloud.define('cloudFieldsList', ok, { fields: ['first', 'second'] });
Parse.Cloud.define('cloudValidateMasterKey', ok, { validateMasterKey: true, fields: { name: { required: true } } });
Parse.Cloud.define('cloudSkipWithMasterKey', ok, { requireUser: true, skipWithMasterKey: true });
Parse.Cloud.define('cloudValidatorFunction', ok, (request) => {
  if (request.params.answer === 42) {
    return;
  }
  if (request.params.answer === 'forbidden') {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'the validator forbids this');
  }
  // eslint-disable-next-line no-throw-literal
  throw 'the validator wants answer 42';
});

// ---------------------------------------------------------------------------------------------
// Triggers on ordinary classes

Parse.Cloud.beforeSave('CloudTestItem', (request) => {
  const item = request.object;
  if (item.get('reject') === 'parse-error') {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'this item is refused by beforeSave');
  }
  if (item.get('reject') === 'string') {
    // eslint-disable-next-line no-throw-literal
    throw 'refused with a string';
  }
  const name = item.get('name');
  if (typeof name === 'string') {
    item.set('slug', name.trim().toLowerCase().replace(/\s+/g, '-'));
  }
  item.set('saves', (request.original ? request.original.get('saves') ?? 0 : 0) + 1);
  item.set('previousName', request.original ? request.original.get('name') ?? null : null);
  item.set('contextTag', request.context?.tag ?? null);
  item.set('savedByMaster', request.master === true);
  item.set('savedByUser', request.user ? request.user.id : null);
});

// The after* triggers await their log entry but return nothing: parse-server merges an object
// returned by an afterSave into the save's answer (objectId included).
Parse.Cloud.afterSave('CloudTestItem', async (request) => {
  await logEvent('afterSave', {
    itemId: request.object.id,
    name: request.object.get('name'),
    slug: request.object.get('slug'),
    originalName: request.original ? request.original.get('name') ?? null : null,
  });
});

Parse.Cloud.beforeDelete('CloudTestItem', (request) => {
  if (request.object.get('locked') === true) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'locked items cannot be deleted');
  }
});

Parse.Cloud.afterDelete('CloudTestItem', async (request) => {
  await logEvent('afterDelete', { itemId: request.object.id, name: request.object.get('name') });
});

Parse.Cloud.beforeFind('CloudTestFindLimit', (request) => {
  request.query.limit(2);
});

Parse.Cloud.beforeFind('CloudTestFindKeys', (request) => {
  request.query.select('visible');
});

Parse.Cloud.beforeFind('CloudTestFindInclude', (request) => {
  request.query.include('target');
});

Parse.Cloud.beforeFind('CloudTestFindConstraint', (request) => {
  request.query.notEqualTo('hidden', true);
});

Parse.Cloud.afterFind('CloudTestAfterFind', (request) =>
  request.objects
    .filter((object) => object.get('secret') !== true)
    .map((object) => {
      object.set('decorated', true);
      return object;
    }));

// Trigger validators: the same options as for functions, with fields read from the object.
Parse.Cloud.beforeSave('CloudTestGuarded', (request) => {
  request.object.set('guardPassed', true);
}, {
  requireUser: true,
  fields: {
    title: { type: String, required: true },
    status: { default: 'draft' },
    kind: { constant: true, default: 'standard' },
  },
});

Parse.Cloud.beforeSave('CloudTestSkipped', (request) => {
  request.object.set('touched', true);
}, { skipWithMasterKey: true });

// ---------------------------------------------------------------------------------------------
// Triggers on Parse's own classes; each acts only on what the cloud tests create.

Parse.Cloud.beforeSave(Parse.User, (request) => {
  const username = request.object.get('username');
  if (!isCloudTestUsername(username)) {
    return;
  }
  if (username.startsWith('cloudtest_refused')) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'sign-up refused by beforeSave');
  }
  if (!request.original) {
    request.object.set('cloudNote', 'set by beforeSave');
  }
});

Parse.Cloud.beforeLogin((request) => {
  if (String(request.object.get('username')).startsWith('cloudtest_blocked')) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'login blocked by beforeLogin');
  }
});

Parse.Cloud.afterLogin(async (request) => {
  if (isCloudTestUsername(request.object.get('username'))) {
    await logEvent('afterLogin', { userId: request.object.id });
  }
});

Parse.Cloud.afterLogout(async (request) => {
  const pointer = request.object.get('user');
  if (!pointer) {
    return;
  }
  const user = await new Parse.Query(Parse.User).get(pointer.id, MASTER).catch(() => null);
  if (user && isCloudTestUsername(user.get('username'))) {
    await logEvent('afterLogout', { userId: user.id, sessionId: request.object.id });
  }
});

if (typeof Parse.Cloud.beforePasswordResetRequest === 'function') {
  Parse.Cloud.beforePasswordResetRequest((request) => {
    if (String(request.object.get('username')).startsWith('cloudtest_noreset')) {
      throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'password reset refused by beforePasswordResetRequest');
    }
  });
}

Parse.Cloud.beforeSave(Parse.Role, (request) => {
  if (String(request.object.get('name')).startsWith('CloudTestForbidden')) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'role name refused by beforeSave');
  }
});

Parse.Cloud.beforeSave(Parse.Installation, (request) => {
  if (request.object.get('cloudTestTag') !== undefined) {
    request.object.set('cloudTestSeen', `seen ${request.object.get('cloudTestTag')}`);
  }
});

Parse.Cloud.beforeSave(Parse.File, (request) => {
  if (request.file && request.file.name().startsWith('cloudtest_refused')) {
    throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'file refused by beforeSave');
  }
});

// ---------------------------------------------------------------------------------------------
// Jobs

Parse.Cloud.job('cloudTestJob', async (request) => {
  const step = Number(request.params.stepMs ?? 700);
  await request.message('started');
  await sleep(step);
  await request.message('halfway');
  await sleep(step);
  return `done: ${request.params.tag}`;
});

Parse.Cloud.job('cloudFailingJob', async () => {
  await sleep(100);
  throw new Error('the job exploded');
});

// ---------------------------------------------------------------------------------------------
// Parse.Cloud.httpRequest: one function that makes the request the test describes and reports
// the answer (or the rejection's response) as plain JSON.

function describeHttpResponse(response) {
  return {
    status: response.status,
    headers: response.headers,
    text: response.text ?? null,
    data: response.data ?? null,
    buffer: response.buffer ? Buffer.from(response.buffer).toString('base64') : null,
    cookies: response.cookies ?? null,
  };
}

Parse.Cloud.define('cloudHttpAvailable', () => typeof Parse.Cloud.httpRequest === 'function');

Parse.Cloud.define('cloudHttpRequest', async (request) => {
  const options = { ...request.params.options };
  if (request.params.bodyBase64 !== undefined) {
    options.body = Buffer.from(request.params.bodyBase64, 'base64');
  }
  try {
    return { ok: true, response: describeHttpResponse(await Parse.Cloud.httpRequest(options)) };
  } catch (e) {
    if (e && typeof e.status === 'number') {
      return { ok: false, response: describeHttpResponse(e) };
    }
    throw e;
  }
});

// ---------------------------------------------------------------------------------------------
// parse.com style: response.success/error, status.*, Parse.User.current(), useMasterKey()

Parse.Cloud.define('cloudParseComSuccess', function (request, response) {
  setTimeout(function () {
    response.success({ echo: request.params.value });
  }, 20);
});

Parse.Cloud.define('cloudParseComError', function (request, response) {
  response.error('parse.com style failure');
});

Parse.Cloud.define('cloudParseComParseError', function (request, response) {
  response.error(new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'parse.com style forbidden'));
});

Parse.Cloud.beforeSave('CloudTestParseCom', function (request, response) {
  if (request.object.get('bad') === true) {
    response.error('no bad objects, says the parse.com beforeSave');
    return;
  }
  setTimeout(function () {
    request.object.set('checked', true);
    response.success();
  }, 20);
});

Parse.Cloud.beforeDelete('CloudTestParseCom', function (request, response) {
  if (request.object.get('keep') === true) {
    response.error(new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'kept by the parse.com beforeDelete'));
  } else {
    response.success();
  }
});

Parse.Cloud.job('cloudParseComJob', function (request, status) {
  status.message('working the parse.com way');
  setTimeout(function () {
    status.success('finished the parse.com way');
  }, 700);
});

Parse.Cloud.job('cloudParseComFailingJob', function (request, status) {
  setTimeout(function () {
    status.error('the parse.com job failed');
  }, 100);
});

Parse.Cloud.define('cloudCurrentUser', function (request, response) {
  const user = Parse.User.current();
  response.success({
    id: user ? user.id : null,
    username: user ? user.get('username') : null,
    sessionToken: user ? user.getSessionToken() ?? null : null,
    matchesRequestUser: user && request.user ? user.id === request.user.id : user === request.user,
  });
});

Parse.Cloud.define('cloudUseMasterKeyCount', async () => {
  Parse.Cloud.useMasterKey();
  return new Parse.Query('CloudTestSecret').count();
});

Parse.Cloud.define('cloudCountSecretsAsCaller', () => new Parse.Query('CloudTestSecret').count());

// Many of these run at once, from two users; each must see only its own user and master mode.
Parse.Cloud.define('cloudConcurrentWhoAmI', async (request) => {
  const maxDelay = Number(request.params.maxDelay ?? 40);
  if (request.params.master === true) {
    Parse.Cloud.useMasterKey();
  }
  const before = Parse.User.current();
  await sleep(Math.floor(Math.random() * maxDelay));
  const secrets = await new Parse.Query('CloudTestSecret').count();
  await sleep(Math.floor(Math.random() * maxDelay));
  const owned = await new Parse.Query('CloudTestOwned').find();
  const after = Parse.User.current();
  return {
    call: request.params.call,
    before: before ? before.id : null,
    after: after ? after.id : null,
    secrets,
    owners: owned.map((object) => object.get('ownerId')).sort(),
  };
});

// The compatibility guide's examples ("Cloud Code"), parse.com style, exactly as written there:
// no session token passed, Parse.Cloud.useMasterKey().
Parse.Cloud.define('getMessagesForUser', function (request, response) {
  var user = Parse.User.current();

  var query = new Parse.Query('Messages');
  query.equalTo('recipient', user);
  query.find()
    .then(function (messages) {
      response.success(messages);
    });
});

Parse.Cloud.define('getTotalMessageCount', function (request, response) {
  Parse.Cloud.useMasterKey();

  var query = new Parse.Query('Messages');
  query.count()
    .then(function (count) {
      response.success(count);
    });
});

// ... and ported to Parse Server as the guide shows.
Parse.Cloud.define('getMessagesForUserParseServer', function (request, response) {
  var user = request.user; // request.user replaces Parse.User.current()
  var token = user.getSessionToken(); // get session token from request.user

  var query = new Parse.Query('Messages');
  query.equalTo('recipient', user);
  query.find({ sessionToken: token }) // pass the session token to find()
    .then(function (messages) {
      response.success(messages);
    });
});

Parse.Cloud.define('getTotalMessageCountParseServer', function (request, response) {
  var query = new Parse.Query('Messages');
  query.count({ useMasterKey: true }) // count() will use the master key to bypass ACLs
    .then(function (count) {
      response.success(count);
    });
});

// ---------------------------------------------------------------------------------------------
// Limits: an endless loop, a process that exits, a trigger that spins (Reparse cuts them off).

Parse.Cloud.define('cloudEndlessLoop', () => {
  for (;;) {
    // spins until the runtime cuts the call off
  }
});

Parse.Cloud.define('cloudExitProcess', () => {
  process.exit(1);
});

Parse.Cloud.beforeSave('CloudTestSlowTrigger', (request) => {
  if (request.object.get('spin') === true) {
    for (;;) {
      // spins until the runtime cuts the trigger off
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Logs

Parse.Cloud.define('cloudLog', (request) => {
  const marker = request.params.marker;
  console.log(`cloudtest console.log ${marker}`);
  console.error(`cloudtest console.error ${marker}`);
  request.log.info(`cloudtest request.log.info ${marker}`);
  request.log.error(`cloudtest request.log.error ${marker}`);
  return 'logged';
});

// ---------------------------------------------------------------------------------------------
// Isolation: what the code can see of the process it runs in and of the runtime beside it.

Parse.Cloud.define('cloudIsolationProbe', (request) => {
  const fs = require('fs');
  const tryRead = (path) => {
    try {
      return { path, readable: true, content: fs.readFileSync(path).subarray(0, 65536).toString('latin1') };
    } catch (e) {
      return { path, readable: false, error: e.code || String(e.message) };
    }
  };
  const pids = [process.ppid, ...(request.params.pids || [])];
  return {
    env: { ...process.env },
    argv: process.argv,
    execArgv: process.execArgv,
    cwd: process.cwd(),
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    ppid: process.ppid,
    proc: pids.flatMap((pid) => [tryRead(`/proc/${pid}/environ`), tryRead(`/proc/${pid}/cmdline`)]),
    files: (request.params.paths || []).slice(0, 200).map(tryRead),
  };
});

// livequery.test.mjs: a write made by Cloud Code reaches LiveQuery subscribers like any other
Parse.Cloud.define('liveQuerySave', async (request) => {
  const object = new Parse.Object(request.params.className);
  object.set(request.params.fields);
  await object.save(null, { useMasterKey: true });
  return object.id;
});

// livequery.test.mjs: LiveQuery's triggers
Parse.Cloud.beforeConnect((request) => {
  if (request.sessionToken === 'refused-by-cloud-code') {
    throw new Parse.Error(Parse.Error.SCRIPT_FAILED, 'not today');
  }
});
Parse.Cloud.beforeSubscribe('LiveMessage', (request) => {
  if (request.query.toJSON().where.room === 'closed-room') {
    throw new Parse.Error(Parse.Error.SCRIPT_FAILED, 'this room is closed');
  }
});
Parse.Cloud.afterLiveQueryEvent('LiveMessage', (request) => {
  if (request.object.get('hideme')) {
    request.sendEvent = false;
  }
  if (typeof request.object.get('shout') === 'string') {
    request.object.set('shout', request.object.get('shout').toUpperCase());
  }
});
