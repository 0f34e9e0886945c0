// Browser and network plumbing for the dashboard test: launches Debian's Chromium through
// playwright-core, records every request the page sends to the Parse server, and saves
// screenshots so a failure can be read as a person would have seen it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Reads the run's settings from the environment that run.sh exports. */
export function settingsFromEnv() {
  const need = name => {
    const value = process.env[name];
    if (!value) {
      throw new Error(`${name} is not set; start the test through run.sh`);
    }
    return value;
  };
  return {
    dashboardUrl: need('DASHBOARD_URL').replace(/\/$/, ''),
    serverUrl: need('PARSE_SERVER_URL').replace(/\/$/, ''),
    appId: need('PARSE_APP_ID'),
    masterKey: need('PARSE_MASTER_KEY'),
    appName: need('DASHBOARD_APP_NAME'),
    workDir: need('E2E_WORK_DIR'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

/** Starts Chromium with a fresh profile; the page may only reach loopback addresses. */
export async function openBrowser(settings) {
  const profile = fs.mkdtempSync(path.join(settings.workDir, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: settings.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  // The dashboard links web fonts and icons from the internet; this machine has none, and
  // waiting for those lookups only slows the test down.
  await context.route(
    url => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname),
    route => route.abort()
  );
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(10_000);
  return { context, page, profile };
}

/**
 * Records the page's calls to the Parse server. The JS SDK tunnels every call as a POST with
 * `_method` in a text/plain body, so the logical method is read from there.
 */
export class NetworkLog {
  constructor(page, serverUrl, file) {
    this.entries = [];
    this.file = file;
    this.serverUrl = serverUrl;
    fs.writeFileSync(file, '');
    page.on('requestfinished', request => this.#record(request, null));
    page.on('requestfailed', request => this.#record(request, request.failure()?.errorText));
  }

  async #record(request, failure) {
    if (!request.url().startsWith(this.serverUrl)) {
      return;
    }
    const response = failure ? null : await request.response();
    const body = request.postData() || '';
    let method = request.method();
    let sent = body;
    try {
      const parsed = JSON.parse(body);
      if (parsed._method) {
        method = parsed._method;
      }
      for (const key of ['_ApplicationId', '_MasterKey', '_JavaScriptKey', '_ClientVersion',
        '_InstallationId', '_method', '_RevocableSession', '_SessionToken', '_ContentType']) {
        delete parsed[key];
      }
      sent = JSON.stringify(parsed);
    } catch {
      // not JSON: keep the raw body
    }
    let answer = failure || '';
    if (response) {
      try {
        answer = (await response.text()).slice(0, 600);
      } catch {
        answer = '<no body>';
      }
    }
    const entry = {
      at: Date.now(),
      method,
      path: request.url().slice(this.serverUrl.length),
      sent: sent.slice(0, 600),
      status: response ? response.status() : 0,
      answer,
    };
    this.entries.push(entry);
    fs.appendFileSync(this.file, `${NetworkLog.format(entry)}\n`);
  }

  /** Requests since `since` that did not succeed (HTTP >= 400 or no answer at all). */
  failuresSince(since) {
    return this.entries.filter(e => e.at >= since && (e.status === 0 || e.status >= 400));
  }

  since(since) {
    return this.entries.filter(e => e.at >= since);
  }

  static format(e) {
    return `${e.method} ${e.path} ${e.sent && e.sent !== '{}' ? e.sent + ' ' : ''}-> ${e.status} ${e.answer}`;
  }
}

/** Calls the Parse REST API with the master key, to check what the dashboard really stored. */
export async function rest(settings, method, route, body) {
  const response = await fetch(`${settings.serverUrl}${route}`, {
    method,
    headers: {
      'X-Parse-Application-Id': settings.appId,
      'X-Parse-Master-Key': settings.masterKey,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  return { status: response.status, json };
}

/**
 * One browser for one test file: its page, its network log (`<name>-network.log`, or
 * `network.log` for the first file) and the steps' screenshots.
 */
export class BrowserSession {
  constructor(settings, networkLogName) {
    this.settings = settings;
    this.networkLogName = networkLogName;
  }

  async open() {
    ({ context: this.context, page: this.page, profile: this.profile } = await openBrowser(this.settings));
    this.network = new NetworkLog(this.page, this.settings.serverUrl,
      path.join(this.settings.workDir, this.networkLogName));
    return this.page;
  }

  async close() {
    await this.context?.close();
    if (this.profile) {
      fs.rmSync(this.profile, { recursive: true, force: true });
    }
  }

  async shot(name) {
    await this.page.screenshot({ path: path.join(this.settings.workDir, `${name}.png`) });
  }

  /** Runs one step; on failure saves a screenshot and names the server calls made during it. */
  async step(name, body) {
    const started = Date.now();
    try {
      await body();
      await this.shot(name);
    } catch (error) {
      await this.shot(`${name}-FAILED`).catch(() => {});
      await this.page.waitForTimeout(300);
      const failed = this.network.failuresSince(started).map(NetworkLog.format);
      const calls = this.network.since(started).map(NetworkLog.format);
      throw new Error(
        `${error.message}` +
          `\n  failed server calls during "${name}":\n    ${failed.join('\n    ') || '(none)'}` +
          `\n  all server calls during "${name}":\n    ${calls.join('\n    ') || '(none)'}`,
        { cause: error }
      );
    }
  }

  /**
   * Opens the app list, then the app, and answers the dashboard's path for the app as its
   * app list links it (e.g. `/apps/Dashboard%20E2E`).
   */
  async openApp() {
    await this.page.goto(`${this.settings.dashboardUrl}/apps`);
    await this.page.getByText(this.settings.appName, { exact: true }).click();
    await this.page.waitForURL(/\/browser/);
    return new URL(this.page.url()).pathname.replace(/\/browser.*$/, '');
  }
}

/** Retries an assertion until it holds or the time is up; the last failure is thrown. */
export async function eventually(check, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/** Waits until the element's text matches (a string is matched exactly, after trimming). */
export async function expectText(locator, expected, timeout = 10_000) {
  await eventually(async () => {
    const text = ((await locator.textContent({ timeout: 1000 })) || '').trim();
    if (typeof expected === 'string') {
      assert.equal(text, expected);
    } else {
      assert.match(text, expected);
    }
  }, timeout);
}

/**
 * Brings the server to the state a step starts from, through REST, when an earlier step did
 * not get it there; so each failure is reported by the step that owns it, not by all later ones.
 */
export async function given(description, holds, makeHold) {
  if (await holds()) {
    return;
  }
  console.log(`# precondition "${description}" set up through REST: an earlier step did not leave it`);
  const made = await makeHold();
  assert.ok(made.status < 300, `setting up "${description}": ${made.status} ${JSON.stringify(made.json)}`);
}
