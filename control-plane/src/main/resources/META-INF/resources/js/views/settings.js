// An app's settings: its name and parse.com's switches. Each switch is saved on its own (PUT with that one field),
// so two quick toggles never overwrite each other.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { confirmDialog } from './widgets.js';

/** Turning a switch this way first asks, saying what it opens up; `null` when it just saves. */
const CONFIRM = {
  clientKeysRequired: on => (on ? null : {
    title: 'Stop requiring a client key?',
    body: h('p', null, 'Then the application ID alone reaches the app: anyone who sees it (it ships inside your '
      + 'apps and web pages) can call the API as a client. Class-level permissions and ACLs still apply.'),
    confirmLabel: 'Stop requiring a client key',
    danger: true,
  }),
};

const SWITCHES = [
  ['clientKeysRequired', 'Require a client key',
    'Requests must carry one of the app\'s client keys, as on parse.com. Off: the application ID alone is enough.'],
  ['clientClassCreationEnabled', 'Allow client class creation',
    'Clients without the master key may create classes by saving objects of a new class.'],
  ['clientPushEnabled', 'Allow client push', 'Clients may send push notifications without the master key.'],
  ['requireRevocableSessions', 'Require revocable sessions',
    'Legacy session tokens are refused; every session is a revocable _Session.'],
  ['revokeSessionOnPasswordChange', 'Revoke sessions on password change',
    'Changing a user\'s password ends their other sessions.'],
];

function switchRow(app, [field, label, help], save) {
  const input = h('input', { type: 'checkbox', role: 'switch', name: field, id: `setting-${field}`,
    checked: Boolean(app[field]) });
  const state = h('span', { class: 'small muted save-state', 'aria-live': 'polite' });
  input.addEventListener('change', async () => {
    const question = CONFIRM[field] && CONFIRM[field](input.checked);
    if (question && !(await confirmDialog(question))) {
      input.checked = !input.checked;
      return;
    }
    input.disabled = true;
    state.textContent = 'Saving…';
    try {
      const updated = await save({ [field]: input.checked });
      input.checked = Boolean(updated[field]);
      state.textContent = 'Saved';
    } catch (e) {
      input.checked = !input.checked;
      state.textContent = e.message;
    } finally {
      input.disabled = false;
    }
  });
  return h('div', { class: 'switch-row' },
    h('label', { class: 'switch', for: `setting-${field}` }, input, h('span', { class: 'slider', 'aria-hidden': 'true' })),
    h('div', null, h('label', { for: `setting-${field}` }, h('strong', null, label)), h('p', { class: 'small muted' }, help)),
    state);
}

/** Renders the settings card; `onChange(app)` gets the app after each saved change. */
export function renderSettings(container, app, onChange) {
  const save = async changes => {
    const updated = await api.updateApp(app.applicationId, changes);
    onChange(updated);
    return updated;
  };
  const name = h('input', { type: 'text', name: 'appName', value: app.appName, required: true, maxlength: 100,
    'aria-label': 'App name' });
  const rename = h('button', { type: 'submit', class: 'button' }, 'Rename');
  const renameState = h('span', { class: 'small muted', 'aria-live': 'polite' });
  const form = h('form', { class: 'inline-form', id: 'rename-app' }, name, rename, renameState);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    rename.disabled = true;
    try {
      await save({ appName: name.value.trim() });
      renameState.textContent = 'Saved';
    } catch (e) {
      renameState.textContent = e.message;
    } finally {
      rename.disabled = false;
    }
  });
  mount(container, h('h2', null, 'Settings'), form, SWITCHES.map(s => switchRow(app, s, save)));
}
