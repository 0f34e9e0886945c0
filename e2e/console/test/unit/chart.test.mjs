// The usage chart's geometry (js/chart.js usageModel), on plain values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, compact, niceCeiling, usageModel } from '../../../../control-plane/src/main/resources/META-INF/resources/js/chart.js';

const HOUR = 3600_000;
const now = Date.parse('2026-03-10T15:42:00Z');

test('the model has one bar per hour ending with the current hour', () => {
  const model = usageModel([], now, 24);
  assert.equal(model.bars.length, 24);
  assert.equal(model.bars[23].start, Date.parse('2026-03-10T15:00:00Z'));
  assert.equal(model.bars[0].start, Date.parse('2026-03-09T16:00:00Z'));
  assert.equal(model.total, 0);
});

test('rows land in their hour; hours outside the window are ignored', () => {
  const model = usageModel([
    { hour: '2026-03-10T15:00:00Z', requests: 40, rejected: 10, bytesIn: 1, bytesOut: 2 },
    { hour: '2026-03-10T05:00:00Z', requests: 20, rejected: 0 },
    { hour: '2026-03-01T05:00:00Z', requests: 999, rejected: 0 },
  ], now, 24);
  assert.equal(model.bars[23].requests, 40);
  assert.equal(model.bars[13].requests, 20);
  assert.equal(model.total, 60);
  assert.equal(model.peak, 40);
});

test('bar heights are proportional to requests against a nice axis maximum', () => {
  const model = usageModel([
    { hour: new Date(now - 2 * HOUR).toISOString(), requests: 37 },
    { hour: new Date(now).toISOString(), requests: 74 },
  ], now, 24);
  assert.equal(model.max, 100);
  const [tall, short] = [model.bars[23], model.bars[21]];
  assert.ok(Math.abs(tall.height - 2 * short.height) < 1e-9);
  assert.ok(tall.y < short.y, 'taller bars start higher up');
  assert.equal(model.bars[22].height, 0);
});

test('rejected requests are drawn within their bar, never taller than it', () => {
  const model = usageModel([{ hour: new Date(now).toISOString(), requests: 5, rejected: 50 }], now, 24);
  assert.equal(model.bars[23].rejectedHeight, model.bars[23].height);
});

test('axis and numbers read well', () => {
  assert.deepEqual([0, 1, 3, 7, 12, 101, 4999].map(niceCeiling), [1, 1, 5, 10, 20, 200, 5000]);
  assert.deepEqual([950, 1250, 3_400_000].map(compact), ['950', '1.3k', '3.4M']);
  assert.deepEqual([512, 1536, 2 * 1024 * 1024].map(bytes), ['512 B', '1.5 KB', '2.0 MB']);
});

test('a small axis has only whole-number ticks', () => {
  const one = usageModel([{ hour: new Date(now).toISOString(), requests: 1 }], now, 24);
  assert.deepEqual(one.ticks.map(t => t.value), [0, 1]);
  const hundred = usageModel([{ hour: new Date(now).toISOString(), requests: 80 }], now, 24);
  assert.deepEqual(hundred.ticks.map(t => t.value), [0, 25, 50, 75, 100]);
});
