import type { AggregateRow } from '../../importers/aggregate.js';
import type { Measure, Measures } from '../../importers/metric-row.js';
import { addDays } from '../../planning/dates.js';
import type { DateRange } from './cadence.js';
import { addMeasures, roundMeasures, sumMeasures, totalsBy } from './measures.js';

/** The measures a comparison shows: what was bought, what it brought, and what the campaign is judged by. */
export const TREND_MEASURES: readonly Measure[] = [
  'cost',
  'impressions',
  'clicks',
  'sessions',
  'leads',
  'mqls',
  'revenue',
];

export interface Change {
  measure: Measure;
  current?: number;
  previous?: number;
  /** (current − previous) ÷ previous; undefined when there is nothing to compare with. */
  change?: number;
}

export interface ChannelChange {
  channel: string;
  changes: Change[];
}

export interface Comparison {
  label: string;
  current: DateRange;
  previous: DateRange;
  total: Change[];
  channels: ChannelChange[];
}

export interface MonthRow {
  month: string;
  /** Days of the month with data. */
  from: string;
  to: string;
  totals: Measures;
}

const inRange = (r: DateRange) => (row: AggregateRow) => row.date >= r.from && row.date <= r.to;

function changes(current: Measures, previous: Measures, measures: readonly Measure[]): Change[] {
  return measures
    .filter((m) => current[m] !== undefined || previous[m] !== undefined)
    .map((measure) => {
      const c = current[measure];
      const p = previous[measure];
      const change = c !== undefined && p !== undefined && p !== 0 ? (c - p) / p : undefined;
      return {
        measure,
        ...(c === undefined ? {} : { current: c }),
        ...(p === undefined ? {} : { previous: p }),
        ...(change === undefined ? {} : { change }),
      };
    });
}

/** This period against the one before, in total and per channel (channels with data in either). */
export function compare(
  rows: readonly AggregateRow[],
  label: string,
  current: DateRange,
  previous: DateRange,
  measures: readonly Measure[] = TREND_MEASURES,
): Comparison {
  const now = rows.filter(inRange(current));
  const before = rows.filter(inRange(previous));
  const nowBy = totalsBy(now, (r) => r.channel);
  const beforeBy = totalsBy(before, (r) => r.channel);
  const names = [...new Set([...nowBy.keys(), ...beforeBy.keys()])].sort();
  return {
    label,
    current,
    previous,
    total: changes(sumMeasures(now), sumMeasures(before), measures),
    channels: names.map((channel) => ({
      channel,
      changes: changes(nowBy.get(channel) ?? {}, beforeBy.get(channel) ?? {}, measures),
    })),
  };
}

/** Calendar months of the data, each with its totals: the monthly roll-up. */
export function monthlyRollUp(rows: readonly AggregateRow[]): MonthRow[] {
  const byMonth = new Map<string, MonthRow>();
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    let m = byMonth.get(month);
    if (!m) {
      m = { month, from: row.date, to: row.date, totals: {} };
      byMonth.set(month, m);
    }
    if (row.date < m.from) m.from = row.date;
    if (row.date > m.to) m.to = row.date;
    addMeasures(m.totals, row.measures);
  }
  return [...byMonth.keys()].sort().map((month) => {
    const m = byMonth.get(month)!;
    return { ...m, totals: roundMeasures(m.totals) };
  });
}

/** Day by day from `from` to `to`: each day's value (0 on a day without rows), for the rows that pass. */
export function dailySeries(
  rows: readonly AggregateRow[],
  measure: Measure,
  range: DateRange,
  keep: (row: AggregateRow) => boolean = () => true,
): { date: string; value: number }[] {
  const byDay = new Map<string, number>();
  for (const row of rows) {
    const v = row.measures[measure];
    if (v === undefined || !keep(row) || row.date < range.from || row.date > range.to) continue;
    byDay.set(row.date, (byDay.get(row.date) ?? 0) + v);
  }
  const out: { date: string; value: number }[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1))
    out.push({ date: d, value: Math.round((byDay.get(d) ?? 0) * 1e6) / 1e6 });
  return out;
}

/** Weeks of seven days ending on `asOf`, oldest first: the buckets of the trend charts. */
export function weeklyBuckets(from: string, asOf: string): DateRange[] {
  const weeks: DateRange[] = [];
  for (let end = asOf; end >= from; end = addDays(end, -7)) {
    const start = addDays(end, -6);
    weeks.unshift({ from: start < from ? from : start, to: end });
  }
  return weeks;
}

/** One total per bucket, in one pass over the rows. */
export function bucketTotals(
  rows: readonly AggregateRow[],
  buckets: readonly DateRange[],
  measure: Measure,
): number[] {
  const sums = buckets.map(() => 0);
  for (const row of rows) {
    const v = row.measures[measure];
    if (v === undefined) continue;
    const i = buckets.findIndex((b) => row.date >= b.from && row.date <= b.to);
    if (i >= 0) sums[i]! += v;
  }
  return sums.map((s) => Math.round(s * 1e6) / 1e6);
}
