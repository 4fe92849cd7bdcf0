// Numbers, durations and dates for people, in the viewer's locale.

const locale = undefined; // the browser's

const nf = (digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
const NF0 = nf(0);
const NF1 = nf(1);
const NF2 = nf(2);

export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return (digits === 0 ? NF0 : digits === 2 ? NF2 : NF1).format(v);
}

/** A value already in percent (42.5 = 42.5 %). */
export function pct(v, digits = 1) {
  if (v === null || v === undefined) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(v / 100);
}

/** Minutes as hours and minutes: 0 min, 45 min, 2 h 05 min, 1,234 h. */
export function minutes(m) {
  if (m === null || m === undefined) return '–';
  m = Math.round(m);
  if (m < 60) return `${NF0.format(m)} min`;
  const hrs = Math.floor(m / 60);
  const rest = m % 60;
  if (hrs >= 100) return `${NF0.format(Math.round(m / 60))} h`;
  return rest ? `${NF0.format(hrs)} h ${String(rest).padStart(2, '0')} min` : `${NF0.format(hrs)} h`;
}

const UNIT_SUFFIX = {
  '%': '%', hours: 'h', minutes: 'min', xp: 'XP', members: 'members', sessions: 'sessions', days: 'days', points: 'pts',
  attempts: 'attempts', lvi: 'LVI',
};

export function unitLabel(unit) {
  return UNIT_SUFFIX[unit] ?? unit ?? '';
}

/** A value with its unit, as on a card: "42.5%", "12.3 h", "1,200 XP". */
export function withUnit(v, unit) {
  if (unit === '%') return pct(v);
  const s = unitLabel(unit);
  return s ? `${num(v)} ${s}` : num(v);
}

/** YYYY-MM-DD (a calendar date, no time zone) in the viewer's locale. */
export function date(iso, style = 'medium') {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(locale, { dateStyle: style });
}

export function dateTime(iso) {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function relative(iso) {
  if (!iso) return 'never';
  const days = Math.round((Date.now() - new Date(iso).getTime()) / 86400000);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day');
}

/** Today's date as YYYY-MM-DD in UTC (the API's default range ends today in UTC). */
export function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "1 member", "3 members" (English nouns; the number in the viewer's locale). */
export function count(n, singular, plural = `${singular}s`) {
  return `${num(n, 0)} ${n === 1 ? singular : plural}`;
}

export function statusLabel(s) {
  return { active: 'Active', at_risk: 'At risk', inactive: 'Inactive', achieved: 'Achieved', on_track: 'On track', behind: 'Behind',
    completed: 'Completed', expired: 'Expired', archived: 'Archived' }[s] ?? s ?? '–';
}
