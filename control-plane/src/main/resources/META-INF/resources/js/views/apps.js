// The account's apps: a create form and a list with each app's status, refreshed while any app is settling.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { appState, isSettling } from '../status.js';
import { poll, progressLine, statusBadge } from './widgets.js';

function appRow(app) {
  const href = `/apps/${encodeURIComponent(app.applicationId)}`;
  return h('li', { class: 'app-row', 'data-app-id': app.applicationId },
    h('div', { class: 'app-row-main' },
      h('a', { href, 'data-nav': true, class: 'app-name' }, app.appName),
      h('code', { class: 'small muted' }, app.applicationId)),
    h('div', { class: 'app-row-status' }, statusBadge(app), progressLine(app)));
}

export function appsPage(view, context) {
  const list = h('ul', { class: 'app-list', id: 'app-list' });
  const empty = h('p', { class: 'muted empty-state', hidden: true }, 'No apps yet. Name your first one above.');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const name = h('input', { type: 'text', name: 'appName', required: true, maxlength: 100,
    placeholder: 'My app', 'aria-label': 'App name' });
  const create = h('button', { type: 'submit', class: 'button primary' }, 'Create app');
  const form = h('form', { id: 'create-app', class: 'inline-form' }, name, create);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    create.disabled = true;
    try {
      const app = await api.createApp(name.value.trim());
      context.navigate(`/apps/${encodeURIComponent(app.applicationId)}`);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      create.disabled = false;
    }
  });
  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, 'Apps')),
    h('section', { class: 'card' }, h('h2', null, 'Create an app'), form, error),
    h('section', { class: 'card' }, h('h2', null, 'Your apps'), list, empty));

  return poll(async () => {
    const apps = await api.apps();
    mount(list, apps.map(appRow));
    empty.hidden = apps.length > 0;
    return apps;
  }, apps => (apps.some(app => isSettling(appState(app))) ? 1500 : 15000), e => {
    error.textContent = e.message;
    error.hidden = false;
  });
}
