'use strict';
// Parse.Cloud.httpRequest as parse.com had it: resolves with {status, headers, buffer, text, data, cookies}
// and rejects with that same response when the status is 400 or more; `success`/`error` callbacks too.

function queryString(params) {
  if (!params) {
    return '';
  }
  if (typeof params === 'string') {
    return params.replace(/^\?/, '');
  }
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

function headerValue(headers, name) {
  const key = Object.keys(headers).find(h => h.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The body to send and the Content-Type it implies: objects go as JSON or a form, as the headers ask. */
function encodeBody(body, headers) {
  if (body === undefined || body === null) {
    return undefined;
  }
  if (Buffer.isBuffer(body) || body instanceof Uint8Array || typeof body === 'string') {
    return body;
  }
  const type = headerValue(headers, 'content-type');
  if (type && /json/i.test(type)) {
    return JSON.stringify(body);
  }
  if (!type) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return queryString(body);
}

function parseCookies(setCookies) {
  const cookies = {};
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 0) {
      continue;
    }
    const cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
    for (const attribute of attributes) {
      const [k, ...v] = attribute.split('=');
      const key = k.trim().toLowerCase();
      const value = v.join('=').trim();
      if (key === 'path') cookie.path = value;
      else if (key === 'domain') cookie.domain = value;
      else if (key === 'expires') cookie.expires = new Date(value);
      else if (key === 'httponly') cookie.httpOnly = true;
      else if (key === 'secure') cookie.secure = true;
    }
    cookies[cookie.name] = cookie;
  }
  return cookies;
}

async function send(options) {
  if (!options || typeof options.url !== 'string') {
    throw new TypeError('httpRequest needs a url');
  }
  const headers = { ...(options.headers || {}) };
  const method = (options.method || 'GET').toUpperCase();
  const query = queryString(options.params);
  const url = query ? options.url + (options.url.includes('?') ? '&' : '?') + query : options.url;
  const body = method === 'GET' || method === 'HEAD' ? undefined : encodeBody(options.body, headers);
  const timeout = Number(options.timeout) > 0 ? Number(options.timeout) : undefined;
  const res = await fetch(url, {
    method,
    headers,
    body,
    redirect: options.followRedirects ? 'follow' : 'manual',
    signal: timeout ? AbortSignal.timeout(timeout) : undefined,
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  const response = {
    status: res.status,
    headers: Object.fromEntries(res.headers.entries()),
    buffer,
    text: buffer.toString('utf8'),
    cookies: parseCookies(res.headers.getSetCookie ? res.headers.getSetCookie() : []),
  };
  try {
    response.data = JSON.parse(response.text);
  } catch {
    response.data = undefined;
  }
  if (res.status >= 400) {
    throw response;
  }
  return response;
}

/** Parse.Cloud.httpRequest(options): a promise, and `options.success` / `options.error` when given. */
function httpRequest(options) {
  const promise = send(options);
  if (options && (typeof options.success === 'function' || typeof options.error === 'function')) {
    promise.then(
      response => options.success && options.success(response),
      response => options.error && options.error(response));
  }
  return promise;
}

module.exports = { httpRequest };
