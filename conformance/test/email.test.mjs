// The email round trip: verification and password reset mails received by a real SMTP server
// (smtp-server, inside this process), their links followed over HTTP like a browser would.
//
// Verification with preventLoginWithUnverifiedEmail changes every signup (no session token), so
// this file does not use the suite's server. Against Reparse it starts a second runtime from the
// same jar run.sh uses, on a free port with its own data dir, its mail going to the SMTP server
// below. Against any other server set PARSE_EMAIL_SERVER_URL (and PARSE_EMAIL_APP_ID,
// PARSE_EMAIL_MASTER_KEY, PARSE_EMAIL_APP_NAME when they differ from the suite's) to a server
// with verifyUserEmails and preventLoginWithUnverifiedEmail on whose mail goes over SMTP to
// 127.0.0.1:$PARSE_EMAIL_SMTP_PORT; without it the file is skipped on PARSE_TARGET=parse-server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const require = createRequire(import.meta.url);
const Parse = require('parse/node');

const HERE = dirname(fileURLToPath(import.meta.url));
const IS_PARSE_SERVER = (process.env.PARSE_TARGET || 'reparse') === 'parse-server';
const EXTERNAL_URL = process.env.PARSE_EMAIL_SERVER_URL?.replace(/\/$/, '');
const JS_KEY = process.env.PARSE_JS_KEY || undefined;
const RUN_ID = randomBytes(4).toString('hex');
const MAIL_TIMEOUT_MS = 30_000;
const SKIP = !EXTERNAL_URL && IS_PARSE_SERVER
  ? 'set PARSE_EMAIL_SERVER_URL and PARSE_EMAIL_SMTP_PORT to a parse-server configured to mail over SMTP'
  : false;

/** The server under test: URL, keys, app name; filled in by `before`. */
const server = { url: '', appId: '', masterKey: '', appName: '' };
const inbox = createInbox();
let smtp;
let runtime;

describe('email verification and password reset over SMTP', { skip: SKIP }, () => {
  before(async () => {
    smtp = await startSmtp(EXTERNAL_URL ? Number(process.env.PARSE_EMAIL_SMTP_PORT) : 0);
    if (EXTERNAL_URL) {
      Object.assign(server, {
        url: EXTERNAL_URL,
        appId: process.env.PARSE_EMAIL_APP_ID || process.env.PARSE_APP_ID || 'confapp',
        masterKey: process.env.PARSE_EMAIL_MASTER_KEY || process.env.PARSE_MASTER_KEY || 'confmaster',
        appName: process.env.PARSE_EMAIL_APP_NAME || process.env.PARSE_EMAIL_APP_ID || process.env.PARSE_APP_ID || 'confapp',
      });
    } else {
      runtime = await startRuntime(smtp.server.address().port);
      Object.assign(server, runtime.server);
    }
    Parse.initialize(server.appId, JS_KEY, server.masterKey);
    Parse.serverURL = server.url;
  });

  after(async () => {
    await runtime?.stop();
    await new Promise((done) => (smtp ? smtp.close(done) : done()));
  });

  test('signup sends a verification mail; until its link is followed login answers 205', async () => {
    const { user, username, password, email } = await signUp('verify');
    assert.equal(user.getSessionToken(), undefined, 'preventLoginWithUnverifiedEmail: signup gives no session');
    const mail = await inbox.next(email);
    assert.match(mail.subject, new RegExp(escapeRegExp(server.appName)));
    const link = linkIn(mail);
    assert.ok(link.startsWith(`${server.url}/apps/`), `link under the public server URL: ${link}`);

    await assert.rejects(Parse.User.logIn(username, password), parseError(Parse.Error.EMAIL_NOT_FOUND));
    assert.equal(await storedEmailVerified(user.id), false);

    const page = await open(link);
    assert.equal(page.status, 200);
    assert.match(page.text, /Successfully verified your email/);

    const loggedIn = await Parse.User.logIn(username, password);
    assert.equal(loggedIn.get('emailVerified'), true);
    assert.match(loggedIn.getSessionToken(), /^r:/);
    assert.equal(await storedEmailVerified(user.id), true);
  });

  test('requestEmailVerification mails a new link and the earlier one stops working', async () => {
    const { user, username, password, email } = await signUp('reverify');
    const firstLink = linkIn(await inbox.next(email));

    await Parse.User.requestEmailVerification(email);
    const secondLink = linkIn(await inbox.next(email));
    assert.notEqual(secondLink, firstLink);

    const stale = await open(firstLink);
    assert.doesNotMatch(stale.text, /Successfully verified/);
    assert.equal(await storedEmailVerified(user.id), false);

    const page = await open(secondLink);
    assert.match(page.text, /Successfully verified your email/);
    assert.equal((await Parse.User.logIn(username, password)).get('emailVerified'), true);
  });

  test('requestEmailVerification for an already verified email answers success and sends nothing', async () => {
      const { email } = await signUp('verified');
      await open(linkIn(await inbox.next(email)));
      await Parse.User.requestEmailVerification(email);
      await inbox.expectNone(email);
    });

  test('requestEmailVerification for an unknown email answers success and sends nothing', async () => {
      const email = `nobody_${RUN_ID}_v@example.com`;
      await Parse.User.requestEmailVerification(email);
      await inbox.expectNone(email);
    });

  test('password reset: mail, choose_password page, new password works, old one answers 101', async () => {
    const { username, password, email } = await verifiedUser('reset');
    await Parse.User.requestPasswordReset(email);
    const mail = await inbox.next(email);
    assert.match(mail.subject, new RegExp(escapeRegExp(server.appName)));
    const link = linkIn(mail);

    const page = await open(link);
    assert.equal(page.status, 200);
    const form = passwordForm(page);
    assert.ok(form, `the link opens a page with a new_password form: ${page.text.slice(0, 500)}`);

    const newPassword = `new-${randomBytes(6).toString('hex')}`;
    const done = await submit(form, newPassword);
    assert.equal(done.status, 200);
    assert.equal(passwordForm(done), undefined, 'the answer is not the form again');
    assert.doesNotMatch(done.text, /invalid/i);

    const loggedIn = await Parse.User.logIn(username, newPassword);
    assert.match(loggedIn.getSessionToken(), /^r:/);
    await assert.rejects(Parse.User.logIn(username, password), parseError(Parse.Error.OBJECT_NOT_FOUND));

    // the link works once: opened again it is invalid, and the old form sets nothing
    const again = await open(link);
    assert.equal(passwordForm(again), undefined, 'no form behind a used link');
    assert.match(again.text, /invalid/i);
    const third = `third-${randomBytes(6).toString('hex')}`;
    await submit(form, third);
    await assert.rejects(Parse.User.logIn(username, third), parseError(Parse.Error.OBJECT_NOT_FOUND));
    await Parse.User.logIn(username, newPassword);
  });

  test('requestPasswordReset for an unknown email answers success and sends nothing', async () => {
    const unknown = `nobody_${RUN_ID}_r@example.com`;
    const result = await rest('POST', '/requestPasswordReset', { email: unknown });
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, {});
    await Parse.User.requestPasswordReset(unknown);
    // a known user's mail, requested afterwards, arrives: the unknown address's would have too
    const { email } = await verifiedUser('known');
    await Parse.User.requestPasswordReset(email);
    await inbox.next(email);
    await inbox.expectNone(unknown);
  });
});

// ---- users ----

async function signUp(prefix) {
  const username = `${prefix}_${RUN_ID}_${randomBytes(3).toString('hex')}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const email = `${username.toLowerCase()}@example.com`;
  const user = await new Parse.User({ username, password, email }).signUp();
  return { user, username, password, email };
}

/** A signed-up user whose verification link was followed. */
async function verifiedUser(prefix) {
  const created = await signUp(prefix);
  const page = await open(linkIn(await inbox.next(created.email)));
  assert.match(page.text, /Successfully verified your email/);
  return created;
}

async function storedEmailVerified(objectId) {
  const res = await rest('GET', `/users/${objectId}`, undefined, true);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.emailVerified;
}

function parseError(code) {
  return (e) => {
    assert.equal(e.code, code, e.message);
    return true;
  };
}

async function rest(method, path, body, master = false) {
  const headers = { 'X-Parse-Application-Id': server.appId, 'Content-Type': 'application/json' };
  if (master) headers['X-Parse-Master-Key'] = server.masterKey;
  else if (JS_KEY) headers['X-Parse-Javascript-Key'] = JS_KEY;
  const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

// ---- pages, as a browser sees them ----

/** GET, following redirects; returns the final page. */
async function open(url) {
  const res = await fetch(url, { redirect: 'follow' });
  return { status: res.status, url: res.url, text: await res.text() };
}

/** The page's form holding a `new_password` field: `{action, fields}` (action absolute), else undefined. */
function passwordForm(page) {
  for (const [, attrs, inner] of page.text.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields = [...inner.matchAll(/<input\b([^>]*)>/gi)].map(([, a]) => ({
      name: attr(a, 'name'), type: (attr(a, 'type') || 'text').toLowerCase(), value: attr(a, 'value') ?? '',
    })).filter((f) => f.name);
    if (fields.some((f) => f.name === 'new_password') && (attr(attrs, 'method') || '').toUpperCase() === 'POST') {
      return { action: new URL(attr(attrs, 'action') || page.url, page.url).href, fields };
    }
  }
  return undefined;
}

/** Posts the form as a browser would, every password field holding `password`; follows redirects. */
async function submit(form, password) {
  const body = new URLSearchParams();
  for (const f of form.fields) body.append(f.name, f.type === 'password' ? password : f.value);
  const res = await fetch(form.action, { method: 'POST', body, redirect: 'follow' });
  return { status: res.status, url: res.url, text: await res.text() };
}

function attr(attrs, name) {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : undefined;
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, e) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number(k.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[k] ?? whole;
  });
}

function linkIn(mail) {
  const m = /https?:\/\/[^\s"'<>]+/.exec(mail.text || '');
  assert.ok(m, `a link in the mail: ${mail.text}`);
  return m[0];
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- the SMTP server ----

/** Mails received, per recipient, in arrival order; `next` waits for one not taken yet. */
function createInbox() {
  const queues = new Map();
  const waiters = new Map();
  const key = (address) => address.toLowerCase();
  return {
    deliver(recipients, mail) {
      for (const to of recipients) {
        const k = key(to);
        const waiting = waiters.get(k);
        if (waiting?.length) waiting.shift()(mail);
        else queues.set(k, [...(queues.get(k) ?? []), mail]);
      }
    },
    next(address, timeoutMs = MAIL_TIMEOUT_MS) {
      const queued = queues.get(key(address));
      if (queued?.length) return Promise.resolve(queued.shift());
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${address} within ${timeoutMs} ms`)), timeoutMs);
        const list = waiters.get(key(address)) ?? [];
        list.push((mail) => {
          clearTimeout(timer);
          resolvePromise(mail);
        });
        waiters.set(key(address), list);
      });
    },
    /** Waits a moment, then asserts no mail reached `address`. */
    async expectNone(address, waitMs = 1500) {
      await new Promise((r) => setTimeout(r, waitMs));
      assert.deepEqual((queues.get(key(address)) ?? []).map((m) => m.subject), [], `no mail to ${address}`);
    },
  };
}

async function startSmtp(port) {
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.deliver(session.envelope.rcptTo.map((r) => r.address), mail);
        callback();
      }, callback);
    },
  });
  await new Promise((done, fail) => {
    server.server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  return server;
}

// ---- a Reparse runtime of its own ----

async function startRuntime(smtpPort) {
  const jar = process.env.REPARSE_RUNTIME_JAR || resolve(HERE, '../../tenant-runtime/target/quarkus-app/quarkus-run.jar');
  assert.ok(existsSync(jar), `${jar} is missing; build it first with ./reparse build`);
  const java = process.env.REPARSE_JAVA || (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'reparse-conformance-email-'));
  const url = `http://127.0.0.1:${port}/parse`;
  const config = { url, appId: 'emailapp', masterKey: `emailmaster-${randomBytes(8).toString('hex')}`, appName: 'Email Conformance' };
  const props = {
    'quarkus.http.port': port,
    'reparse.app-id': config.appId,
    'reparse.master-key': config.masterKey,
    'reparse.data-dir': join(work, 'data'),
    'reparse.allow-client-class-creation': 'true',
    'reparse.files.adapter': 'gridfs', // no embedded S3 server needed here
    'reparse.email.verify-user-emails': 'true',
    'reparse.email.prevent-login-with-unverified-email': 'true',
    'reparse.email.public-server-url': url,
    'reparse.email.app-name': config.appName,
    'reparse.email.from-address': 'noreply@example.com',
    'reparse.email.smtp.host': '127.0.0.1',
    'reparse.email.smtp.port': smtpPort,
    'reparse.email.smtp.tls': 'none',
  };
  const javaOpts = (process.env.REPARSE_JAVA_OPTS || '').split(/\s+/).filter(Boolean);
  const args = [...javaOpts, ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`), '-jar', jar];
  const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.once('exit', done));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(work, { recursive: true, force: true });
  };

  const deadline = Date.now() + 1000 * Number(process.env.HEALTH_TIMEOUT_SECONDS || 90);
  for (;;) {
    const healthy = await fetch(`${url}/health`).then((r) => r.json(), () => undefined).catch(() => undefined);
    if (healthy?.status === 'ok') break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the email runtime did not become healthy at ${url}/health; its log:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { server: config, stop };
}

function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}
