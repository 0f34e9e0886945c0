// Limits (Reparse only; stock parse-server has none and would hang or die): an endless loop in a
// function or a trigger is cut off at its limit with 141 "... timed out ...", a Cloud Code process
// that exits answers an error, and the next call works within seconds; data requests keep working
// meanwhile. run.sh starts the runtime with 3 s limits for functions and triggers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, rest, uniqueClass } from './helpers.mjs';
import { REPARSE_ONLY, run, expectCloudError, useFixedClasses } from './cloud-helpers.mjs';

/** The function and trigger limits the runtime under test was started with (run.sh: 3 s). */
const LIMIT_MS = Number(process.env.REPARSE_CLOUD_TIMEOUT_MS || 3000);
const SLACK_MS = 4000;

useFixedClasses('CloudTestSlowTrigger');

async function timed(promise) {
  const started = Date.now();
  let value;
  let error;
  try {
    value = await promise;
  } catch (e) {
    error = e;
  }
  return { value, error, ms: Date.now() - started };
}

describe('limits', { skip: REPARSE_ONLY }, () => {
  test('an endless loop is cut off at the limit with 141 "timed out", and the next call works at once', async () => {
    const started = Date.now();
    await expectCloudError(run('cloudEndlessLoop'), 141, /timed out/i);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= LIMIT_MS - 500, `cut off after ${elapsed} ms, before the ${LIMIT_MS} ms limit`);
    assert.ok(elapsed < LIMIT_MS + SLACK_MS, `cut off after ${elapsed} ms`);
    const next = await timed(run('cloudReturnScalar', { value: 'after the loop' }));
    assert.equal(next.error, undefined, `the next call failed: ${next.error?.code} ${next.error?.message}`);
    assert.equal(next.value, 'after the loop');
    assert.ok(next.ms < 2000, `the next call took ${next.ms} ms`);
  });

  test('while a function loops, data requests keep working and other calls end within the limit', async () => {
    const className = uniqueClass('CloudLimitData');
    const looping = timed(run('cloudEndlessLoop'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const write = await timed(rest('POST', `/classes/${className}`, { body: { n: 1 } }));
    assert.equal(write.value?.status, 201, JSON.stringify(write.value?.body));
    assert.ok(write.ms < 1500, `a create took ${write.ms} ms while a function looped`);
    const read = await timed(rest('GET', `/classes/${className}`));
    assert.equal(read.value?.status, 200);
    assert.equal(read.value.body.results.length, 1);
    assert.ok(read.ms < 1500, `a find took ${read.ms} ms while a function looped`);
    const other = await timed(run('cloudReturnScalar', { value: 'meanwhile' }));
    assert.ok(other.ms < LIMIT_MS + SLACK_MS, `another call took ${other.ms} ms`);
    const loop = await looping;
    assert.equal(loop.error?.code, 141, `${loop.error?.code} ${loop.error?.message}`);
    assert.equal((await run('cloudReturnScalar', { value: 2 })), 2);
  });

  test('an endless loop in a beforeSave is cut off with 141 "timed out"; the object is not saved', async () => {
    const started = Date.now();
    await expectCloudError(new Parse.Object('CloudTestSlowTrigger', { spin: true }).save(), 141, /timed out/i);
    assert.ok(Date.now() - started < LIMIT_MS + SLACK_MS, `cut off after ${Date.now() - started} ms`);
    assert.equal(await new Parse.Query('CloudTestSlowTrigger').count(MASTER), 0);
    const saved = await timed(new Parse.Object('CloudTestSlowTrigger', { spin: false }).save());
    assert.equal(saved.error, undefined, `${saved.error?.code} ${saved.error?.message}`);
    assert.ok(saved.ms < 2000, `the next save took ${saved.ms} ms`);
  });

  test('a function that exits its process answers an error, and the next call works within seconds', async () => {
    const crash = await timed(run('cloudExitProcess'));
    assert.ok(crash.error instanceof Parse.Error, `expected a Parse.Error, got ${crash.error ?? JSON.stringify(crash.value)}`);
    assert.equal(crash.error.code, 141, crash.error.message);
    assert.ok(crash.ms < LIMIT_MS + SLACK_MS, `the crash was answered after ${crash.ms} ms`);
    const next = await timed(run('cloudReturnScalar', { value: 'after the crash' }));
    assert.equal(next.error, undefined, `the next call failed: ${next.error?.code} ${next.error?.message}`);
    assert.equal(next.value, 'after the crash');
    assert.ok(next.ms < 5000, `the next call took ${next.ms} ms`);
  });
});
