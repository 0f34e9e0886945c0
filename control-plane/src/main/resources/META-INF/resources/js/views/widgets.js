// Small pieces the pages share: the status badge, the provisioning progress bar, a poller.
import { h } from '../dom.js';
import { appState, stateLabel, progress, headline } from '../status.js';

/** A coloured badge: Ready / Updating / Provisioning / Failed. */
export function statusBadge(app) {
  const state = appState(app);
  return h('span', { class: `badge ${state}`, 'data-state': state }, stateLabel(state));
}

/** Steps done of the reconciler's five, with the current message, while an app is not ready. */
export function progressLine(app) {
  const state = appState(app);
  if (state === 'ready') {
    return null;
  }
  const { done, total } = progress(app);
  return h('div', { class: `progress ${state}` },
    h('progress', { max: total, value: done, 'aria-label': `${done} of ${total} provisioning steps done` }),
    h('span', { class: 'small muted' }, `${done}/${total} · ${headline(app) || ''}`));
}

/**
 * Calls `tick` now and then again `interval(result)` ms after each run finishes (null = stop); returns a stop
 * function. Errors are passed to `onError` and polling goes on at the slow pace.
 */
export function poll(tick, interval, onError = () => {}) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    let next;
    try {
      next = interval(await tick());
    } catch (e) {
      onError(e);
      next = 5000;
    }
    if (!stopped && next !== null) {
      timer = setTimeout(run, next);
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * A modal confirmation; resolves true when confirmed. With `requireText`, the confirm button stays disabled until
 * the user types that text (used to delete an app by its name).
 */
export function confirmDialog({ title, body, confirmLabel, danger = false, requireText = null }) {
  return new Promise(resolve => {
    const typed = requireText === null ? null
      : h('input', { type: 'text', class: 'confirm-input', 'aria-label': 'Type to confirm', autocomplete: 'off' });
    const confirm = h('button', { type: 'submit', class: `button ${danger ? 'danger' : 'primary'}`, value: 'yes',
      disabled: requireText !== null, 'data-confirm': true }, confirmLabel);
    const cancel = h('button', { type: 'button', class: 'button ghost', value: 'no' }, 'Cancel');
    const dialog = h('dialog', { class: 'dialog' },
      h('form', { method: 'dialog' },
        h('h2', null, title),
        body,
        typed ? h('label', { class: 'field' }, h('span', null, 'Type ', h('strong', null, requireText), ' to confirm'),
          typed) : null,
        h('div', { class: 'dialog-actions' }, cancel, confirm)));
    typed?.addEventListener('input', () => {
      confirm.disabled = typed.value !== requireText;
    });
    cancel.addEventListener('click', () => dialog.close('no'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    (typed || confirm).focus();
  });
}
