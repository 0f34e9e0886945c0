// The console in a real browser (Debian's Chromium through playwright-core), as a new user meets it: sign up,
// log out and in, create an app, watch it become Ready, look at its keys, change a setting, rotate the master
// key, see the usage chart, upload Cloud Code, read the app's request log, delete the app. Screenshots land in $E2E_OUT_DIR.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const baseUrl = (process.env.CONSOLE_URL || '').replace(/\/$/, '');
const outDir = process.env.E2E_OUT_DIR || path.resolve('.out');
const readyTimeout = Number(process.env.APP_READY_TIMEOUT_MS || 120_000);
const email = `console-${crypto.randomBytes(4).toString('hex')}@example.com`;
const password = `pw-${crypto.randomBytes(8).toString('hex')}`;
// Markup and quotes in the name: the console must show it as text, never as HTML.
const appName = `Console <b>E2E</b> & "friends"`;
// Cloud Code with a job, for the Jobs card and the release file viewer.
const JOB_CODE = "Parse.Cloud.define('hello', () => 'hi');\n"
  + "Parse.Cloud.job('cleanup', async request => `cleaned ${request.params.n || 0}`);\n";

let browser;
let page;
const problems = [];
/** Every failed request and every answer >= 400, as `${status} ${method} ${path}`; `loadsCleanly` empties it. */
const failures = [];

/** Runs `load` (a navigation) and asserts that the page made no failing request until the network went quiet. */
async function loadsCleanly(what, load) {
  failures.length = 0;
  await load();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(failures, [], `${what}: no failing request (the browser would log each one)`);
}

async function shot(name) {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

/** A screenshot of one card. */
async function shotOf(selector, name) {
  await page.locator(selector).screenshot({ path: path.join(outDir, `${name}.png`) });
}

/** The app as the API answers it, fetched by the page itself with its session cookie. */
function apiApp(id) {
  return page.evaluate(async appId => (await fetch(`/api/v1/apps/${appId}`)).json(), id);
}

before(async () => {
  assert.ok(baseUrl, 'CONSOLE_URL is not set; start the test through run.sh');
  fs.mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(url => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname), route => route.abort());
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('console', message => {
    // API answers such as 401 before login or 404 from the SSO probe are logged as failed resources; responses
    // are checked below instead.
    if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('requestfailed', request => failures.push(`failed ${request.method()} ${new URL(request.url()).pathname}`));
  page.on('response', response => {
    const url = new URL(response.url());
    if (response.status() >= 400) {
      failures.push(`${response.status()} ${response.request().method()} ${url.pathname}`);
    }
    if (response.status() >= 500 || (response.status() >= 400 && !url.pathname.startsWith('/api/'))) {
      problems.push(`${response.status()} for ${url.pathname}`);
    }
  });
});

after(async () => {
  await browser?.close();
});

test('the console walks a new user from signup to a deleted app', async t => {
  let appId;

  await t.test('an anonymous visitor lands on the login page and can sign up', async () => {
    await loadsCleanly('the login page', async () => {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/login$/);
    });
    await page.getByRole('link', { name: 'Create one' }).click();
    await page.waitForURL(/\/signup$/);
    await page.fill('#signup-form input[name=email]', email);
    await page.fill('#signup-form input[name=password]', password);
    await page.click('#signup-form button[type=submit]');
    await page.waitForURL(/\/apps$/);
    assert.equal(await page.textContent('.account-email'), email);
  });

  await t.test('logging out ends the session and logging in starts one', async () => {
    await page.click('#logout');
    await page.waitForURL(/\/login$/);
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/account')).status), 401);
    await page.fill('#login-form input[name=email]', email);
    await page.fill('#login-form input[name=password]', 'wrong-password');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-form .error').waitFor();
    await page.fill('#login-form input[name=password]', password);
    await page.click('#login-form button[type=submit]');
    await page.waitForURL(/\/apps$/);
    await page.getByText('No apps yet').waitFor();
  });

  await t.test('creating an app opens its page with a status badge and conditions', async () => {
    await page.fill('#create-app input[name=appName]', appName);
    await page.click('#create-app button[type=submit]');
    await page.waitForURL(/\/apps\/[^/]+$/);
    appId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await page.textContent('#app-title'), appName);
    assert.equal(await page.locator('#app-title b').count(), 0, 'the name is text, not markup');
    const state = await page.getAttribute('#status .badge', 'data-state');
    assert.ok(['provisioning', 'updating', 'ready', 'failed'].includes(state), `badge state ${state}`);
    await shot('1-app-created');
  });

  await t.test('the app becomes Ready, as the badge and the conditions table say', async () => {
    await page.locator('#status .badge[data-state=ready]').waitFor({ timeout: readyTimeout });
    const ready = page.locator('#conditions tr[data-type=Ready]');
    assert.equal(await ready.locator('td').nth(1).textContent(), 'True');
    const app = await apiApp(appId);
    assert.match(await page.textContent('#generations'),
      new RegExp(`Generation ${app.generation}, observed ${app.status.observedGeneration}`));
  });

  await t.test('keys are masked until revealed; the master key warns when shown', async () => {
    const app = await apiApp(appId);
    const master = page.locator('code[data-key=masterKey]');
    assert.ok(!(await master.textContent()).includes(app.masterKey), 'masked at first');
    assert.ok(!(await page.textContent('#keys')).includes(app.masterKey), 'no key text on the page');
    await page.click('button[data-reveal=masterKey]');
    assert.equal(await master.textContent(), app.masterKey);
    await page.locator('#keys .warning').waitFor();
    await page.click('button[data-reveal=clientKey]');
    assert.equal(await page.textContent('code[data-key=clientKey]'), app.clientKey);
    assert.equal(await page.textContent('code[data-key=applicationId]'), app.applicationId);
    await shot('2-keys-revealed');
    await page.click('button[data-reveal=masterKey]');
    assert.ok(!(await master.textContent()).includes(app.masterKey), 'hidden again');
  });

  await t.test('the server URL (Parse.serverURL) is shown next to the keys, with a copy button', async () => {
    const app = await apiApp(appId);
    assert.match(app.serverURL, /^http:\/\/[^/]+:\d+\/parse$/);
    assert.equal(await page.textContent('code[data-key=serverURL]'), app.serverURL);
    await page.locator('#keys button[aria-label="Copy Server URL"]').waitFor();
  });

  await t.test('a settings switch is saved at once', async () => {
    const before = await apiApp(appId);
    const toggle = page.locator('#setting-clientClassCreationEnabled');
    assert.equal(await toggle.isChecked(), before.clientClassCreationEnabled);
    await toggle.click();
    await page.locator('#settings .save-state', { hasText: 'Saved' }).waitFor();
    const after = await apiApp(appId);
    assert.equal(after.clientClassCreationEnabled, !before.clientClassCreationEnabled);
    assert.ok(after.generation > before.generation, 'the change is a new generation');
  });

  await t.test('turning off "Require a client key" asks first, saying what it opens up', async () => {
    const before = await apiApp(appId);
    assert.equal(before.clientKeysRequired, true);
    const toggle = page.locator('#setting-clientKeysRequired');
    await toggle.click();
    const dialog = page.locator('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /application ID alone reaches the app/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await toggle.isChecked(), true, 'cancelled: still on');
    assert.equal((await apiApp(appId)).generation, before.generation, 'cancelled: nothing saved');
    await toggle.click();
    await page.click('dialog button[data-confirm]');
    await page.locator('.switch-row', { has: toggle }).locator('.save-state', { hasText: 'Saved' }).waitFor();
    assert.equal((await apiApp(appId)).clientKeysRequired, false);
    // turning it back on needs no confirmation
    await toggle.click();
    await page.waitForFunction(async id => (await (await fetch(`/api/v1/apps/${id}`)).json()).clientKeysRequired,
      appId);
    assert.equal(await page.locator('dialog').count(), 0);
  });

  await t.test('email and file upload settings are saved', async () => {
    await page.fill('#email-settings input[name=emailSenderName]', 'Console Team');
    await page.fill('#email-settings input[name=passwordResetEmailSubject]', 'New password for %appname%');
    await page.fill('#email-settings textarea[name=passwordResetEmailBody]', 'Hi %username%, open %link%');
    await page.click('#email-settings button[type=submit]');
    await page.locator('#email-settings .save-state', { hasText: 'Saved' }).waitFor();
    await page.check('#file-settings input[name=fileUploadEnableForPublic]');
    await page.fill('#file-settings input[name=fileUploadMaxMegabytes]', '5');
    await page.fill('#file-settings input[name=fileUploadDeniedExtensions]', 'exe, .bat');
    await page.click('#file-settings button[type=submit]');
    await page.locator('#file-settings .save-state', { hasText: 'Saved' }).waitFor();
    const app = await apiApp(appId);
    assert.equal(app.emailSenderName, 'Console Team');
    assert.equal(app.passwordResetEmailSubject, 'New password for %appname%');
    assert.equal(app.passwordResetEmailBody, 'Hi %username%, open %link%');
    assert.equal(app.fileUploadEnableForPublic, true);
    assert.equal(app.fileUploadMaxBytes, 5 * 1024 * 1024);
    assert.deepEqual(app.fileUploadDeniedExtensions, ['exe', 'bat']);
    // a value the API refuses shows its message next to the form
    await page.fill('#account-settings input[name=passwordPattern]', '(unclosed');
    await page.click('#account-settings button[type=submit]');
    await page.locator('#account-settings .save-state', { hasText: 'not a valid regular expression' }).waitFor();
    await page.locator('#status .badge[data-state=ready]').waitFor({ timeout: readyTimeout });
  });

  await t.test('rotating the master key shows the new key and when the old one stops working', async () => {
    const before = await apiApp(appId);
    await page.click('#rotate-master');
    await page.click('dialog button[data-confirm]');
    await page.locator('#rotation-note').waitFor();
    const after = await apiApp(appId);
    assert.notEqual(after.masterKey, before.masterKey);
    await page.click('button[data-reveal=masterKey]');
    assert.equal(await page.textContent('code[data-key=masterKey]'), after.masterKey);
  });

  await t.test('the app page has its own URL (the app\'s dashboardURL path): a reload shows the same app', async () => {
    const app = await apiApp(appId);
    assert.equal(new URL(app.dashboardURL).pathname, new URL(page.url()).pathname);
    await loadsCleanly('the app page', async () => {
      await page.reload();
      await page.locator('#cloud-current').waitFor();
    });
    assert.equal(await page.textContent('#app-title'), appName);
  });

  await t.test('the usage chart draws one bar per hour of the last 24', async () => {
    const chart = page.locator('#usage svg.usage-chart');
    await chart.waitFor();
    assert.equal(await chart.locator('g.bar').count(), 24);
    assert.equal(await chart.locator('rect.requests').count(), 24);
    assert.match(await chart.getAttribute('aria-label'), /Requests per hour, last 24 hours/);
    await page.locator('#status .badge[data-state=ready]').waitFor({ timeout: readyTimeout });
    await shot('3-app-page');
  });

  await t.test('Cloud Code: a main.js upload shows its version until deployed; a broken zip is refused inline', async () => {
    await page.locator('#cloud-current').waitFor();
    assert.match(await page.textContent('#cloud-current'), /No code uploaded yet/);
    await page.setInputFiles('#cloud-file', { name: 'main.js', mimeType: 'text/javascript',
      buffer: Buffer.from("Parse.Cloud.define('hello', () => 'hi');\n") });
    await page.click('#cloud-upload button[type=submit]');
    await page.locator('#cloud-current[data-version="1"]').waitFor();
    assert.match(await page.textContent('#cloud-current'), /main\.js · 41 B · uploaded .* by console-/);
    await page.locator('#cloud-current .badge[data-state=deployed]').waitFor({ timeout: readyTimeout });
    await shot('3b-cloud-code');

    await page.setInputFiles('#cloud-file', { name: 'code.zip', mimeType: 'application/zip',
      buffer: Buffer.from('not a zip at all') });
    await page.click('#cloud-upload button[type=submit]');
    await page.locator('#cloud-error').waitFor();
    assert.match(await page.textContent('#cloud-error'), /not a readable zip archive/);
    assert.equal(await page.getAttribute('#cloud-current', 'data-version'), '1', 'the current version stays');
  });

  await t.test('Cloud Code releases: a second upload is listed above the first; "Roll back to this" makes v1 active', async () => {
    await page.locator('#cloud-releases tr[data-version="1"] .badge').waitFor();
    await page.setInputFiles('#cloud-file', { name: 'main.js', mimeType: 'text/javascript',
      buffer: Buffer.from("Parse.Cloud.define('hello', () => 'hi again');\n") });
    await page.click('#cloud-upload button[type=submit]');
    await page.locator('#cloud-current[data-version="2"]').waitFor();
    await page.locator('#cloud-releases tr[data-version="2"] .badge').waitFor();
    const versions = await page.locator('#cloud-releases tbody tr').evaluateAll(rows => rows.map(r => r.dataset.version));
    assert.deepEqual(versions, ['2', '1']);
    assert.match(await page.textContent('#cloud-releases tr[data-version="1"]'), /^v1.*console-.*Roll back to this$/s);
    await page.click('#cloud-releases button[data-rollback="1"]');
    await page.click('dialog button[data-confirm]');
    await page.locator('#cloud-current[data-version="1"]').waitFor();
    await page.locator('#cloud-releases tr[data-version="1"] .badge').waitFor();
    assert.equal(await page.locator('#cloud-releases button[data-rollback="2"]').count(), 1);
    await page.locator('#cloud-current .badge[data-state=deployed]').waitFor({ timeout: readyTimeout });
    await shot('3c-cloud-releases');
  });

  await t.test('the Logs view lists the app\'s requests with why one was refused, filtered by level and text', async () => {
    const app = await apiApp(appId);
    const call = headers => fetch(`${app.serverURL}/classes/LogProbe`,
      { headers: { 'X-Parse-Application-Id': app.applicationId, ...headers } });
    assert.equal((await call({})).status, 403);
    assert.equal((await call({ 'X-Parse-Master-Key': app.masterKey })).status, 200);
    await page.locator('#log-lines tr[data-level=error]', { hasText: 'unauthorized: no client key' })
      .waitFor({ timeout: 30_000 });
    await page.locator('#log-lines tr[data-level=info]', { hasText: '/parse/classes/LogProbe' }).waitFor({ timeout: 30_000 });
    assert.ok(!(await page.textContent('#logs')).includes(app.masterKey), 'no key in the log');
    await shot('3c-logs');

    await page.selectOption('#log-level', 'error');
    await page.waitForFunction(() => document.querySelectorAll('#log-lines tr[data-level=info]').length === 0
      && document.querySelectorAll('#log-lines tr[data-level=error]').length > 0);
    await page.selectOption('#log-level', 'info');
    await page.fill('#log-search', 'LogProbe');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('#log-lines tbody tr')];
      return rows.length === 2 && rows.every(row => row.textContent.includes('/parse/classes/LogProbe'));
    });
    await page.fill('#log-search', 'nothing-matches-this');
    await page.locator('#logs-empty', { hasText: 'No request matches.' }).waitFor();
  });

  await t.test('Analytics: events sent through the router show as charts with their totals, split by a dimension', async () => {
    const app = await apiApp(appId);
    const send = (name, body, installation) => fetch(`${app.serverURL}/events/${name}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'X-Parse-Application-Id': app.applicationId, 'X-Parse-Master-Key': app.masterKey,
        'Content-Type': 'application/json', ...(installation ? { 'X-Parse-Installation-Id': installation } : {}) },
    });
    for (const plan of ['free', 'free', 'pro']) {
      assert.equal((await send('Purchase', { dimensions: { plan } })).status, 200);
    }
    for (const device of ['device-a', 'device-b', 'device-a']) {
      assert.equal((await send('AppOpened', {}, device)).status, 200);
    }
    // the card reads on a range change; 7 days again makes it read now
    await page.selectOption('#analytics-range', '30');
    await page.selectOption('#analytics-range', '7');
    const total = async selector => Number(await page.locator(`${selector} svg .column`).evaluateAll(
      columns => columns.reduce((sum, c) => sum + Number(c.dataset.total), 0)));
    await page.waitForFunction(() => document.querySelector('#analytics-event option[value=Purchase]'), null,
      { timeout: 30_000 });
    await page.locator('#analytics-event-panel').waitFor();
    assert.equal(await total('#analytics-opens'), 3);
    assert.equal(await total('#analytics-active'), 2, 'two devices');
    assert.equal(await total('#analytics-event-panel'), 3);
    await page.fill('#analytics-group', 'plan');
    await page.waitForFunction(() => document.querySelectorAll('#analytics-event-panel rect[data-stack]').length > 0
      && document.querySelector('#analytics-event-panel .legend-list'));
    const stacks = await page.locator('#analytics-event-panel rect[data-stack]').evaluateAll(rects => rects.map(
      r => r.dataset.stack));
    assert.deepEqual([...new Set(stacks)].sort(), ['free', 'pro']);
    const csv = await page.locator('#analytics-event-panel a[data-csv]').getAttribute('download');
    assert.equal(csv, 'Purchase.csv');
    assert.ok(!(await page.textContent('#analytics')).includes(app.masterKey), 'no key in the card');
    await shotOf('#analytics', '3e-analytics');
  });

  await t.test('the Cloud Code card shows the active release\'s files; a click shows main.js\'s text', async () => {
    await page.setInputFiles('#cloud-file', { name: 'main.js', mimeType: 'text/javascript', buffer: Buffer.from(JOB_CODE) });
    await page.click('#cloud-upload button[type=submit]');
    await page.locator('#cloud-current[data-version="3"]').waitFor();
    await page.locator('#cloud-current .badge[data-state=deployed]').waitFor({ timeout: readyTimeout });
    await page.locator('#cloud-files[data-version="3"]').waitFor();
    assert.match(await page.textContent('#cloud-files li'), /^main\.js\d+ B$/);
    await page.click('#cloud-files button[data-file="main.js"]');
    const text = page.locator('#cloud-file-view pre');
    await text.waitFor();
    assert.equal(await text.textContent(), JOB_CODE);
    assert.equal(await page.locator('#cloud-file-view [data-not-shown]').count(), 0);
    await shotOf('#cloud', '3d-cloud-files');
  });

  await t.test('Jobs: a schedule is created, listed with its next run, edited, and deleted after a confirmation; '
    + 'Run now starts the job and its run shows with status and duration', async () => {
    // the runtime loads the new code within seconds of its deployment; the card lists the jobs it defines then
    const deadline = Date.now() + 60_000;
    while (await page.locator('#jobs-defined li[data-job=cleanup]').count() === 0) {
      assert.ok(Date.now() < deadline, `the Jobs card lists the job cleanup: ${await page.textContent('#jobs')}`);
      await page.waitForTimeout(2000);
      await page.reload();
      await page.locator('#jobs .card-head').waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.click('#job-new');
    const form = page.locator('#job-form');
    await form.waitFor();
    await page.selectOption('#job-form select[name=job]', 'cleanup');
    await page.fill('#job-form input[name=description]', 'E2E tidy');
    await page.fill('#job-form textarea[name=params]', '{"n": 3}');
    await page.fill('#job-form input[name=repeatMinutes]', '60');
    await page.fill('#job-form input[name=timeOfDay]', '03:15:00');
    await page.uncheck('#job-form input[name=day-Sun]');
    await page.uncheck('#job-form input[name=day-Sat]');
    await shotOf('#jobs', '5a-jobs-form');
    await page.click('#job-form button[type=submit]');
    const row = page.locator('#jobs-schedules tr[data-schedule]', { hasText: 'E2E tidy' });
    await row.waitFor();
    assert.equal(await form.count(), 0, 'the form closes once saved');
    assert.match(await row.textContent(), /every 1 h from 03:15, Mon, Tue, Wed, Thu, Fri/);
    assert.equal(await row.locator('td.next-run time').count(), 1, 'a next run is shown');
    const nextRun = Date.parse(await row.locator('td.next-run time').getAttribute('datetime'));
    assert.ok(nextRun > Date.now() - 60_000, 'the next run is ahead');
    await shotOf('#jobs', '5-jobs-schedule');

    // a refusal shows in the form, and nothing changes
    await row.locator('button[data-edit]').click();
    await page.fill('#job-form textarea[name=params]', '[1, 2]');
    await page.click('#job-form button[type=submit]');
    await page.locator('#job-form-error', { hasText: 'params must be a JSON object' }).waitFor();
    await page.fill('#job-form textarea[name=params]', '{"n": 4}');
    await page.fill('#job-form input[name=description]', 'E2E tidy, edited');
    await page.fill('#job-form input[name=repeatMinutes]', '1440');
    await page.click('#job-form button[type=submit]');
    const edited = page.locator('#jobs-schedules tr[data-schedule]', { hasText: 'E2E tidy, edited' });
    await edited.waitFor();
    assert.match(await edited.textContent(), /daily at 03:15, Mon, Tue, Wed, Thu, Fri/);
    assert.equal(await page.locator('#jobs-schedules tr[data-schedule]').count(), 1, 'edited in place');

    await page.click('#jobs-defined button[data-run=cleanup]');
    await page.locator('#jobs-state', { hasText: 'cleanup started' }).waitFor();
    const run = page.locator('#jobs-runs tr[data-status=succeeded]', { hasText: 'run now' });
    await run.waitFor({ timeout: 30_000 });
    assert.match(await run.textContent(), /cleanup.*run now.*succeeded.*\d+(\.\d)? (ms|s).*cleaned 0/s);
    await shotOf('#jobs', '5b-jobs-run');

    await edited.locator('button[data-delete]').click();
    await page.locator('dialog').getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.locator('#jobs-schedules tr[data-schedule]').count(), 1, 'cancelled: still there');
    await edited.locator('button[data-delete]').click();
    assert.match(await page.textContent('dialog'), /Delete the schedule of cleanup\?/);
    await page.click('dialog button[data-confirm]');
    await page.locator('#jobs-schedules', { hasText: 'No schedules yet.' }).waitFor();
  });

  await t.test('the app list shows the app with its badge', async () => {
    await page.click('a.back');
    await page.waitForURL(/\/apps$/);
    const row = page.locator(`li.app-row[data-app-id="${appId}"]`);
    assert.equal(await row.locator('.app-name').textContent(), appName);
    await row.locator('.badge').waitFor();
    await page.setViewportSize({ width: 390, height: 800 });
    await shot('4-apps-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await t.test('deleting asks for the app name, then the app is gone', async () => {
    await page.click(`li.app-row[data-app-id="${appId}"] .app-name`);
    await page.waitForURL(/\/apps\/[^/]+$/);
    await page.click('#delete-app');
    const confirm = page.locator('dialog button[data-confirm]');
    assert.equal(await confirm.isDisabled(), true, 'disabled until the name is typed');
    await page.fill('dialog .confirm-input', appName);
    await confirm.click();
    await page.waitForURL(/\/apps$/);
    await page.getByText('No apps yet').waitFor();
    assert.equal(await page.evaluate(async id => (await fetch(`/api/v1/apps/${id}`)).status, appId), 404);
  });

  assert.deepEqual(problems, [], 'no script errors in the page');
});
