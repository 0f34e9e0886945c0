// An app's request log: the newest lines its runtime wrote (time, method, path, status, and for a refusal Parse's
// code and message with the reason the client was not told), filtered by level and text, refreshed while shown.
// Only request lines: what Cloud Code printed is Parse's own log (GET /scriptlog, Parse Dashboard's Logs page).
import { api } from '../api.js';
import { h, mount, relativeTime } from '../dom.js';
import { poll } from './widgets.js';

const REFRESH_MS = 5000;

function lineRow(line) {
  const refused = line.status >= 400;
  return h('tr', { class: refused ? 'log-error' : 'log-info', 'data-level': line.level },
    h('td', null, h('time', { datetime: line.time, title: line.time }, relativeTime(line.time))),
    h('td', null, h('code', null, line.method)),
    h('td', { class: 'log-path' }, h('code', null, line.path)),
    h('td', null, h('span', { class: `cond ${refused ? 'false' : 'true'}` }, String(line.status))),
    h('td', { class: 'message' }, line.code != null ? `${line.code} · ` : '', line.error || ''),
    h('td', { class: 'small muted' }, `${line.ms} ms`));
}

function linesTable(lines, filtered) {
  if (lines.length === 0) {
    return h('p', { class: 'muted', id: 'logs-empty' }, filtered ? 'No request matches.'
      : 'No requests yet. Calls through the API show up here within seconds.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'conditions logs', id: 'log-lines' },
    h('thead', null, h('tr', null, ['When', 'Method', 'Path', 'Status', 'Error', 'Took'].map(t => h('th', null, t)))),
    h('tbody', null, lines.map(lineRow))));
}

/** Renders the Logs card into `container`; returns a function that stops its refreshing. */
export function renderLogs(container, app) {
  const level = h('select', { id: 'log-level', 'aria-label': 'Level' },
    h('option', { value: 'info' }, 'All requests'), h('option', { value: 'error' }, 'Errors only'));
  const search = h('input', { type: 'text', id: 'log-search', placeholder: 'Search path, status, error…',
    'aria-label': 'Search the log' });
  const body = h('div', { id: 'log-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  let generation = 0;
  const refresh = async () => {
    const asked = ++generation;
    const lines = await api.logs(app.applicationId, { level: level.value, q: search.value.trim(), n: 100 });
    if (asked === generation) {
      error.hidden = true;
      mount(body, linesTable(lines, level.value !== 'info' || search.value.trim() !== ''));
    }
  };
  const failed = e => {
    error.textContent = e.message;
    error.hidden = false;
  };
  let typing = null;
  level.addEventListener('change', () => refresh().catch(failed));
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => refresh().catch(failed), 250);
  });
  mount(container,
    h('div', { class: 'card-head' }, h('h2', null, 'Logs'),
      h('span', { class: 'small muted' }, 'requests to the app, newest first')),
    h('form', { class: 'inline-form', id: 'log-filter', onsubmit: e => e.preventDefault() }, level, search),
    body, error,
    h('p', { class: 'small muted' }, 'Also on the command line: ', h('code', null, `./reparse logs --app ${app.applicationId} -f`),
      '. What Cloud Code prints is in Parse Dashboard\u2019s Logs page (GET /scriptlog).'));
  const stop = poll(refresh, () => REFRESH_MS, failed);
  return () => {
    clearTimeout(typing);
    stop();
  };
}
