// The console's Jobs card (js/views/jobs.js): a schedule in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeSchedule } from '../../../../control-plane/src/main/resources/META-INF/resources/js/views/jobs.js';

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
