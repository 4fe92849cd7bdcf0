// Browser test of the console: Debian's headless Chromium driven by playwright-core, against the
// real gateway and services with generated data (infra/system-tests' ConsoleIT starts them and
// the demo data; it also runs against `infra/run.sh --demo`). It asserts what a user sees: the
// numbers on screen equal the API's answers for the same organization, range, team and learner;
// changing the range or team changes them; filters filter; an objective and a target can be
// created and show up; bad LVI weights are refused before saving; an outsider's token sees the 403
// message and no data; no errors in the browser console. Screenshots of each view go to
// SCREENSHOTS (default infra/system-tests/target/console-screenshots).
//
//   node console/tests/console.test.mjs [--base http://127.0.0.1:8080] [--keys infra/.work/keys] [--screenshots DIR]
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { createSign, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const BASE = args.base ?? process.env.CONSOLE_BASE ?? 'http://127.0.0.1:8080';
const KEYS = resolve(args.keys ?? process.env.CONSOLE_KEYS ?? join(root, 'infra/.work/keys'));
const SHOTS = resolve(args.screenshots ?? process.env.CONSOLE_SCREENSHOTS ?? join(root, 'infra/system-tests/target/console-screenshots'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(SHOTS, { recursive: true });

// ------------------------------------------------------------------------------------ tokens
const b64 = (b) => Buffer.from(b).toString('base64url');
function token(sub, username, groups = []) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'dev' }))}.${b64(JSON.stringify({
    iss: 'https://auth.xentree.local', sub, upn: sub, jti: randomUUID(), iat: now, exp: now + 3600, preferred_username: username, groups }))}`;
  const sign = createSign('RSA-SHA256');
  sign.update(input);
  return `${input}.${sign.sign(readFileSync(join(KEYS, 'private.pem'), 'utf8'), 'base64url')}`;
}
const ADMIN = token('demo-admin', 'demo_admin');
const LEARNER = token('demo-user', 'demo');
const OUTSIDER = token(`outsider-${randomUUID().slice(0, 8)}`, `outsider_${randomUUID().slice(0, 6)}`);

// ------------------------------------------------------------------------------------ API
async function api(tok, path, query = {}, init = {}) {
  const url = new URL(path, BASE);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url, { ...init, headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    if (r.status === 429 && attempt < 20) { await sleep(1000); continue; }
    const body = await r.json().catch(() => null);
    if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${url} -> ${r.status} ${JSON.stringify(body)}`);
    return body;
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const iso = (d) => d.toISOString().slice(0, 10);
const daysAgo = (n) => iso(new Date(Date.now() - n * 86400000));

/** Waits until the answers stop changing (the consumers have caught up). */
async function settled(fetchAll, what) {
  let last = null;
  for (let i = 0; i < 60; i++) {
    const now = JSON.stringify(await fetchAll());
    if (now === last) return;
    last = now;
    await sleep(1500);
  }
  throw new Error(`${what} did not settle`);
}

/** The number a person reads in a text: "1,234.5 h" -> 1234.5 (en-US). */
const numberIn = (text) => Number(text.replace(/[^0-9.\-]/g, ''));
const round1 = (v) => Math.round(v * 10) / 10;

// ------------------------------------------------------------------------------------ browser
const userDataDir = mkdtempSync(join(tmpdir(), 'xentree-console-'));
// one browser with a fresh profile; each "session" is a tab of its own (the credential is per tab)
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  locale: 'en-US',
  timezoneId: 'UTC',
  viewport: { width: 1366, height: 900 },
});
const results = [];
const consoleProblems = [];

async function session(name, { allow = [] } = {}) {
  const page = await browser.newPage();
  const context = { newPage: () => browser.newPage(), close: () => page.close() };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      if (!allow.some((re) => re.test(m.text()))) consoleProblems.push(`${name}: console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => consoleProblems.push(`${name}: page error: ${e.message}`));
  page.on('requestfailed', (r) => consoleProblems.push(`${name}: request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(BASE)) consoleProblems.push(`${name}: request outside the gateway: ${r.url()}`);
  });
  return { context, page };
}

async function ready(page, view) {
  await page.waitForSelector(`main[data-ready="${view}"] .view[data-view="${view}"]`, { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]') && !document.querySelector('main .loading'), null, { timeout: 20000 });
}

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push(`FAIL ${name}: ${e.stack ?? e}`);
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** KPI cards on screen against the API's: value, previous value and direction of every card. */
async function assertKpis(page, scope, kpis) {
  const cards = await page.$$eval(`${scope} .kpi`, (els) => els.map((e) => ({ key: e.dataset.key, value: e.querySelector('.kpi-value').textContent,
    previous: e.querySelector('[data-previous]').textContent, direction: e.querySelector('.kpi-delta').dataset.direction })));
  assert.equal(cards.length, kpis.length, `${scope}: ${kpis.length} KPI cards`);
  kpis.forEach((k, i) => {
    assert.equal(cards[i].key, k.key);
    assert.equal(numberIn(cards[i].value), round1(k.value), `${scope} ${k.key}: card shows ${cards[i].value}, API says ${k.value}`);
    assert.equal(numberIn(cards[i].previous), round1(k.previous_value), `${scope} ${k.key} previous`);
    assert.equal(cards[i].direction, k.direction, `${scope} ${k.key} direction`);
  });
}

const started = Date.now();
try {
  // the data the tests look at: the demo organizations of the demo admin
  const orgs = (await api(ADMIN, '/api/v1/organizations')).filter((o) => o.name.startsWith('Demo Academy'));
  assert.ok(orgs.length >= 1, 'the demo organizations exist (run the demo data first)');
  const org = orgs[0];
  const teams = await api(ADMIN, `/api/v1/organizations/${org.id}/teams`);
  const end = daysAgo(0);
  const start = daysAgo(29);
  const q = { organization_id: org.id, start_date: start, end_date: end };
  await settled(() => Promise.all([api(ADMIN, '/api/v1/admin/stats/', q).then((d) => d.kpis), api(LEARNER, '/api/xp/streak'), api(LEARNER, '/api/xp/profile')]), 'the system');

  // ---------------------------------------------------------------------------- admin
  const admin = await session('admin', { allow: [/status of 422/] });
  const { page } = admin;
  await step('sign-in link: the token in the fragment is kept for the tab and removed from the URL', async () => {
    await page.goto(`${BASE}/console/?view=engagement&org=${org.id}&start=${start}&end=${end}#token=${ADMIN}`);
    await ready(page, 'engagement');
    assert.ok(!page.url().includes('#token'), `token left in the URL: ${page.url()}`);
    assert.ok(!page.url().includes(ADMIN.slice(0, 20)));
    const stored = await page.evaluate(() => sessionStorage.getItem('xentree.console.credential'));
    assert.ok(stored.includes(ADMIN), 'credential in sessionStorage');
    assert.match(await page.textContent('#who'), /demo_admin/);
  });

  let dash;
  await step('engagement: KPI cards, pulse, trend, buckets, retention and member activity equal the API', async () => {
    dash = await api(ADMIN, '/api/v1/admin/stats/', q);
    await assertKpis(page, '#kpis', dash.kpis);
    assert.equal(await page.locator('#pulse rect.day').count(), dash.pulse.activity_data.length);
    const levels = await page.$$eval('#pulse rect.day', (els) => els.map((e) => Number(e.dataset.level)));
    assert.deepEqual(levels, dash.pulse.activity_data.map((d) => d.level), 'pulse levels day by day');
    assert.match(await page.textContent('#pulse figcaption'), new RegExp(`${dash.pulse.summary.active_days} active days?`));
    assert.equal(await page.locator('#pulse .legend-item').count(), 5, 'heatmap legend');
    assert.equal(await page.locator('#trend circle').count(), dash.trend.length * 2);
    const bars = await page.$$eval('#distribution text.bar-value', (els) => els.map((e) => e.textContent));
    assert.deepEqual(bars.map(numberIn), dash.activity_distribution.map((b) => b.member_count), 'distribution buckets');
    assert.equal(await page.locator('#retention tbody tr').count(), dash.retention.cohorts.length);
    const rows = await page.$$eval('#member-activity tbody tr', (els) => els.map((e) => e.dataset.user));
    assert.deepEqual(rows, dash.member_activity.slice(0, 10).map((m) => m.user_id), 'member activity: top 10 by learning time');
    await shot(page, '01-admin-engagement');
  });

  await step('engagement: a 7-day range changes the cards to the API\'s 7-day figures and the URL keeps it', async () => {
    await page.getByRole('button', { name: '7 days', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('start') === daysAgo(6));
    await ready(page, 'engagement');
    const d7 = await api(ADMIN, '/api/v1/admin/stats/', { ...q, start_date: daysAgo(6) });
    assert.equal(d7.date_range.days, 7);
    await assertKpis(page, '#kpis', d7.kpis);
    assert.notDeepEqual(d7.kpis.map((k) => k.value), dash.kpis.map((k) => k.value), 'a 7-day range gives other figures than 30 days');
  });

  await step('engagement: the team filter narrows every card to the team (URL keeps it, shareable)', async () => {
    const team = teams[0];
    await page.getByLabel('Team', { exact: true }).selectOption(team.id);
    await page.waitForURL((u) => u.searchParams.get('team') === team.id);
    await ready(page, 'engagement');
    const dt = await api(ADMIN, '/api/v1/admin/stats/', { ...q, start_date: daysAgo(6), team_id: team.id });
    await assertKpis(page, '#kpis', dt.kpis);
    const total = (d) => d.kpis.find((k) => k.key === 'total_members').value;
    assert.ok(total(dt) < total(dash), `team ${team.name}: ${total(dt)} of ${total(dash)} members`);
    // the same URL opened in another tab (a colleague's link): sign in there, then the same view and figures
    const again = await admin.context.newPage();
    await again.goto(page.url());
    await ready(again, 'signin');
    await again.getByLabel('Token or key', { exact: true }).fill(ADMIN);
    await again.getByRole('button', { name: 'Sign in', exact: true }).click();
    await ready(again, 'engagement');
    assert.equal(new URL(again.url()).searchParams.get('team'), team.id);
    await assertKpis(again, '#kpis', dt.kpis);
    await again.close();
    await page.goto(`${BASE}/console/?view=engagement&org=${org.id}&start=${start}&end=${end}`);
    await ready(page, 'engagement');
  });

  await step('members: the directory searches, filters by status, sorts and opens a member', async () => {
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await ready(page, 'members');
    const all = dash.member_directory;
    assert.equal(await page.textContent('p.count'), `Showing ${all.length} of ${all.length} members`);
    await shot(page, '02-admin-members');
    // status filter
    const status = all.some((m) => m.status === 'at_risk') ? 'at_risk' : all[0].status;
    await page.getByLabel('Status', { exact: true }).selectOption(status);
    const expected = all.filter((m) => m.status === status).map((m) => m.user_id).sort();
    const shown = (await page.$$eval('tbody tr', (els) => els.map((e) => e.dataset.user))).sort();
    assert.deepEqual(shown, expected, `status ${status}`);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    // search by part of a name
    const target = all.find((m) => m.full_name) ?? all[0];
    const needle = (target.full_name ?? target.username).split(' ')[0].toLowerCase();
    await page.getByLabel('Search members', { exact: true }).fill(needle);
    const matching = all.filter((m) => [m.full_name, m.username, m.email, m.user_id].some((v) => v && v.toLowerCase().includes(needle))).map((m) => m.user_id).sort();
    assert.deepEqual((await page.$$eval('tbody tr', (els) => els.map((e) => e.dataset.user))).sort(), matching, `search "${needle}"`);
    await page.waitForURL((u) => u.searchParams.get('q') === needle);
    // sort by learning time, descending
    await page.getByLabel('Search members', { exact: true }).fill('');
    await page.getByLabel('Sort by', { exact: true }).selectOption('learning_time');
    await page.getByLabel('Order', { exact: true }).selectOption('desc');
    const byTime = await page.$$eval('tbody tr td.num', (els) => els.map((e) => e.textContent));
    assert.equal(byTime.length, all.length);
    // member detail
    const first = dash.member_activity[0];
    await page.locator(`tbody tr[data-user="${first.user_id}"] a.member-link`).click();
    await page.waitForURL((u) => u.searchParams.get('member') === first.user_id);
    await ready(page, 'members');
    const detail = await api(ADMIN, `/api/v1/admin/stats/members/${encodeURIComponent(first.user_id)}`, q);
    assert.match(await page.textContent('h1'), new RegExp(detail.member.full_name ?? detail.member.username));
    await assertKpis(page, '#member-kpis', detail.kpis);
    await shot(page, '03-admin-member-detail');
  });

  await step('progress: KPI cards equal the API; a suggestion becomes a draft that is created and shows up', async () => {
    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await ready(page, 'progress');
    const kp = await api(ADMIN, '/api/v1/admin/stats/progress/kpis', q);
    await assertKpis(page, '#progress-kpis', kp.kpis);
    await page.getByRole('button', { name: 'Suggest objectives from our data' }).click();
    const use = page.locator('#new-objective .suggestions button').first();
    await use.waitFor();
    await use.click();
    const title = `Console test ${randomUUID().slice(0, 8)}`;
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Create objective' }).click();
    await page.locator('#objectives li.objective h3', { hasText: title }).waitFor();
    const list = await api(ADMIN, '/api/v1/admin/stats/progress/objectives', { organization_id: org.id });
    const saved = list.objectives.find((o) => o.title === title);
    assert.ok(saved, 'the objective is in the API');
    const card = page.locator(`li[data-objective="${saved.id}"]`);
    assert.equal(await card.locator('.key-results li').count(), saved.key_results.length);
    await shot(page, '04-admin-progress');
    // archive it: it leaves the list, and shows with the archived ones
    page.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: 'Archive' }).click();
    await page.locator(`li[data-objective="${saved.id}"]`).waitFor({ state: 'detached' });
    await page.getByLabel('Show archived objectives', { exact: true }).check();
    await ready(page, 'progress');
    await page.locator(`li[data-objective="${saved.id}"] .badge[data-status="archived"]`).waitFor();
  });

  await step('impact: KPI cards equal the API; a target is saved and listed; bad LVI weights are refused before saving; team and range drive impact and progress', async () => {
    await page.getByRole('link', { name: 'Impact', exact: true }).click();
    await ready(page, 'impact');
    const ik = await api(ADMIN, '/api/v1/admin/stats/impact/kpis', q);
    await assertKpis(page, '#impact-kpis', ik.kpis);
    const top = await api(ADMIN, '/api/v1/admin/stats/impact/top-performers', { ...q, limit: 10 });
    assert.equal(await page.locator('#top-performers tbody tr').count(), top.performers.length);
    await page.locator('#targets select[name=metric]').selectOption('sessions');
    await page.getByLabel('Target value', { exact: true }).fill('123');
    await page.locator('#targets select[name=period]').selectOption('week');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.locator('#targets tr[data-metric="sessions"]').waitFor();
    const targets = await api(ADMIN, '/api/v1/admin/stats/impact/targets', { organization_id: org.id });
    const t = targets.targets.find((x) => x.metric === 'sessions' && !x.team_id);
    assert.equal(t.target_value, 123);
    assert.match(await page.textContent('#targets tr[data-metric="sessions"]'), /123/);
    // LVI weights: a sum other than 1 is refused in the browser, and nothing is sent
    const before = await api(ADMIN, '/api/v1/admin/stats/impact/lvi-weights', { organization_id: org.id });
    await page.locator('#lvi-weights input[name=learning_time]').fill('0.9');
    assert.match(await page.textContent('#lvi-weights .lvi-sum'), /must be 1/);
    await page.getByRole('button', { name: 'Save weights' }).click();
    await page.locator('#lvi-weights .error[role=alert]', { hasText: 'must add up to 1' }).waitFor();
    const after = await api(ADMIN, '/api/v1/admin/stats/impact/lvi-weights', { organization_id: org.id });
    assert.deepEqual(after.weights, before.weights, 'weights unchanged');
    await shot(page, '05-admin-impact');
    // the team filter and the range drive this tab too
    const team = teams[1] ?? teams[0];
    await page.getByLabel('Team', { exact: true }).selectOption(team.id);
    await page.waitForURL((u) => u.searchParams.get('team') === team.id);
    await ready(page, 'impact');
    await assertKpis(page, '#impact-kpis', (await api(ADMIN, '/api/v1/admin/stats/impact/kpis', { ...q, team_id: team.id })).kpis);
    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await ready(page, 'progress');
    assert.equal(new URL(page.url()).searchParams.get('team'), team.id, 'the team filter travels between the tabs');
    await page.getByRole('button', { name: '7 days', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('start') === daysAgo(6));
    await ready(page, 'progress');
    await assertKpis(page, '#progress-kpis', (await api(ADMIN, '/api/v1/admin/stats/progress/kpis', { ...q, start_date: daysAgo(6), team_id: team.id })).kpis);
  });
  await admin.context.close();

  // ---------------------------------------------------------------------------- learner
  const learner = await session('learner', { allow: [/status of 409/] });
  const lp = learner.page;
  await step('learner: level, XP in the level, streak, freezes, pulse, week and quests equal the API', async () => {
    await lp.goto(`${BASE}/console/?view=me#token=${LEARNER}`);
    await ready(lp, 'me');
    const [profile, streak, pulse, week, quests] = await Promise.all(['/api/xp/profile', '/api/xp/streak', '/api/xp/learning-pulse',
      '/api/xp/weekly-activity', '/api/xp/quests'].map((p) => api(LEARNER, p)));
    assert.equal(numberIn(await lp.textContent('.streak-current')), streak.current_streak, 'streak');
    assert.ok(streak.current_streak >= 20, `the demo learner has a streak (${streak.current_streak})`);
    assert.equal(numberIn(await lp.textContent('.streak-longest')), streak.longest_streak);
    assert.equal(Number(await lp.getAttribute('.freezes', 'data-value')), streak.freezes_available);
    assert.equal(numberIn(await lp.textContent('.level-number')), profile.level, 'level');
    assert.equal(numberIn(await lp.textContent('.total-xp')), profile.total_xp, 'total XP');
    assert.equal(Number(await lp.getAttribute('#level progress', 'value')), profile.current_level_xp, 'XP inside the level');
    assert.equal(Number(await lp.getAttribute('#level progress', 'max')), profile.current_level_xp + profile.xp_needed_for_next_level);
    assert.equal(await lp.locator('#categories text.bar-label').count(), Object.keys(profile.xp_by_category).length);
    assert.equal(await lp.locator('#pulse rect.day').count(), pulse.activity_data.length);
    assert.equal(await lp.locator('#pulse rect.day:not(.level-0)').count(), pulse.summary.active_days);
    assert.equal(numberIn(await lp.textContent('.week-xp')), week.total_xp, 'weekly XP');
    assert.equal(await lp.locator('#quests li.quest').count(), quests.quests.length);
    for (const item of quests.quests) {
      const li = lp.locator(`li[data-quest="${item.id}"]`);
      assert.match(await li.textContent(), new RegExp(`×${item.reward_multiplier}`));
      assert.equal(Number(await li.locator('progress').getAttribute('value')), Math.min(item.current_progress, item.target_value));
    }
    // keyboard: the first Tab reaches the skip link, Enter moves the focus to the content
    await lp.keyboard.press('Tab');
    assert.equal(await lp.evaluate(() => document.activeElement.className), 'skip-link');
    await lp.keyboard.press('Enter');
    assert.equal(await lp.evaluate(() => document.activeElement.id), 'main');
    // streak repair: the API's answer is shown (409 with its detail when there is nothing to repair)
    await lp.getByRole('button', { name: 'Repair my streak', exact: true }).click();
    const answer = lp.locator('#streak .repair-result > *');
    await answer.first().waitFor();
    if (await lp.locator('#streak .repair-result .error[role=alert]').count()) {
      const again = await fetch(`${BASE}/api/xp/streak/repair`, { method: 'POST', headers: { Authorization: `Bearer ${LEARNER}` } });
      const body = await again.json();
      assert.equal(await lp.getAttribute('#streak .repair-result .error', 'data-status'), String(again.status));
      assert.equal(await lp.textContent('#streak .repair-result .error-detail'), body.detail, 'the API\'s own words');
    } else {
      assert.match(await lp.textContent('#streak .repair-result'), /Repaired/);
    }
    await shot(lp, '06-learner-me');
  });

  await step('learner: leaderboards mark "me" with the API\'s rank', async () => {
    await lp.getByRole('link', { name: 'Leaderboards', exact: true }).click();
    await ready(lp, 'leaderboards');
    // the boards are refreshed every 30 s (the first time up to 30 s after the data came): compare
    // with the API's answer of the same refresh, once the demo learner is on it
    let board = await api(LEARNER, '/api/xp/leaderboard', { board: 'weekly', limit: 20 });
    for (let i = 0; i < 25 && (!board.entries.length || (await lp.getAttribute('.leaderboard', 'data-updated')) !== board.updated_at); i++) {
      await sleep(2000);
      await lp.reload();
      await ready(lp, 'leaderboards');
      board = await api(LEARNER, '/api/xp/leaderboard', { board: 'weekly', limit: 20 });
    }
    assert.ok(board.entries.length, 'the weekly board has entries');
    assert.equal(await lp.getAttribute('.leaderboard', 'data-updated'), board.updated_at);
    if (board.me.rank) assert.equal(numberIn(await lp.textContent('.my-rank')), board.me.rank);
    assert.equal(await lp.locator('.board tbody tr').first().locator('td').last().textContent().then(numberIn), board.entries[0]?.xp ?? NaN);
    if (board.entries.some((e) => e.is_me)) assert.equal(await lp.locator('.board tr.is-me').count(), 1);
    await lp.getByLabel('Board', { exact: true }).selectOption('all_time');
    await lp.waitForURL((u) => u.searchParams.get('board') === 'all_time');
    await ready(lp, 'leaderboards');
    const allTime = await api(LEARNER, '/api/xp/leaderboard', { board: 'all_time', limit: 20 });
    assert.equal(await lp.locator('.board tbody tr').count(), allTime.entries.length);
    await shot(lp, '07-learner-leaderboards');
  });

  await step('learner: the public profile shows what the public API shows', async () => {
    await lp.getByRole('link', { name: 'Public profile', exact: true }).click();
    await ready(lp, 'profile');
    const pub = await (await fetch(`${BASE}/api/xp/public-profile/demo`)).json();
    assert.equal(numberIn(await lp.textContent('.pp-level')), pub.profile.level);
    assert.equal(numberIn(await lp.textContent('.pp-xp')), pub.profile.total_xp);
    assert.equal(numberIn(await lp.textContent('.pp-streak')), pub.profile.current_streak);
    assert.ok(!(await lp.textContent('main')).includes('@demo.xentree.test'), 'no email on the public profile');
    await shot(lp, '08-learner-public-profile');
  });
  await learner.context.close();

  const keyed = await session('api key');
  await step('sign-in with an API key: the learner\'s own view, the same streak', async () => {
    const created = await api(LEARNER, '/api/v1/api-keys', {}, { method: 'POST', body: JSON.stringify({ name: `console test ${randomUUID().slice(0, 6)}` }) });
    try {
      // the key reaches every service through auth.api-keys.v1: wait until analytics knows it
      for (let i = 0; i < 50; i++) {
        const r = await fetch(`${BASE}/api/xp/streak`, { headers: { 'X-API-Key': created.key } });
        if (r.ok) break;
        await sleep(200);
      }
      const kp = keyed.page;
      await kp.goto(`${BASE}/console/?view=me`);
      await ready(kp, 'signin');
      await kp.getByLabel('Credential type', { exact: true }).selectOption('api_key');
      await kp.getByLabel('Token or key', { exact: true }).fill(created.key);
      await kp.getByRole('button', { name: 'Sign in', exact: true }).click();
      await ready(kp, 'me');
      assert.match(await kp.textContent('#who'), /demo \(API key\)/);
      const streak = await api(LEARNER, '/api/xp/streak');
      assert.equal(numberIn(await kp.textContent('.streak-current')), streak.current_streak);
    } finally {
      await api(LEARNER, `/api/v1/api-keys/${created.id}`, {}, { method: 'DELETE' }).catch(() => {});
    }
  });
  await keyed.context.close();

  // ---------------------------------------------------------------------------- outsider and errors
  const outsider = await session('outsider', { allow: [/status of 403/] });
  await step('an outsider\'s token sees the 403 message and no data', async () => {
    const op = outsider.page;
    await op.goto(`${BASE}/console/?view=engagement&org=${org.id}#token=${OUTSIDER}`);
    await ready(op, 'engagement');
    const alert = op.locator('.error[role=alert][data-status="403"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /No access/);
    assert.match(await alert.textContent(), /owners and admins/);
    assert.equal(await op.locator('.kpi').count(), 0, 'no KPI cards');
    assert.equal(await op.locator('#pulse, #member-activity, tbody tr').count(), 0, 'no data');
    await shot(op, '09-outsider-403');
  });
  await outsider.context.close();

  const anon = await session('anonymous', { allow: [/status of 401/] });
  await step('a bad token is refused at sign-in with the API\'s message', async () => {
    const ap = anon.page;
    await ap.goto(`${BASE}/console/`);
    await ready(ap, 'signin');
    await ap.getByLabel('Token or key', { exact: true }).fill('not-a-token');
    await ap.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = ap.locator('.error[role=alert][data-status="401"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Sign-in needed/);
    await shot(ap, '10-sign-in-refused');
  });
  await anon.context.close();

  await step('no errors in the browser console, no request outside the gateway', async () => {
    assert.deepEqual(consoleProblems, []);
  });
} catch (e) {
  results.push(`FAIL setup: ${e.stack ?? e}`);
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log(results.join('\n'));
const failed = results.filter((r) => r.startsWith('FAIL')).length;
console.log(`console browser test: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
process.exit(failed ? 1 : 0);
