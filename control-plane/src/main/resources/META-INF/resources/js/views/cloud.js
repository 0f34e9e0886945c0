// An app's Cloud Code: the current version (number, size, when, by whom, whether it is deployed yet), an upload
// control for main.js or a zip of the code folder, its releases with "Roll back to this" on the older ones, and a
// read-only viewer of the active release's files. Refusals (no main.js, unsafe paths, too big) show inline.
import { api } from '../api.js';
import { h, mount, relativeTime } from '../dom.js';
import { confirmDialog } from './widgets.js';

/** "12.3 KB" for a byte count. */
export function formatBytes(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The largest file the viewer shows; a bigger one (or a binary one) is named with its size only. */
export const MAX_SHOWN_BYTES = 256 * 1024;

/** Whether fetched file text is binary: a NUL, or many bytes that were not UTF-8 (U+FFFD once decoded). */
export function looksBinary(text) {
  if (text.includes('\u0000')) {
    return true;
  }
  const replaced = text.split('\uFFFD').length - 1;
  return replaced > 8 && replaced > text.length / 100;
}

/**
 * Whether provisioning has put that version in place: the app's status has caught up with the generation the upload
 * became and its CloudCode condition is True.
 */
export function deployed(app, code) {
  const status = app.status || {};
  const condition = (status.conditions || []).find(c => c.type === 'CloudCode');
  return (status.observedGeneration || 0) >= code.generation && condition?.status === 'True';
}

/** False when the app's status says it has no Cloud Code (or has no status yet: a new app has no code). */
export function mayHaveCode(app) {
  const condition = ((app.status || {}).conditions || []).find(c => c.type === 'CloudCode');
  return Boolean(condition) && condition.reason !== 'NoCode';
}

function currentVersion(app, code) {
  if (!code) {
    return h('p', { class: 'muted', id: 'cloud-current' }, 'No code uploaded yet. Upload a main.js, or a .zip with '
      + 'main.js (or cloud/main.js) at its root and, if it needs them, package.json and node_modules.');
  }
  const live = deployed(app, code);
  // CloudCode False once provisioning caught up: the release did not install or load, and its message says why
  // (`version 3 failed to load: SyntaxError … (main.js:2); version 2 keeps serving`)
  const condition = ((app.status || {}).conditions || []).find(c => c.type === 'CloudCode');
  const failed = !live && (app.status?.observedGeneration || 0) >= code.generation && condition?.status === 'False';
  const badge = live ? ['ready', 'deployed', 'Deployed']
    : failed ? ['failed', 'failed', 'Failed'] : ['updating', 'deploying', 'Deploying'];
  return h('div', { id: 'cloud-current', 'data-version': code.version },
    h('p', null, h('strong', null, `Version ${code.version}`), ' ',
      h('span', { class: `badge ${badge[0]}`, 'data-state': badge[1] }, badge[2])),
    failed ? h('p', { class: 'error', role: 'alert', id: 'cloud-load-error' }, condition.message) : null,
    h('p', { class: 'small muted' },
      `${code.format === 'zip' ? `zip, ${code.files} files (${formatBytes(code.unpackedSize)} unpacked)` : 'main.js'}`
      + ` · ${formatBytes(code.size)} · uploaded `,
      h('time', { datetime: code.uploadedAt, title: code.uploadedAt }, relativeTime(code.uploadedAt)),
      ` by ${code.uploadedBy}`),
    h('p', { class: 'small muted' }, 'SHA-256 ', h('code', { class: 'sha' }, code.sha256)));
}

/** The releases table: version, when, who, message, size, an Active badge or a "Roll back to this" button. */
function releasesTable(releases, onActivate) {
  if (releases.length === 0) {
    return null;
  }
  return h('div', { class: 'table-wrap' },
    h('h3', null, 'Releases'),
    h('table', { class: 'conditions releases', id: 'cloud-releases' },
      h('thead', null, h('tr', null, ...['Version', 'Uploaded', 'By', 'Message', 'Size', ''].map(t => h('th', null, t)))),
      h('tbody', null, ...releases.map(r => h('tr', { 'data-version': r.version },
        h('td', null, `v${r.version}`),
        h('td', null, h('time', { datetime: r.uploadedAt, title: r.uploadedAt }, relativeTime(r.uploadedAt))),
        h('td', null, r.uploadedBy),
        h('td', { class: 'message' }, r.message || ''),
        h('td', null, formatBytes(r.size)),
        h('td', null, r.active ? h('span', { class: 'badge ready' }, 'Active')
          : h('button', { type: 'button', class: 'button ghost small', 'data-rollback': r.version,
            onclick: () => onActivate(r) }, 'Roll back to this')))))));
}

/** "N bytes, not shown" for a file the viewer leaves out. */
function notShown(size) {
  return h('p', { class: 'muted', 'data-not-shown': true }, `${size} bytes, not shown`);
}

/**
 * The active release's files (`release`, with `entries`) as a list; clicking one shows its text below, read from the
 * releases files endpoint, unless it is too big or binary.
 */
function filesViewer(app, release) {
  const view = h('div', { id: 'cloud-file-view', class: 'file-view', hidden: true });
  const open = async (entry, button) => {
    view.hidden = false;
    for (const other of button.closest('ul').querySelectorAll('button[aria-current]')) {
      other.removeAttribute('aria-current');
    }
    button.setAttribute('aria-current', 'true');
    const title = h('p', { class: 'small' }, h('code', null, entry.path), h('span', { class: 'muted' },
      ` · ${formatBytes(entry.size)}`));
    view.dataset.file = entry.path;
    if (entry.size > MAX_SHOWN_BYTES) {
      mount(view, title, notShown(entry.size));
      return;
    }
    mount(view, title, h('p', { class: 'muted small' }, 'Loading…'));
    try {
      const text = await api.releaseFile(app.applicationId, release.version, entry.path);
      if (view.dataset.file === entry.path) {
        mount(view, title, looksBinary(text) ? notShown(entry.size) : h('pre', { class: 'file-text' }, h('code', null, text)));
      }
    } catch (e) {
      mount(view, title, h('p', { class: 'error' }, e.message));
    }
  };
  const entries = [...(release.entries || [])].sort((a, b) => a.path.localeCompare(b.path));
  return h('div', { id: 'cloud-files', 'data-version': release.version },
    h('h3', null, `Files of v${release.version}`, h('span', { class: 'small muted' }, ' (active, read-only)')),
    h('ul', { class: 'file-list' }, entries.map(entry => h('li', null,
      h('button', { type: 'button', class: 'file-link', 'data-file': entry.path,
        onclick: event => open(entry, event.currentTarget) }, entry.path),
      h('span', { class: 'small muted' }, formatBytes(entry.size))))),
    view);
}

/**
 * Renders the Cloud Code card into `container`; returns `refresh(app)`, which redraws the version's deployment state
 * from a newer app status. `onUploaded()` is called after each accepted upload (the app has a new generation).
 */
export function renderCloudCode(container, app, onUploaded) {
  let code = null;
  let latestApp = app;
  const current = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const file = h('input', { type: 'file', id: 'cloud-file', name: 'code', accept: '.js,.zip,application/javascript,application/zip',
    'aria-label': 'main.js or a .zip of the code folder' });
  const upload = h('button', { type: 'submit', class: 'button primary', disabled: true }, 'Upload');
  const state = h('span', { class: 'small muted', 'aria-live': 'polite', id: 'cloud-state' });
  const error = h('p', { class: 'error', role: 'alert', id: 'cloud-error', hidden: true });
  const form = h('form', { class: 'inline-form', id: 'cloud-upload' }, file, upload, state);
  const releases = h('div', { id: 'cloud-releases-card' });
  const files = h('div', { id: 'cloud-files-card' });
  let filesVersion = null;
  const show = () => mount(current, currentVersion(latestApp, code));
  const activate = async release => {
    const yes = await confirmDialog({
      title: `Roll back to version ${release.version}?`,
      body: h('p', null, `Version ${release.version}${release.message ? ` (“${release.message}”)` : ''} becomes the `
        + 'app\'s Cloud Code again; the runtime loads it within seconds, without a restart.'),
      confirmLabel: `Roll back to v${release.version}`,
    });
    if (!yes) {
      return;
    }
    error.hidden = true;
    try {
      await api.activateRelease(latestApp.applicationId, release.version);
      // deployed once the app's status reaches the generation the activation became
      const app = await api.app(latestApp.applicationId);
      code = { ...(await api.cloudCode(latestApp.applicationId)), generation: app.generation };
      state.textContent = `Version ${release.version} is active`;
      show();
      listReleases();
      onUploaded();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  };
  // the viewer follows the active release: it is redrawn when another one becomes active
  const showFiles = async list => {
    const active = list.find(r => r.active);
    if (!active || active.version === filesVersion) {
      return;
    }
    filesVersion = active.version;
    try {
      mount(files, filesViewer(latestApp, await api.release(latestApp.applicationId, active.version)));
    } catch (e) {
      filesVersion = null;
      mount(files, h('p', { class: 'error' }, e.message));
    }
  };
  const listReleases = () => api.releases(latestApp.applicationId)
    .then(list => {
      mount(releases, releasesTable(list, activate));
      return showFiles(list);
    }, () => {});

  file.addEventListener('change', () => {
    upload.disabled = file.files.length === 0;
    error.hidden = true;
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      return;
    }
    upload.disabled = true;
    error.hidden = true;
    state.textContent = 'Uploading…';
    try {
      code = await api.uploadCloudCode(latestApp.applicationId, chosen);
      state.textContent = `Version ${code.version} uploaded`;
      form.reset();
      show();
      listReleases();
      onUploaded();
    } catch (e) {
      state.textContent = '';
      error.textContent = e.message;
      error.hidden = false;
      upload.disabled = false;
    }
  });

  mount(container, h('h2', null, 'Cloud Code'), current, form, error, releases, files);
  // Asked only when provisioning reports code for the app: asking for none answers 404, a failed request in the
  // browser on every page load.
  (mayHaveCode(app) ? api.cloudCode(app.applicationId) : Promise.resolve(null)).then(found => {
    code = found;
    show();
    if (code) {
      listReleases();
    }
  }, e => mount(current, h('p', { class: 'error' }, e.message)));

  let asked = mayHaveCode(app);
  return latest => {
    latestApp = latest;
    if (code) {
      show();
    } else if (!asked && mayHaveCode(latest)) {
      // code uploaded elsewhere (or before this page's status caught up): show it once provisioning reports it
      asked = true;
      api.cloudCode(latest.applicationId).then(found => {
        code = code || found;
        show();
        listReleases();
      }, () => {});
    }
  };
}
