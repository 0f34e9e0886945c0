'use strict';
// One app's Cloud Code runner: loads the app's main.js with the official Parse JS SDK as `Parse`, tells its
// runtime what the code registered, then answers the runtime's calls over stdin/stdout (see lib/channel.js).
//
// Environment (built by the runtime from scratch, nothing inherited): REPARSE_CLOUD_MAIN (the app's main.js),
// REPARSE_APP_ID, REPARSE_SERVER_URL (the app's public API URL, for the SDK's file URLs only).
const Module = require('node:module');
const path = require('node:path');
const channel = require('./lib/channel');
const logs = require('./lib/logs');

logs.captureConsole();

const Parse = require('parse/node');
const CoreManager = Parse.CoreManager;
const cloud = require('./lib/cloud');
const scope = require('./lib/scope');
const { invoke } = require('./lib/invoke');

Parse.initialize(process.env.REPARSE_APP_ID || 'app');
Parse.serverURL = process.env.REPARSE_SERVER_URL || 'http://localhost:1337/parse';
// Server-side objects must not share state between concurrent invocations (the SDK's browser default).
Parse.Object.disableSingleInstance();
scope.install(Parse, CoreManager);
cloud.install(Parse);
global.Parse = Parse;

// The app's own `require('parse/node')` gets this SDK instance, not a second, unconnected copy.
const parseEntry = require.resolve('parse/node');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  if (request === 'parse' || request === 'parse/node' || request === 'parse/node.js') {
    return parseEntry;
  }
  return originalResolve.call(this, request, parent, ...rest);
};

process.on('unhandledRejection', reason => {
  logs.write('error', `Unhandled promise rejection: ${reason && reason.stack ? reason.stack : reason}`);
});
process.on('uncaughtException', error => {
  logs.write('error', `Uncaught exception: ${error && error.stack ? error.stack : error}`);
});

channel.onMessage(message => {
  if (message.t === 'call') {
    invoke(Parse, message);
  } else if (message.t === 'ping') {
    channel.send({ t: 'pong', id: message.id });
  }
});
channel.listen();

const main = process.env.REPARSE_CLOUD_MAIN;
try {
  if (main) {
    require(path.resolve(main));
  }
  channel.send({ t: 'ready', ...require('./lib/registry').manifest() });
} catch (e) {
  channel.send({ t: 'loadError', message: e && e.stack ? e.stack : String(e) });
}
