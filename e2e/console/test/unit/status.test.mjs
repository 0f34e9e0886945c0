// The console's reading of provisioning status (js/status.js), on plain values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appState, headline, isSettling, progress } from '../../../../control-plane/src/main/resources/META-INF/resources/js/status.js';

const at = '2026-01-01T00:00:00Z';
const c = (type, status, reason, message = `${type} ${reason}`) => ({ type, status, reason, message, lastTransitionTime: at });
const app = (generation, observedGeneration, ...conditions) => ({ generation, status: { observedGeneration, conditions } });

test('an app whose Ready condition is True at the current generation is ready', () => {
  assert.equal(appState(app(2, 2, c('Runtime', 'True', 'Running'), c('Ready', 'True', 'Reconciled'))), 'ready');
});

test('a ready app whose latest change provisioning has not observed yet is updating, and still polled', () => {
  const state = appState(app(3, 2, c('Ready', 'True', 'Reconciled')));
  assert.equal(state, 'updating');
  assert.equal(isSettling(state), true);
});

test('an app with no conditions yet is provisioning', () => {
  const fresh = app(1, 0);
  assert.equal(appState(fresh), 'provisioning');
  assert.match(headline(fresh), /Waiting/);
});

test('a failed step makes the app failed, and the Ready message says which', () => {
  const failed = app(1, 1, c('Database', 'True', 'Created'), c('Bucket', 'False', 'Failed', 'no space'),
    c('Ready', 'False', 'BucketFailed', 'Bucket: no space'));
  assert.equal(appState(failed), 'failed');
  assert.equal(headline(failed), 'Bucket: no space');
});

test('a crashed runtime is failed; a runtime not running yet is still provisioning', () => {
  assert.equal(appState(app(1, 1, c('Runtime', 'False', 'Crashed'), c('Ready', 'False', 'RuntimeNotReady'))), 'failed');
  assert.equal(appState(app(1, 1, c('Runtime', 'False', 'NotRunning'), c('Ready', 'False', 'RuntimeNotReady'))),
    'provisioning');
});

test('progress counts the reconciler steps that are True', () => {
  const partly = app(1, 1, c('Database', 'True', 'Created'), c('Bucket', 'True', 'Created'),
    c('Secrets', 'Unknown', 'Waiting'), c('Ready', 'False', 'SecretsFailed'));
  assert.deepEqual(progress(partly), { done: 2, total: 6 });
});
