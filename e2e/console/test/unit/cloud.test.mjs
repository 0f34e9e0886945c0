// The console's Cloud Code card (js/views/cloud.js): sizes and whether an uploaded version is in place yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployed, formatBytes, looksBinary } from '../../../../control-plane/src/main/resources/META-INF/resources/js/views/cloud.js';

test('sizes read as B, KB and MB', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(150 * 1024), '150 KB');
  assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
});

test('a version is deployed once provisioning observed its generation with CloudCode True', () => {
  const code = { version: 2, generation: 5 };
  const app = (observedGeneration, status) => ({
    generation: 5, status: { observedGeneration, conditions: [{ type: 'CloudCode', status, reason: 'Deployed' }] },
  });
  assert.equal(deployed(app(4, 'True'), code), false, 'the previous generation is still the observed one');
  assert.equal(deployed(app(5, 'False'), code), false, 'the step failed');
  assert.equal(deployed(app(5, 'True'), code), true);
  assert.equal(deployed({ generation: 5 }, code), false, 'no status yet');
});

test('the file viewer tells binary text from source', () => {
  assert.equal(looksBinary("Parse.Cloud.define('hello', () => 'hi');\n"), false);
  assert.equal(looksBinary('caf\u00e9 \uFFFD once'), false, 'one stray replacement character is still text');
  assert.equal(looksBinary('PK\u0003\u0004\u0000\u0000'), true);
  assert.equal(looksBinary('\uFFFD'.repeat(20) + 'abc'), true);
});
