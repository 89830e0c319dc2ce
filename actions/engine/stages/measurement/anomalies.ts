import type { AggregateRow } from '../../importers/aggregate.js';
import type { Measure } from '../../importers/metric-row.js';
import { addDays } from '../../planning/dates.js';
import type { DateRange } from './cadence.js';

/**
 * Days that stand out, by the modified z-score (Iglewicz and Hoaglin, "How to Detect and Handle
 * Outliers", 1993): M = 0.6745 × (x − median) ÷ MAD, where MAD is the median absolute deviation from
 * the median. A day is flagged when |M| > 3.5, measured against the `BASELINE_DAYS` days before it (at
 * least `MIN_BASELINE_DAYS` of them, days without rows counting as 0 once the channel is live). Medians
 * are not moved by the outliers themselves, so one bad day does not hide the next. When more than half
 * the baseline days are equal, MAD is 0; the mean absolute deviation stands in (M = (x − median) ÷
 * (1.2533 × meanAD), the same convention as IBM SPSS), and a flat series (both 0) flags any change.
 */
export const THRESHOLD = 3.5;
export const BASELINE_DAYS = 28;
export const MIN_BASELINE_DAYS = 14;

export interface Anomaly {
  date: string;
  channel: string;
  measure: Measure;
  value: number;
  /** The median of the baseline days. */
  median: number;
  /** The modified z-score; ±Infinity when the baseline was flat. */
  score: number;
  direction: 'high' | 'low';
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The modified z-score of `x` against `baseline`, or undefined for an empty baseline. */
export function modifiedZ(x: number, baseline: readonly number[]): number | undefined {
  if (baseline.length === 0) return undefined;
  const m = median(baseline);
  const mad = median(baseline.map((v) => Math.abs(v - m)));
  if (mad > 0) return (0.6745 * (x - m)) / mad;
  const meanAd = baseline.reduce((s, v) => s + Math.abs(v - m), 0) / baseline.length;
  if (meanAd > 0) return (x - m) / (1.2533 * meanAd);
  return x === m ? 0 : x > m ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Flags, in `within`, the days of one series whose value stands out from the days before them. */
export function flagSeries(
  series: readonly { date: string; value: number }[],
  within: DateRange,
): { date: string; value: number; median: number; score: number }[] {
  const out: { date: string; value: number; median: number; score: number }[] = [];
  series.forEach((point, i) => {
    if (point.date < within.from || point.date > within.to) return;
    const baseline = series.slice(Math.max(0, i - BASELINE_DAYS), i).map((p) => p.value);
    if (baseline.length < MIN_BASELINE_DAYS) return;
    const score = modifiedZ(point.value, baseline);
    if (score !== undefined && Math.abs(score) > THRESHOLD)
      out.push({ ...point, median: median(baseline), score });
  });
  return out;
}

/**
 * Anomalies in the report period, per channel, in the measures given (spend, clicks and the campaign's
 * result): each channel's series starts on its first day with data and ends on the last day with data.
 */
export function findAnomalies(
  rows: readonly AggregateRow[],
  measures: readonly Measure[],
  within: DateRange,
  asOf: string,
): Anomaly[] {
  // One pass: each channel's first day and, per measure, its daily sums.
  const first = new Map<string, string>();
  const daily = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const f = first.get(row.channel);
    if (f === undefined || row.date < f) first.set(row.channel, row.date);
    for (const measure of measures) {
      const v = row.measures[measure];
      if (v === undefined) continue;
      const key = `${row.channel}\u0000${measure}`;
      let days = daily.get(key);
      if (!days) {
        days = new Map();
        daily.set(key, days);
      }
      days.set(row.date, (days.get(row.date) ?? 0) + v);
    }
  }
  const anomalies: Anomaly[] = [];
  for (const channel of [...first.keys()].sort()) {
    for (const measure of measures) {
      const days = daily.get(`${channel}\u0000${measure}`);
      if (!days) continue;
      const series: { date: string; value: number }[] = [];
      for (let d = first.get(channel)!; d <= asOf; d = addDays(d, 1))
        series.push({ date: d, value: Math.round((days.get(d) ?? 0) * 1e6) / 1e6 });
      for (const f of flagSeries(series, within))
        anomalies.push({ channel, measure, ...f, direction: f.score > 0 ? 'high' : 'low' });
    }
  }
  return anomalies.sort((a, b) => a.date.localeCompare(b.date) || a.channel.localeCompare(b.channel));
}
