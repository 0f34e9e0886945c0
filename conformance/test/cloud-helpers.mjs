// Helpers for the Cloud Code files (cloud-*.test.mjs): the server under test runs the Cloud Code in
// ../cloud for the whole suite. Its triggers are bound to fixed class names (Cloud Code cannot
// know this run's suffix), so the files empty those classes before they start and drop them at
// the end; a local HTTP server stands in for webhooks and for Parse.Cloud.httpRequest targets.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Parse, MASTER, IS_PARSE_SERVER, rest } from './helpers.mjs';

/**
 * Skip reason for what only Reparse does: limits, crash recovery, isolation, SSRF refusals, and
 * what Parse Server 9 dropped (Parse.Cloud.httpRequest, console capture in /scriptlog).
 */
export const REPARSE_ONLY = IS_PARSE_SERVER ? 'Reparse only: stock parse-server has no such behaviour' : false;

/**
 * Skip reason for parse.com-style Cloud Code that Parse Server dropped: response.success/error in
 * triggers, status.* in jobs, Parse.User.current() and Parse.Cloud.useMasterKey() per request.
 */
export const PARSE_COM_STYLE = IS_PARSE_SERVER ? 'parse.com style: stock parse-server does not run it' : false;

/** The app's webhook key (Parse Server's `webhookKey`); run.sh passes the same one to the runtime. */
export const WEBHOOK_KEY = process.env.PARSE_WEBHOOK_KEY || 'confwebhookkey';

/** Runs a Cloud function through the SDK. */
export function run(name, params = {}, options = {}) {
  return Parse.Cloud.run(name, params, options);
}

async function purge(className) {
  await rest('DELETE', `/purge/${className}`, { master: true });
}

/**
 * Registers hooks that empty the given fixed-name classes before the file runs (a run that was
 * cut short may have left rows) and drop them when it ends.
 */
export function useFixedClasses(...classNames) {
  before(async () => {
    await Promise.all(classNames.map(purge));
  });
  after(async () => {
    for (const className of classNames) {
      await purge(className);
      await rest('DELETE', `/schemas/${className}`, { master: true });
    }
  });
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function waitFor(probe, { timeoutMs = 5000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await probe();
  }
  return value;
}

/** The CloudTestLog entries (written by the triggers in cloud/main.js) matching `where`. */
export async function logEntries(where) {
  const query = new Parse.Query('CloudTestLog');
  for (const [key, value] of Object.entries(where)) query.equalTo(key, value);
  return query.find(MASTER);
}

/** Awaits a promise that must reject with a Parse.Error of this code and exact message. */
export async function expectCloudError(promise, code, message) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected Parse error ${code} "${message}", but the call succeeded`);
  assert.equal(error.code, code, `expected code ${code}, got ${error.code}: ${error.message}`);
  if (message instanceof RegExp) {
    assert.match(error.message, message);
  } else if (message !== undefined) {
    assert.equal(error.message, message);
  }
  return error;
}

/**
 * Starts an HTTP server on `host` (default 127.0.0.1) and a free port. `handler(req, body)` returns
 * `{status, headers, body}` (body: string, Buffer or JSON value) or nothing for a 200 `{}`. Every
 * request is recorded in `requests` as `{method, url, headers, body}`. Call it at a file's top level
 * (top-level await): it registers the `after` hook that closes it.
 */
export async function startHttpServer(handler = () => undefined, { host = '127.0.0.1' } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const record = { method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8'), raw: body };
      requests.push(record);
      try {
        const answer = (await handler(record)) ?? {};
        if (answer.destroy) {
          req.socket.destroy();
          return;
        }
        let payload = answer.body ?? {};
        const headers = { ...(answer.headers ?? {}) };
        if (!Buffer.isBuffer(payload) && typeof payload !== 'string') {
          payload = JSON.stringify(payload);
          headers['content-type'] ??= 'application/json';
        }
        res.writeHead(answer.status ?? 200, headers);
        res.end(payload);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e?.stack ?? e));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const stop = () => new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
  after(stop);
  return { url: `http://${urlHost}:${port}`, port, requests, stop };
}
