// Organization admin views: engagement dashboard, member directory, progress and impact tabs.
// The filter bar (organization, date range, team) drives every view and lives in the URL.
import { api } from './api.js';
import { clear, emptyState, field, h, loadingState, section, select, uid } from './dom.js';
import { addDays, count, date, dateTime, minutes, num, pct, relative, todayIso, withUnit } from './format.js';
import { barList, lineChart, progressBar, pulseHeatmap } from './charts.js';
import { avatar, badge, errorBox, kpiCards, table } from './ui.js';

const cache = new Map();

/** Forgets what was loaded for the previous credential (sign-in, sign-out). */
export function forget() {
  cache.clear();
}

/** Organizations the caller can administer (owner or admin; a platform admin sees every one listed). */
export async function adminOrganizations() {
  if (!cache.has('orgs')) cache.set('orgs', api('/api/v1/organizations').catch((e) => { cache.delete('orgs'); throw e; }));
  const orgs = await cache.get('orgs');
  const list = Array.isArray(orgs) ? orgs : (orgs?.organizations ?? orgs?.items ?? []);
  return list.filter((o) => o.role === 'owner' || o.role === 'admin' || o.role === null || o.role === undefined);
}

async function teams(org) {
  const key = `teams:${org}`;
  if (!cache.has(key)) cache.set(key, api(`/api/v1/organizations/${encodeURIComponent(org)}/teams`).catch(() => []));
  return cache.get(key);
}

/** The admin query of the URL, with defaults: the 30 days ending today. */
function query(p) {
  const end = p.end || todayIso();
  const start = p.start || addDays(end, -29);
  return { organization_id: p.org, team_id: p.team || undefined, start_date: start, end_date: end };
}

function dashboard(q) {
  const key = `dash:${JSON.stringify(q)}`;
  if (!cache.has(key)) {
    cache.set(key, api('/api/v1/admin/stats/', { query: q }).catch((e) => { cache.delete(key); throw e; }));
    setTimeout(() => cache.delete(key), 60_000);
  }
  return cache.get(key);
}

/**
 * The filter bar. Resolves the organization (the URL's, else the first one the caller administers)
 * and returns the query, or null when there is nothing to show (a message is rendered instead).
 */
async function filters(container, ctx) {
  const p = ctx.params;
  let orgs;
  try {
    orgs = await adminOrganizations();
  } catch (e) {
    clear(container, errorBox(e, 'Organizations'));
    return null;
  }
  if (!ctx.alive()) return null;
  if (!p.org) {
    if (!orgs.length) {
      clear(container, h('h1', {}, 'Organization dashboards'),
        h('div', { class: 'notice', role: 'status' }, h('p', {}, 'You are not an owner or admin of any organization, so there is no dashboard to show.'),
          h('p', {}, 'Ask an owner to make you an admin, or open ', h('a', { href: '?view=me', 'data-nav': '' }, 'your own progress'), '.')));
      return null;
    }
    ctx.navigate({ org: orgs[0].id }, { replace: true });
    return null;
  }
  const q = query(p);
  const teamList = await teams(p.org);
  if (!ctx.alive()) return null;
  const known = orgs.some((o) => o.id === p.org);
  const orgSelect = select([...(known ? [] : [[p.org, 'Organization from the link']]), ...orgs.map((o) => [o.id, o.name])], p.org, { name: 'org' });
  const teamSelect = select([['', 'All teams'], ...(Array.isArray(teamList) ? teamList : []).map((t) => [t.id, t.name])], p.team, { name: 'team' });
  const start = h('input', { type: 'date', name: 'start', value: q.start_date, required: true });
  const end = h('input', { type: 'date', name: 'end', value: q.end_date, required: true, max: todayIso() });
  const apply = (changes) => ctx.navigate(changes);
  orgSelect.addEventListener('change', () => apply({ org: orgSelect.value, team: null, member: null }));
  teamSelect.addEventListener('change', () => apply({ team: teamSelect.value || null }));
  const preset = (days) => h('button', { type: 'button', class: 'chip', 'aria-pressed': String(q.end_date === todayIso() && q.start_date === addDays(todayIso(), 1 - days)),
    onclick: () => apply({ start: addDays(todayIso(), 1 - days), end: todayIso() }) }, `${days} days`);
  const form = h('form', { class: 'filters', 'aria-label': 'Organization, date range and team', onsubmit: (ev) => {
    ev.preventDefault();
    apply({ start: start.value, end: end.value });
  } },
  field('Organization', orgSelect),
  field('From', start),
  field('To', end),
  h('div', { class: 'field field-button' }, h('button', { type: 'submit' }, 'Apply range')),
  field('Team', teamSelect),
  h('div', { class: 'presets', role: 'group', 'aria-label': 'Quick ranges' }, [7, 30, 90, 365].map(preset)));
  container.append(form);
  const org = orgs.find((o) => o.id === p.org);
  return { q, org, teams: Array.isArray(teamList) ? teamList : [] };
}

function rangeText(dr) {
  if (!dr) return '';
  return `${date(dr.start_date)} – ${date(dr.end_date)} (${num(dr.days, 0)} days), compared with ${date(dr.previous_start_date)} – ${date(dr.previous_end_date)}`;
}

function heading(title, f, dr) {
  const team = f.teams.find((t) => t.id === f.q.team_id);
  return h('div', { class: 'view-heading' }, h('h1', {}, `${title}`, f.org ? h('span', { class: 'sub' }, ` · ${f.org.name}`) : null,
    team ? h('span', { class: 'sub' }, ` · team ${team.name}`) : null),
  dr ? h('p', { class: 'range', 'data-start': dr.start_date, 'data-end': dr.end_date }, rangeText(dr)) : null);
}

/** Loads, showing a loading state in place, and replaces it with the error if it fails. */
async function load(slot, what, fn) {
  clear(slot, loadingState(`Loading ${what}…`));
  slot.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } catch (e) {
    clear(slot, errorBox(e, what[0].toUpperCase() + what.slice(1)));
    return null;
  } finally {
    slot.removeAttribute('aria-busy');
  }
}

function memberLink(row, ctx) {
  const name = row.full_name || row.username || row.user_id;
  const p = new URLSearchParams(window.location.search);
  p.set('view', 'members');
  p.set('member', row.user_id);
  return h('a', { href: `?${p}`, 'data-nav': '', class: 'member-link' }, avatar(name), ' ', name);
}

// ---------------------------------------------------------------------------------------------
// Engagement

export async function engagement(container, ctx) {
  const f = await filters(container, ctx);
  if (!f) return;
  const body = h('div', {});
  container.append(body);
  const d = await load(body, 'the engagement dashboard', () => dashboard(f.q));
  if (!d || !ctx.alive()) return;
  const cohorts = d.retention?.cohorts ?? [];
  const periods = d.retention?.periods ?? [];
  const activity = d.member_activity ?? [];
  const top = h('div', {});
  const showAll = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, `Show all ${num(activity.length, 0)} members`);
  const activityTable = (rows) => rows.length ? table([
    { label: 'Member', cell: (r) => memberLink(r, ctx) },
    { label: 'Learning time', num: true, cell: (r) => minutes(r.learning_time) },
    { label: 'Sessions', num: true, cell: (r) => num(r.sessions, 0) },
    { label: 'Active days', num: true, cell: (r) => num(r.active_days, 0) },
    { label: 'Last active', cell: (r) => h('time', { datetime: r.last_active ?? '' }, r.last_active ? relative(r.last_active) : 'never') },
    { label: 'Status', cell: (r) => badge(r.status) },
  ], rows, { caption: 'Members by learning time in the range', rowAttrs: (r) => ({ 'data-user': r.user_id }) }) : emptyState('No members in scope.');
  clear(top, activityTable(activity.slice(0, 10)));
  showAll.addEventListener('click', () => {
    const expanded = showAll.getAttribute('aria-expanded') === 'true';
    clear(top, activityTable(expanded ? activity.slice(0, 10) : activity));
    showAll.setAttribute('aria-expanded', String(!expanded));
    showAll.textContent = expanded ? `Show all ${num(activity.length, 0)} members` : 'Show the top 10 only';
  });
  clear(body,
    heading('Engagement', f, d.date_range),
    section('Key figures', 'kpis', kpiCards(d.kpis, { compareText: 'Previous period' })),
    section('Learning pulse', 'pulse', pulseHeatmap(d.pulse, { label: 'Organization learning pulse' })),
    h('div', { class: 'grid-2' },
      section('Learning hours trend', 'trend', lineChart((d.trend ?? []).map((t) => t.date), [
        { name: 'Total learning hours', values: (d.trend ?? []).map((t) => t.total_learning_hours), format: (v) => `${num(v)} h` },
        { name: 'Hours per member', values: (d.trend ?? []).map((t) => t.avg_learning_hours_per_member), format: (v) => `${num(v, 2)} h` },
      ], { title: 'Learning hours trend' })),
      section('Members by learning time', 'distribution', barList((d.activity_distribution ?? []).map((b) => ({ label: b.bucket, value: b.member_count, text: count(b.member_count, 'member') })), { title: 'Members by learning time in the range' }))),
    section('Retention by join week', 'retention',
      cohorts.length ? h('div', {}, retentionMatrix(periods, cohorts),
        h('h3', {}, 'Retention figures'), kpiCards(d.retention?.analytics?.metrics ?? [], { compareText: 'Previous period' }))
        : emptyState('No member joined in this range, so there are no cohorts to follow. Widen the range to include join dates.')),
    section('Member activity', 'member-activity', top, activity.length > 10 ? showAll : null));
}

function retentionMatrix(periods, cohorts) {
  const shade = (r) => (r >= 80 ? 5 : r >= 60 ? 4 : r >= 40 ? 3 : r >= 20 ? 2 : r > 0 ? 1 : 0);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table retention' },
    h('caption', {}, 'Share of each join-week cohort active in each following week'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Cohort'), h('th', { scope: 'col', class: 'num' }, 'Members'),
      periods.map((p) => h('th', { scope: 'col', class: 'num' }, p)))),
    h('tbody', {}, cohorts.map((c) => h('tr', { 'data-cohort': c.cohort },
      h('th', { scope: 'row' }, c.cohort, h('span', { class: 'hint' }, ` from ${date(c.cohort_start_date)}`)),
      h('td', { class: 'num' }, num(c.cohort_size, 0)),
      periods.map((_, i) => {
        const cell = c.periods.find((x) => x.period === i) ?? c.periods[i];
        return cell ? h('td', { class: `num heat-${shade(cell.retention_rate)}`, title: `${num(cell.retained_users, 0)} of ${num(c.cohort_size, 0)}` }, pct(cell.retention_rate))
          : h('td', { class: 'num na' }, h('span', { class: 'visually-hidden' }, 'not yet'), '·');
      }))))));
}

// ---------------------------------------------------------------------------------------------
// Member directory and member detail

export async function members(container, ctx) {
  const f = await filters(container, ctx);
  if (!f) return;
  const body = h('div', {});
  container.append(body);
  if (ctx.params.member) {
    await memberDetail(body, ctx, f);
    return;
  }
  const d = await load(body, 'the member directory', () => dashboard(f.q));
  if (!d || !ctx.alive()) return;
  const activity = new Map((d.member_activity ?? []).map((m) => [m.user_id, m]));
  const all = (d.member_directory ?? []).map((m) => ({ ...m, learning_time: activity.get(m.user_id)?.learning_time ?? 0 }));
  const p = ctx.params;
  const search = h('input', { type: 'search', name: 'q', value: p.q ?? '', placeholder: 'Name, username or email', autocomplete: 'off' });
  const status = select([['', 'All statuses'], ['active', 'Active'], ['at_risk', 'At risk'], ['inactive', 'Inactive']], p.status, { name: 'status' });
  const sort = select([['name', 'Name'], ['last_active', 'Last active'], ['join_date', 'Join date'], ['learning_time', 'Learning time']], p.sort || 'name', { name: 'sort' });
  const order = select([['asc', 'Ascending'], ['desc', 'Descending']], p.order || 'asc', { name: 'order' });
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const list = h('div', {});
  const draw = () => {
    const needle = search.value.trim().toLowerCase();
    const rows = all.filter((m) => (!status.value || m.status === status.value)
      && (!needle || [m.full_name, m.username, m.email, m.user_id].some((v) => v && v.toLowerCase().includes(needle))));
    const key = sort.value;
    const dir = order.value === 'desc' ? -1 : 1;
    const val = (m) => (key === 'name' ? (m.full_name || m.username || m.user_id || '').toLowerCase()
      : key === 'learning_time' ? m.learning_time : (m[key] ?? ''));
    rows.sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : 0));
    count.textContent = `Showing ${num(rows.length, 0)} of ${num(all.length, 0)} members`;
    clear(list, rows.length ? table([
      { label: 'Member', cell: (r) => memberLink(r, ctx) },
      { label: 'Username', cell: (r) => r.username ?? '–' },
      { label: 'Email', cell: (r) => r.email ?? '–' },
      { label: 'Team', cell: (r) => (r.teams ?? []).join(', ') || '–' },
      { label: 'Status', cell: (r) => badge(r.status) },
      { label: 'Last active', cell: (r) => h('time', { datetime: r.last_active ?? '' }, r.last_active ? dateTime(r.last_active) : 'never') },
      { label: 'Joined', cell: (r) => (r.join_date ? date(r.join_date.slice(0, 10)) : '–') },
      { label: 'Learning time', num: true, cell: (r) => minutes(r.learning_time) },
    ], rows, { caption: 'Member directory', rowAttrs: (r) => ({ 'data-user': r.user_id, 'data-status': r.status }) })
      : emptyState('No member matches. Clear the search or the status filter.'));
  };
  let timer;
  const onChange = () => { draw(); clearTimeout(timer); timer = setTimeout(updateUrl, 300); };
  search.addEventListener('input', onChange);
  [status, sort, order].forEach((s) => s.addEventListener('change', onChange));
  clear(body, heading('Members', f, d.date_range),
    h('form', { class: 'filters toolbar', role: 'search', onsubmit: (ev) => ev.preventDefault() },
      field('Search members', search), field('Status', status), field('Sort by', sort), field('Order', order)),
    count, list);
  draw();
}

/** Writes the directory's controls into the URL without re-rendering. */
function updateUrl() {
  const form = document.querySelector('form.toolbar');
  if (!form) return;
  const p = new URLSearchParams(window.location.search);
  const set = (k, v) => (v ? p.set(k, v) : p.delete(k));
  set('q', form.q.value.trim());
  set('status', form.status.value);
  set('sort', form.sort.value === 'name' ? '' : form.sort.value);
  set('order', form.order.value === 'asc' ? '' : form.order.value);
  window.history.replaceState(null, '', `${window.location.pathname}?${p}`);
}

async function memberDetail(body, ctx, f) {
  const id = ctx.params.member;
  const back = new URLSearchParams(window.location.search);
  back.delete('member');
  const d = await load(body, 'the member', () => api(`/api/v1/admin/stats/members/${encodeURIComponent(id)}`, { query: { organization_id: f.q.organization_id, start_date: f.q.start_date, end_date: f.q.end_date } }));
  if (!ctx.alive()) return;
  if (!d) {
    body.prepend(h('p', {}, h('a', { href: `?${back}`, 'data-nav': '' }, '← Back to the directory')));
    return;
  }
  const m = d.member ?? {};
  const name = m.full_name || m.username || id;
  const sessions = d.sessions ?? [];
  clear(body,
    h('p', {}, h('a', { href: `?${back}`, 'data-nav': '' }, '← Back to the directory')),
    h('div', { class: 'view-heading member-heading' }, h('h1', {}, avatar(name), ' ', name, ' ', badge(d.status ?? m.status)),
      h('p', { class: 'range' }, rangeText(d.date_range))),
    section('Profile', 'member-profile', h('dl', { class: 'facts' },
      h('dt', {}, 'Username'), h('dd', {}, m.username ?? '–'),
      h('dt', {}, 'Email'), h('dd', {}, m.email ?? '–'),
      h('dt', {}, 'Joined'), h('dd', {}, m.join_date ? dateTime(m.join_date) : '–'),
      h('dt', {}, 'Last active'), h('dd', {}, m.last_active ? dateTime(m.last_active) : 'never'),
      h('dt', {}, 'Team'), h('dd', {}, (d.affiliations ?? []).map((a) => a.team_name).filter(Boolean).join(', ') || '–'),
      h('dt', {}, 'Account'), h('dd', {}, m.account_status ?? '–'))),
    section('Key figures', 'member-kpis', kpiCards(d.kpis, { compareText: 'Previous period' })),
    section('Learning pulse', 'member-pulse', pulseHeatmap(d.pulse, { label: `${name}'s learning pulse` })),
    section('Learning hours trend', 'member-trend', lineChart((d.trend ?? []).map((t) => t.date), [
      { name: 'Learning hours', values: (d.trend ?? []).map((t) => t.total_learning_hours), format: (v) => `${num(v, 2)} h` }], { title: 'Learning hours trend' })),
    section('Sessions by day', 'member-sessions', sessions.length ? table([
      { label: 'Day', cell: (r) => date(r.date) },
      { label: 'Sessions', num: true, cell: (r) => num(r.sessions, 0) },
      { label: 'Learning time', num: true, cell: (r) => minutes(r.learning_time) },
    ], sessions.filter((s) => s.sessions > 0).slice(-31).reverse(), { caption: 'Active days in the range, newest first' }) : emptyState('No sessions in this range.')));
}

// ---------------------------------------------------------------------------------------------
// Progress

const METRICS = [['active_member_rate', 'Active-member rate (%)'], ['learning_hours_per_member_per_week', 'Learning hours per member per week'],
  ['average_score', 'Average score (points)'], ['sessions', 'Sessions']];

export async function progress(container, ctx) {
  const f = await filters(container, ctx);
  if (!f) return;
  const q = f.q;
  const body = h('div', {});
  container.append(body);
  const data = await load(body, 'the progress tab', () => Promise.all([
    api('/api/v1/admin/stats/progress/kpis', { query: q }),
    api('/api/v1/admin/stats/progress/trend', { query: q }),
    api('/api/v1/admin/stats/progress/distribution', { query: q }),
  ]));
  if (!data || !ctx.alive()) return;
  const [kpis, trend, dist] = data;
  const points = trend.points ?? [];
  const objectivesSlot = h('div', {});
  const formSlot = h('div', {});
  const suggestSlot = h('div', {});
  const membersSlot = h('div', {});
  const archived = ctx.params.archived === '1';
  const archivedBox = h('input', { type: 'checkbox', id: uid('archived'), checked: archived });
  archivedBox.addEventListener('change', () => ctx.navigate({ archived: archivedBox.checked ? '1' : null }));
  const form = objectiveForm(q, async () => { await drawObjectives(); });
  const drawObjectives = async () => {
    const list = await load(objectivesSlot, 'objectives', () => api('/api/v1/admin/stats/progress/objectives', { query: { organization_id: q.organization_id, include_archived: archived } }));
    if (!list) return;
    const items = list.objectives ?? [];
    clear(objectivesSlot, items.length ? h('ul', { class: 'objectives' }, items.map((o) => objectiveCard(o, q, drawObjectives)))
      : emptyState('No objectives yet. Create one below, or start from a suggestion.'));
  };
  clear(body,
    heading('Progress', f, kpis.date_range),
    section('Key figures', 'progress-kpis', kpiCards(kpis.kpis, { compareText: 'Previous period' })),
    h('div', { class: 'grid-2' },
      section('Weekly trend', 'progress-trend', lineChart(points.map((p) => p.period_start), [
        { name: 'Learning hours', values: points.map((p) => p.learning_hours), format: (v) => `${num(v)} h` },
        { name: 'Active members', values: points.map((p) => p.active_members), format: (v) => num(v, 0) },
        { name: 'Average score', values: points.map((p) => p.average_score), format: (v) => num(v) },
      ], { title: 'Weekly progress trend' })),
      section('Members by average score', 'progress-distribution', barList((dist.buckets ?? []).map((b) => ({ label: b.bucket, value: b.member_count, text: count(b.member_count, 'member') })), { title: 'Members by average score' }))),
    section('Objectives', 'objectives', h('div', { class: 'field-inline' }, archivedBox, h('label', { for: archivedBox.id }, 'Show archived objectives')), objectivesSlot),
    section('New objective', 'new-objective', h('p', { class: 'hint' }, 'Key results are measured from the organization\'s data, never typed in.'),
      h('button', { type: 'button', class: 'secondary', onclick: () => suggestObjectives(suggestSlot, q, form) }, 'Suggest objectives from our data'),
      suggestSlot, formSlot),
    section('Members', 'progress-members', membersSlot));
  formSlot.append(form.el);
  await Promise.all([drawObjectives(), progressMembers(membersSlot, q, ctx)]);
}

function objectiveCard(o, q, redraw) {
  const out = h('div', { 'aria-live': 'polite' });
  return h('li', { class: `objective status-${o.status}`, 'data-objective': o.id },
    h('div', { class: 'objective-head' }, h('h3', {}, o.title), badge(o.archived_at ? 'archived' : o.status)),
    o.description ? h('p', {}, o.description) : null,
    h('p', { class: 'hint' }, `${date(o.start_date)} – ${date(o.due_date)}`),
    progressBar(o.progress_pct, 100, `${pct(o.progress_pct)} overall`, `${o.title}: overall progress`),
    h('ul', { class: 'key-results' }, (o.key_results ?? []).map((kr) => h('li', { 'data-metric': kr.metric },
      h('span', { class: 'kr-label' }, kr.label),
      progressBar(kr.progress_pct, 100, `${withUnit(kr.current, kr.unit)} of ${withUnit(kr.target, kr.unit)} (from ${withUnit(kr.baseline, kr.unit)}) · ${pct(kr.progress_pct)}`, `${kr.label}: progress`)))),
    o.archived_at ? h('p', { class: 'hint' }, `Archived ${dateTime(o.archived_at)}`)
      : h('button', { type: 'button', class: 'secondary', onclick: async (ev) => {
        if (!window.confirm(`Archive "${o.title}"? It keeps its history.`)) return;
        ev.target.disabled = true;
        try {
          await api(`/api/v1/admin/stats/progress/objectives/${o.id}`, { method: 'DELETE', query: { organization_id: q.organization_id } });
          await redraw();
        } catch (e) {
          ev.target.disabled = false;
          clear(out, errorBox(e, 'Archive'));
        }
      } }, 'Archive'),
    out);
}

function objectiveForm(q, onSaved) {
  const title = h('input', { name: 'title', required: true, maxlength: 200 });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 2000 });
  const start = h('input', { type: 'date', name: 'start_date', required: true, value: todayIso() });
  const due = h('input', { type: 'date', name: 'due_date', required: true, value: addDays(todayIso(), 90) });
  const krs = h('div', { class: 'krs' });
  const out = h('div', { 'aria-live': 'polite' });
  const addKr = (kr = {}) => {
    if (krs.children.length >= 5) return;
    const metric = select(METRICS, kr.metric, { name: 'metric' });
    const target = h('input', { type: 'number', name: 'target', min: 0, step: 'any', required: true, value: kr.target ?? '' });
    const baseline = h('input', { type: 'number', name: 'baseline', min: 0, step: 'any', value: kr.baseline ?? '' });
    const row = h('fieldset', { class: 'kr-row' }, h('legend', {}, 'Key result'), field('Metric', metric), field('Target', target), field('Baseline (optional)', baseline),
      h('button', { type: 'button', class: 'link-button', onclick: () => { if (krs.children.length > 1) row.remove(); } }, 'Remove'));
    krs.append(row);
  };
  addKr();
  const el = h('form', { class: 'objective-form', 'aria-label': 'New objective', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { title: title.value.trim(), description: description.value.trim() || null, start_date: start.value, due_date: due.value,
      key_results: [...krs.querySelectorAll('.kr-row')].map((r) => ({ metric: r.querySelector('[name=metric]').value, target: Number(r.querySelector('[name=target]').value),
        ...(r.querySelector('[name=baseline]').value !== '' ? { baseline: Number(r.querySelector('[name=baseline]').value) } : {}) })) };
    try {
      const saved = await api('/api/v1/admin/stats/progress/objectives', { method: 'POST', query: { organization_id: q.organization_id }, body });
      clear(out, h('p', { class: 'success', role: 'status' }, `Objective "${saved.title}" created.`));
      el.reset();
      start.value = todayIso();
      due.value = addDays(todayIso(), 90);
      clear(krs);
      addKr();
      await onSaved();
    } catch (e) {
      clear(out, errorBox(e, 'The objective was not saved'));
    }
  } },
  field('Title', title), field('Description', description), h('div', { class: 'row' }, field('Start date', start), field('Due date', due)),
  krs, h('button', { type: 'button', class: 'link-button', onclick: () => addKr() }, '+ Add a key result (up to 5)'),
  h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Create objective')), out);
  return {
    el,
    fill(draft) {
      title.value = draft.title ?? '';
      description.value = draft.description ?? '';
      start.value = draft.start_date ?? todayIso();
      due.value = draft.due_date ?? '';
      clear(krs);
      (draft.key_results ?? []).forEach(addKr);
      if (!krs.children.length) addKr();
      clear(out, h('p', { class: 'hint', role: 'status' }, 'Draft filled in from the suggestion: review it, then create the objective.'));
      title.focus();
    },
  };
}

async function suggestObjectives(slot, q, form) {
  const s = await load(slot, 'suggestions', () => api('/api/v1/admin/stats/progress/objectives/suggest', { method: 'POST', query: { organization_id: q.organization_id }, body: {} }));
  if (!s) return;
  clear(slot, h('p', { class: 'hint' }, `Measured from ${date(s.measured_from)} to ${date(s.measured_to)}.`),
    h('ul', { class: 'suggestions' }, (s.suggestions ?? []).map((it) => h('li', { 'data-metric': it.metric },
      h('strong', {}, it.label), `: now ${withUnit(it.current_value, it.unit)}, suggested ${withUnit(it.suggested_target, it.unit)}. `,
      h('span', { class: 'hint' }, it.rationale ?? ''), ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => form.fill(it.draft) }, `Use as draft: ${it.draft?.title ?? it.label}`)))));
}

async function progressMembers(slot, q, ctx) {
  const page = Number(ctx.params.page || 0);
  const r = await load(slot, 'members', () => api('/api/v1/admin/stats/progress/members', { query: { ...q, page, size: 20, sort: 'learning_time', order: 'desc' } }));
  if (!r || !ctx.alive()) return;
  const pages = Math.max(1, Math.ceil(r.total / r.size));
  clear(slot, r.items?.length ? table([
    { label: 'Member', cell: (m) => memberLink(m, ctx) },
    { label: 'Team', cell: (m) => m.team_name ?? '–' },
    { label: 'Learning time', num: true, cell: (m) => minutes(m.learning_time) },
    { label: 'Sessions', num: true, cell: (m) => num(m.sessions, 0) },
    { label: 'Attempts', num: true, cell: (m) => num(m.attempts, 0) },
    { label: 'Average score', num: true, cell: (m) => (m.average_score === null ? '–' : num(m.average_score)) },
    { label: 'Status', cell: (m) => badge(m.status) },
  ], r.items, { caption: `Members by learning time (page ${page + 1} of ${pages})` }) : emptyState('No members in scope.'),
  pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Member pages' },
    h('button', { type: 'button', disabled: page === 0, onclick: () => ctx.navigate({ page: page - 1 || null }) }, '← Previous'),
    h('span', {}, ` Page ${page + 1} of ${pages} `),
    h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => ctx.navigate({ page: page + 1 }) }, 'Next →')) : null);
}

// ---------------------------------------------------------------------------------------------
// Impact

const LVI = [['learning_time', 'Learning time'], ['active_days', 'Active days'], ['xp', 'XP'], ['average_score', 'Average score'], ['objective_progress', 'Objective progress']];

export async function impact(container, ctx) {
  const f = await filters(container, ctx);
  if (!f) return;
  const q = f.q;
  const body = h('div', {});
  container.append(body);
  const data = await load(body, 'the impact tab', () => Promise.all([
    api('/api/v1/admin/stats/impact/kpis', { query: q }),
    api('/api/v1/admin/stats/impact/trend', { query: q }),
    api('/api/v1/admin/stats/impact/level-progression', { query: q }),
    api('/api/v1/admin/stats/impact/team-breakdown', { query: q }),
    api('/api/v1/admin/stats/impact/top-performers', { query: { ...q, limit: 10 } }),
  ]));
  if (!data || !ctx.alive()) return;
  const [kpis, trend, levels, teamsBreakdown, top] = data;
  const points = trend.points ?? [];
  const targetsSlot = h('div', {});
  const lviSlot = h('div', {});
  const suggestSlot = h('div', {});
  const tForm = targetForm(q, f.teams, async () => drawTargets());
  const drawTargets = async () => {
    const t = await load(targetsSlot, 'learning targets', () => api('/api/v1/admin/stats/impact/targets', { query: { organization_id: q.organization_id } }));
    if (!t) return;
    const teamName = (id) => (id ? (f.teams.find((x) => x.id === id)?.name ?? 'a team') : 'Whole organization');
    clear(targetsSlot, t.targets?.length ? table([
      { label: 'Metric', cell: (r) => r.label },
      { label: 'Scope', cell: (r) => teamName(r.team_id) },
      { label: 'Period', cell: (r) => `${r.period} (${date(r.period_start)} – ${date(r.period_end)})` },
      { label: 'Progress', cell: (r) => progressBar(r.progress_pct, 100, `${withUnit(r.current_value, r.unit)} of ${withUnit(r.target_value, r.unit)}`, `${r.label}: progress`) },
      { label: 'Status', cell: (r) => badge(r.status) },
    ], t.targets, { caption: 'Learning targets, measured over the current period to date', rowAttrs: (r) => ({ 'data-target': r.id, 'data-metric': r.metric }) })
      : emptyState('No learning targets yet. Set one below.'));
  };
  clear(body,
    heading('Impact', f, kpis.date_range),
    section('Key figures', 'impact-kpis', kpiCards(kpis.kpis, { compareText: 'Previous period' })),
    h('div', { class: 'grid-2' },
      section('Weekly trend', 'impact-trend', lineChart(points.map((p) => p.period_start), [
        { name: 'Learning hours', values: points.map((p) => p.learning_hours), format: (v) => `${num(v)} h` },
        { name: 'Average LVI', values: points.map((p) => p.average_lvi), format: (v) => num(v) },
      ], { title: 'Weekly impact trend' })),
      section('Level progression', 'level-progression',
        h('p', {}, `${num(levels.members_levelled_up, 0)} members levelled up; average level ${num(levels.average_level_at_start)} → ${num(levels.average_level_at_end)}.`),
        (levels.levels ?? []).length ? table([
          { label: 'Level', cell: (l) => `Level ${l.level}` },
          { label: 'Members at start', num: true, cell: (l) => num(l.members_at_start, 0) },
          { label: 'Members at end', num: true, cell: (l) => num(l.members_at_end, 0) },
        ], levels.levels, { caption: 'Members per level the day before the range and at its end' }) : emptyState('No levels yet.'))),
    section('Teams', 'team-breakdown', (teamsBreakdown.teams ?? []).length ? table([
      { label: 'Team', cell: (t) => t.team_name ?? 'No team' },
      { label: 'Members', num: true, cell: (t) => num(t.member_count, 0) },
      { label: 'Active', num: true, cell: (t) => num(t.active_members, 0) },
      { label: 'Learning hours', num: true, cell: (t) => num(t.learning_hours) },
      { label: 'XP', num: true, cell: (t) => num(t.xp, 0) },
      { label: 'Average score', num: true, cell: (t) => (t.average_score === null ? '–' : num(t.average_score)) },
      { label: 'Average LVI', num: true, cell: (t) => num(t.average_lvi) },
    ], teamsBreakdown.teams, { caption: 'Team breakdown' }) : emptyState('No teams.')),
    section('Top performers', 'top-performers',
      h('p', { class: 'hint' }, 'By Learning Value Index, weighted ', LVI.map(([k, l]) => `${l} ${pct((top.weights?.[k] ?? 0) * 100, 0)}`).join(', '), '.'),
      (top.performers ?? []).length ? table([
        { label: 'Rank', num: true, cell: (p) => num(p.rank, 0) },
        { label: 'Member', rowHeader: false, cell: (p) => memberLink(p, ctx) },
        { label: 'Team', cell: (p) => p.team_name ?? '–' },
        { label: 'LVI', num: true, cell: (p) => num(p.lvi) },
        { label: 'Learning hours', num: true, cell: (p) => num(p.learning_hours) },
        { label: 'Active days', num: true, cell: (p) => num(p.active_days, 0) },
        { label: 'XP', num: true, cell: (p) => num(p.xp, 0) },
      ], top.performers, { caption: 'Top 10 members by LVI' }) : emptyState('No members in scope.')),
    section('Learning targets', 'targets', targetsSlot,
      h('h3', {}, 'Set a target'),
      h('button', { type: 'button', class: 'secondary', onclick: () => suggestTargets(suggestSlot, q, tForm) }, 'Suggest targets from our data'),
      suggestSlot, tForm.el),
    section('LVI weights', 'lvi-weights', lviSlot));
  await Promise.all([drawTargets(), lviWeights(lviSlot, q)]);
}

function targetForm(q, teamList, onSaved) {
  const metric = select(METRICS, 'active_member_rate', { name: 'metric' });
  const value = h('input', { type: 'number', name: 'target_value', min: 0, step: 'any', required: true });
  const period = select([['week', 'This week'], ['month', 'This month'], ['quarter', 'This quarter']], 'month', { name: 'period' });
  const team = select([['', 'Whole organization'], ...teamList.map((t) => [t.id, t.name])], q.team_id ?? '', { name: 'team_id' });
  const out = h('div', { 'aria-live': 'polite' });
  const el = h('form', { class: 'target-form', 'aria-label': 'Set a learning target', onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { metric: metric.value, target_value: Number(value.value), period: period.value, ...(team.value ? { team_id: team.value } : {}) };
    try {
      const saved = await api('/api/v1/admin/stats/impact/targets', { method: 'POST', query: { organization_id: q.organization_id }, body });
      clear(out, h('p', { class: 'success', role: 'status' }, `Target saved: ${saved.label} ${withUnit(saved.target_value, saved.unit)} (${saved.period}).`));
      await onSaved();
    } catch (e) {
      clear(out, errorBox(e, 'The target was not saved'));
    }
  } },
  h('div', { class: 'row' }, field('Metric', metric), field('Target value', value), field('Period', period), field('Scope', team)),
  h('p', { class: 'hint' }, 'One target per metric and scope: saving again replaces it.'),
  h('button', { type: 'submit', class: 'primary' }, 'Save target'), out);
  return {
    el,
    fill(draft) {
      metric.value = draft.metric;
      value.value = draft.target_value;
      period.value = draft.period;
      team.value = draft.team_id ?? '';
      clear(out, h('p', { class: 'hint', role: 'status' }, 'Draft filled in from the suggestion: review it, then save.'));
      value.focus();
    },
  };
}

async function suggestTargets(slot, q, form) {
  const s = await load(slot, 'suggestions', () => api('/api/v1/admin/stats/impact/targets/suggest', { method: 'POST', query: { organization_id: q.organization_id, team_id: q.team_id } }));
  if (!s) return;
  clear(slot, h('ul', { class: 'suggestions' }, (s.suggestions ?? []).map((it) => h('li', { 'data-metric': it.metric },
    h('strong', {}, it.label), `: now ${withUnit(it.current_value, it.unit)}, suggested ${withUnit(it.suggested_value, it.unit)} (${it.period}). `,
    h('span', { class: 'hint' }, it.rationale ?? ''), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => form.fill(it.draft) }, `Use as draft: ${it.label}`)))));
}

async function lviWeights(slot, q) {
  const w = await load(slot, 'LVI weights', () => api('/api/v1/admin/stats/impact/lvi-weights', { query: { organization_id: q.organization_id } }));
  if (!w) return;
  const inputs = LVI.map(([k]) => h('input', { type: 'number', name: k, min: 0, max: 1, step: 0.01, required: true, value: w.weights?.[k] ?? 0 }));
  const sum = h('p', { class: 'lvi-sum', 'aria-live': 'polite' });
  const out = h('div', { 'aria-live': 'polite' });
  const validate = () => {
    const values = inputs.map((i) => Number(i.value));
    const problems = [];
    inputs.forEach((i, n) => {
      const bad = i.value === '' || !Number.isFinite(values[n]) || values[n] < 0 || values[n] > 1;
      i.setAttribute('aria-invalid', String(bad));
      if (bad) problems.push(`${LVI[n][1]}: a number from 0 to 1`);
    });
    const total = values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    if (Math.abs(total - 1) > 0.001) problems.push(`The weights must add up to 1; they add up to ${num(total, 3)}.`);
    sum.textContent = `Sum: ${num(total, 3)} ${Math.abs(total - 1) <= 0.001 ? '✓' : '(must be 1)'}`;
    sum.className = `lvi-sum ${Math.abs(total - 1) <= 0.001 ? 'ok' : 'bad'}`;
    return { values, problems };
  };
  inputs.forEach((i) => i.addEventListener('input', validate));
  const form = h('form', { class: 'lvi-form', 'aria-label': 'LVI weights', novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const { values, problems } = validate();
    if (problems.length) {
      clear(out, h('div', { class: 'error', role: 'alert' }, h('p', {}, h('strong', {}, 'Not saved: ')), h('ul', {}, problems.map((p) => h('li', {}, p)))));
      return;
    }
    try {
      const saved = await api('/api/v1/admin/stats/impact/lvi-weights', { method: 'PUT', query: { organization_id: q.organization_id }, body: { weights: Object.fromEntries(LVI.map(([k], n) => [k, values[n]])) } });
      clear(out, h('p', { class: 'success', role: 'status' }, `Weights saved${saved.updated_at ? ` at ${dateTime(saved.updated_at)}` : ''}. Reload the tab to see the index with them.`));
    } catch (e) {
      clear(out, errorBox(e, 'The weights were not saved'));
    }
  } },
  h('p', { class: 'hint' }, w.is_default ? 'These are the default weights.' : `Set for this organization${w.updated_at ? ` on ${dateTime(w.updated_at)}` : ''}.`),
  h('div', { class: 'row' }, LVI.map(([, label], n) => field(label, inputs[n]))),
  sum, h('button', { type: 'submit', class: 'primary' }, 'Save weights'), out);
  clear(slot, form);
  validate();
}

