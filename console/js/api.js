// Calls the public APIs through the gateway that served the console (same origin), with the
// credential of this tab: a bearer token or an API key, kept in sessionStorage only.

const KEY = 'xentree.console.credential';

export function credential() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function setCredential(type, value) {
  sessionStorage.setItem(KEY, JSON.stringify({ type, value: value.trim() }));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The claims of a bearer token, read without verifying (the services verify it). */
export function tokenClaims() {
  const c = credential();
  if (c?.type !== 'token') return null;
  try {
    const part = c.value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(status, detail, requestId, errors) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.requestId = requestId;
    this.errors = errors;
  }
}

export async function api(path, { method = 'GET', query, body } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = { Accept: 'application/json' };
  const c = credential();
  if (c?.type === 'token') headers.Authorization = `Bearer ${c.value}`;
  if (c?.type === 'api_key') headers['X-API-Key'] = c.value;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, `The gateway could not be reached (${e.message}). Check your connection and try again.`);
  }
  const text = await r.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!r.ok) {
    const detail = data && typeof data.detail === 'string' ? data.detail : (text || r.statusText || `HTTP ${r.status}`);
    throw new ApiError(r.status, detail, r.headers.get('X-Request-Id'), data?.errors);
  }
  return data;
}
