// The analytics charts' model (js/series.js), on plain values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_STACKS, seriesCsv, seriesModel } from '../../../../control-plane/src/main/resources/META-INF/resources/js/series.js';

const day = (d) => `2026-12-0${d}T00:00:00Z`;

test('a zero-filled series has one column per point and bars proportional to counts', () => {
  const model = seriesModel([{ time: day(1), count: 0 }, { time: day(2), count: 5 }, { time: day(3), count: 10 }]);
  assert.equal(model.bars.length, 3);
  assert.equal(model.total, 15);
  assert.equal(model.peak, 10);
  assert.equal(model.max, 10);
  assert.deepEqual(model.bars.map((b) => b.parts.length), [0, 1, 1]);
  const [five, ten] = [model.bars[1].parts[0], model.bars[2].parts[0]];
  assert.ok(Math.abs(ten.height - 2 * five.height) < 1e-9);
  assert.equal(ten.y + ten.height, five.y + five.height, 'bars stand on one baseline');
});

test('grouped points stack per value, largest first, and the rest fold into "other"', () => {
  const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const points = values.map((v, i) => ({ time: day(1), value: v, count: 10 - i }));
  points.push({ time: day(2), value: 'a', count: 1 });
  const model = seriesModel(points);
  assert.deepEqual(model.stacks, [...values.slice(0, MAX_STACKS), 'other']);
  assert.equal(model.bars[0].counts.other, 4 + 3, 'g (4) and h (3)');
  assert.equal(model.bars[0].total, points.filter((p) => p.time === day(1)).reduce((s, p) => s + p.count, 0));
  assert.equal(model.bars[1].total, 1);
  const tops = model.bars[0].parts.map((p) => p.y);
  assert.deepEqual([...tops].sort((x, y) => y - x), tops, 'each stack sits on the one before');
});

test('CSV has a header and one row per time, with every stack', () => {
  const model = seriesModel([{ time: day(1), value: 'free', count: 2 }, { time: day(1), value: 'pro, annual', count: 1 },
    { time: day(2), value: 'free', count: 4 }]);
  assert.equal(seriesCsv(model), 'time,free,"pro, annual"\n2026-12-01T00:00:00Z,2,1\n2026-12-02T00:00:00Z,4,0\n');
});

test('an empty series has a total of zero and no bars to draw', () => {
  const model = seriesModel([]);
  assert.equal(model.total, 0);
  assert.deepEqual(model.bars, []);
});
