// Issue 17: parse.com analytics on the platform. The SDK's Parse.Analytics.track and app opens go through the router
// to the app's runtime, which stores them; the owner reads them back through the control plane's API (the master key
// stays server side), filtered, split by a dimension, and as distinct installations per day. Nobody else can.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URL, Parse, accountHeaders, createAccount, createApp, eventually, http, parseRest, useApp, waitReady,
} from './helpers.mjs';

function analytics(account, app, path, query = {}) {
  return http('GET', `${API_URL}/api/v1/apps/${app.applicationId}/analytics${path}?${new URLSearchParams(query)}`,
    { headers: accountHeaders(account) });
}

test('SDK events through the router come back through the Apps API, filtered and split', async () => {
  const account = await createAccount('analytics');
  const app = await waitReady(account, (await createApp(account, 'Counted Game')).app.applicationId);
  await eventually('the route', async () => ![403, 503].includes((await parseRest(app, 'GET', '/health')).status), {
    timeoutMs: 30_000,
  });
  useApp(app);
  await Parse.Analytics.track('Purchase', { plan: 'free', store: 'web' });
  await Parse.Analytics.track('Purchase', { plan: 'free', store: 'ios' });
  await Parse.Analytics.track('Purchase', { plan: 'pro', store: 'web' });
  for (const installation of ['device-1', 'device-2', 'device-1']) {
    const opened = await parseRest(app, 'POST', '/events/AppOpened', { key: 'js', body: {},
      headers: { 'X-Parse-Installation-Id': installation } });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.deepEqual(opened.body, {});
  }

  const names = await analytics(account, app, '/events');
  assert.equal(names.status, 200, JSON.stringify(names.body));
  assert.deepEqual(names.body.results, [{ name: 'AppOpened', count: 3 }, { name: 'Purchase', count: 3 }]);
  assert.ok(!JSON.stringify(names.body).includes(app.masterKey));

  const byPlan = await analytics(account, app, '/events/Purchase', { groupBy: 'plan' });
  assert.equal(byPlan.status, 200, JSON.stringify(byPlan.body));
  const perPlan = {};
  for (const point of byPlan.body.results) perPlan[point.value] = (perPlan[point.value] ?? 0) + point.count;
  assert.deepEqual(perPlan, { free: 2, pro: 1 });

  const web = await analytics(account, app, '/events/Purchase', { interval: 'hour', dimensions: '{"store":"web"}' });
  assert.equal(web.body.results.reduce((s, p) => s + p.count, 0), 2);
  assert.equal(web.body.results.length, 24 * 7 + 1, 'hourly and zero-filled over the default 7 days');

  const active = await analytics(account, app, '/events/AppOpened', { distinct: 'senders' });
  assert.equal(active.body.results.reduce((s, p) => s + p.count, 0), 2, 'two devices opened the app');

  // bad input comes back as the Parse error it is; another account does not see the app
  const unknown = await analytics(account, app, '/events/Purchase', { interval: 'week' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, 102);
  const extra = await analytics(account, app, '/events', { where: '{}' });
  assert.equal(extra.status, 400);
  assert.equal(extra.body.code, 102);
  const stranger = await createAccount('analytics-stranger');
  const refused = await analytics(stranger, app, '/events');
  assert.equal(refused.status, 404, JSON.stringify(refused.body));
});
