// An app's jobs: its _JobSchedule rows (the ones Parse Dashboard's Jobs page writes too) with when they run and their
// next run, a form to create or edit one, delete (asked first), "Run now" for each job its Cloud Code defines, and the
// latest runs (scheduled or run now) with their _JobStatus: status, duration, message. Refreshed while shown, faster
// while a run is still running.
import { api } from '../api.js';
import { h, mount, relativeTime } from '../dom.js';
import { confirmDialog } from './widgets.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SLOW_MS = 30000;
const FAST_MS = 2000;

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

/** "850 ms", "1.5 s", "2 min 5 s", "1 h 3 min" for a run's duration; "" when unknown. */
export function formatDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${Math.round(seconds % 60)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** An ISO instant as a datetime-local input's value, in the browser's zone ("" for none). */
export function localInputValue(iso, offsetMinutes = new Date(iso).getTimezoneOffset()) {
  const time = Date.parse(iso || '');
  if (Number.isNaN(time)) {
    return '';
  }
  return new Date(time - offsetMinutes * 60000).toISOString().slice(0, 16);
}

/**
 * The API body for the form's values: `{job, description, params, startAfter (datetime-local, may be ''), timeOfDay,
 * repeatMinutes, days: [7 booleans]}`. A schedule that runs once sends no time of day nor days.
 */
export function scheduleBody(values) {
  const repeatMinutes = Number(values.repeatMinutes || 0);
  const body = {
    jobName: values.job,
    description: values.description || '',
    params: values.params && values.params.trim() ? values.params.trim() : '{}',
    repeatMinutes: Number.isFinite(repeatMinutes) ? repeatMinutes : values.repeatMinutes,
  };
  if (values.startAfter) {
    body.startAfter = new Date(values.startAfter).toISOString();
  }
  if (repeatMinutes > 0) {
    body.timeOfDay = values.timeOfDay || '00:00:00';
    body.daysOfWeek = values.days.map(on => (on ? 1 : 0));
  }
  return body;
}

function when(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, relativeTime(iso)) : h('span', { class: 'muted' }, '—');
}

function schedulesTable(jobs, { onEdit, onDelete }) {
  if (jobs.schedulesError) {
    return h('p', { class: 'muted', id: 'jobs-schedules-error' }, jobs.schedulesError);
  }
  if (jobs.schedules.length === 0) {
    return h('p', { class: 'muted', id: 'jobs-schedules' }, 'No schedules yet.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'conditions jobs', id: 'jobs-schedules' },
    h('thead', null, h('tr', null, ['Job', 'Description', 'When', 'Next run', ''].map(t => h('th', null, t)))),
    h('tbody', null, jobs.schedules.map(s => h('tr', { 'data-schedule': s.objectId },
      h('td', null, h('code', null, s.jobName)),
      h('td', { class: 'message' }, s.description || ''),
      h('td', null, describeSchedule(s)),
      h('td', { class: 'next-run' }, when(s.nextRun)),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'button ghost small', 'data-edit': s.objectId, onclick: () => onEdit(s) },
          'Edit'), ' ',
        h('button', { type: 'button', class: 'button ghost small', 'data-delete': s.objectId,
          onclick: () => onDelete(s) }, 'Delete')))))));
}

function definedJobsList(jobs, onRun) {
  if (jobs.definedJobs.length === 0) {
    return h('p', { class: 'small muted', id: 'jobs-defined' }, 'The app\'s Cloud Code defines no job yet: '
      + 'Parse.Cloud.job(\'name\', request => …) in main.js.');
  }
  return h('ul', { class: 'job-list', id: 'jobs-defined' }, jobs.definedJobs.map(name => h('li', { 'data-job': name },
    h('code', null, name),
    h('button', { type: 'button', class: 'button ghost small', 'data-run': name, onclick: () => onRun(name) },
      'Run now'))));
}

function statusCell(run) {
  if (run.status) {
    const tone = run.status === 'succeeded' ? 'true' : run.status === 'failed' ? 'false' : 'unknown';
    return h('span', { class: `cond ${tone}` }, run.status);
  }
  return h('span', { class: 'muted' }, run.outcome === 'started' ? '—' : run.outcome);
}

function runsTable(runs) {
  if (runs.length === 0) {
    return h('p', { class: 'muted', id: 'jobs-runs' }, 'No run yet.');
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: 'conditions jobs', id: 'jobs-runs' },
    h('thead', null, h('tr', null, ['Job', 'When', 'How', 'Status', 'Took', 'Message'].map(t => h('th', null, t)))),
    h('tbody', null, runs.map(r => h('tr', { 'data-outcome': r.outcome, 'data-status': r.status || '',
      'data-job-status': r.jobStatusId || '' },
    h('td', null, h('code', null, r.jobName)),
    h('td', null, when(r.plannedAt)),
    h('td', { class: 'small muted' }, r.scheduleId === 'run-now' ? 'run now' : `scheduled, ${r.outcome}`),
    h('td', null, statusCell(r)),
    h('td', { class: 'small' }, formatDuration(r.durationMs)),
    h('td', { class: 'message' }, r.statusMessage || r.message || ''))))));
}

function field(label, input, help) {
  return h('label', { class: 'field' }, h('span', null, label), input,
    help ? h('span', { class: 'small muted' }, help) : null);
}

/** The create / edit form; `onSave(body)` resolves once saved (rejects with the API's error). */
function scheduleForm(jobs, schedule, { onSave, onCancel }) {
  const editing = Boolean(schedule);
  const job = h('select', { name: 'job', required: true }, jobs.definedJobs.map(name => h('option', { value: name }, name)));
  if (editing && !jobs.definedJobs.includes(schedule.jobName)) {
    job.appendChild(h('option', { value: schedule.jobName }, `${schedule.jobName} (not defined)`));
  }
  job.value = editing ? schedule.jobName : jobs.definedJobs[0] || '';
  const description = h('input', { type: 'text', name: 'description', value: editing ? schedule.description : '',
    maxlength: '500' });
  const params = h('textarea', { name: 'params', rows: '3', spellcheck: 'false' });
  params.value = editing && schedule.params ? schedule.params : '{}';
  const startAfter = h('input', { type: 'datetime-local', name: 'startAfter',
    value: editing ? localInputValue(schedule.startAfter) : '' });
  const repeat = h('input', { type: 'number', name: 'repeatMinutes', min: '0', max: '1440', step: '1',
    value: String(editing ? schedule.repeatMinutes : 0) });
  const timeOfDay = h('input', { type: 'time', name: 'timeOfDay', step: '1',
    value: editing && schedule.timeOfDay ? schedule.timeOfDay : '00:00:00' });
  const flags = editing && schedule.daysOfWeek?.length === 7 ? schedule.daysOfWeek : [1, 1, 1, 1, 1, 1, 1];
  const days = DAYS.map((day, i) => h('input', { type: 'checkbox', name: `day-${day}`, checked: Boolean(flags[i]) }));
  const state = h('span', { class: 'small muted save-state', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', id: 'job-form-error', hidden: true });
  const save = h('button', { type: 'submit', class: 'button primary' }, editing ? 'Save' : 'Schedule');
  const form = h('form', { class: 'options-form job-form', id: 'job-form', 'data-editing': editing ? schedule.objectId : null },
    h('h3', null, editing ? 'Edit schedule' : 'New schedule'),
    field('Job', job),
    field('Description', description),
    field('Params (a JSON object)', params),
    field('Start after', startAfter, 'Your browser\'s time; empty: now. A schedule that does not repeat runs once, then.'),
    field('Repeat every (minutes)', repeat, '0: run once. 1 to 1440 (1440: daily).'),
    field(`Time of day (${jobs.timeZone})`, timeOfDay, 'The first run of each day.'),
    h('fieldset', { class: 'days' }, h('legend', null, 'Days'),
      DAYS.map((day, i) => h('label', { class: 'check' }, days[i], ` ${day}`))),
    h('div', { class: 'inline-form' }, save,
      h('button', { type: 'button', class: 'button ghost', onclick: onCancel }, 'Cancel'), state),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    save.disabled = true;
    error.hidden = true;
    state.textContent = 'Saving…';
    try {
      await onSave(scheduleBody({ job: job.value, description: description.value, params: params.value,
        startAfter: startAfter.value, repeatMinutes: repeat.value, timeOfDay: timeOfDay.value,
        days: days.map(d => d.checked) }));
    } catch (e) {
      state.textContent = '';
      error.textContent = e.message;
      error.hidden = false;
      save.disabled = false;
    }
  });
  return form;
}

/**
 * Renders the Jobs card into `container` and keeps it fresh; returns `{stop, refresh}` (refresh: read it again now,
 * e.g. once new Cloud Code is in place).
 */
export function renderJobs(container, app) {
  const id = app.applicationId;
  let latest = null;
  const head = h('p', { class: 'small muted' }, 'Loading…');
  const schedules = h('div', { id: 'jobs-schedules-card' });
  const formSlot = h('div', { id: 'job-form-slot' });
  const defined = h('div');
  const runs = h('div');
  const notice = h('p', { class: 'small muted', 'aria-live': 'polite', id: 'jobs-state' });
  const error = h('p', { class: 'error', role: 'alert', id: 'jobs-error', hidden: true });
  const add = h('button', { type: 'button', class: 'button', id: 'job-new', disabled: true }, 'New schedule');
  let stopped = false;
  let timer = null;
  let generation = 0;

  const failed = e => {
    error.textContent = e.message;
    error.hidden = false;
  };
  const closeForm = () => {
    mount(formSlot);
    add.hidden = false;
  };
  const openForm = schedule => {
    add.hidden = true;
    mount(formSlot, scheduleForm(latest, schedule, {
      onSave: async body => {
        if (schedule) {
          await api.updateSchedule(id, schedule.objectId, body);
          notice.textContent = 'Schedule saved; the scheduler uses it from its next tick.';
        } else {
          await api.createSchedule(id, body);
          notice.textContent = 'Schedule created; the scheduler uses it from its next tick.';
        }
        closeForm();
        await loop();
      },
      onCancel: closeForm,
    }));
    formSlot.querySelector('select, input')?.focus();
  };
  const remove = async schedule => {
    const yes = await confirmDialog({
      title: `Delete the schedule of ${schedule.jobName}?`,
      body: h('p', null, `“${describeSchedule(schedule)}” stops; a run already started goes on. The job itself stays `
        + 'in the app\'s Cloud Code.'),
      confirmLabel: 'Delete schedule', danger: true,
    });
    if (!yes) {
      return;
    }
    try {
      await api.deleteSchedule(id, schedule.objectId);
      notice.textContent = 'Schedule deleted.';
      await loop();
    } catch (e) {
      failed(e);
    }
  };
  const run = async name => {
    error.hidden = true;
    try {
      const started = await api.runJob(id, name);
      notice.textContent = `${name} started (_JobStatus ${started.jobStatusId}).`;
      await loop();
    } catch (e) {
      failed(e);
    }
  };
  const draw = jobs => {
    latest = jobs;
    mount(head, `Times of day in ${jobs.timeZone}.`);
    mount(schedules, schedulesTable(jobs, { onEdit: openForm, onDelete: remove }));
    mount(defined, definedJobsList(jobs, run));
    mount(runs, runsTable(jobs.runs));
    add.disabled = jobs.definedJobs.length === 0 || Boolean(jobs.schedulesError);
  };
  // one refresh now, then the next one soon while a run is still running, slowly otherwise; an action's own refresh
  // replaces the pending one
  const loop = async () => {
    const mine = ++generation;
    clearTimeout(timer);
    try {
      const jobs = await api.jobs(id);
      if (mine === generation) {
        draw(jobs);
        error.hidden = true;
      }
    } catch (e) {
      failed(e);
    }
    if (!stopped && mine === generation) {
      timer = setTimeout(loop, latest && latest.runs.some(r => r.status === 'running') ? FAST_MS : SLOW_MS);
    }
  };
  add.addEventListener('click', () => openForm(null));

  mount(container, h('div', { class: 'card-head' }, h('h2', null, 'Jobs'), add), head, schedules, formSlot, notice,
    error, h('h3', null, 'Run now'), defined, h('h3', null, 'Latest runs'), runs);
  loop();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    refresh: () => loop(),
  };
}
