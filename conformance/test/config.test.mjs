// Parse.Config: get, save with the master key, masterKeyOnly parameters.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Parse, MASTER, rest } from './helpers.mjs';

const suffix = randomBytes(4).toString('hex');
const key = (name) => `conf_${name}_${suffix}`;
const used = new Set();
const k = (name) => {
  const full = key(name);
  used.add(full);
  return full;
};

after(async () => {
  const params = Object.fromEntries([...used].map((p) => [p, { __op: 'Delete' }]));
  await rest('PUT', '/config', { master: true, body: { params } });
});

describe('Parse.Config', () => {
  test('save stores parameters of every JSON type and get returns them', async () => {
    const when = new Date('2020-02-02T02:02:02.000Z');
    await Parse.Config.save({
      [k('str')]: 'hello',
      [k('num')]: 12.5,
      [k('bool')]: true,
      [k('arr')]: [1, 'two'],
      [k('obj')]: { a: { b: 1 } },
      [k('date')]: when,
      [k('geo')]: new Parse.GeoPoint(10, 20),
    });
    const config = await Parse.Config.get();
    assert.equal(config.get(key('str')), 'hello');
    assert.equal(config.get(key('num')), 12.5);
    assert.equal(config.get(key('bool')), true);
    assert.deepEqual(config.get(key('arr')), [1, 'two']);
    assert.deepEqual(config.get(key('obj')), { a: { b: 1 } });
    assert.ok(config.get(key('date')) instanceof Date);
    assert.equal(config.get(key('date')).toISOString(), when.toISOString());
    const geo = config.get(key('geo'));
    assert.ok(geo instanceof Parse.GeoPoint);
    assert.equal(geo.latitude, 10);
  });

  test('save merges with existing parameters instead of replacing them', async () => {
    await Parse.Config.save({ [k('first')]: 1 });
    await Parse.Config.save({ [k('second')]: 2 });
    const config = await Parse.Config.get();
    assert.equal(config.get(key('first')), 1);
    assert.equal(config.get(key('second')), 2);
  });

  test('masterKeyOnly parameters are hidden without the master key', async () => {
    await Parse.Config.save({ [k('public')]: 'p', [k('private')]: 's' }, { [key('private')]: true });
    const asClient = await Parse.Config.get();
    assert.equal(asClient.get(key('public')), 'p');
    assert.equal(asClient.get(key('private')), undefined);
    const asMaster = await Parse.Config.get(MASTER);
    assert.equal(asMaster.get(key('private')), 's');

    const raw = await rest('GET', '/config', { master: true });
    assert.equal(raw.body.masterKeyOnly[key('private')], true);
    assert.equal(raw.body.masterKeyOnly[key('public')], false);
    const rawClient = await rest('GET', '/config');
    assert.equal(key('private') in rawClient.body.params, false);
    assert.equal(key('private') in (rawClient.body.masterKeyOnly ?? {}), false);
  });

  test('a __op Delete parameter removes it', async () => {
    await Parse.Config.save({ [k('temp')]: 'x' });
    const res = await rest('PUT', '/config', { master: true, body: { params: { [key('temp')]: { __op: 'Delete' } } } });
    assert.deepEqual(res.body, { result: true });
    const config = await Parse.Config.get();
    assert.equal(config.get(key('temp')), undefined);
  });

  test('updating the config without the master key is refused with 403', async () => {
    const res = await rest('PUT', '/config', { body: { params: { [k('sneaky')]: 1 } } });
    assert.equal(res.status, 403);
    const config = await Parse.Config.get(MASTER);
    assert.equal(config.get(key('sneaky')), undefined);
  });
});
