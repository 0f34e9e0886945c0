// What an app's provisioning status means to a person: one of ready / updating / provisioning / failed, and how
// far the reconciliation got. Pure functions of the API's status object, unit-tested in e2e/console/test/unit.

/** The reconciler's steps, in the order it runs them (provisioning's ConditionSet.ORDER, Ready excluded). */
export const STEPS = ['Database', 'Bucket', 'Secrets', 'CloudCode', 'Runtime', 'Route'];

const FAILURE_REASONS = new Set(['Failed', 'Crashed']);

function byType(status) {
  const conditions = (status && Array.isArray(status.conditions)) ? status.conditions : [];
  return new Map(conditions.map(c => [c.type, c]));
}

/**
 * The state to show for an app: `ready` when its Ready condition is True and provisioning has seen the latest
 * generation; `updating` when it serves but a change is still rolling out; `failed` when a step failed or the
 * runtime crashed; otherwise `provisioning`.
 */
export function appState(app) {
  const status = app.status || {};
  const conditions = byType(status);
  const ready = conditions.get('Ready');
  const caughtUp = (status.observedGeneration || 0) >= (app.generation || 0);
  if (ready && ready.status === 'True') {
    return caughtUp ? 'ready' : 'updating';
  }
  const failed = [...conditions.values()].some(c => c.status === 'False' && FAILURE_REASONS.has(c.reason))
    || (ready && ready.status === 'False' && /Failed$/.test(ready.reason));
  return failed ? 'failed' : 'provisioning';
}

/** The badge text of a state. */
export function stateLabel(state) {
  return { ready: 'Ready', updating: 'Updating', provisioning: 'Provisioning', failed: 'Failed' }[state] || state;
}

/** Whether the console should keep polling an app in this state. */
export function isSettling(state) {
  return state !== 'ready';
}

/** How many of the reconciler's steps are done (condition True), out of {@link STEPS}. */
export function progress(app) {
  const conditions = byType(app.status);
  const done = STEPS.filter(step => conditions.get(step)?.status === 'True').length;
  return { done, total: STEPS.length };
}

/** The most telling message for a state that is not ready: the Ready condition's, else the first False one's. */
export function headline(app) {
  const conditions = byType(app.status);
  const ready = conditions.get('Ready');
  if (ready && ready.status !== 'True') {
    return ready.message;
  }
  if (!ready && conditions.size === 0) {
    return 'Waiting for provisioning to pick the app up…';
  }
  const notTrue = [...conditions.values()].find(c => c.status !== 'True');
  return notTrue ? notTrue.message : '';
}
