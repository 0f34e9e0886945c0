// Drives the open-source Parse Dashboard in Chromium against a Parse server (the Reparse
// runtime, or stock parse-server as the reference) and checks, through the REST API, that
// what the dashboard shows is what the server stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserSession, eventually, expectText, given, rest, settingsFromEnv } from '../lib/harness.mjs';

const settings = settingsFromEnv();
const CLASS_NAME = `E2EThing${Date.now().toString(36)}`;
const COLUMN = 'title';
const CELL_VALUE = 'hello from the dashboard';
const EDITED_VALUE = 'edited in the dashboard';
const CONFIG_KEY = `e2eParam${Date.now().toString(36)}`;
const CONFIG_VALUE = 'config from the dashboard';

const session = new BrowserSession(settings, 'network.log');
let page;
// the dashboard's path for the app, as its app list links it
let appPath = `/apps/${encodeURIComponent(settings.appName)}`;
let objectId; // the row the dashboard created

const shot = name => session.shot(name);
const step = (name, body) => session.step(name, body);

/** The sidebar link of a class in the data browser. */
function classLink(className) {
  return page.locator(`a[title="${className}"][href$="/browser/${className}"]`);
}

/** The object count the sidebar shows beside a class. */
function classCount(className) {
  return page.locator(`div:has(> a[title="${className}"]) > span`);
}

/** A data-browser cell: row index (0 = top) and column name. */
async function cellOf(rowIndex, column) {
  const headers = await page.locator('div[draggable="true"] > div:first-child').allTextContents();
  const columnIndex = headers.indexOf(column);
  assert.ok(columnIndex >= 0, `column ${column} among ${headers.join(', ')}`);
  const row = page.locator('div:has(> span > input[type="checkbox"])').nth(rowIndex);
  return row.locator(':scope > span').nth(columnIndex + 1);
}

function rowCheckbox(rowIndex) {
  return page.locator('div:has(> span > input[type="checkbox"])').nth(rowIndex).locator('input[type="checkbox"]');
}

async function givenClassWithColumn() {
  await given(
    `class ${CLASS_NAME} exists`,
    async () => (await rest(settings, 'GET', `/schemas/${CLASS_NAME}`)).status === 200,
    () => rest(settings, 'POST', `/schemas/${CLASS_NAME}`, { className: CLASS_NAME })
  );
  await given(
    `column ${COLUMN} exists`,
    async () => (await rest(settings, 'GET', `/schemas/${CLASS_NAME}`)).json.fields?.[COLUMN] !== undefined,
    () => rest(settings, 'PUT', `/schemas/${CLASS_NAME}`, { fields: { [COLUMN]: { type: 'String' } } })
  );
}

async function givenRow(value) {
  await givenClassWithColumn();
  await given(
    `one row in ${CLASS_NAME}`,
    async () => objectId && (await rest(settings, 'GET', `/classes/${CLASS_NAME}/${objectId}`)).status === 200,
    async () => {
      const made = await rest(settings, 'POST', `/classes/${CLASS_NAME}`, { [COLUMN]: value });
      objectId = made.json.objectId;
      return made;
    }
  );
}

/** Opens the class in the data browser unless it is already shown. */
async function browseClass() {
  const target = `${settings.dashboardUrl}${appPath}/browser/${CLASS_NAME}`;
  if (decodeURI(page.url()) !== decodeURI(target)) {
    await page.goto(target);
  }
  await page.getByText('Add Row', { exact: true }).waitFor();
}

async function openEditMenu() {
  await page.getByText('Edit', { exact: true }).first().click();
}

describe('Parse Dashboard 9.2 against the Parse server', () => {
  before(async () => {
    page = await session.open();
  });

  after(() => session.close());

  it('lists the app, with the server version from /serverInfo', async () => {
    await step('01-app-list', async () => {
      await page.goto(`${settings.dashboardUrl}/apps`);
      await page.getByText(settings.appName, { exact: true }).waitFor();
      await page.getByText('Server version:').waitFor();
      // "At a glance" shows "-" until the _User and _Installation count queries answer.
      for (const label of ['total users', 'total installations']) {
        const metric = page.locator(`div:has(> :text-is("${label}"))`);
        await expectText(metric, new RegExp(`^\\d+\\s*${label}$`));
      }
      await eventually(() => {
        const serverInfo = session.network.entries.find(e => e.path.startsWith('/serverInfo'));
        assert.equal(serverInfo?.status, 200, 'GET /serverInfo answered');
      });
    });
  });

  it('opens the data browser with the class list and counts', async () => {
    await step('02-data-browser', async () => {
      await page.getByText(settings.appName, { exact: true }).click();
      await page.waitForURL(/\/browser/);
      appPath = new URL(page.url()).pathname.replace(/\/browser.*$/, '');
      await classLink('_User').waitFor();
      await classLink('_Role').waitFor();
      await expectText(classCount('_User'), /^\d+$/);
      await expectText(classCount('_Role'), /^\d+$/);
    });
  });

  it('creates a class', async () => {
    await step('03-create-class', async () => {
      await page.getByText('Create a class', { exact: true }).click();
      await page.getByPlaceholder('Give it a good name...').fill(CLASS_NAME);
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await classLink(CLASS_NAME).waitFor();
      await page.waitForURL(new RegExp(`/browser/${CLASS_NAME}$`));
      const schema = await rest(settings, 'GET', `/schemas/${CLASS_NAME}`);
      assert.equal(schema.status, 200, `GET /schemas/${CLASS_NAME}: ${JSON.stringify(schema.json)}`);
    });
  });

  it('adds a String column', async () => {
    await step('04-add-column', async () => {
      await given(
        `class ${CLASS_NAME} exists`,
        async () => (await rest(settings, 'GET', `/schemas/${CLASS_NAME}`)).status === 200,
        () => rest(settings, 'POST', `/schemas/${CLASS_NAME}`, { className: CLASS_NAME })
      );
      await browseClass();
      await openEditMenu();
      await page.getByText('Add a column', { exact: true }).click();
      await page.getByPlaceholder('Give it a good name...').fill(COLUMN);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByText(COLUMN, { exact: true }).first().waitFor();
      const schema = await rest(settings, 'GET', `/schemas/${CLASS_NAME}`);
      assert.equal(schema.json.fields?.[COLUMN]?.type, 'String', JSON.stringify(schema.json));
    });
  });

  it('adds a row with a value in the new column', async () => {
    await step('05-add-row', async () => {
      await givenClassWithColumn();
      await browseClass();
      await page.getByText('Add Row', { exact: true }).click();
      await (await cellOf(0, COLUMN)).dblclick();
      await page.keyboard.type(CELL_VALUE);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByText(`${CLASS_NAME} with id`).waitFor();
      const objectIdCell = await cellOf(0, 'objectId');
      await expectText(objectIdCell, /^[A-Za-z0-9]{10}$/);
      objectId = (await objectIdCell.textContent()).trim();
      await expectText(await cellOf(0, COLUMN), CELL_VALUE);
      const stored = await rest(settings, 'GET', `/classes/${CLASS_NAME}/${objectId}`);
      assert.equal(stored.json[COLUMN], CELL_VALUE, JSON.stringify(stored.json));
    });
  });

  it('edits a cell of the saved row', async () => {
    await step('06-edit-cell', async () => {
      await givenRow(CELL_VALUE);
      await browseClass();
      await (await cellOf(0, COLUMN)).dblclick();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(EDITED_VALUE);
      await page.keyboard.press('Enter');
      await expectText(await cellOf(0, COLUMN), EDITED_VALUE);
      await eventually(async () => {
        const stored = await rest(settings, 'GET', `/classes/${CLASS_NAME}/${objectId}`);
        assert.equal(stored.json[COLUMN], EDITED_VALUE, JSON.stringify(stored.json));
      });
    });
  });

  it('shows the row count', async () => {
    await step('07-row-count', async () => {
      await givenRow(EDITED_VALUE);
      await page.goto(`${settings.dashboardUrl}${appPath}/browser/${CLASS_NAME}`);
      await expectText(classCount(CLASS_NAME), '1');
      await page.getByText(/^1 object\b/).waitFor();
      await expectText(await cellOf(0, COLUMN), EDITED_VALUE);
      const counted = await rest(settings, 'GET', `/classes/${CLASS_NAME}?count=1&limit=0`);
      assert.equal(counted.json.count, 1, JSON.stringify(counted.json));
    });
  });

  it('deletes the row', async () => {
    await step('08-delete-row', async () => {
      await givenRow(EDITED_VALUE);
      await browseClass();
      await rowCheckbox(0).check();
      await openEditMenu();
      await page.getByText('Delete this row', { exact: true }).click();
      await page.getByText('Delete this row?').waitFor();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByText('No data to display').waitFor();
      await expectText(classCount(CLASS_NAME), '0');
      const stored = await rest(settings, 'GET', `/classes/${CLASS_NAME}/${objectId}`);
      assert.equal(stored.status, 404, JSON.stringify(stored.json));
    });
  });

  it('opens the class-level permissions dialog and saves a change', async () => {
    await step('09-clp-dialog', async () => {
      await givenClassWithColumn();
      await browseClass();
      await page.getByText('Security', { exact: true }).click();
      await page.getByText('Class Level Permissions', { exact: true }).click();
      await page.getByText('Edit Class Level Permissions').waitFor();
      const publicAddField = page
        .locator('div:has(> div:text-is("Public"))')
        .locator('span:has(> span:text-is("Add field"))');
      const ticked = publicAddField.locator('use[*|href$="#check"]');
      assert.equal(await ticked.count(), 1, 'Public may add fields before the change');
      await shot('09a-clp-dialog-open');
      await publicAddField.click();
      assert.equal(await ticked.count(), 0, 'the tick is gone after the click');
      await page.getByRole('button', { name: 'Save CLP', exact: true }).click();
      await page.getByText('Edit Class Level Permissions').waitFor({ state: 'detached' });
      const schema = await rest(settings, 'GET', `/schemas/${CLASS_NAME}`);
      const clp = schema.json.classLevelPermissions || {};
      assert.equal(clp.addField?.['*'], undefined, JSON.stringify(clp));
      assert.equal(clp.find?.['*'], true, JSON.stringify(clp));
    });
  });

  it('adds a Config parameter and lists it', async () => {
    await step('10-config', async () => {
      await page.goto(`${settings.dashboardUrl}${appPath}/config`);
      await page.getByText('Create a parameter', { exact: true }).first().click();
      await page.getByText('New parameter', { exact: true }).waitFor();
      await page.getByPlaceholder('New parameter').fill(CONFIG_KEY);
      await page.locator('textarea').fill(CONFIG_VALUE);
      await shot('10a-config-dialog');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.getByText('New parameter', { exact: true }).waitFor({ state: 'detached' });
      const row = page.locator('tr', { has: page.getByText(CONFIG_KEY, { exact: true }) });
      await expectText(row.getByText(CONFIG_VALUE, { exact: true }), CONFIG_VALUE);
      const config = await rest(settings, 'GET', '/config');
      assert.equal(config.json.params?.[CONFIG_KEY], CONFIG_VALUE, JSON.stringify(config.json));
      await page.reload();
      await page.getByText(CONFIG_KEY, { exact: true }).waitFor();
    });
  });
});
