// Time-series charts for analytics: counts per hour or day as bars, optionally stacked by a dimension's values.
// `seriesModel` is pure (buckets, stacks, geometry, labels; unit-tested); `seriesChart` draws it as inline SVG, and
// `seriesCsv` is the same numbers as CSV.
import { svg } from './dom.js';
import { compact, niceCeiling } from './chart.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };
/** Stacks beyond these many values are summed into "other", so a chart stays readable. */
export const MAX_STACKS = 6;

/**
 * `points`: the API's results — `{time, count}` (one per bucket, zero-filled) or `{time, value, count}` (grouped,
 * sparse). Returns one column per distinct time with its stacks, the y axis and the totals.
 */
export function seriesModel(points, { interval = 'day' } = {}) {
  const grouped = (points || []).some(p => p.value !== undefined);
  const totals = new Map();
  for (const p of points || []) {
    if (grouped) {
      totals.set(p.value, (totals.get(p.value) || 0) + p.count);
    }
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  const kept = ranked.slice(0, MAX_STACKS).map(([value]) => value);
  const stacks = grouped ? [...kept, ...(ranked.length > MAX_STACKS ? ['other'] : [])] : ['count'];
  const byTime = new Map();
  for (const p of points || []) {
    const column = byTime.get(p.time) || Object.fromEntries(stacks.map(s => [s, 0]));
    const stack = !grouped ? 'count' : kept.includes(p.value) ? p.value : 'other';
    column[stack] += p.count;
    byTime.set(p.time, column);
  }
  const times = [...byTime.keys()].sort();
  const columns = times.map(time => {
    const counts = byTime.get(time);
    return { time, counts, total: stacks.reduce((sum, s) => sum + counts[s], 0) };
  });
  const peak = Math.max(0, ...columns.map(c => c.total));
  const max = niceCeiling(peak);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = columns.length ? plotW / columns.length : plotW;
  const barW = Math.max(1, slot * 0.7);
  const scale = value => (value / max) * plotH;
  const bars = columns.map((c, i) => {
    let base = PAD.top + plotH;
    const x = PAD.left + i * slot + (slot - barW) / 2;
    const parts = stacks.map((stack, s) => {
      const height = scale(c.counts[stack]);
      base -= height;
      return { stack, index: s, count: c.counts[stack], x, y: base, width: barW, height };
    }).filter(part => part.count > 0);
    return { ...c, x, slotX: PAD.left + i * slot, parts };
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => max * f).filter(v => Number.isInteger(v))
    .map(value => ({ value, y: PAD.top + plotH - scale(value) }));
  const total = columns.reduce((sum, c) => sum + c.total, 0);
  const every = Math.max(1, Math.ceil(columns.length / 8));
  const labels = bars.map((b, i) => ((bars.length - 1 - i) % every === 0 ? { x: b.x + barW / 2, text: label(b.time, interval) } : null))
    .filter(Boolean);
  return { width: WIDTH, height: HEIGHT, pad: PAD, stacks, bars, ticks, labels, max, peak, total, slot, grouped, interval };
}

function label(iso, interval) {
  const date = new Date(iso);
  return interval === 'hour'
    ? date.toISOString().slice(11, 16)
    : date.toISOString().slice(5, 10);
}

/** The model as an accessible SVG bar chart (one tooltip per column). */
export function seriesChart(model, { what = 'events' } = {}) {
  const { width, height, pad } = model;
  const grid = model.ticks.map(t => [
    svg('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: t.y, y2: t.y }),
    svg('text', { class: 'axis', x: pad.left - 6, y: t.y + 4, 'text-anchor': 'end' }, compact(Math.round(t.value))),
  ]);
  const columns = model.bars.map(b => svg('g', { class: 'column', 'data-time': b.time, 'data-total': b.total },
    svg('title', null, `${b.time}: ${b.total} ${what}` + (model.grouped
      ? ' (' + b.parts.map(p => `${p.stack || '(none)'} ${p.count}`).join(', ') + ')' : '')),
    svg('rect', { class: 'hit', x: b.slotX, y: pad.top, width: model.slot, height: height - pad.top - pad.bottom }),
    b.parts.map(p => svg('rect', { class: `stack s${p.index}`, 'data-stack': p.stack, x: p.x, y: p.y, width: p.width,
      height: Math.max(p.height, 1), rx: 1 }))));
  const labels = model.labels.map(l => svg('text', { class: 'axis', x: l.x, y: height - 8, 'text-anchor': 'middle' }, l.text));
  const empty = model.total === 0
    ? svg('text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, `No ${what} in this range`)
    : null;
  return svg('svg', {
    class: 'series-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${what} per ${model.interval}: ${model.total} in total, peak ${model.peak}`,
  }, grid, svg('line', { class: 'baseline', x1: pad.left, x2: width - pad.right, y1: height - pad.bottom,
    y2: height - pad.bottom }), columns, labels, empty);
}

/** The model's numbers as CSV: time, then one column per stack (or count). */
export function seriesCsv(model) {
  const quote = v => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const head = ['time', ...model.stacks].map(quote).join(',');
  const rows = model.bars.map(b => [b.time, ...model.stacks.map(s => b.counts[s])].map(quote).join(','));
  return [head, ...rows].join('\n') + '\n';
}
