// An app's settings through the Apps API, each one taking effect in its running runtime: password reset mail
// through the platform's SMTP server (run.sh points `./reparse up --smtp-host` at smtp-mailbox.mjs, which keeps
// each mail as a file) with the app's sender name and template, the link in it working through the router; file
// upload policy; account lockout; requestsPerSecond at the router; unknown fields refused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import {
  Parse, ROUTER_URL, appsApi, assertParseError, createAccount, createApp, eventually, http, isAlive, parseRest, randomId,
  runtimeProcess, sleep, useApp, waitReady,
} from './helpers.mjs';

const MAIL_DIR = process.env.E2E_MAIL_DIR;
if (!MAIL_DIR) throw new Error('E2E_MAIL_DIR is not set; run the tests through e2e/platform/run.sh');

let account;
let app;

/** Changes settings and waits until the runtime serves them (a change of these restarts it). */
async function change(settings) {
  const res = await appsApi(account, 'PUT', `/${app.applicationId}`, settings);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  app = await waitReady(account, app.applicationId, { generation: res.body.generation });
  return app;
}

/** The first mail to `to` in the mailbox, parsed; waits for it. */
async function mailTo(to, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = existsSync(MAIL_DIR) ? readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort() : [];
    for (const file of files) {
      const mail = await simpleParser(readFileSync(join(MAIL_DIR, file)));
      if (mail.to?.value?.some((a) => a.address === to)) return mail;
    }
    await sleep(200);
  }
  assert.fail(`no mail to ${to} within ${timeoutMs} ms`);
}

before(async () => {
  account = await createAccount('settings');
  const created = await createApp(account, `Mailing Game ${randomId()}`);
  app = await waitReady(account, created.app.applicationId);
});

test('password reset mail goes out through the platform SMTP server with the app template, and its link works', async () => {
  const before = runtimeProcess(app.applicationId);
  await change({
    emailSenderName: 'Game Team',
    passwordResetEmailSubject: 'Reset your %appname% password',
    passwordResetEmailBody: 'Hello %username% (%email%),\n\nchoose a new password at %link%\n',
  });
  assert.notEqual(runtimeProcess(app.applicationId).pid, before.pid, 'the runtime restarted with the new options');
  assert.ok(!isAlive(before.pid));

  useApp(app);
  const username = `reset-${randomId()}`;
  const email = `${username}@mail.reparse.test`;
  const user = await Parse.User.signUp(username, 'old-password', { email });
  assert.ok(user.getSessionToken());

  await Parse.User.requestPasswordReset(email);
  const mail = await mailTo(email);
  assert.equal(mail.subject, `Reset your ${app.appName} password`);
  assert.equal(mail.from.value[0].name, 'Game Team');
  assert.equal(mail.from.value[0].address, 'no-reply@reparse.test');
  assert.match(mail.text, new RegExp(`^Hello ${username} \\(${email.replace(/\./g, '\\.')}\\),`));
  const link = mail.text.match(/at (\S+)/)[1];
  assert.ok(link.startsWith(`${ROUTER_URL}/apps/${app.applicationId}/request_password_reset?`), link);

  // the link, followed through the router like a browser: the reset page, then the new password
  const followed = await fetch(link, { redirect: 'manual' });
  assert.equal(followed.status, 302);
  const page = await http('GET', new URL(followed.headers.get('location'), link).toString(), { json: false });
  assert.equal(page.status, 200);
  assert.match(page.body, /Choose a new password for/);
  const token = new URL(link).searchParams.get('token');
  const form = new URLSearchParams({ username, token, new_password: 'new-password-1', confirm_password: 'new-password-1' });
  const done = await fetch(`${ROUTER_URL}/apps/${app.applicationId}/choose_password`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString(),
  });
  assert.equal(done.status, 200, await done.text());
  const loggedIn = await Parse.User.logIn(username, 'new-password-1');
  assert.ok(loggedIn.getSessionToken());
  await assert.rejects(Parse.User.logIn(username, 'old-password'), (e) => e.code === Parse.Error.OBJECT_NOT_FOUND);
});

test('file uploads without a user follow the app setting', async () => {
  const upload = () => parseRest(app, 'POST', '/files/note.txt', {
    key: 'js', body: 'hello', json: false, headers: { 'Content-Type': 'text/plain' },
  });
  assertParseError(await upload(), 400, 130);
  await change({ fileUploadEnableForPublic: true, fileUploadDeniedExtensions: ['exe'] });
  const ok = await upload();
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.match(ok.body.name, /note\.txt$/);
  const exe = await parseRest(app, 'POST', '/files/tool.exe', {
    key: 'js', body: 'MZ', json: false, headers: { 'Content-Type': 'application/octet-stream' },
  });
  assertParseError(exe, 400, 130);
  await change({ fileUploadEnableForPublic: false });
  assertParseError(await upload(), 400, 130);
});

test('account lockout follows the app setting', async () => {
  await change({ accountLockoutThreshold: 2, accountLockoutDurationMinutes: 5 });
  useApp(app);
  const username = `locked-${randomId()}`;
  await Parse.User.signUp(username, 'right-password');
  for (let i = 0; i < 2; i++) {
    await assert.rejects(Parse.User.logIn(username, 'wrong'), (e) => e.code === Parse.Error.OBJECT_NOT_FOUND);
  }
  await assert.rejects(Parse.User.logIn(username, 'right-password'),
    (e) => e.code === Parse.Error.OBJECT_NOT_FOUND && /locked/.test(e.message));
});

test('requestsPerSecond reaches the router; more than the platform allows and unknown fields are refused', async () => {
  await change({ requestsPerSecond: 2 });
  // the router polls its table about every second: within a few, a burst past 2 requests is limited
  await eventually('a burst past 2 requests per second answers 429', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => parseRest(app, 'GET', '/classes/Nothing')));
    return answers.some((res) => res.status === 429 && res.body?.code === 155)
      || answers.map((res) => res.status);
  }, { timeoutMs: 15_000, intervalMs: 1000 });
  const tooMany = await appsApi(account, 'PUT', `/${app.applicationId}`, { requestsPerSecond: 100_000 });
  assert.equal(tooMany.status, 400);
  assert.match(tooMany.body.error, /requestsPerSecond must be 1 to \d+ on this platform/);
  const unknown = await appsApi(account, 'PUT', `/${app.applicationId}`, { emailTemplate: 'x' });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error, /^Unknown field emailTemplate/);
  await change({ requestsPerSecond: 30 });
});
