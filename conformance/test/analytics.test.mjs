// parse.com analytics: Parse.Analytics.track and AppOpened are answered as Parse Server answers them ({}); Reparse
// also stores them and reads them back with the master key (GET /events, GET /events/<name>), which Parse Server,
// whose analytics adapter drops everything, cannot. Bad events get a Parse error instead of being taken silently.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Parse, IS_PARSE_SERVER, SAFER_THAN_PARSE_SERVER, assertRestError, rest } from './helpers.mjs';

const suffix = randomBytes(4).toString('hex');
const NOT_IN_PARSE_SERVER = IS_PARSE_SERVER ? 'Parse Server stores no analytics' : false;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const soon = () => new Date(Date.now() + 60_000).toISOString();

function total(results) {
  return results.reduce((sum, point) => sum + point.count, 0);
}

describe('analytics events', () => {
  const signup = `Signup_${suffix}`;

  test('Parse.Analytics.track and AppOpened are answered with {}', async () => {
    await Parse.Analytics.track(signup, { plan: 'free', source: 'web' });
    await Parse.Analytics.track(signup, { plan: 'free', source: 'ios' });
    await Parse.Analytics.track(signup, { plan: 'pro', source: 'web' });
    const opened = await rest('POST', '/events/AppOpened', { body: { at: { __type: 'Date', iso: new Date().toISOString() } } });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.deepEqual(opened.body, {});
  });

  test('the master key reads counts back per hour, filtered and split by a dimension', { skip: NOT_IN_PARSE_SERVER }, async () => {
    const range = `from=${encodeURIComponent(hourAgo())}&to=${encodeURIComponent(soon())}`;
    const hourly = await rest('GET', `/events/${signup}?interval=hour&${range}`, { master: true });
    assert.equal(hourly.status, 200, JSON.stringify(hourly.body));
    assert.equal(total(hourly.body.results), 3);
    assert.ok(hourly.body.results.length >= 2, 'zero-filled hours across the range');
    assert.ok(hourly.body.results.every((p) => /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/.test(p.time)), JSON.stringify(hourly.body.results));

    const free = await rest('GET', `/events/${signup}?interval=hour&${range}&dimensions=${encodeURIComponent('{"plan":"free"}')}`,
      { master: true });
    assert.equal(total(free.body.results), 2);

    const byPlan = await rest('GET', `/events/${signup}?interval=day&groupBy=plan&${range}`, { master: true });
    const perPlan = Object.fromEntries(['free', 'pro'].map((plan) => [plan,
      byPlan.body.results.filter((p) => p.value === plan).reduce((s, p) => s + p.count, 0)]));
    assert.deepEqual(perPlan, { free: 2, pro: 1 });

    const names = await rest('GET', `/events?${range}`, { master: true });
    assert.equal(names.status, 200);
    assert.deepEqual(names.body.results.find((n) => n.name === signup), { name: signup, count: 3 });
  });

  test('distinct senders per day count installations, not events', { skip: NOT_IN_PARSE_SERVER }, async () => {
    const opened = `Opened_${suffix}`;
    for (const installation of ['inst-a', 'inst-a', 'inst-b']) {
      const res = await rest('POST', `/events/${opened}`, { body: {}, headers: { 'X-Parse-Installation-Id': `${installation}-${suffix}` } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const res = await rest('GET', `/events/${opened}?distinct=senders&interval=day`, { master: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(total(res.body.results), 2);
    assertRestError(await rest('GET', `/events/${opened}?distinct=senders&interval=hour`, { master: true }), 400, 102);
  });

  test('reading analytics needs the master key', { skip: NOT_IN_PARSE_SERVER }, async () => {
    const res = await rest('GET', `/events/${signup}`);
    assert.equal(res.status, 403, JSON.stringify(res.body));
  });

  test('bad events get a Parse error and are not stored', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    const bad = `Bad_${suffix}`;
    const nine = Object.fromEntries([...Array(9).keys()].map((i) => [`d${i}`, 'x']));
    assertRestError(await rest('POST', `/events/${bad}`, { body: { dimensions: nine } }), 400, 107);
    assertRestError(await rest('POST', `/events/${bad}`, { body: { dimensions: { n: 5 } } }), 400, 111);
    assertRestError(await rest('POST', `/events/${bad}`, { body: { dimensions: 'plan=free' } }), 400, 107);
    assertRestError(await rest('POST', `/events/${bad}`, { body: { at: 'yesterday' } }), 400, 111);
    assertRestError(await rest('POST', `/events/${bad}`, { body: { at: { __type: 'Date', iso: '2001-01-01T00:00:00Z' } } }), 400, 107);
    assertRestError(await rest('POST', `/events/${'x'.repeat(129)}`, { body: {} }), 400, 107);
    assertRestError(await rest('POST', `/events/${bad}`, { body: { dimensions: { $where: 'x' } } }), 400, 107);
    const names = await rest('GET', '/events', { master: true });
    assert.equal(names.body.results.find((n) => n.name === bad), undefined, 'nothing of the refused events was stored');
  });

  test('stored events are not a class: REST cannot read or write them', { skip: NOT_IN_PARSE_SERVER }, async () => {
    for (const collection of ['_ReparseEvent', '_ReparseEventHour']) {
      const read = await rest('GET', `/classes/${collection}`, { master: true });
      assertRestError(read, 400, 103);
      const write = await rest('POST', `/classes/${collection}`, { master: true, body: { name: 'forged' } });
      assertRestError(write, 400, 103);
    }
    const schemas = await rest('GET', '/schemas', { master: true });
    assert.ok(!schemas.body.results.some((s) => s.className.startsWith('_ReparseEvent')));
  });
});
