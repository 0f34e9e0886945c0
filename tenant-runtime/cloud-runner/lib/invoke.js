'use strict';
// Runs one call from the runtime (a function, a trigger or a job) in its own scope and answers it.
// Both styles run unchanged: Parse Server's (return a value or a promise, throw to fail) and parse.com's
// (`response.success/error`, `status.success/error/message`), chosen by the handler's arity.
const channel = require('./channel');
const logs = require('./logs');
const registry = require('./registry');
const scope = require('./scope');
const { validate } = require('./validator');

const SCRIPT_FAILED = 141;

function toParseError(Parse, e, fallbackCode = SCRIPT_FAILED) {
  if (e instanceof Parse.Error) {
    return e;
  }
  if (e === undefined || e === null || e === '') {
    return new Parse.Error(fallbackCode, 'Script failed.');
  }
  if (typeof e === 'string') {
    return new Parse.Error(fallbackCode, e);
  }
  if (typeof e === 'object' && !(e instanceof Error) && typeof e.code === 'number' && typeof e.message === 'string') {
    return new Parse.Error(e.code, e.message);
  }
  return new Parse.Error(fallbackCode, e.message || String(e));
}

/** Calls a handler in whichever style it was written; resolves with its result. */
function callHandler(handler, request, callbackName) {
  if (handler.length < 2) {
    return Promise.resolve().then(() => handler(request));
  }
  return new Promise((resolve, reject) => {
    const callbacks = {
      success: value => resolve(value),
      error: (codeOrMessage, message) => reject(message === undefined ? codeOrMessage : { code: codeOrMessage, message }),
    };
    if (callbackName === 'status') {
      callbacks.message = text => request.message(text);
    }
    Promise.resolve().then(() => handler(request, callbacks)).catch(reject);
  });
}

/** Decodes a function's params as Parse Server does: dates, files and pointers become SDK values. */
function decodeParams(Parse, value) {
  if (Array.isArray(value)) {
    return value.map(item => decodeParams(Parse, item));
  }
  if (value && typeof value === 'object') {
    if (value.__type === 'Date' || value.__type === 'File' || value.__type === 'Pointer' || value.__type === 'Object'
        || value.__type === 'GeoPoint' || value.__type === 'Bytes' || value.__type === 'Polygon') {
      return Parse._decode(null, value);
    }
    const decoded = {};
    for (const [key, item] of Object.entries(value)) {
      decoded[key] = decodeParams(Parse, item);
    }
    return decoded;
  }
  return value;
}

function objectOf(Parse, className, json) {
  return json ? Parse.Object.fromJSON({ ...json, className }, true) : undefined;
}

/** The request object a handler sees, built from the runtime's call. */
function buildRequest(Parse, call) {
  const req = call.request || {};
  const request = {
    master: !!req.master,
    user: req.user ? Parse.Object.fromJSON({ ...req.user, className: '_User' }, true) : undefined,
    installationId: req.installationId,
    ip: req.ip,
    headers: req.headers || {},
    context: req.context || {},
    log: logs.requestLogger(),
  };
  if (call.kind === 'function') {
    request.functionName = call.name;
    request.params = decodeParams(Parse, req.params || {});
  } else if (call.kind === 'job') {
    request.jobName = call.name;
    request.jobId = req.jobId;
    request.params = decodeParams(Parse, req.params || {});
    request.message = text => {
      if (typeof text === 'string' && text) {
        channel.send({ t: 'jobMessage', jobId: req.jobId, message: text });
      }
    };
  } else {
    request.triggerName = call.triggerName;
    addTriggerFields(Parse, call, req, request);
  }
  return request;
}

function addTriggerFields(Parse, call, req, request) {
  const className = call.className;
  if (className === '@File') {
    const file = req.file || {};
    request.file = Parse.File.fromJSON({ __type: 'File', name: file.name, url: file.url });
    request.fileSize = file.size;
    request.contentLength = file.size;
    request.metadata = file.metadata || {};
    request.tags = file.tags || {};
    return;
  }
  if (addLiveQueryFields(Parse, call, req, request)) {
    return;
  }
  if (call.triggerName === 'beforeFind' || call.triggerName === 'afterFind') {
    request.query = Parse.Query.fromJSON(className, req.query || {});
    request.isGet = !!req.isGet;
    request.count = !!req.count;
    if (call.triggerName === 'afterFind') {
      request.objects = (req.objects || []).map(json => objectOf(Parse, className, json));
    }
    return;
  }
  if (call.triggerName === 'beforeSave') {
    const object = req.original
      ? objectOf(Parse, className, req.original)
      : Parse.Object.fromJSON({ className }, true);
    object.set(Parse._decode(null, req.changes || {}), { ignoreValidation: true });
    request.object = object;
    request.original = objectOf(Parse, className, req.original);
    return;
  }
  request.object = objectOf(Parse, className, req.object);
  request.original = objectOf(Parse, className, req.original);
}

/** LiveQuery's triggers, with Parse Server's request fields; false for any other trigger. */
function addLiveQueryFields(Parse, call, req, request) {
  switch (call.triggerName) {
    case 'beforeConnect':
      Object.assign(request, { event: 'connect', useMasterKey: !!req.useMasterKey, sessionToken: req.sessionToken,
        clients: req.clients });
      return true;
    case 'beforeSubscribe':
      request.query = Parse.Query.fromJSON(call.className, req.query || {});
      return true;
    case 'afterLiveQueryEvent':
      Object.assign(request, { event: req.event, useMasterKey: !!req.useMasterKey, sendEvent: true });
      request.object = objectOf(Parse, call.className, req.object);
      request.original = objectOf(Parse, call.className, req.original);
      return true;
    default:
      return false;
  }
}

/** What the runtime needs back from a handler's run. */
function outcome(Parse, call, request, result) {
  if (call.className === '@File') {
    return undefined;
  }
  switch (call.kind === 'trigger' ? call.triggerName : call.kind) {
    case 'function':
      return Parse._encode(result);
    case 'job':
      return typeof result === 'string' ? result : undefined;
    case 'beforeSave':
      return { object: request.object._getSaveJSON() };
    case 'beforeFind': {
      const query = result instanceof Parse.Query ? result : request.query;
      return { query: query.toJSON() };
    }
    case 'beforeSubscribe': {
      const query = result instanceof Parse.Query ? result : request.query;
      return { query: query.toJSON() };
    }
    case 'afterLiveQueryEvent':
      return { sendEvent: request.sendEvent !== false, object: request.object ? toRest(Parse, request.object) : undefined };
    case 'afterFind': {
      const objects = Array.isArray(result) ? result : request.objects;
      return { objects: objects.map(object => toRest(Parse, object)) };
    }
    default:
      return undefined;
  }
}

function toRest(Parse, object) {
  if (!(object instanceof Parse.Object)) {
    return object;
  }
  const json = object._toFullJSON();
  delete json.__type;
  delete json.className;
  return json;
}

function handlerOf(call) {
  if (call.kind === 'function') {
    return registry.getFunction(call.name);
  }
  if (call.kind === 'job') {
    return registry.getJob(call.name);
  }
  return registry.getTrigger(call.triggerName, call.className);
}

/** Answers one call: `{t:'result', id, ok, value | error}`. */
async function invoke(Parse, call) {
  const req = call.request || {};
  const scopeOf = {
    user: undefined,
    sessionToken: req.user && req.user.sessionToken,
    installationId: req.installationId,
    master: false,
  };
  try {
    const entry = handlerOf(call);
    if (!entry) {
      const what = call.kind === 'function' ? `Invalid function: "${call.name}"` : `Invalid ${call.kind}.`;
      throw new Parse.Error(SCRIPT_FAILED, what);
    }
    const value = await scope.run(scopeOf, async () => {
      const request = buildRequest(Parse, call);
      scope.current().user = request.user;
      if (call.kind === 'trigger' && request.master && entry.validator && entry.validator.skipWithMasterKey) {
        return outcome(Parse, call, request, undefined);
      }
      await validate(Parse, entry.validator, request, req.roles);
      const result = await callHandler(entry.handler, request, call.kind === 'job' ? 'status' : 'response');
      return outcome(Parse, call, request, result);
    });
    channel.send({ t: 'result', id: call.id, ok: true, value });
  } catch (e) {
    const error = toParseError(Parse, e);
    if (!(e instanceof Parse.Error) && e && e.stack && call.kind !== 'function') {
      logs.write('error', `${call.triggerName || call.kind} ${call.className || call.name} failed: ${e.stack}`);
    }
    channel.send({ t: 'result', id: call.id, ok: false, error: { code: error.code, message: error.message } });
  }
}

module.exports = { invoke, toParseError };
