// The Analytics card's latency table rows (js/views/analytics.js), on plain values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyRows } from '../../../../control-plane/src/main/resources/META-INF/resources/js/views/analytics.js';

test('latency rows list the busiest operations first with rounded milliseconds', () => {
  const rows = latencyRows([
    { operation: 'get', count: 3, p50: 0.354, p95: 11.314, p99: 8192 },
    { operation: 'find', count: 40, p50: 1, p95: 2.828, p99: 45.255 },
    { operation: 'create', count: 3, p50: null, p95: null, p99: null },
  ]);
  assert.deepEqual(rows.map((r) => r.operation), ['find', 'create', 'get']);
  assert.deepEqual(rows[0], { operation: 'find', count: 40, p50: '1 ms', p95: '2.83 ms', p99: '45.3 ms' });
  assert.equal(rows[2].p95, '11.3 ms');
  assert.equal(rows[2].p99, '8192 ms');
  assert.equal(rows[1].p50, '—');
  assert.deepEqual(latencyRows(undefined), []);
});

test('events are read only once the app serves: Ready with its changes in place', async () => {
  const { serving } = await import('../../../../control-plane/src/main/resources/META-INF/resources/js/views/analytics.js');
  const ready = (status, observed = 1) => ({ generation: 1, status: { observedGeneration: observed,
    conditions: [{ type: 'Ready', status, reason: status === 'True' ? 'Ready' : 'Provisioning' }] } });
  assert.equal(serving(ready('True')), true);
  assert.equal(serving(ready('True', 0)), false, 'updating: a settings change may be restarting the runtime');
  assert.equal(serving(ready('False')), false);
  assert.equal(serving({ generation: 1, status: { observedGeneration: 0, conditions: [] } }), false);
});
