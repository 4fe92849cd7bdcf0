// Learner views: my progress (level, XP, streak, pulse, week, quests), leaderboards, and the
// public profile as others see it.
import { api, ApiError } from './api.js';
import { clear, emptyState, field, h, loadingState, section, select } from './dom.js';
import { count, date, dateTime, minutes, num } from './format.js';
import { barList, columnChart, progressBar, pulseHeatmap } from './charts.js';
import { avatar, badge, errorBox, table } from './ui.js';

/** Fills a slot from an API call, with loading and error states of its own. */
async function block(slot, what, fn, draw) {
  clear(slot, loadingState(`Loading ${what}…`));
  slot.setAttribute('aria-busy', 'true');
  try {
    const data = await fn();
    clear(slot, draw(data));
  } catch (e) {
    clear(slot, errorBox(e, what[0].toUpperCase() + what.slice(1)));
  } finally {
    slot.removeAttribute('aria-busy');
  }
}

function levelCard(p) {
  const inLevel = p.current_level_xp + p.xp_needed_for_next_level;
  return h('div', { class: 'level-card' },
    h('p', { class: 'big' }, 'Level ', h('span', { class: 'level-number', 'data-value': p.level }, num(p.level, 0))),
    progressBar(p.current_level_xp, inLevel, `${num(p.current_level_xp, 0)} of ${num(inLevel, 0)} XP in this level · ${num(p.xp_needed_for_next_level, 0)} XP to level ${num(p.level + 1, 0)}`, 'XP inside the current level'),
    h('p', {}, 'Total ', h('strong', { class: 'total-xp', 'data-value': p.total_xp }, num(p.total_xp, 0)), ' XP'),
    p.active_boost ? h('p', { class: 'boost', role: 'status' }, `⚡ Boost active: ×${num(p.active_boost.multiplier, 2)} XP until ${dateTime(p.active_boost.expires_at)}`)
      : h('p', { class: 'hint' }, 'No XP boost active. Complete a quest to earn one.'));
}

function streakCard(s, onRepair, notice) {
  const out = h('div', { class: 'repair-result', 'aria-live': 'polite' }, notice);
  return h('div', { class: 'streak-card' },
    h('p', { class: 'big' }, h('span', { class: 'streak-current', 'data-value': s.current_streak }, num(s.current_streak, 0)),
      ` day${s.current_streak === 1 ? '' : 's'} streak`),
    s.at_risk ? h('p', { class: 'warning', role: 'status' }, 'Your streak is at risk: learn something today to keep it.')
      : s.active_today ? h('p', { class: 'success' }, '✓ Active today') : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Longest streak'), h('dd', { class: 'streak-longest' }, count(s.longest_streak, 'day')),
      h('dt', {}, 'Active days in a row'), h('dd', {}, `${num(s.day_only_streak, 0)} (without freezes)`),
      h('dt', {}, 'Streak freezes'), h('dd', { class: 'freezes', 'data-value': s.freezes_available }, `${'❄'.repeat(s.freezes_available)} ${num(s.freezes_available, 0)} of 2 available`),
      h('dt', {}, 'Freezes used'), h('dd', {}, s.freezes_used?.length ? s.freezes_used.map((d) => date(d)).join(', ') : 'none in the last 30 days'),
      h('dt', {}, 'Last active'), h('dd', {}, s.last_active_date ? date(s.last_active_date) : 'never'),
      h('dt', {}, 'Next milestone'), h('dd', {}, `${num(s.next_milestone, 0)} days`)),
    h('p', { class: 'hint' }, 'Missed a day? A repair restores one of the last two days, once a month.'),
    h('button', { type: 'button', class: 'secondary', onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        const r = await api('/api/xp/streak/repair', { method: 'POST' });
        // the card is drawn again with the new figures, and this message in it
        onRepair(h('p', { class: 'success', role: 'status' }, `Repaired ${date(r.repaired_date)}: your streak is now ${count(r.streak.current_streak, 'day')}.`));
      } catch (e) {
        clear(out, errorBox(e, 'Streak repair'));
      } finally {
        ev.target.disabled = false;
      }
    } }, 'Repair my streak'), out);
}

function weekly(w, ctx) {
  const prev = new Date(w.week_start + 'T00:00:00Z');
  prev.setUTCDate(prev.getUTCDate() - 7);
  const next = new Date(w.week_start + 'T00:00:00Z');
  next.setUTCDate(next.getUTCDate() + 7);
  const iso = (d) => d.toISOString().slice(0, 10);
  const deltaText = w.delta_pct === null || w.delta_pct === undefined ? '' : ` (${w.delta > 0 ? '+' : ''}${num(w.delta_pct)} %)`;
  return h('div', {},
    h('p', {}, `${date(w.week_start)} – ${date(w.week_end)}: `, h('strong', { class: 'week-xp', 'data-value': w.total_xp }, `${num(w.total_xp, 0)} XP`),
      `, ${minutes(w.total_learning_minutes)}, ${count(w.active_days, 'active day')}. Previous week ${num(w.previous_week_total_xp, 0)} XP${deltaText}.`),
    columnChart((w.days ?? []).map((d) => ({ label: d.weekday?.slice(0, 3) ?? date(d.date, 'short'), value: d.xp, text: `${num(d.xp, 0)} XP`, active: d.active })), { title: 'XP per day this week', highlight: (i) => i.active }),
    h('nav', { class: 'pager', 'aria-label': 'Weeks' },
      h('button', { type: 'button', onclick: () => ctx.navigate({ week: iso(prev) }) }, '← Previous week'), ' ',
      h('button', { type: 'button', disabled: next > new Date(), onclick: () => ctx.navigate({ week: iso(next) }) }, 'Next week →')));
}

function quests(q) {
  const items = q.quests ?? [];
  if (!items.length) return emptyState('No quests today.');
  return h('div', {}, h('p', {}, `${num(q.completed_count, 0)} of ${num(items.length, 0)} completed today (${date(q.date)}).`),
    h('ul', { class: 'quests' }, items.map((it) => h('li', { class: `quest status-${it.status}`, 'data-quest': it.id },
      h('div', { class: 'objective-head' }, h('h3', {}, it.title), badge(it.status)),
      h('p', {}, it.description),
      progressBar(it.current_progress, it.target_value, `${num(it.current_progress, 0)} / ${num(it.target_value, 0)} (${num(it.progress_percentage, 0)} %)`, `${it.title}: progress`),
      h('p', { class: 'reward' }, `Reward: ×${num(it.reward_multiplier, 2)} XP for ${num(it.reward_duration, 0)} minutes`)))));
}

export async function me(container, ctx) {
  const slots = Object.fromEntries(['level', 'categories', 'streak', 'pulse', 'week', 'quests'].map((k) => [k, h('div', {})]));
  const name = ctx.me?.full_name || ctx.me?.username || 'My progress';
  clear(container, h('div', { class: 'view-heading' }, h('h1', {}, name), h('p', { class: 'range' }, ctx.me?.time_zone ? `Days are counted in ${ctx.me.time_zone}.` : '')),
    h('div', { class: 'grid-2' }, section('Level', 'level', slots.level), section('Streak', 'streak', slots.streak)),
    h('div', { class: 'grid-2' }, section('Today\'s quests', 'quests', slots.quests), section('XP by category', 'categories', slots.categories)),
    section('Learning pulse (365 days)', 'pulse', slots.pulse),
    section('Weekly activity', 'weekly', slots.week));
  const profile = api('/api/xp/profile');
  const drawStreak = (notice) => block(slots.streak, 'your streak', () => api('/api/xp/streak'), (s) => streakCard(s, drawStreak, notice));
  await Promise.all([
    block(slots.level, 'your level', () => profile, levelCard),
    block(slots.categories, 'XP by category', () => profile, (p) => {
      const items = Object.entries(p.xp_by_category ?? {}).sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ label: k.replace(/_/g, ' '), value: v, text: `${num(v, 0)} XP` }));
      return items.length ? barList(items, { title: 'XP by category' }) : emptyState('No XP yet.');
    }),
    drawStreak(),
    block(slots.pulse, 'your learning pulse', () => api('/api/xp/learning-pulse'), (p) => pulseHeatmap(p, { label: 'Your learning pulse' })),
    block(slots.week, 'your week', () => api('/api/xp/weekly-activity', { query: { week_start: ctx.params.week } }), (w) => weekly(w, ctx)),
    block(slots.quests, 'today\'s quests', () => api('/api/xp/quests'), quests),
  ]);
}

export async function leaderboards(container, ctx) {
  const p = ctx.params;
  const board = p.board === 'all_time' ? 'all_time' : 'weekly';
  let orgs = [];
  try {
    const list = await api('/api/v1/organizations');
    orgs = Array.isArray(list) ? list : [];
  } catch {
    orgs = [];
  }
  if (!ctx.alive()) return;
  const boardSelect = select([['weekly', 'This week'], ['all_time', 'All time']], board, { name: 'board' });
  const scope = select([['', 'Everyone'], ...orgs.map((o) => [o.id, o.name])], p.lb_org, { name: 'scope' });
  boardSelect.addEventListener('change', () => ctx.navigate({ board: boardSelect.value }));
  scope.addEventListener('change', () => ctx.navigate({ lb_org: scope.value || null }));
  const slot = h('div', {});
  clear(container, h('h1', {}, 'Leaderboards'),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, field('Board', boardSelect), field('Who', scope)), slot);
  await block(slot, 'the leaderboard', () => api('/api/xp/leaderboard', { query: { board, organization_id: p.lb_org, limit: 20 } }), (r) => {
    const mine = r.me ?? {};
    return h('div', { class: 'leaderboard', 'data-updated': r.updated_at ?? '' },
      h('div', { class: 'me-rank', role: 'status' }, h('strong', {}, 'You: '),
        mine.rank ? h('span', {}, 'rank ', h('span', { class: 'my-rank', 'data-value': mine.rank }, `#${num(mine.rank, 0)}`), ` with ${num(mine.xp, 0)} XP`)
          : h('span', {}, `not ranked yet (${num(mine.xp ?? 0, 0)} XP)`),
        mine.listed === false ? h('span', { class: 'hint' }, ' · your profile is private, so others do not see you listed') : null),
      r.entries?.length ? h('div', { class: 'board' }, table([
        { label: 'Rank', num: true, cell: (e) => `#${num(e.rank, 0)}` },
        { label: 'Learner', rowHeader: false, cell: (e) => h('span', {}, avatar(e.full_name || e.username), ' ', e.full_name || e.username, e.is_me ? h('strong', { class: 'me-tag' }, ' (you)') : null) },
        { label: 'XP', num: true, cell: (e) => num(e.xp, 0) },
      ], r.entries, { caption: `${board === 'weekly' ? 'XP this week' : 'XP of all time'}${r.updated_at ? `, updated ${dateTime(r.updated_at)}` : ''}`, rowAttrs: (e) => ({ class: e.is_me ? 'is-me' : null, 'aria-current': e.is_me ? 'true' : null }) }))
        : emptyState('Nobody on this board yet.'),
      mine.neighbours?.length && !r.entries?.some((e) => e.is_me) ? h('div', { class: 'around' }, h('h2', {}, 'Around you'), table([
        { label: 'Rank', num: true, cell: (e) => `#${num(e.rank, 0)}` },
        { label: 'Learner', rowHeader: false, cell: (e) => h('span', {}, e.full_name || e.username, e.is_me ? ' (you)' : '') },
        { label: 'XP', num: true, cell: (e) => num(e.xp, 0) },
      ], mine.neighbours, { rowAttrs: (e) => ({ class: e.is_me ? 'is-me' : null }) })) : null);
  });
}

export async function publicProfile(container, ctx) {
  const username = ctx.params.user || ctx.me?.username;
  const input = h('input', { name: 'user', value: username ?? '', required: true, autocomplete: 'off' });
  const slot = h('div', {});
  clear(container, h('h1', {}, 'Public profile'),
    h('p', { class: 'hint' }, 'What anyone can see, without signing in: no email, no ids.'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); ctx.navigate({ user: input.value.trim() }); } },
      field('Username', input), h('div', { class: 'field field-button' }, h('button', { type: 'submit' }, 'Show'))), slot);
  if (!username) {
    clear(slot, emptyState('Enter a username.'));
    return;
  }
  await block(slot, 'the public profile', () => fetchPublic(username), (p) => {
    const s = p.profile ?? {};
    return h('article', { class: 'public-profile' },
      h('h2', {}, avatar(p.full_name || p.username), ' ', p.full_name || p.username, h('span', { class: 'hint' }, ` @${p.username}`)),
      h('p', { class: 'hint' }, `Learning since ${p.created_at ? date(p.created_at.slice(0, 10)) : '–'}`),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Level'), h('dd', { class: 'pp-level' }, num(s.level, 0)),
        h('dt', {}, 'Total XP'), h('dd', { class: 'pp-xp' }, num(s.total_xp, 0)),
        h('dt', {}, 'In this level'), h('dd', {}, `${num(s.current_level_xp, 0)} XP, ${num(s.xp_needed_for_next_level, 0)} to the next`),
        h('dt', {}, 'Current streak'), h('dd', { class: 'pp-streak' }, `${num(s.current_streak, 0)} days`),
        h('dt', {}, 'Longest streak'), h('dd', {}, `${num(s.longest_streak, 0)} days`)),
      h('h3', {}, 'Today\'s quests'),
      p.active_quests?.length ? h('ul', { class: 'quests compact' }, p.active_quests.map((q) => h('li', {}, h('strong', {}, q.title), ' ', badge(q.status), ' ',
        progressBar(q.current_progress, q.target_value, `${num(q.progress_percentage, 0)} %`, `${q.title}: progress`))))
        : emptyState('No quests today.'));
  });
}

/** The public profile is public: asked for without the tab's credential, exactly as others see it. */
async function fetchPublic(username) {
  const r = await fetch(`/api/xp/public-profile/${encodeURIComponent(username)}`, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    throw new ApiError(r.status, body?.detail ?? `HTTP ${r.status}`, r.headers.get('X-Request-Id'));
  }
  return body;
}

