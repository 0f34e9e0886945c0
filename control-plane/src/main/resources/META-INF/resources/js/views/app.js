// One app: status (conditions, generations), keys, usage chart, settings, delete. Status is polled quickly while
// the app is provisioning or a change rolls out, slowly once it is ready.
import { api } from '../api.js';
import { h, mount, relativeTime } from '../dom.js';
import { usagePanel } from '../chart.js';
import { appState, isSettling } from '../status.js';
import { renderAnalytics } from './analytics.js';
import { renderCloudCode } from './cloud.js';
import { renderJobs } from './jobs.js';
import { renderKeys } from './keys.js';
import { renderOptions } from './options.js';
import { renderLogs } from './logs.js';
import { renderSettings } from './settings.js';
import { confirmDialog, poll, progressLine, statusBadge } from './widgets.js';

const CONDITION_ORDER = ['Database', 'Bucket', 'Secrets', 'CloudCode', 'Runtime', 'Route', 'Ready'];

function conditionsTable(conditions) {
  const sorted = [...conditions].sort((a, b) => rank(a.type) - rank(b.type));
  if (sorted.length === 0) {
    return h('p', { class: 'muted' }, 'No conditions reported yet.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'conditions', id: 'conditions' },
    h('thead', null, h('tr', null, ['Type', 'Status', 'Reason', 'Message', 'Last transition'].map(t => h('th', null, t)))),
    h('tbody', null, sorted.map(c => h('tr', { 'data-type': c.type },
      h('td', null, h('strong', null, c.type)),
      h('td', null, h('span', { class: `cond ${String(c.status).toLowerCase()}` }, c.status)),
      h('td', null, c.reason),
      h('td', { class: 'message' }, c.message),
      h('td', null, h('time', { datetime: c.lastTransitionTime, title: c.lastTransitionTime },
        relativeTime(c.lastTransitionTime))))))));
}

function rank(type) {
  const index = CONDITION_ORDER.indexOf(type);
  return index < 0 ? CONDITION_ORDER.length : index;
}

function renderStatus(container, app) {
  const status = app.status || { observedGeneration: 0, conditions: [] };
  const behind = status.observedGeneration < app.generation;
  mount(container,
    h('div', { class: 'card-head' }, h('h2', null, 'Status'), statusBadge(app)),
    progressLine(app),
    h('p', { class: 'small', id: 'generations' },
      `Generation ${app.generation}, observed ${status.observedGeneration}`,
      behind ? h('span', { class: 'muted' }, ' — the latest change is still being applied') : null),
    conditionsTable(status.conditions || []));
}

function renderHead(container, app) {
  mount(container,
    h('a', { href: '/apps', 'data-nav': true, class: 'back' }, '← Apps'),
    h('div', { class: 'page-head' }, h('h1', { id: 'app-title' }, app.appName), statusBadge(app)),
    app.subdomain ? h('p', { class: 'muted small' }, 'Subdomain ', h('code', null, app.subdomain)) : null);
}

function renderDanger(container, app, context) {
  const remove = h('button', { type: 'button', class: 'button danger', id: 'delete-app' }, 'Delete app');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  remove.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: `Delete ${app.appName}?`,
      body: h('p', null, 'Its runtime stops, its keys stop working and its data and files are removed. '
        + 'This cannot be undone.'),
      confirmLabel: 'Delete app', danger: true, requireText: app.appName,
    });
    if (!yes) {
      return;
    }
    remove.disabled = true;
    try {
      await api.deleteApp(app.applicationId);
      context.navigate('/apps');
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      remove.disabled = false;
    }
  });
  mount(container, h('h2', null, 'Danger zone'),
    h('p', { class: 'muted' }, 'Deleting an app removes it for good.'), remove, error);
}

export async function appPage(view, context, { id }) {
  let app;
  try {
    app = await api.app(id);
  } catch (e) {
    mount(view, h('a', { href: '/apps', 'data-nav': true, class: 'back' }, '← Apps'),
      h('section', { class: 'card' }, h('h1', null, 'App not found'), h('p', { class: 'error' }, e.message)));
    return () => {};
  }
  const head = h('div', { class: 'app-head' });
  const status = h('section', { class: 'card', id: 'status' });
  const keys = h('section', { class: 'card', id: 'keys' });
  const usage = h('section', { class: 'card', id: 'usage' }, h('h2', null, 'Usage'), h('p', { class: 'muted' }, 'Loading…'));
  const settings = h('section', { class: 'card', id: 'settings' });
  const options = h('section', { class: 'card', id: 'options' });
  const cloud = h('section', { class: 'card', id: 'cloud' });
  const jobs = h('section', { class: 'card', id: 'jobs' });
  const danger = h('section', { class: 'card danger-zone', id: 'danger' });
  const logs = h('section', { class: 'card', id: 'logs' });
  const analytics = h('section', { class: 'card', id: 'analytics' });
  mount(view, head, h('div', { class: 'grid' }, h('div', { class: 'col' }, status, cloud, jobs, usage),
    h('div', { class: 'col' }, keys, settings, options, danger)), analytics, logs);

  let stopStatus = () => {};
  const update = latest => {
    app = latest;
    renderHead(head, app);
    renderStatus(status, app);
    renderDanger(danger, app, context);
    // A change (settings, rotation) means provisioning has work again: poll fast until it settles.
    stopStatus();
    stopStatus = startStatusPolling();
  };
  let refreshCloud = () => {};
  let jobsCard = null;
  let analyticsCard = null;
  let observed = (app.status || {}).observedGeneration;
  const startStatusPolling = () => poll(async () => {
    app = await api.app(app.applicationId);
    renderHead(head, app);
    renderStatus(status, app);
    refreshCloud(app);
    analyticsCard?.appChanged(app);
    // a generation put in place may be new Cloud Code: the jobs it defines change
    const now = (app.status || {}).observedGeneration;
    if (jobsCard && now !== observed && !isSettling(appState(app))) {
      observed = now;
      jobsCard.refresh();
    }
    return app;
  }, current => (isSettling(appState(current)) ? 1500 : 10000));

  renderHead(head, app);
  renderStatus(status, app);
  renderKeys(keys, app, update);
  renderSettings(settings, app, update);
  renderOptions(options, app, update);
  renderDanger(danger, app, context);
  // An upload is a new generation: poll fast until provisioning has put the code in place.
  refreshCloud = renderCloudCode(cloud, app, () => {
    stopStatus();
    stopStatus = startStatusPolling();
  });
  stopStatus = startStatusPolling();
  const stopUsage = poll(async () => {
    const data = await api.usage(app.applicationId, 24);
    mount(usage, h('h2', null, 'Usage'), usagePanel(data));
  }, () => 60000, e => mount(usage, h('h2', null, 'Usage'), h('p', { class: 'error' }, e.message)));
  const stopLogs = renderLogs(logs, app);
  analyticsCard = renderAnalytics(analytics, app);
  jobsCard = renderJobs(jobs, app);
  return () => {
    stopStatus();
    stopUsage();
    stopLogs();
    analyticsCard.stop();
    jobsCard.stop();
  };
}
