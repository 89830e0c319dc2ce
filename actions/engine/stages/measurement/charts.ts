import type { AttributionSummary } from './attribution.js';
import type { DateRange } from './cadence.js';
import { channelLabel } from './measures.js';

/** Text a person wrote (channel names, labels) made safe inside a quoted mermaid string. */
const quoted = (text: string): string =>
  `"${text
    .replace(/["\n\r;#%{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()}"`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Apr 13": a week is labelled by its first day. */
export const shortDate = (day: string): string =>
  `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** A y-axis top a little above the largest value, at a round number, so the tallest bar is not clipped. */
export function axisTop(values: readonly number[]): number {
  const max = Math.max(0, ...values);
  if (max === 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil((max * 1.1) / step) * step;
}

/**
 * A weekly trend as a mermaid `xychart-beta`: one bar per week (the weeks ending on the last day of data),
 * and an optional line for a second series on the same scale.
 */
export function trendChart(
  title: string,
  axis: string,
  weeks: readonly DateRange[],
  bars: readonly number[],
  line?: readonly number[],
): string {
  const values = [...bars, ...(line ?? [])];
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quoted(title)}`,
    `  x-axis [${weeks.map((w) => quoted(shortDate(w.from))).join(', ')}]`,
    `  y-axis ${quoted(axis)} 0 --> ${axisTop(values)}`,
    `  bar [${bars.map(round1).join(', ')}]`,
    ...(line ? [`  line [${line.map(round1).join(', ')}]`] : []),
    '```',
  ].join('\n');
}

/**
 * Attribution as bars: per channel, the most any model credits (the outer bar) and the least (the inner
 * bar, drawn over it). What every model agrees on is the inner bar; the rest is the spread.
 */
export function attributionChart(summary: AttributionSummary, unit: string): string {
  const channels = summary.channels;
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quoted(`${unit} credited per channel: most and least across ${summary.models.length} models`)}`,
    `  x-axis [${channels.map((c) => quoted(channelLabel(c.channel))).join(', ')}]`,
    `  y-axis ${quoted(unit)} 0 --> ${axisTop(channels.map((c) => c.high))}`,
    `  bar [${channels.map((c) => round1(c.high)).join(', ')}]`,
    `  bar [${channels.map((c) => round1(c.low)).join(', ')}]`,
    '```',
  ].join('\n');
}
