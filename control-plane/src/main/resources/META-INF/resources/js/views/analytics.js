// An app's analytics (parse.com's, which Parse Server dropped): app opens and daily active installations, and an
// explorer for the app's own events (Parse.Analytics.track) over a range, per day or hour, optionally split by one
// dimension, with the numbers as CSV. Data: GET /api/v1/apps/{id}/analytics/events[/{name}] (the app's runtime's
// /events, read server side with the master key). API requests (what the routers counted: by operation, class, status,
// SDK, and latency percentiles): GET .../analytics/requests and .../analytics/latency, in renderApiRequests below.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { compact } from '../chart.js';
import { seriesChart, seriesCsv, seriesModel } from '../series.js';
import { appState } from '../status.js';

const DAY = 86_400_000;
const RANGES = [[7, 'Last 7 days'], [30, 'Last 30 days'], [90, 'Last 90 days']];

/** The API's range for the last `days` days, ending now. */
export function rangeOf(days, now = Date.now()) {
  return { from: new Date(now - days * DAY).toISOString(), to: new Date(now).toISOString() };
}

function csvLink(model, name) {
  const href = URL.createObjectURL(new Blob([seriesCsv(model)], { type: 'text/csv' }));
  return h('a', { class: 'button small', href, download: `${name}.csv`, 'data-csv': name }, 'Export CSV');
}

function panel(id, title, model, what, name) {
  return h('div', { class: 'analytics-panel', id },
    h('div', { class: 'card-head' }, h('h3', null, title),
      h('span', { class: 'small muted' }, `${compact(model.total)} in total`), csvLink(model, name)),
    seriesChart(model, { what }),
    model.grouped ? h('p', { class: 'small legend-list' }, model.stacks.map((s, i) =>
      h('span', { class: 'legend-item' }, h('span', { class: `swatch s${i}` }), s === '' ? '(none)' : s))) : null);
}

/**
 * Whether the app's runtime answers, so its events can be read: Ready with every change in place. While a change rolls
 * out (a settings change restarts the runtime) or the app provisions, the card does not ask.
 */
export function serving(app) {
  return appState(app) === 'ready';
}

/**
 * Renders the Analytics card. Events live in the app's runtime: they are read once the app serves (`appChanged` with
 * the app as the status polling sees it). Returns `{stop, appChanged}`.
 */
export function renderAnalytics(container, app) {
  const id = app.applicationId;
  const range = h('select', { id: 'analytics-range', 'aria-label': 'Range' },
    RANGES.map(([days, text]) => h('option', { value: String(days) }, text)));
  const interval = h('select', { id: 'analytics-interval', 'aria-label': 'Interval' },
    h('option', { value: 'day' }, 'Per day'), h('option', { value: 'hour' }, 'Per hour'));
  const event = h('select', { id: 'analytics-event', 'aria-label': 'Event' });
  const groupBy = h('input', { type: 'text', id: 'analytics-group', placeholder: 'Split by dimension (e.g. plan)',
    'aria-label': 'Split by dimension' });
  const overview = h('div', { id: 'analytics-overview' }, h('p', { class: 'muted' }, 'Loading…'));
  const explorer = h('div', { id: 'analytics-explorer' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  let generation = 0;
  let alive = true;

  const failed = e => {
    error.textContent = e.message;
    error.hidden = false;
  };
  const requests = renderApiRequests(id, failed);
  const params = () => {
    const days = Number(range.value);
    // an hourly series is at most 31 days long; longer ranges are shown per day
    interval.disabled = days > 30;
    if (interval.disabled) {
      interval.value = 'day';
    }
    return { ...rangeOf(days), interval: interval.value };
  };

  const showEvent = async () => {
    const asked = ++generation;
    const name = event.value;
    if (!name) {
      mount(explorer, h('p', { class: 'muted', id: 'analytics-no-events' },
        'No custom events in this range. Send some with ', h('code', null, "Parse.Analytics.track('signup', { plan: 'free' })"), '.'));
      return;
    }
    const split = groupBy.value.trim();
    const answer = await api.analyticsSeries(id, name, { ...params(), ...(split ? { groupBy: split } : {}) });
    if (alive && asked === generation) {
      error.hidden = true;
      mount(explorer, panel('analytics-event-panel', name, seriesModel(answer.results, { interval: interval.value }),
        'events', name));
    }
  };

  let loaded = false;
  let current = app;
  const refresh = async () => {
    const p = params();
    // the routers' counts do not depend on the app's runtime answering
    requests.refresh(p).catch(failed);
    if (!serving(current)) {
      mount(overview, h('p', { class: 'muted', id: 'analytics-waiting' },
        'App opens and custom events show here once the app\u2019s server is running.'));
      return;
    }
    loaded = true;
    const [names, opens, active] = await Promise.all([
      api.analyticsEvents(id, { from: p.from, to: p.to }),
      api.analyticsSeries(id, 'AppOpened', p),
      api.analyticsSeries(id, 'AppOpened', { from: p.from, to: p.to, interval: 'day', distinct: 'senders' }),
    ]);
    if (!alive) {
      return;
    }
    error.hidden = true;
    mount(overview,
      panel('analytics-opens', 'App opens', seriesModel(opens.results, { interval: p.interval }), 'app opens', 'app-opens'),
      panel('analytics-active', 'Active installations per day', seriesModel(active.results, { interval: 'day' }),
        'active installations', 'active-installations'));
    const custom = names.results.filter(n => n.name !== 'AppOpened');
    const chosen = custom.some(n => n.name === event.value) ? event.value : custom[0]?.name || '';
    mount(event, custom.map(n => h('option', { value: n.name }, `${n.name} (${compact(n.count)})`)));
    event.value = chosen;
    await showEvent();
  };

  range.addEventListener('change', () => refresh().catch(failed));
  interval.addEventListener('change', () => refresh().catch(failed));
  event.addEventListener('change', () => showEvent().catch(failed));
  let typing = null;
  groupBy.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => showEvent().catch(failed), 300);
  });
  mount(container,
    h('div', { class: 'card-head' }, h('h2', null, 'Analytics'),
      h('span', { class: 'small muted' }, 'app opens and custom events, UTC')),
    h('form', { class: 'inline-form', id: 'analytics-filter', onsubmit: e => e.preventDefault() }, range, interval),
    overview,
    h('h3', null, 'Custom events'),
    h('form', { class: 'inline-form', id: 'analytics-event-filter', onsubmit: e => e.preventDefault() }, event, groupBy),
    explorer, requests.element, error,
    h('p', { class: 'small muted' }, 'From code: ', h('code', null, "Parse.Analytics.track('name', { dimension: 'value' })"),
      ' (up to 8 string dimensions). The same numbers: ', h('code', null, `GET /api/v1/apps/${id}/analytics/events`), '.'));
  refresh().catch(failed);
  return {
    stop: () => {
      alive = false;
      clearTimeout(typing);
    },
    /** The app as the status polling last saw it: its events are read the first time it serves. */
    appChanged: latest => {
      current = latest;
      if (!loaded && serving(latest)) {
        refresh().catch(failed);
      }
    },
  };
}

const SPLITS = [['operation', 'By operation'], ['class', 'By class'], ['status', 'By status'], ['sdk', 'By SDK']];

/** Latency results as table rows: busiest operation first, ms to 3 significant digits (whole from 100), '—' for none. */
export function latencyRows(results) {
  const ms = v => (v === null || v === undefined ? '—' : `${v >= 100 ? Math.round(v) : Number(v.toPrecision(3))} ms`);
  return [...(results || [])].sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation))
    .map(r => ({ operation: r.operation, count: r.count, p50: ms(r.p50), p95: ms(r.p95), p99: ms(r.p99) }));
}

function latencyTable(results) {
  const rows = latencyRows(results);
  if (!rows.length) {
    return h('p', { class: 'muted', id: 'analytics-latency-empty' }, 'No timed requests in this range.');
  }
  return h('table', { id: 'analytics-latency' },
    h('thead', null, h('tr', null, ['Operation', 'Requests', 'p50', 'p95', 'p99'].map(t => h('th', null, t)))),
    h('tbody', null, rows.map(r => h('tr', { 'data-operation': r.operation },
      h('td', null, r.operation), h('td', null, compact(r.count)), h('td', null, r.p50), h('td', null, r.p95),
      h('td', null, r.p99)))));
}

/**
 * The "API requests" part of the Analytics card: requests per hour or day stacked by operation (or class, status with
 * the limited ones, SDK) and a latency table. Returns its element and `refresh(params)` for the card's range.
 */
function renderApiRequests(id, failed) {
  const split = h('select', { id: 'analytics-requests-split', 'aria-label': 'Split API requests' },
    SPLITS.map(([value, text]) => h('option', { value }, text)));
  const chart = h('div', { id: 'analytics-requests' });
  const latency = h('div', { id: 'analytics-latency-panel' });
  let last = null;
  let asked = 0;
  const refresh = async params => {
    last = params;
    const mine = ++asked;
    const [series, timing] = await Promise.all([
      api.analyticsRequests(id, { ...params, groupBy: split.value }),
      api.analyticsLatency(id, { from: params.from, to: params.to }),
    ]);
    if (mine !== asked) {
      return;
    }
    mount(chart, panel('analytics-requests-panel', 'API requests',
      seriesModel(series.results, { interval: params.interval }), 'requests', `api-requests-by-${split.value}`));
    mount(latency, h('h3', null, 'Latency'), latencyTable(timing.results));
  };
  split.addEventListener('change', () => last && refresh(last).catch(failed));
  const element = h('div', { id: 'analytics-api' },
    h('h3', null, 'API requests'),
    h('form', { class: 'inline-form', id: 'analytics-requests-filter', onsubmit: e => e.preventDefault() }, split),
    chart, latency,
    h('p', { class: 'small muted' }, 'Counted by the router as requests finish (limited: refused over the request limit). ',
      'The same numbers: ', h('code', null, `GET /api/v1/apps/${id}/analytics/requests`), ' and ',
      h('code', null, `…/analytics/latency`), '.'));
  return { element, refresh };
}
