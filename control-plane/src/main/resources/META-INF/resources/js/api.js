// The control plane's /api/v1, called with the console's session cookie (reparse_session, httpOnly).

/** An error answer: the HTTP status plus Parse's {code, error} body when there was one. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized = () => {};

/** Called when any call answers 401, i.e. the session ended; the app sends the user to the login page. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * One API call; `body` is sent as JSON, or as it is (a File or Blob) when `contentType` is given. Answers the parsed
 * JSON, or the text itself when `asText`.
 */
async function call(method, path, body, contentType, asText = false) {
  const init = { method, credentials: 'same-origin', headers: { Accept: asText ? 'text/plain' : 'application/json' } };
  if (body !== undefined && contentType) {
    init.headers['Content-Type'] = contentType;
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 100, 'The control plane cannot be reached.');
  }
  const text = await response.text();
  if (asText && response.ok) {
    return text;
  }
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const code = data && typeof data.code === 'number' ? data.code : 0;
    const fallback = response.status === 429 ? 'Too many attempts; try again later.' : `HTTP ${response.status}`;
    const message = data && typeof data.error === 'string' ? data.error : fallback;
    const error = new ApiError(response.status, code, message);
    // 429 (too many failed logins) says when to try again; the message already says it in words
    error.retryAfter = Number(response.headers.get('Retry-After')) || null;
    if (response.status === 401 && path !== '/api/v1/sessions') {
      onUnauthorized(error);
    }
    throw error;
  }
  return data;
}

export const api = {
  signup: (email, password) => call('POST', '/api/v1/accounts', { email, password }),
  login: (email, password) => call('POST', '/api/v1/sessions', { email, password }),
  logout: () => call('DELETE', '/api/v1/sessions/current'),
  account: () => call('GET', '/api/v1/account'),
  /** Who is signed in (account null when nobody) and whether SSO is offered; 200 either way. */
  session: () => call('GET', '/api/v1/console/session'),
  apps: () => call('GET', '/api/v1/apps').then(list => list.results),
  app: id => call('GET', `/api/v1/apps/${encodeURIComponent(id)}`),
  createApp: appName => call('POST', '/api/v1/apps', { appName }),
  updateApp: (id, changes) => call('PUT', `/api/v1/apps/${encodeURIComponent(id)}`, changes),
  deleteApp: id => call('DELETE', `/api/v1/apps/${encodeURIComponent(id)}`),
  rotateMasterKey: id => call('POST', `/api/v1/apps/${encodeURIComponent(id)}/keys/master/rotate`),
  /** The app's request log, newest first: `{level: 'info'|'error', q, n}`. */
  logs: (id, { level = 'info', q = '', n = 100 } = {}) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/logs?`
    + new URLSearchParams({ level, n: String(n), ...(q ? { q } : {}) })).then(page => page.results),
  /** The app's job schedules (with next runs), the jobs its code defines, and its latest runs with their status. */
  jobs: id => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/jobs`),
  createSchedule: (id, schedule) => call('POST', `/api/v1/apps/${encodeURIComponent(id)}/jobs/schedules`, schedule),
  updateSchedule: (id, objectId, schedule) => call('PUT',
    `/api/v1/apps/${encodeURIComponent(id)}/jobs/schedules/${encodeURIComponent(objectId)}`, schedule),
  deleteSchedule: (id, objectId) => call('DELETE',
    `/api/v1/apps/${encodeURIComponent(id)}/jobs/schedules/${encodeURIComponent(objectId)}`),
  /** Starts a job now; answers `{jobName, jobStatusId, startedAt}`. */
  runJob: (id, jobName) => call('POST',
    `/api/v1/apps/${encodeURIComponent(id)}/jobs/${encodeURIComponent(jobName)}/run`),
  /** Event names with counts in `{from, to}` (the app's analytics). */
  analyticsEvents: (id, params) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/analytics/events?`
    + new URLSearchParams(params)),
  /** One event's counts: `{from, to, interval: 'hour'|'day', groupBy?, distinct?: 'senders', dimensions?}`. */
  analyticsSeries: (id, name, params) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/analytics/events/`
    + `${encodeURIComponent(name)}?` + new URLSearchParams(params)),
  /** API requests the routers counted: `{from, to, interval: 'hour'|'day', groupBy?: 'operation'|'class'|'status'|'sdk'}`. */
  analyticsRequests: (id, params) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/analytics/requests?`
    + new URLSearchParams(params)),
  /** Latency percentiles per operation in `{from, to}`: `{results: [{operation, count, p50, p95, p99}]}` (ms). */
  analyticsLatency: (id, params) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/analytics/latency?`
    + new URLSearchParams(params)),
  usage: (id, hours = 24) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/usage?hours=${hours}`),
  /** The current Cloud Code version, or null when the app has none (404). */
  cloudCode: id => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/cloud`)
    .catch(e => (e.status === 404 && e.code === 101 ? null : Promise.reject(e))),
  /** Uploads main.js (any other name is sent as JavaScript too) or a .zip of the code folder. */
  uploadCloudCode: (id, file) => call('PUT', `/api/v1/apps/${encodeURIComponent(id)}/cloud`, file,
    /\.zip$/i.test(file.name) ? 'application/zip' : 'application/javascript'),
  releases: id => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/releases`).then(list => list.results),
  /** One release with its files (`entries: [{path, size}]`). */
  release: (id, version) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/releases/${encodeURIComponent(version)}`),
  /** One file of a release, as text. */
  releaseFile: (id, version, path) => call('GET', `/api/v1/apps/${encodeURIComponent(id)}/releases/`
    + `${encodeURIComponent(version)}/files/${path.split('/').map(encodeURIComponent).join('/')}`, undefined, undefined, true),
  activateRelease: (id, version) => call('POST',
    `/api/v1/apps/${encodeURIComponent(id)}/releases/${encodeURIComponent(version)}/activate`),
};

/** Whether single sign-on is offered (the console session says so; no probing of a route that may not exist). */
export async function ssoAvailable() {
  try {
    return (await api.session()).sso === true;
  } catch {
    return false;
  }
}
