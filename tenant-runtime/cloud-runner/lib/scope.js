'use strict';
// Who the app's code acts as. Each invocation (function, trigger, job) runs inside its own scope, kept by
// AsyncLocalStorage across every await: parse.com's Parse.User.current() and Parse.Cloud.useMasterKey()
// apply to that one invocation only, and two users' concurrent calls never see each other.
//
// The SDK's REST calls do not go over HTTP: they travel over the runner's channel to its runtime, which runs
// them as the scope says (the calling user's session, the master key, or nobody). The runner never holds the
// master key.
const { AsyncLocalStorage } = require('node:async_hooks');
const channel = require('./channel');

const storage = new AsyncLocalStorage();
/** Set by Parse.Cloud.useMasterKey() outside any invocation (at load time): every invocation is master. */
let masterEverywhere = false;

/** Runs `fn` in a new scope: `{user, sessionToken, installationId, master}` of the request that started it. */
function run(scope, fn) {
  return storage.run({ master: false, ...scope }, fn);
}

function current() {
  return storage.getStore();
}

/** parse.com's Parse.Cloud.useMasterKey(): the rest of this invocation acts with the master key. */
function useMasterKey() {
  const scope = current();
  if (scope) {
    scope.master = true;
  } else {
    masterEverywhere = true;
  }
}

/** Who a call with these SDK options acts as: explicit options win, then the invocation's scope. */
function actingAs(options) {
  const scope = current() || {};
  const master = options.useMasterKey !== undefined ? !!options.useMasterKey : !!scope.master || masterEverywhere;
  let sessionToken;
  if (typeof options.sessionToken === 'string') {
    sessionToken = options.sessionToken;
  } else if (!master && scope.sessionToken) {
    sessionToken = scope.sessionToken;
  }
  const installationId = typeof options.installationId === 'string' ? options.installationId : scope.installationId;
  return { master, sessionToken, installationId };
}

/** The SDK's REST controller, over the channel instead of HTTP. */
function restController(Parse, original) {
  return {
    async request(method, path, data, options = {}) {
      const who = actingAs(options);
      const message = {
        t: 'api',
        method,
        path: '/' + String(path).replace(/^\/+/, ''),
        body: data && typeof data === 'object' ? data : {},
        master: who.master,
      };
      if (who.sessionToken) {
        message.sessionToken = who.sessionToken;
      }
      if (who.installationId) {
        message.installationId = who.installationId;
      }
      if (options.context !== undefined) {
        message.context = options.context;
      }
      const reply = await channel.request(message);
      const body = reply.body === undefined ? {} : reply.body;
      if (reply.status >= 400) {
        const code = body && body.code !== undefined ? body.code : Parse.Error.INTERNAL_SERVER_ERROR;
        throw new Parse.Error(code, (body && (body.error || body.message)) || 'request failed');
      }
      if (options.returnStatus) {
        return { ...body, _status: reply.status, _headers: reply.headers || {} };
      }
      return body;
    },
    ajax(method, url, data, headers = {}, options = {}) {
      const filesPrefix = String(Parse.serverURL).replace(/\/+$/, '') + '/files/';
      if (typeof url === 'string' && url.startsWith(filesPrefix)) {
        return fileRequest(Parse, method, url.slice(filesPrefix.length), data, headers, options);
      }
      return original.ajax(method, url, data, headers, options);
    },
    handleError: original.handleError,
  };
}

async function bodyBytes(data) {
  if (data === undefined || data === null || data === '') {
    return Buffer.alloc(0);
  }
  if (typeof data === 'string' || Buffer.isBuffer(data) || data instanceof Uint8Array) {
    return Buffer.from(data);
  }
  const chunks = [];
  for await (const chunk of data) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The SDK's binary file uploads and file deletes, which use raw HTTP, go over the channel too. */
async function fileRequest(Parse, method, name, data, headers, options) {
  const who = actingAs({ useMasterKey: Object.keys(headers).some(h => h.toLowerCase() === 'x-parse-master-key')
    ? true : undefined, ...options });
  const message = { t: 'api', method, path: '/files/' + name, master: who.master, body: {} };
  if (who.sessionToken) {
    message.sessionToken = who.sessionToken;
  }
  if (method === 'POST') {
    const type = Object.entries(headers).find(([h]) => h.toLowerCase() === 'content-type');
    message.body = { base64: (await bodyBytes(data)).toString('base64'), _ContentType: type ? type[1] : undefined };
  }
  const reply = await channel.request(message);
  if (reply.status >= 400) {
    const body = reply.body || {};
    throw new Parse.Error(body.code || Parse.Error.INTERNAL_SERVER_ERROR, body.error || 'file request failed');
  }
  return { response: reply.body, status: reply.status, headers: reply.headers || {} };
}

/** Installs the scope into the SDK: the REST controller, Parse.User.current() and Parse.Cloud.useMasterKey(). */
function install(Parse, CoreManager) {
  CoreManager.setRESTController(restController(Parse, CoreManager.getRESTController()));
  Parse.User.current = () => {
    const scope = current();
    return scope && scope.user ? scope.user : null;
  };
  Parse.User.currentAsync = async () => Parse.User.current();
  Parse.Cloud.useMasterKey = useMasterKey;
}

module.exports = { run, current, install, useMasterKey };
