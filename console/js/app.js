// The console's shell: sign-in, navigation and the URL. Every view's state (organization, date
// range, team, search...) is in the query string, so a view can be shared as a link; the
// credential is never in the URL (a link's #token=... is read once and removed).
import { api, credential, setCredential, signOut, tokenClaims } from './api.js';
import { clear, field, h } from './dom.js';
import { errorBox } from './ui.js';
import * as admin from './admin.js';
import * as learner from './learner.js';

export const VIEWS = {
  engagement: { title: 'Engagement', group: 'Organization', render: admin.engagement },
  members: { title: 'Members', group: 'Organization', render: admin.members },
  progress: { title: 'Progress', group: 'Organization', render: admin.progress },
  impact: { title: 'Impact', group: 'Organization', render: admin.impact },
  me: { title: 'My progress', group: 'Learner', render: learner.me },
  leaderboards: { title: 'Leaderboards', group: 'Learner', render: learner.leaderboards },
  profile: { title: 'Public profile', group: 'Learner', render: learner.publicProfile },
  signin: { title: 'Sign in', group: null, render: signin },
};
/** Parameters that travel between the organization views. */
const ADMIN_KEEP = ['org', 'team', 'start', 'end'];

let seq = 0;

export function params() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

/** Changes the URL (keeping what is not named) and renders the view it describes. */
export function navigate(changes, { replace = false, keep = true } = {}) {
  const p = keep ? new URLSearchParams(window.location.search) : new URLSearchParams();
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') p.delete(k);
    else p.set(k, v);
  }
  const url = `${window.location.pathname}?${p}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  render();
}

function hrefFor(view) {
  const cur = new URLSearchParams(window.location.search);
  const p = new URLSearchParams({ view });
  if (VIEWS[view].group === 'Organization') {
    for (const k of ADMIN_KEEP) if (cur.get(k)) p.set(k, cur.get(k));
  }
  return `?${p}`;
}

function takeCredentialFromFragment() {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash) return;
  const f = new URLSearchParams(hash);
  const token = f.get('token');
  const key = f.get('api_key');
  if (token) setCredential('token', token);
  else if (key) setCredential('api_key', key);
  if (token || key) window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

let me = null; // the signed-in user, from /api/v1/users/me

async function whoAmI() {
  if (!credential()) return null;
  if (me) return me;
  try {
    me = await api('/api/v1/users/me');
  } catch (e) {
    const claims = tokenClaims();
    me = { error: e, username: claims?.preferred_username ?? claims?.upn ?? claims?.sub, user_id: claims?.sub };
  }
  return me;
}

export function currentUser() {
  return me;
}

function renderChrome(view) {
  const nav = document.getElementById('nav');
  const groups = {};
  for (const [id, v] of Object.entries(VIEWS)) if (v.group) (groups[v.group] ??= []).push([id, v]);
  clear(nav, Object.entries(groups).map(([g, items]) => h('div', { class: 'nav-group' },
    h('span', { class: 'nav-group-label' }, g),
    h('ul', {}, items.map(([id, v]) => h('li', {}, h('a', { href: hrefFor(id), 'data-nav': '', 'aria-current': id === view ? 'page' : null }, v.title)))))));
  const who = document.getElementById('who');
  const c = credential();
  if (!c) {
    clear(who, h('a', { href: '?view=signin', 'data-nav': '', class: 'button' }, 'Sign in'));
  } else {
    clear(who, h('span', { class: 'who-name' }, `Signed in as ${me?.username ?? me?.user_id ?? '…'}`),
      h('span', { class: 'hint' }, c.type === 'token' ? ' (token)' : ' (API key)'), ' ',
      h('button', { type: 'button', class: 'link-button', onclick: () => { signOut(); admin.forget(); me = null; navigate({ view: 'signin' }, { keep: false }); } }, 'Sign out'));
  }
}

export async function render() {
  const mySeq = ++seq;
  document.getElementById('main').removeAttribute('data-ready');
  const p = params();
  let view = p.view;
  if (!credential() && view !== 'profile') view = 'signin';
  if (!VIEWS[view]) view = null;
  const main = document.getElementById('main');
  if (credential()) await whoAmI();
  if (mySeq !== seq) return;
  if (!view) {
    // the default: the organization dashboards for their admins, else the learner's own view
    let orgs = [];
    try {
      orgs = await admin.adminOrganizations();
    } catch {
      orgs = [];
    }
    if (mySeq !== seq) return;
    navigate({ view: orgs.length ? 'engagement' : 'me' }, { replace: true });
    return;
  }
  renderChrome(view);
  document.title = `${VIEWS[view].title} · Xentree console`;
  const container = h('div', { class: 'view', 'data-view': view });
  clear(main, container);
  const ctx = { params: p, alive: () => mySeq === seq, navigate, me };
  try {
    await VIEWS[view].render(container, ctx);
  } catch (e) {
    if (ctx.alive()) clear(container, errorBox(e));
  }
  if (ctx.alive()) main.dataset.ready = view; // tests wait for this
}

function signin(container) {
  const type = h('select', { name: 'type' }, h('option', { value: 'token' }, 'Bearer token (JWT)'), h('option', { value: 'api_key' }, 'API key'));
  const value = h('textarea', { name: 'credential', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'signin', onsubmit: async (ev) => {
    ev.preventDefault();
    if (!value.value.trim()) {
      clear(out, h('p', { class: 'error', role: 'alert' }, 'Paste a token or an API key first.'));
      return;
    }
    setCredential(type.value, value.value);
    admin.forget();
    me = null;
    try {
      me = await api('/api/v1/users/me');
    } catch (e) {
      signOut();
      clear(out, errorBox(e, 'Sign-in failed'));
      return;
    }
    // back to the view of the URL (a shared link), or the default view
    if (params().view === 'signin') navigate({ view: null });
    else render();
  } },
  field('Credential type', type),
  field('Token or key', value, 'Kept in this browser tab only (sessionStorage) and sent only to this gateway.'),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'), out);
  clear(container, h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste a bearer token (for example from ', h('code', {}, 'infra/mint-token.sh'), ') or an API key. ',
      'Links printed by ', h('code', {}, 'infra/run.sh --demo'), ' sign you in directly.'), form);
  value.focus();
}

document.addEventListener('click', (ev) => {
  if (ev.target.closest('a.skip-link')) { // to the content without touching the URL
    ev.preventDefault();
    document.getElementById('main').focus();
    return;
  }
  const a = ev.target.closest('a[data-nav]');
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
  ev.preventDefault();
  const url = new URL(a.href);
  window.history.pushState(null, '', `${window.location.pathname}${url.search}`);
  render().then(() => document.getElementById('main').focus({ preventScroll: true }));
});
window.addEventListener('popstate', () => render());

takeCredentialFromFragment();
render();
