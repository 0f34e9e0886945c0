// Issue 10's router items on `./reparse up`, with the official SDK: bodies whose keys come last (the JS SDK
// appends _ApplicationId & co. to its text/plain bodies) at every size, a runtime's early refusal of an upload passed
// through instead of a 503, and a platform that listens on loopback only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  API_URL, Parse, ROUTER_URL, appsApi, createAccount, createApp, http, report, runtimeProcess, useApp, waitReady,
} from './helpers.mjs';

const KB = 1024;
const MB = 1024 * KB;
let account;
let app;
let session;

before(async () => {
  account = await createAccount('router');
  const created = await createApp(account, 'Router bodies', { clientClassCreationEnabled: true });
  app = await waitReady(account, created.app.applicationId);
  useApp(app);
  const user = await Parse.User.signUp(`uploader-${Date.now()}`, 'pw-uploader-1');
  session = user.getSessionToken();
});

after(async () => {
  if (app) await appsApi(account, 'DELETE', `/${app.applicationId}`);
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const label = (size) => (size >= MB ? `${+(size / MB).toFixed(1)} MB` : `${+(size / KB).toFixed(1)} KB`);

test('the SDK saves and reads objects of 64 KB, 200 KB and 1 MB through the router', async () => {
  useApp(app);
  for (const size of [64 * KB, 200 * KB, 1 * MB]) {
    const text = 'x'.repeat(size);
    const saved = await new Parse.Object('RouterBody').save({ text, size }, { sessionToken: session });
    const read = await new Parse.Query('RouterBody').get(saved.id, { sessionToken: session });
    assert.equal(read.get('text').length, size, `object of ${label(size)}`);
  }
});

test('the SDK uploads Parse.Files of 64 KB, 1 MB and 20 MB through the router, and they come back intact', async () => {
  useApp(app);
  for (const size of [64 * KB, 1 * MB, 20 * MB]) {
    const bytes = randomBytes(size);
    const started = performance.now();
    const file = await new Parse.File('blob.bin', { base64: bytes.toString('base64') }).save({ sessionToken: session });
    const ms = performance.now() - started;
    assert.ok(file.url().startsWith(ROUTER_URL), `the file's URL points at the router: ${file.url()}`);
    const res = await fetch(file.url());
    assert.equal(res.status, 200, `download of ${label(size)}`);
    const back = Buffer.from(await res.arrayBuffer());
    assert.equal(back.length, size);
    assert.equal(sha256(back), sha256(bytes), `the ${label(size)} file came back unchanged`);
    report(`router: SDK Parse.File upload of ${label(size)} (base64 body ${label(Math.ceil(size / 3) * 4)}, app id last): ${ms.toFixed(0)} ms`);
  }
});

test("a runtime's early refusal of an upload reaches the client as the runtime's answer, not as a 503", async () => {
  // No session: the runtime refuses a public upload as soon as it has the head, long before the 8 MB body is in.
  const headers = {
    'X-Parse-Application-Id': app.applicationId, 'X-Parse-Javascript-Key': app.javascriptKey,
    'Content-Type': 'application/octet-stream',
  };
  const body = randomBytes(8 * MB);
  const res = await fetch(`${ROUTER_URL}/files/refused.bin`, { method: 'POST', headers, body });
  const answer = await res.json();
  assert.equal(res.status, 400, JSON.stringify(answer));
  assert.equal(answer.code, 130, `Parse's file save error, as the runtime sent it: ${JSON.stringify(answer)}`);
  // the same request straight to the runtime, for comparison
  const { port } = runtimeProcess(app.applicationId);
  const direct = await http('POST', `http://127.0.0.1:${port}/parse/files/refused.bin`, { headers, body: 'small', json: false });
  assert.equal(direct.status, res.status);
  assert.deepEqual(direct.body, answer);
});

/** /proc/net/tcp's hex local addresses, by name: IPv4 and IPv4-mapped IPv6 loopback, the wildcards, else as is. */
function addressName(hex) {
  if (hex === '0100007F' || hex === '0000000000000000FFFF00000100007F') return '127.0.0.1';
  if (/^0+$/.test(hex)) return 'every interface';
  return hex;
}

/** The local addresses (hex, as in /proc/net/tcp*) of the sockets listening on `port`. */
function listeningAddresses(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, p] = local.split(':');
      if (state === '0A' && p === hexPort) found.push(address);
    }
  }
  return found;
}

test('the router and the control plane listen on loopback only', () => {
  for (const [what, url] of [['router', ROUTER_URL], ['control plane', API_URL]]) {
    const port = Number(new URL(url).port);
    const addresses = listeningAddresses(port);
    assert.ok(addresses.length > 0, `nothing listens on the ${what}'s port ${port} (/proc/net/tcp unreadable?)`);
    assert.deepEqual([...new Set(addresses.map(addressName))], ['127.0.0.1'], `the ${what} listens on ${addresses.join(', ')}`);
  }
});
