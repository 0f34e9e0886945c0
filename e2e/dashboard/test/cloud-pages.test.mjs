// The dashboard's Cloud Code pages against a Parse server started with cloud/main.js: Jobs (run
// a job, follow its status), Logs (what the code printed) and Webhooks (create, edit, delete,
// each served by a local HTTP server). Every step is checked through the REST API too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserSession, eventually, expectText, given, rest, settingsFromEnv } from '../lib/harness.mjs';
import { WebhookServer } from '../lib/webhook-server.mjs';

const settings = settingsFromEnv();
const RUN = Date.now().toString(36);
const JOB = 'e2eDashboardJob'; // in cloud/main.js
const JOB_GATE = `gate-${RUN}`;
const LOG_MARKER = `marker-${RUN}`;
const HOOK_FUNCTION = `e2eHookFn${RUN}`;
const HOOK_CLASS = `E2EHooked${RUN}`;

const session = new BrowserSession(settings, 'cloud-network.log');
const webhooks = new WebhookServer();
let page;
let appPath = `/apps/${encodeURIComponent(settings.appName)}`;
let hookBase; // the webhook server's URL

const step = (name, body) => session.step(name, body);
const shot = name => session.shot(name);
const open = route => page.goto(`${settings.dashboardUrl}${appPath}${route}`);
const query = params => new URLSearchParams(
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
);

/** A row of the page's table that contains the text. */
function rowWith(text) {
  return page.locator('tr', { hasText: text });
}

/** The _JobStatus rows of this run's job (the gate is in their message). */
async function jobStatuses() {
  const found = await rest(settings, 'GET', `/classes/_JobStatus?${query({ where: { jobName: JOB } })}`);
  assert.equal(found.status, 200, JSON.stringify(found.json));
  return found.json.results.filter(status => String(status.message).includes(JOB_GATE));
}

async function hooks(kind) {
  const found = await rest(settings, 'GET', `/hooks/${kind}`);
  assert.equal(found.status, 200, `GET /hooks/${kind}: ${JSON.stringify(found.json)}`);
  return found.json;
}

const functionHook = async () => (await hooks('functions')).find(h => h.functionName === HOOK_FUNCTION);
const triggerHook = async () => (await hooks('triggers')).find(h => h.className === HOOK_CLASS);

/** Fills a webhook dialog's URL field, found by the URL it shows now. */
async function fillUrl(currentUrl, url) {
  await page.locator(`input[value="${currentUrl}"]`).fill(url);
}

describe('Parse Dashboard 9.2: Jobs, Logs and Webhooks against the Parse server', () => {
  before(async () => {
    hookBase = await webhooks.start();
    page = await session.open();
    appPath = await session.openApp();
  });

  after(async () => {
    await session.close();
    await webhooks.stop();
  });

  it('lists the job of the Cloud Code', async () => {
    await step('11-jobs-list', async () => {
      const data = await rest(settings, 'GET', '/cloud_code/jobs/data');
      assert.ok(data.json.jobs?.includes(JOB), `GET /cloud_code/jobs/data: ${JSON.stringify(data.json)}`);
      await open('/jobs');
      await page.waitForURL(/\/jobs\/all$/);
      await rowWith(JOB).getByRole('button', { name: 'Run...' }).waitFor();
    });
  });

  it('runs the job from the dashboard and shows it running with its message', async () => {
    await step('12-job-running', async () => {
      await open('/jobs/all');
      await rowWith(JOB).getByRole('button', { name: 'Run...' }).click();
      await page.getByText(`Run ${JOB}`, { exact: true }).waitFor();
      await page.locator('textarea').fill(JSON.stringify({ gate: JOB_GATE }));
      await shot('12a-run-job-dialog');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await rowWith(JOB).getByRole('button', { name: 'Success!' }).waitFor();
      await eventually(async () => {
        const statuses = await jobStatuses();
        assert.equal(statuses.length, 1, `one _JobStatus of this run: ${JSON.stringify(statuses)}`);
        assert.equal(statuses[0].status, 'running', JSON.stringify(statuses[0]));
      });
      await page.getByText('Job Status', { exact: true }).first().click();
      await page.waitForURL(/\/jobs\/status$/);
      // the page keeps the job status it loaded with the jobs list, from before the run
      await page.getByText('Refresh', { exact: true }).click();
      const row = rowWith(`e2e job ${JOB_GATE} is waiting for its go-ahead`);
      await expectText(row.locator('td').first(), JOB);
      await expectText(row.locator('td').last(), /^running$/i);
    });
  });

  it('shows the job succeeded, with the message it returned, after a refresh', async () => {
    await step('13-job-succeeded', async () => {
      await given(
        `job ${JOB} running with gate ${JOB_GATE}`,
        async () => (await jobStatuses()).length > 0,
        () => rest(settings, 'POST', `/jobs/${JOB}`, { gate: JOB_GATE })
      );
      const goAhead = await rest(settings, 'POST', '/classes/E2EJobGoAhead', { gate: JOB_GATE });
      assert.equal(goAhead.status, 201, JSON.stringify(goAhead.json));
      await eventually(async () => {
        const statuses = await jobStatuses();
        assert.equal(statuses[0]?.status, 'succeeded', JSON.stringify(statuses));
        assert.equal(statuses[0].message, `e2e job ${JOB_GATE} finished`);
      }, 20_000);
      if (!page.url().endsWith('/jobs/status')) {
        await open('/jobs/status');
      }
      await page.getByText('Refresh', { exact: true }).click();
      const row = rowWith(`e2e job ${JOB_GATE} finished`);
      await expectText(row.locator('td').first(), JOB);
      await expectText(row.locator('td').last(), /^succeeded$/i);
    });
  });

  it('shows what the code logged on the Info page', async () => {
    await step('14-logs-info', async () => {
      const logged = await rest(settings, 'POST', '/functions/e2eLogMarker', { marker: LOG_MARKER });
      assert.equal(logged.json.result, 'logged', JSON.stringify(logged.json));
      const failed = await rest(settings, 'POST', '/functions/e2eLogError', { marker: LOG_MARKER });
      assert.equal(failed.json.code, 141, JSON.stringify(failed.json));
      await open('/logs/info');
      await page.getByText(`e2e-log-marker ${LOG_MARKER}`).waitFor();
      await page.getByText('Ran cloud function e2eLogMarker').first().waitFor();
    });
  });

  it('shows the error lines, and only those, on the Error page', async () => {
    await step('15-logs-error', async () => {
      const errors = await rest(settings, 'GET', `/scriptlog?${query({ level: 'error', n: '100' })}`);
      const messages = Array.isArray(errors.json) ? errors.json.map(line => line.message) : [errors.json];
      assert.ok(messages.some(m => m.includes(`e2e-error-marker ${LOG_MARKER}`)), JSON.stringify(messages));
      if (!page.url().includes('/logs/')) {
        await open('/logs/info');
      }
      await page.getByText('Error', { exact: true }).first().click();
      await page.waitForURL(/\/logs\/error$/);
      await page.getByText(`e2e function failed on purpose ${LOG_MARKER}`).first().waitFor();
      // The Info page's lines (errors among them) stay on screen until the Error page's own
      // answer arrives, so wait for the page to settle before asserting what it lists.
      await page.getByText(`e2e-log-marker ${LOG_MARKER}`).waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => {});
      await page.getByText(`e2e-error-marker ${LOG_MARKER}`).waitFor();
      assert.equal(await page.getByText(`e2e-log-marker ${LOG_MARKER}`).count(), 0,
        'the Error page lists an info line: does GET /scriptlog honour level=error?');
    });
  });

  it('creates a function webhook', async () => {
    await step('16-webhook-create-function', async () => {
      await open('/webhooks');
      await page.getByRole('button', { name: 'Create a Webhook' }).first().click();
      await page.getByPlaceholder('MyWebhook').fill(HOOK_FUNCTION);
      await fillUrl('https://', `${hookBase}/fn`);
      await shot('16a-webhook-function-dialog');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await expectText(rowWith(HOOK_FUNCTION).locator('td').nth(3), `${hookBase}/fn`);
      assert.equal((await functionHook())?.url, `${hookBase}/fn`);
      const called = await rest(settings, 'POST', `/functions/${HOOK_FUNCTION}`, {});
      assert.equal(called.json.result, 'webhook /fn answered', JSON.stringify(called.json));
    });
  });

  it('creates a beforeSave trigger webhook', async () => {
    await step('17-webhook-create-trigger', async () => {
      await given(
        `class ${HOOK_CLASS} exists`,
        async () => (await rest(settings, 'GET', `/schemas/${HOOK_CLASS}`)).status === 200,
        () => rest(settings, 'POST', `/schemas/${HOOK_CLASS}`, { className: HOOK_CLASS })
      );
      await open('/webhooks'); // loads the class list the dialog offers
      await page.getByRole('button', { name: 'Create a Webhook' }).first().click();
      await page.getByRole('combobox').first().click();
      await page.getByRole('option', { name: 'beforeSave', exact: true }).click();
      await page.getByRole('combobox').nth(1).click();
      await page.getByRole('option', { name: HOOK_CLASS, exact: true }).click();
      await fillUrl('https://', `${hookBase}/trigger`);
      await shot('17a-webhook-trigger-dialog');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      const row = rowWith(HOOK_CLASS);
      await expectText(row.locator('td').nth(0), 'Trigger');
      await expectText(row.locator('td').nth(2), 'beforeSave');
      await expectText(row.locator('td').nth(3), `${hookBase}/trigger`);
      const stored = await triggerHook();
      assert.deepEqual(stored && { triggerName: stored.triggerName, url: stored.url },
        { triggerName: 'beforeSave', url: `${hookBase}/trigger` }, JSON.stringify(stored));
      const saved = await rest(settings, 'POST', `/classes/${HOOK_CLASS}`, { name: 'saved through the hook' });
      assert.equal(saved.status, 201, JSON.stringify(saved.json));
      const object = await rest(settings, 'GET', `/classes/${HOOK_CLASS}/${saved.json.objectId}`);
      assert.equal(object.json.hookedBy, '/trigger', `the beforeSave webhook ran: ${JSON.stringify(object.json)}`);
    });
  });

  it("edits the function webhook's URL", async () => {
    await step('18-webhook-edit', async () => {
      await given(
        `function webhook ${HOOK_FUNCTION}`,
        async () => (await functionHook()) !== undefined,
        () => rest(settings, 'POST', '/hooks/functions', { functionName: HOOK_FUNCTION, url: `${hookBase}/fn` })
      );
      await open('/webhooks');
      await rowWith(HOOK_FUNCTION).locator('td').nth(3).click();
      await page.getByText('Change your Webhook', { exact: true }).waitFor();
      await fillUrl(`${hookBase}/fn`, `${hookBase}/fn-edited`);
      await shot('18a-webhook-edit-dialog');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Change your Webhook', { exact: true }).waitFor({ state: 'detached' });
      await expectText(rowWith(HOOK_FUNCTION).locator('td').nth(3), `${hookBase}/fn-edited`);
      assert.equal((await functionHook())?.url, `${hookBase}/fn-edited`);
      const called = await rest(settings, 'POST', `/functions/${HOOK_FUNCTION}`, {});
      assert.equal(called.json.result, 'webhook /fn-edited answered', JSON.stringify(called.json));
    });
  });

  it('deletes the trigger webhook', async () => {
    await step('19-webhook-delete', async () => {
      await given(
        `trigger webhook on ${HOOK_CLASS}`,
        async () => (await triggerHook()) !== undefined,
        () => rest(settings, 'POST', '/hooks/triggers',
          { className: HOOK_CLASS, triggerName: 'beforeSave', url: `${hookBase}/trigger` })
      );
      await open('/webhooks');
      await rowWith(HOOK_CLASS).getByRole('button').click();
      await page.getByText('Delete your Webhook', { exact: true }).waitFor();
      await shot('19a-webhook-delete-dialog');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByText('Delete your Webhook', { exact: true }).waitFor({ state: 'detached' });
      await rowWith(HOOK_CLASS).waitFor({ state: 'detached' });
      assert.equal(await triggerHook(), undefined, 'the trigger webhook is gone from GET /hooks/triggers');
      assert.ok(await functionHook(), 'the function webhook is still there');
      const callsBefore = webhooks.callsTo('/trigger').length;
      const saved = await rest(settings, 'POST', `/classes/${HOOK_CLASS}`, { name: 'saved without the hook' });
      assert.equal(saved.status, 201, JSON.stringify(saved.json));
      assert.equal(webhooks.callsTo('/trigger').length, callsBefore, 'no call to the deleted webhook');
      await page.reload();
      await rowWith(HOOK_FUNCTION).waitFor();
      assert.equal(await rowWith(HOOK_CLASS).count(), 0, 'the deleted webhook is not listed after a reload');
    });
  });
});
