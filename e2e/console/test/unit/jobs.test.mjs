// The console's Jobs card (js/views/jobs.js): a schedule in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSchedule, formatDuration, localInputValue, scheduleBody } from '../../../../control-plane/src/main/resources/META-INF/resources/js/views/jobs.js';

test('repeating schedules read as their interval, start time and days', () => {
  const all = [1, 1, 1, 1, 1, 1, 1];
  assert.equal(describeSchedule({ repeatMinutes: 1440, timeOfDay: '03:30:00', daysOfWeek: all }), 'daily at 03:30, every day');
  assert.equal(describeSchedule({ repeatMinutes: 15, timeOfDay: '08:00', daysOfWeek: [0, 1, 1, 1, 1, 1, 0] }),
    'every 15 min from 08:00, Mon, Tue, Wed, Thu, Fri');
  assert.equal(describeSchedule({ repeatMinutes: 120, timeOfDay: '00:00', daysOfWeek: [1, 0, 0, 0, 0, 0, 0] }),
    'every 2 h from 00:00, Sun');
});

test('a one-time schedule reads as its start', () => {
  assert.equal(describeSchedule({ repeatMinutes: 0, startAfter: '2026-03-02T09:00:00Z' }), 'once, at 2026-03-02T09:00:00Z');
});

test('a run\'s duration reads in the unit that fits', () => {
  assert.equal(formatDuration(850), '850 ms');
  assert.equal(formatDuration(1500), '1.5 s');
  assert.equal(formatDuration(42_000), '42 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
  assert.equal(formatDuration(3_780_000), '1 h 3 min');
  assert.equal(formatDuration(null), '');
});

test('the form becomes the API body: days as 1/0 flags, no time or days for a one-time schedule', () => {
  const days = [false, true, true, true, true, true, false];
  assert.deepEqual(scheduleBody({ job: 'cleanup', description: 'tidy', params: ' {"n":1} ', startAfter: '',
    repeatMinutes: '15', timeOfDay: '08:30', days }), { jobName: 'cleanup', description: 'tidy', params: '{"n":1}',
    repeatMinutes: 15, timeOfDay: '08:30', daysOfWeek: [0, 1, 1, 1, 1, 1, 0] });
  const once = scheduleBody({ job: 'cleanup', description: '', params: '', startAfter: '2026-03-02T09:00',
    repeatMinutes: '0', timeOfDay: '08:30', days });
  assert.equal(once.params, '{}');
  assert.equal(once.repeatMinutes, 0);
  assert.equal(once.timeOfDay, undefined);
  assert.equal(once.daysOfWeek, undefined);
  assert.equal(once.startAfter, new Date('2026-03-02T09:00').toISOString());
});

test('an instant shows in a datetime-local input in the browser\'s zone', () => {
  assert.equal(localInputValue('2026-03-02T09:00:00Z', 0), '2026-03-02T09:00');
  assert.equal(localInputValue('2026-03-02T09:00:00Z', -60), '2026-03-02T10:00');
  assert.equal(localInputValue(null, 0), '');
});
