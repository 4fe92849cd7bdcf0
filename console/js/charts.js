// Charts drawn as SVG by hand (no library, nothing fetched): the pulse heatmap, line and bar
// charts. Every chart has a text alternative (aria-label, and a data table for the line chart).
import { h } from './dom.js';
import { count, date, minutes, num } from './format.js';

/** Colour-blind-safe sequential palette (ColorBrewer YlGnBu), level 0 = no activity. */
export const PULSE_COLOURS = ['#e6e6e6', '#c7e9b4', '#7fcdbb', '#2c7fb8', '#253494'];
const LEVEL_TEXT = ['no activity', 'light', 'moderate', 'high', 'very high'];

/** The 365-day pulse: one square per local day, weeks as columns (Monday on top). */
export function pulseHeatmap(pulse, { label = 'Learning pulse' } = {}) {
  const days = pulse?.activity_data ?? [];
  const s = pulse?.summary ?? {};
  const cell = 13;
  const gap = 2;
  const top = 16;
  const left = 28;
  if (!days.length) return h('p', { class: 'empty' }, 'No days to show.');
  const first = new Date(days[0].date + 'T00:00:00Z');
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const weeks = Math.ceil((days.length + offset) / 7);
  const width = left + weeks * (cell + gap);
  const height = top + 7 * (cell + gap);
  const summary = `${label}: ${count(s.active_days ?? 0, 'active day')}, ${minutes(s.total_learning_time ?? 0)} of learning and `
    + `${num(s.total_sessions ?? 0, 0)} sessions from ${date(s.period_start ?? days[0].date)} to ${date(s.period_end ?? days.at(-1).date)}`;
  const svg = h('svg', { class: 'heatmap', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, width, height });
  const g = h('g', {});
  let lastMonth = -1;
  days.forEach((d, i) => {
    const idx = i + offset;
    const x = left + Math.floor(idx / 7) * (cell + gap);
    const y = top + (idx % 7) * (cell + gap);
    const month = Number(d.date.slice(5, 7));
    if (month !== lastMonth && idx % 7 === 0) {
      lastMonth = month;
      const name = new Date(d.date + 'T00:00:00Z').toLocaleDateString(undefined, { month: 'short', timeZone: 'UTC' });
      g.append(h('text', { x, y: 10, class: 'axis-label' }, name));
    }
    const level = Math.max(0, Math.min(4, d.level ?? 0));
    g.append(h('rect', { x, y, width: cell, height: cell, rx: 2, fill: PULSE_COLOURS[level], class: `day level-${level}`,
      'data-date': d.date, 'data-level': level },
    h('title', {}, `${date(d.date)}: ${minutes(d.learning_time)}, ${num(d.sessions, 0)} sessions (${LEVEL_TEXT[level]})`)));
  });
  ['Mon', 'Wed', 'Fri'].forEach((n, i) => g.append(h('text', { x: 0, y: top + (i * 2) * (cell + gap) + 9, class: 'axis-label' }, n)));
  svg.append(g);
  const legend = h('div', { class: 'legend', 'aria-label': 'Legend: colour by intensity level' },
    h('span', {}, 'Less'),
    PULSE_COLOURS.map((c, i) => h('span', { class: 'legend-item' },
      h('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, h('rect', { width: 12, height: 12, rx: 2, fill: c })),
      h('span', { class: 'visually-hidden' }, `level ${i}: ${LEVEL_TEXT[i]}`))),
    h('span', {}, 'More'),
    h('span', { class: 'hint' }, ' · levels 1–4 by quartiles of active days'));
  return h('figure', { class: 'heatmap-figure' }, h('div', { class: 'scroll-x' }, svg), legend,
    h('figcaption', { class: 'pulse-summary' }, summary));
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const n = v / p;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
}

const SERIES_COLOURS = ['#1f5fa8', '#d35400', '#2e7d32', '#6a1b9a'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

/**
 * A line chart. labels: x values (dates); series: [{name, values, format}]. Drawn in SVG with a
 * data table behind a disclosure for screen readers and keyboard users.
 */
export function lineChart(labels, series, { title = 'Trend', xFormat = (l) => date(l, 'short') } = {}) {
  if (!labels.length) return h('p', { class: 'empty' }, 'No data in this range.');
  const W = 640;
  const H = 220;
  const pad = { l: 48, r: 12, t: 12, b: 28 };
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const x = (i) => pad.l + (labels.length === 1 ? (W - pad.l - pad.r) / 2 : i * (W - pad.l - pad.r) / (labels.length - 1));
  const y = (v) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const svg = h('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title}: ${series.map((s) => s.name).join(', ')} over ${labels.length} points; see the table below` });
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    svg.append(h('line', { x1: pad.l, x2: W - pad.r, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(h('text', { x: pad.l - 6, y: y(v) + 4, class: 'axis-label', 'text-anchor': 'end' }, num(v)));
  }
  const step = Math.max(1, Math.ceil(labels.length / 6));
  labels.forEach((l, i) => {
    if (i % step === 0 || i === labels.length - 1) svg.append(h('text', { x: x(i), y: H - 8, class: 'axis-label', 'text-anchor': 'middle' }, xFormat(l)));
  });
  series.forEach((s, si) => {
    const colour = SERIES_COLOURS[si % SERIES_COLOURS.length];
    svg.append(h('polyline', { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': DASHES[si % DASHES.length] || null }));
    s.values.forEach((v, i) => svg.append(h('circle', { cx: x(i), cy: y(v), r: 3, fill: colour },
      h('title', {}, `${xFormat(labels[i])} · ${s.name}: ${(s.format || num)(v)}`))));
  });
  const legend = h('ul', { class: 'series-legend' }, series.map((s, si) => h('li', {},
    h('svg', { width: 24, height: 10, 'aria-hidden': 'true' }, h('line', { x1: 0, x2: 24, y1: 5, y2: 5, stroke: SERIES_COLOURS[si % 4], 'stroke-width': 3, 'stroke-dasharray': DASHES[si % 4] || null })),
    ' ', s.name)));
  const table = h('table', { class: 'data-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Period'), series.map((s) => h('th', { scope: 'col' }, s.name)))),
    h('tbody', {}, labels.map((l, i) => h('tr', {}, h('th', { scope: 'row' }, xFormat(l)), series.map((s) => h('td', { class: 'num' }, (s.format || num)(s.values[i])))))));
  return h('figure', { class: 'chart-figure' }, svg, legend, h('details', {}, h('summary', {}, `${title} as a table`), table));
}

/** Horizontal bars: items [{label, value, text}]. */
export function barList(items, { title = 'Bars' } = {}) {
  if (!items.length) return h('p', { class: 'empty' }, 'No data.');
  const max = Math.max(1, ...items.map((i) => i.value));
  const W = 420;
  const rowH = 26;
  const labelW = 110;
  const svg = h('svg', { class: 'bars', viewBox: `0 0 ${W} ${items.length * rowH}`, role: 'img',
    'aria-label': `${title}: ${items.map((i) => `${i.label} ${i.text ?? num(i.value)}`).join('; ')}` });
  items.forEach((it, k) => {
    const w = ((W - labelW - 90) * it.value) / max;
    svg.append(h('text', { x: 0, y: k * rowH + 17, class: 'bar-label' }, it.label));
    svg.append(h('rect', { x: labelW, y: k * rowH + 5, width: Math.max(w, it.value > 0 ? 2 : 0), height: rowH - 10, rx: 3, class: 'bar' }));
    svg.append(h('text', { x: labelW + w + 6, y: k * rowH + 17, class: 'bar-value' }, it.text ?? num(it.value)));
  });
  return svg;
}

/** Vertical bars for a few labelled values (weekly activity). */
export function columnChart(items, { title = 'Columns', highlight = () => false } = {}) {
  const W = 420;
  const H = 160;
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const bw = (W - 20) / items.length;
  const svg = h('svg', { class: 'chart columns', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `${title}: ${items.map((i) => `${i.label} ${i.text ?? num(i.value)}`).join('; ')}` });
  items.forEach((it, k) => {
    const bh = ((H - 40) * it.value) / max;
    const x = 10 + k * bw + bw * 0.15;
    svg.append(h('rect', { x, y: H - 22 - bh, width: bw * 0.7, height: bh, rx: 3, class: highlight(it) ? 'bar bar-strong' : 'bar' },
      h('title', {}, `${it.label}: ${it.text ?? num(it.value)}`)));
    svg.append(h('text', { x: x + bw * 0.35, y: H - 6, class: 'axis-label', 'text-anchor': 'middle' }, it.label));
    if (it.value > 0) svg.append(h('text', { x: x + bw * 0.35, y: H - 26 - bh, class: 'bar-value', 'text-anchor': 'middle' }, it.text ?? num(it.value)));
  });
  return svg;
}

/** An accessible progress bar with its text. */
export function progressBar(value, max, text, label) {
  const v = Math.max(0, Math.min(Number(value) || 0, Number(max) || 0));
  return h('div', { class: 'progress' },
    h('progress', { value: v, max: Math.max(Number(max) || 0, 1e-9), 'aria-label': label }),
    h('span', { class: 'progress-text' }, text));
}
