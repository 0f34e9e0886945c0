// An app's keys: masked until revealed, copyable without revealing; the master key warns when shown and can be
// rotated (the old one keeps working for the control plane's grace period).
import { api } from '../api.js';
import { copyText, h, mount, relativeTime } from '../dom.js';
import { confirmDialog } from './widgets.js';

const CLIENT_KEYS = [
  ['clientKey', 'Client key', 'iOS and Android SDKs'],
  ['javascriptKey', 'JavaScript key', 'JavaScript SDK'],
  ['restKey', 'REST API key', 'REST calls from your servers'],
  ['windowsKey', '.NET key', '.NET and Unity SDKs'],
  ['webhookKey', 'Webhook key', 'Cloud Code webhooks'],
];
const MASK = '•'.repeat(24);

function copyButton(value, label) {
  const button = h('button', { type: 'button', class: 'button small', 'aria-label': `Copy ${label}` }, 'Copy');
  button.addEventListener('click', async () => {
    const ok = await copyText(value);
    button.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 1500);
  });
  return button;
}

function keyRow({ field, label, hint, value, secret, warning }) {
  const shown = h('code', { class: 'key-value', 'data-key': field }, secret ? MASK : value);
  const note = warning ? h('p', { class: 'warning', role: 'alert', hidden: true }, warning) : null;
  let reveal = null;
  if (secret) {
    reveal = h('button', { type: 'button', class: 'button small', 'data-reveal': field, 'aria-pressed': 'false' },
      'Reveal');
    reveal.addEventListener('click', () => {
      const revealing = reveal.getAttribute('aria-pressed') !== 'true';
      shown.textContent = revealing ? value : MASK;
      shown.classList.toggle('revealed', revealing);
      reveal.textContent = revealing ? 'Hide' : 'Reveal';
      reveal.setAttribute('aria-pressed', String(revealing));
      if (note) {
        note.hidden = !revealing;
      }
    });
  }
  return h('div', { class: `key-row${warning ? ' master' : ''}` },
    h('div', { class: 'key-label' }, h('strong', null, label), hint ? h('span', { class: 'small muted' }, hint) : null),
    h('div', { class: 'key-field' }, shown, h('div', { class: 'key-actions' }, reveal, copyButton(value, label))),
    note);
}

function rotationNote(app) {
  const until = app.previousMasterKeyValidUntil;
  if (!until || Date.parse(until) <= Date.now()) {
    return null;
  }
  return h('p', { class: 'notice', id: 'rotation-note' },
    'The master key was rotated. The previous one keeps working until ',
    h('time', { datetime: until }, new Date(until).toLocaleString()), ` (${relativeTime(until)}), `,
    'so servers holding it can switch without downtime.');
}

/** Renders the keys card into `container`; `onChange(app)` gets the app after a rotation. */
export function renderKeys(container, app, onChange) {
  const rotate = h('button', { type: 'button', class: 'button', id: 'rotate-master' }, 'Rotate master key');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  rotate.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: 'Rotate the master key?',
      body: h('p', null, 'A new master key is issued and works at once. The current one keeps working for a short ',
        'grace period, then stops; update every server that uses it.'),
      confirmLabel: 'Rotate',
    });
    if (!yes) {
      return;
    }
    rotate.disabled = true;
    try {
      const updated = await api.rotateMasterKey(app.applicationId);
      renderKeys(container, updated, onChange);
      onChange(updated);
    } catch (e) {
      rotate.disabled = false;
      error.textContent = e.message;
      error.hidden = false;
    }
  });
  mount(container,
    h('h2', null, 'Keys'),
    keyRow({ field: 'applicationId', label: 'Application ID', hint: 'identifies the app; not a secret',
      value: app.applicationId, secret: false }),
    app.serverURL ? keyRow({ field: 'serverURL', label: 'Server URL', hint: 'Parse.serverURL for the SDKs and Parse Dashboard',
      value: app.serverURL, secret: false }) : null,
    CLIENT_KEYS.map(([field, label, hint]) => keyRow({ field, label, hint, value: app[field] || '', secret: true })),
    keyRow({ field: 'masterKey', label: 'Master key', hint: 'full access', value: app.masterKey, secret: true,
      warning: 'The master key bypasses every ACL, class-level permission and setting. Keep it on your servers; '
        + 'never put it in an app, a web page or a repository.' }),
    h('div', { class: 'card-actions' }, rotate),
    error,
    rotationNote(app));
}
