// Parse.Cloud.httpRequest from Cloud Code (cloud/main.js: cloudHttpRequest makes the request the
// test describes and reports the answer) against a local HTTP server started here: method,
// headers, body as object/string/bytes, params, followRedirects, the answer's
// status/headers/text/data/buffer/cookies, and the rejection on >= 400 carrying the response.
//
// Parse Server 9 no longer has Parse.Cloud.httpRequest; on PARSE_TARGET=parse-server these tests
// run only when the server's cloud file adds it back (README: "Parse.Cloud.httpRequest").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IS_PARSE_SERVER } from './helpers.mjs';
import { REPARSE_ONLY, run, startHttpServer } from './cloud-helpers.mjs';

const HTTP_REQUEST_MISSING = IS_PARSE_SERVER && !(await run('cloudHttpAvailable'))
  ? 'parse-server 9 has no Parse.Cloud.httpRequest (see README to add it back)'
  : false;

const server = await startHttpServer(async (req) => {
  const url = new URL(req.url, 'http://x');
  switch (url.pathname) {
    case '/echo':
      return {
        headers: { 'set-cookie': ['session=abc123; Path=/'], 'x-answer': 'yes' },
        body: { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: req.body },
      };
    case '/text':
      return { headers: { 'content-type': 'text/plain' }, body: 'plain text answer' };
    case '/binary':
      return { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]) };
    case '/missing':
      return { status: 404, body: { error: 'not here' } };
    case '/redirect':
      return { status: 302, headers: { location: '/echo?redirected=1' }, body: '' };
    case '/slow':
      await new Promise((resolve) => setTimeout(resolve, 4000));
      return { body: { late: true } };
    default:
      return { status: 500, body: 'unexpected path' };
  }
});

async function httpRequest(options, extra = {}) {
  return run('cloudHttpRequest', { options: { ...options, url: server.url + options.url }, ...extra });
}

describe('Parse.Cloud.httpRequest', { skip: HTTP_REQUEST_MISSING }, () => {
  test('a GET with params: the answer\'s status, headers, text and data', async () => {
    const { ok, response } = await httpRequest({ url: '/echo', params: { a: '1', b: 'two words' } });
    assert.equal(ok, true);
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'], /application\/json/);
    assert.equal(response.headers['x-answer'], 'yes');
    assert.equal(response.data.method, 'GET');
    assert.deepEqual(response.data.query, { a: '1', b: 'two words' });
    assert.deepEqual(JSON.parse(response.text), response.data, 'text is the raw body, data its JSON');
  });

  test('params as a query string', async () => {
    const { response } = await httpRequest({ url: '/echo', params: 'x=1&y=2' });
    assert.deepEqual(response.data.query, { x: '1', y: '2' });
  });

  test('method and headers are sent as given', async () => {
    const { response } = await httpRequest({ url: '/echo', method: 'PUT', headers: { 'X-Custom-Header': 'custom value' } });
    assert.equal(response.data.method, 'PUT');
    assert.equal(response.data.headers['x-custom-header'], 'custom value');
    const deleted = await httpRequest({ url: '/echo', method: 'DELETE' });
    assert.equal(deleted.response.data.method, 'DELETE');
  });

  test('a body object without Content-Type is sent form-encoded', async () => {
    const { response } = await httpRequest({ url: '/echo', method: 'POST', body: { a: 1, b: 'x y' } });
    assert.match(response.data.headers['content-type'], /^application\/x-www-form-urlencoded/);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(response.data.body)), { a: '1', b: 'x y' });
  });

  test('a body object with Content-Type application/json is sent as JSON', async () => {
    const { response } = await httpRequest({
      url: '/echo', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: { a: 1, nested: { b: [1, 2] } },
    });
    assert.deepEqual(JSON.parse(response.data.body), { a: 1, nested: { b: [1, 2] } });
  });

  test('a string body is sent as it is', async () => {
    const { response } = await httpRequest({
      url: '/echo', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'just a string',
    });
    assert.equal(response.data.body, 'just a string');
  });

  test('a Buffer body is sent as its bytes', async () => {
    const { response } = await httpRequest(
      { url: '/echo', method: 'POST', headers: { 'Content-Type': 'text/plain' } },
      { bodyBase64: Buffer.from('bytes from a buffer').toString('base64') },
    );
    assert.equal(response.data.body, 'bytes from a buffer');
  });

  test('a text answer has text and no data; a binary answer has its bytes in buffer', async () => {
    const text = await httpRequest({ url: '/text' });
    assert.equal(text.response.text, 'plain text answer');
    assert.equal(text.response.data, null);
    const binary = await httpRequest({ url: '/binary' });
    assert.equal(binary.response.buffer, Buffer.from([0, 1, 2, 255]).toString('base64'));
  });

  test('cookies of the answer are available', async () => {
    const { response } = await httpRequest({ url: '/echo' });
    assert.ok(response.cookies, 'response.cookies is set');
    assert.match(JSON.stringify(response.cookies), /session/);
    assert.match(JSON.stringify(response.cookies), /abc123/);
  });

  test('redirects are not followed by default; followRedirects: true follows them', async () => {
    const plain = await httpRequest({ url: '/redirect' });
    assert.equal(plain.ok, true);
    assert.equal(plain.response.status, 302);
    assert.equal(plain.response.headers.location, '/echo?redirected=1');
    const followed = await httpRequest({ url: '/redirect', followRedirects: true });
    assert.equal(followed.response.status, 200);
    assert.deepEqual(followed.response.data.query, { redirected: '1' });
  });

  test('an answer >= 400 rejects the promise with the response', async () => {
    const { ok, response } = await httpRequest({ url: '/missing' });
    assert.equal(ok, false, 'the promise was rejected');
    assert.equal(response.status, 404);
    assert.deepEqual(response.data, { error: 'not here' });
  });

  test('timeout: a request slower than its timeout is rejected', { skip: REPARSE_ONLY }, async () => {
    const started = Date.now();
    await assert.rejects(httpRequest({ url: '/slow', timeout: 500 }), (e) => e.code === 141);
    assert.ok(Date.now() - started < 3000, `rejected after ${Date.now() - started} ms`);
  });
});
