// An app's scheduled jobs, read-only: each _JobSchedule row (written from Parse Dashboard's Jobs page) with when it
// runs and its next run, then the latest runs the scheduler started, skipped or could not start.
import { h, mount, relativeTime } from '../dom.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "every 15 minutes from 08:00, Mon–Fri" / "once, at …" in words, for one schedule. */
export function describeSchedule(schedule) {
  if (!schedule.repeatMinutes) {
    return `once, at ${schedule.startAfter || '—'}`;
  }
  const every = schedule.repeatMinutes >= 1440 ? 'daily'
    : schedule.repeatMinutes % 60 === 0 ? `every ${schedule.repeatMinutes / 60} h`
      : `every ${schedule.repeatMinutes} min`;
  const at = (schedule.timeOfDay || '00:00').slice(0, 5);
  const days = (schedule.daysOfWeek || []).map((on, i) => (on ? DAYS[i] : null)).filter(Boolean);
  const which = days.length === 7 ? 'every day' : days.length === 0 ? 'no day' : days.join(', ');
  return `${every} ${schedule.repeatMinutes >= 1440 ? 'at' : 'from'} ${at}, ${which}`;
}

function when(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, relativeTime(iso)) : h('span', { class: 'muted' }, '—');
}

function schedulesTable(jobs) {
  if (jobs.schedulesError) {
    return h('p', { class: 'muted', id: 'jobs-schedules-error' }, jobs.schedulesError);
  }
  if (jobs.schedules.length === 0) {
    return h('p', { class: 'muted', id: 'jobs-schedules' }, 'No schedules. Schedule a job from the Jobs page of the '
      + 'app\'s Parse Dashboard.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { id: 'jobs-schedules' },
    h('thead', null, h('tr', null, ['Job', 'Description', 'When', 'Next run'].map(t => h('th', null, t)))),
    h('tbody', null, jobs.schedules.map(s => h('tr', { 'data-schedule': s.objectId },
      h('td', null, h('code', null, s.jobName)),
      h('td', null, s.description || ''),
      h('td', null, describeSchedule(s)),
      h('td', null, when(s.nextRun)))))));
}

function runsTable(runs) {
  if (runs.length === 0) {
    return h('p', { class: 'muted', id: 'jobs-runs' }, 'No scheduled run yet.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { id: 'jobs-runs' },
    h('thead', null, h('tr', null, ['Job', 'Planned', 'Outcome', 'Detail'].map(t => h('th', null, t)))),
    h('tbody', null, runs.map(r => h('tr', { 'data-outcome': r.outcome },
      h('td', null, h('code', null, r.jobName)),
      h('td', null, when(r.plannedAt)),
      h('td', null, r.outcome),
      h('td', { class: 'message' }, r.message || (r.jobStatusId ? `_JobStatus ${r.jobStatusId}` : '')))))));
}

/** Renders the Jobs card from `GET /api/v1/apps/{id}/jobs`. */
export function renderJobs(container, jobs) {
  mount(container, h('h2', null, 'Scheduled jobs'),
    h('p', { class: 'small muted' }, `Times in ${jobs.timeZone}.`),
    schedulesTable(jobs),
    h('h3', null, 'Latest runs'),
    runsTable(jobs.runs));
}
