// Shared pieces of the views: API errors, KPI cards, badges, tables.
import { h } from './dom.js';
import { num, pct, statusLabel, unitLabel } from './format.js';

const TITLES = { 0: 'The gateway could not be reached', 400: 'Request not accepted', 401: 'Sign-in needed', 403: 'No access',
  404: 'Not found', 409: 'Conflict', 413: 'Too large', 422: 'Not accepted', 429: 'Too many requests', 502: 'Service unavailable',
  503: 'Service unavailable', 504: 'Service did not answer' };

function advice(status) {
  if (status === 401) return 'Your token or API key is missing, expired or not valid. Sign in again with a fresh one.';
  if (status === 403) return 'Your account is not allowed to see this. An organization\'s dashboards are for its owners and admins: '
    + 'ask an owner of the organization to make you an admin, or sign in with another account.';
  if (status === 404) return 'It may have been removed, or the link is wrong.';
  if (status === 422 || status === 400) return 'Correct the values and try again.';
  if (status === 429) return 'Wait a moment and try again.';
  if (status === 0 || status >= 500) return 'Try again shortly; if it persists, tell your operator (with the request id).';
  return '';
}

/** An API error as a message a person can act on: what happened, the API's detail, what to do. */
export function errorBox(err, what) {
  const status = err?.status ?? 0;
  const detail = err?.detail ?? String(err?.message ?? err);
  const errors = Array.isArray(err?.errors) ? err.errors : [];
  return h('div', { class: 'error', role: 'alert', 'data-status': status },
    h('p', { class: 'error-title' }, h('strong', {}, (what ? `${what}: ` : '') + (TITLES[status] ?? 'Error')),
      status ? ` (HTTP ${status})` : ''),
    h('p', { class: 'error-detail' }, detail),
    errors.length ? h('ul', { class: 'error-list' }, errors.map((e) => h('li', {}, typeof e === 'string' ? e : (e.detail ?? e.message ?? JSON.stringify(e))))) : null,
    advice(status) ? h('p', { class: 'error-advice' }, advice(status)) : null,
    status === 401 ? h('p', {}, h('a', { href: '?view=signin', 'data-nav': '' }, 'Sign in')) : null,
    err?.requestId ? h('p', { class: 'hint' }, `Request id: ${err.requestId}`) : null);
}

const ARROWS = { up: '▲', down: '▼', flat: '▬' };

/** KPI cards with the previous period's value, the delta and its direction (arrow and words, not colour alone). */
export function kpiCards(kpis, { compareText = 'previous period' } = {}) {
  if (!kpis?.length) return h('p', { class: 'empty' }, 'No figures for this range.');
  return h('div', { class: 'kpis' }, kpis.map((k) => {
    const dir = k.direction || 'flat';
    const deltaText = `${k.delta > 0 ? '+' : ''}${k.unit === '%' ? num(k.delta) + ' pts' : num(k.delta)}`;
    const pctText = k.delta_pct === null || k.delta_pct === undefined ? 'no previous value' : `${k.delta_pct > 0 ? '+' : ''}${pct(k.delta_pct)}`;
    return h('article', { class: 'kpi', 'data-key': k.key },
      h('h3', { class: 'kpi-label' }, k.label),
      h('p', { class: 'kpi-figure' },
        h('span', { class: 'kpi-value', 'data-value': k.value }, k.unit === '%' ? num(k.value) : num(k.value)),
        h('span', { class: 'kpi-unit' }, k.unit === '%' ? '%' : ` ${unitLabel(k.unit)}`)),
      h('p', { class: `kpi-delta direction-${dir}`, 'data-direction': dir },
        h('span', { 'aria-hidden': 'true' }, ARROWS[dir] ?? ''), ' ',
        h('span', { class: 'visually-hidden' }, `${dir}: `),
        h('span', { class: 'kpi-delta-value', 'data-delta': k.delta }, deltaText), ` (${pctText})`),
      h('p', { class: 'kpi-previous' }, `${compareText}: `, h('span', { 'data-previous': k.previous_value }, num(k.previous_value))));
  }));
}

export function badge(status) {
  return h('span', { class: `badge badge-${status}`, 'data-status': status }, statusLabel(status));
}

/** A table: columns [{label, cell(row) -> node|text, num?}], rows. */
export function table(columns, rows, { caption, rowAttrs } = {}) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', rowAttrs ? rowAttrs(r) : {}, columns.map((c, i) => {
      const v = c.cell(r);
      return i === 0 && c.rowHeader !== false ? h('th', { scope: 'row', class: c.num ? 'num' : null }, v) : h('td', { class: c.num ? 'num' : null }, v);
    }))))));
}

export function initials(name) {
  return (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((p) => p[0].toUpperCase()).join('');
}

export function avatar(name) {
  return h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(name));
}
