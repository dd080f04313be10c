import { type Distribution, type DistributionSeries } from '../condition';
import { escapeHtml } from './html-text';
import { chartValue } from './report-format';
import { visibleText } from './visible-text';

/** Back to front: each percentile is drawn over the larger one, darker, from zero. */
const STATS = [
  { name: 'max', fill: '#d3dae6' },
  { name: 'p99', fill: '#9fb1cc' },
  { name: 'p90', fill: '#5f7fae' },
  { name: 'p50', fill: '#1f4e8c' },
] as const satisfies readonly { name: keyof DistributionSeries; fill: string }[];

const UNIT_NAMES: Partial<Record<string, string>> = {
  ms: 'milliseconds',
  s: 'seconds',
};

/** Monospace text, so a label's width is its length times one advance (0.6 em at 11 px). */
const CHAR_WIDTH = 6.8;
const FONT = 'font-family="monospace" font-size="11"';
const PAD = 8;
const LEGEND_HEIGHT = 26;
const ROW_HEIGHT = 18;
const BAR_HEIGHT = 12;
const BAR_AREA = 300;
const KEY_CHARS = 28;

/**
 * One distribution as an inline SVG: a row per series key, with p50, p90, p99 and max as
 * nested horizontal bars on a shared axis, and every figure also written out as text at the
 * row's end, so the chart reads in black and white, on paper and to a screen reader.
 */
export function distributionChart(distribution: Distribution, chartId: string): string {
  const { series, unit } = distribution;
  const titleId = `${chartId}-title`;
  const open = (width: number, height: number) =>
    `<svg role="img" aria-labelledby="${titleId}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart">` +
    `<title id="${titleId}">${escapeHtml(distribution.title)} (${escapeHtml(unit)})</title>`;
  if (series.length === 0) {
    return `${open(240, 30)}<text x="${PAD}" y="19" ${FONT}>no series</text></svg>`;
  }

  const keys = series.map((s) => shortened(visibleText(s.key)));
  const texts = series.map((s) => valuesText(s, unit));
  const keyWidth = Math.max(60, longest(keys) * CHAR_WIDTH + 10);
  const textWidth = longest(texts) * CHAR_WIDTH + 10;
  const x0 = PAD + keyWidth;
  const axisY = LEGEND_HEIGHT + series.length * ROW_HEIGHT + 4;
  const width = Math.ceil(x0 + BAR_AREA + 10 + textWidth + PAD);
  const height = axisY + 40;

  const values = series.flatMap((s) => STATS.map((stat) => s[stat.name]));
  const axis = niceAxis(values.filter(Number.isFinite));
  const x = (v: number) => x0 + ((v - axis.lo) / (axis.hi - axis.lo)) * BAR_AREA;
  const zeroX = x(0);

  const parts = [open(width, height)];
  STATS.slice()
    .reverse()
    .forEach((stat, i) => {
      const lx = x0 + i * 60;
      parts.push(
        `<rect x="${lx}" y="6" width="12" height="12" fill="${stat.fill}" stroke="#555" stroke-width="0.5"/>`,
        `<text x="${lx + 16}" y="16" ${FONT}>${stat.name}</text>`,
      );
    });
  for (const tick of axis.ticks) {
    const tx = fixed(x(tick));
    parts.push(
      `<line x1="${tx}" y1="${LEGEND_HEIGHT}" x2="${tx}" y2="${axisY}" stroke="#ddd" stroke-width="1"/>`,
      `<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 4}" stroke="#333" stroke-width="1"/>`,
      `<text x="${tx}" y="${axisY + 16}" text-anchor="middle" ${FONT}>${chartValue(tick)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const rowY = LEGEND_HEIGHT + i * ROW_HEIGHT;
    const barY = rowY + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const key = keys[i] ?? '';
    parts.push(
      key === visibleText(s.key) ? '<g>' : `<g><title>${escapeHtml(s.key)}</title>`,
      `<text x="${fixed(x0 - 6)}" y="${rowY + 13}" text-anchor="end" ${FONT}>${escapeHtml(key)}</text>`,
    );
    for (const stat of STATS) {
      const v = s[stat.name];
      if (!Number.isFinite(v)) continue;
      const vx = x(v);
      parts.push(
        `<rect x="${fixed(Math.min(zeroX, vx))}" y="${barY}" width="${fixed(Math.abs(vx - zeroX))}" height="${BAR_HEIGHT}" fill="${stat.fill}"/>`,
      );
    }
    parts.push(
      `<text x="${fixed(x0 + BAR_AREA + 10)}" y="${rowY + 13}" ${FONT}>${escapeHtml(texts[i] ?? '')}</text>`,
      '</g>',
    );
  });
  parts.push(
    `<line x1="${fixed(x0)}" y1="${axisY}" x2="${fixed(x0 + BAR_AREA)}" y2="${axisY}" stroke="#333" stroke-width="1"/>`,
    `<line x1="${fixed(zeroX)}" y1="${LEGEND_HEIGHT}" x2="${fixed(zeroX)}" y2="${axisY}" stroke="#333" stroke-width="1"/>`,
    `<text x="${fixed(x0 + BAR_AREA / 2)}" y="${axisY + 32}" text-anchor="middle" ${FONT}>${escapeHtml(UNIT_NAMES[unit] ?? unit)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** `p50 120 · p90 340 · p99 900 · max 4100 ms · n=52`: the row's figures as text. */
function valuesText(s: DistributionSeries, unit: Distribution['unit']): string {
  const figures = STATS.slice()
    .reverse()
    .map((stat) => `${stat.name} ${chartValue(s[stat.name])}`);
  return `${figures.join(' · ')} ${unit} · n=${chartValue(s.count)}`;
}

/**
 * An axis from a round number at or below min(0, values) to one at or above max(0, values),
 * in about four steps of 1, 2 or 5 times a power of ten. Negative latencies (a partner clock
 * ahead of ours) get their own side of the zero line rather than being cut off.
 */
export function niceAxis(values: readonly number[]): { lo: number; hi: number; ticks: number[] } {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  const magnitude = 10 ** Math.floor(Math.log10(span / 4));
  const fraction = span / 4 / magnitude;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  // Rounded before floor and ceil: 0.6 / 0.2 is 2.9999999999999996, which must stay 3 steps.
  const steps = (v: number) => Number((v / step).toPrecision(12));
  const round = (v: number) => Number(v.toPrecision(12));
  const lo = round(Math.floor(steps(min)) * step);
  const hi = max === min ? lo + span : round(Math.ceil(steps(max)) * step);
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e6; i++) ticks.push(round(lo + i * step));
  return { lo, hi, ticks };
}

function shortened(text: string): string {
  const chars = Array.from(text);
  return chars.length <= KEY_CHARS ? text : `${chars.slice(0, KEY_CHARS - 1).join('')}…`;
}

function longest(texts: readonly string[]): number {
  return Math.max(...texts.map((t) => Array.from(t).length));
}

function fixed(n: number): string {
  return String(Number(n.toFixed(1)));
}
