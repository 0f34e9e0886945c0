// The usage chart: requests per hour for the last hours, as an inline SVG bar chart. `usageModel` is pure (geometry
// and labels, unit-tested); `usageChart` draws it.
import { svg, h } from './dom.js';

const HOUR = 3600_000;
const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };

/** The smallest "nice" number (1, 2, 5 × 10^n) ≥ value, so axis ticks read well. */
export function niceCeiling(value) {
  if (value <= 0) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) {
      return step * magnitude;
    }
  }
  return 10 * magnitude;
}

/** Formats a count compactly: 950, 1.2k, 3.4M. */
export function compact(n) {
  if (n >= 1e6) {
    return `${+(n / 1e6).toFixed(1)}M`;
  }
  if (n >= 1e3) {
    return `${+(n / 1e3).toFixed(1)}k`;
  }
  return String(n);
}

/** Formats a byte count: 512 B, 1.5 KB, 2.0 MB. */
export function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Buckets `hours` (the API's sparse list of {hour, requests, rejected, bytesIn, bytesOut}) into `span` consecutive
 * hours ending with the one holding `now`, and lays out one bar per hour.
 */
export function usageModel(hours, now = Date.now(), span = 24) {
  const last = Math.floor(now / HOUR) * HOUR;
  const first = last - (span - 1) * HOUR;
  const buckets = Array.from({ length: span }, (_, i) => ({
    start: first + i * HOUR, requests: 0, rejected: 0, bytesIn: 0, bytesOut: 0,
  }));
  for (const row of hours || []) {
    const index = Math.floor((Date.parse(row.hour) - first) / HOUR);
    if (index >= 0 && index < span) {
      const bucket = buckets[index];
      bucket.requests += row.requests || 0;
      bucket.rejected += row.rejected || 0;
      bucket.bytesIn += row.bytesIn || 0;
      bucket.bytesOut += row.bytesOut || 0;
    }
  }
  const peak = Math.max(0, ...buckets.map(b => b.requests));
  const max = niceCeiling(peak);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / span;
  const barW = Math.max(2, slot * 0.7);
  const y = value => PAD.top + plotH - (value / max) * plotH;
  const bars = buckets.map((b, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    return {
      ...b,
      x, width: barW,
      y: y(b.requests), height: (b.requests / max) * plotH,
      rejectedHeight: (Math.min(b.rejected, b.requests) / max) * plotH,
    };
  });
  // Requests are whole numbers: a small axis (max 1 or 2) gets no half-request ticks.
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => max * f).filter(v => Number.isInteger(v))
    .map(value => ({ value, y: y(value) }));
  const total = buckets.reduce((sum, b) => sum + b.requests, 0);
  return { width: WIDTH, height: HEIGHT, pad: PAD, bars, ticks, max, total, peak, slot };
}

function hourLabel(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Draws the model as an accessible SVG: gridlines, y ticks, a bar per hour (tooltip per bar), hour labels. */
export function usageChart(model) {
  const { width, height, pad } = model;
  const grid = model.ticks.map(t => [
    svg('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: t.y, y2: t.y }),
    svg('text', { class: 'axis', x: pad.left - 6, y: t.y + 4, 'text-anchor': 'end' }, compact(Math.round(t.value))),
  ]);
  const bars = model.bars.map((b, i) => svg('g', { class: 'bar', 'data-hour': new Date(b.start).toISOString() },
    svg('title', null, `${hourLabel(b.start)}: ${b.requests} requests`
      + (b.rejected ? `, ${b.rejected} rejected` : '') + `, ${bytes(b.bytesIn)} in, ${bytes(b.bytesOut)} out`),
    svg('rect', { class: 'hit', x: pad.left + i * model.slot, y: pad.top, width: model.slot,
      height: height - pad.top - pad.bottom }),
    svg('rect', { class: 'requests', x: b.x, y: b.y, width: b.width, height: Math.max(b.height, b.requests ? 1 : 0),
      rx: 2 }),
    b.rejectedHeight > 0
      ? svg('rect', { class: 'rejected', x: b.x, y: b.y, width: b.width, height: b.rejectedHeight, rx: 2 })
      : null));
  // Every third hour, counted back from the current one so that the newest bar is always labelled.
  const labels = model.bars
    .map((b, i) => ((model.bars.length - 1 - i) % 3 === 0)
      ? svg('text', { class: 'axis', x: b.x + b.width / 2, y: height - 8, 'text-anchor': 'middle' }, hourLabel(b.start))
      : null);
  const empty = model.total === 0
    ? svg('text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'No requests yet')
    : null;
  return svg('svg', {
    class: 'usage-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Requests per hour, last ${model.bars.length} hours: ${model.total} in total, peak ${model.peak}`,
  }, grid, svg('line', { class: 'baseline', x1: pad.left, x2: width - pad.right, y1: height - pad.bottom,
    y2: height - pad.bottom }), bars, labels, empty);
}

/** The chart with its caption: totals of the period, and a legend when requests were rejected. */
export function usagePanel(usage, now = Date.now()) {
  const model = usageModel(usage.hours, now, 24);
  const total = usage.total || {};
  return h('div', { class: 'usage' },
    h('div', { class: 'usage-totals' },
      stat('Requests', compact(total.requests || 0)),
      stat('Rejected', compact(total.rejected || 0)),
      stat('Data in', bytes(total.bytesIn || 0)),
      stat('Data out', bytes(total.bytesOut || 0))),
    usageChart(model),
    h('p', { class: 'muted small' }, 'Requests per hour through the router, last 24 hours. ',
      h('span', { class: 'legend requests' }), ' served ', h('span', { class: 'legend rejected' }), ' rejected (over limit)'));
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label));
}
