// Cloud Code logs: request.log.info/error (and, on Reparse, console.log/error) from a function
// appear in GET /scriptlog (master key; level, n, order) in Parse Server's format: an array of
// {level, message, timestamp}, newest first by default.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rest } from './helpers.mjs';
import { REPARSE_ONLY, run, waitFor } from './cloud-helpers.mjs';

const marker = `m${randomBytes(6).toString('hex')}`;

async function scriptlog(query) {
  const res = await rest('GET', `/scriptlog?${new URLSearchParams(query)}`, { master: true });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.ok(Array.isArray(res.body), JSON.stringify(res.body));
  return res.body;
}

/** Waits until /scriptlog (with `query`) holds a line containing `text`; returns that entry. */
async function findLine(query, text) {
  const entry = await waitFor(
    async () => (await scriptlog(query)).find((e) => String(e.message).includes(text)),
    { timeoutMs: 5000, intervalMs: 100 },
  );
  assert.ok(entry, `no /scriptlog line with "${text}" for ${JSON.stringify(query)}`);
  return entry;
}

before(async () => {
  assert.equal(await run('cloudLog', { marker }), 'logged');
});

describe('GET /scriptlog', () => {
  test('request.log.info and request.log.error lines appear with their level and a timestamp', async () => {
    const info = await findLine({ level: 'info', n: 200 }, `cloudtest request.log.info ${marker}`);
    assert.equal(info.level, 'info');
    assert.ok(!Number.isNaN(Date.parse(info.timestamp)), JSON.stringify(info));
    const error = await findLine({ level: 'error', n: 200 }, `cloudtest request.log.error ${marker}`);
    assert.equal(error.level, 'error');
  });

  test('level=info is a threshold: it answers error lines too', async () => {
    const error = await findLine({ level: 'info', n: 200 }, `cloudtest request.log.error ${marker}`);
    assert.equal(error.level, 'error');
  });

  test('level=error answers only error lines', async () => {
    await findLine({ level: 'error', n: 200 }, `cloudtest request.log.error ${marker}`);
    const lines = await scriptlog({ level: 'error', n: 200 });
    assert.ok(lines.length > 0);
    assert.ok(lines.every((e) => e.level === 'error'), JSON.stringify(lines.filter((e) => e.level !== 'error').slice(0, 3)));
    assert.ok(!lines.some((e) => String(e.message).includes(`request.log.info ${marker}`)));
  });

  test('n limits the number of lines; order=desc (the default) is newest first, order=asc oldest first', async () => {
    await run('cloudLog', { marker: `${marker}-again` });
    await findLine({ level: 'info', n: 200 }, `cloudtest request.log.info ${marker}-again`);
    assert.equal((await scriptlog({ level: 'info', n: 2 })).length, 2);
    const times = (lines) => lines.map((e) => Date.parse(e.timestamp));
    const byDefault = times(await scriptlog({ level: 'info', n: 20 }));
    const desc = times(await scriptlog({ level: 'info', n: 20, order: 'desc' }));
    const asc = times(await scriptlog({ level: 'info', n: 20, order: 'asc' }));
    for (const [name, list, sign] of [['default', byDefault, -1], ['desc', desc, -1], ['asc', asc, 1]]) {
      assert.ok(list.length >= 2, name);
      for (let i = 1; i < list.length; i++) {
        assert.ok(sign * (list[i] - list[i - 1]) >= 0, `${name} order at ${i}: ${list}`);
      }
    }
  });

  test('without the master key /scriptlog is refused with 403', async () => {
    const res = await rest('GET', '/scriptlog');
    assert.equal(res.status, 403, JSON.stringify(res.body));
  });

  test('console.log and console.error from Cloud Code are captured as info and error lines', { skip: REPARSE_ONLY }, async () => {
    const out = await findLine({ level: 'info', n: 200 }, `cloudtest console.log ${marker}`);
    assert.equal(out.level, 'info');
    const err = await findLine({ level: 'error', n: 200 }, `cloudtest console.error ${marker}`);
    assert.equal(err.level, 'error');
  });
});
