import { CHANNEL_LABELS } from '../../channels/index.js';
import type { AggregateRow } from '../../importers/aggregate.js';
import type { Measure, Measures } from '../../importers/metric-row.js';
import type { ObjectiveMetric } from '../../planning/metrics.js';

/** Sums measure by measure; a measure no row measured stays absent (not measured), never 0. */
export function sumMeasures(rows: Iterable<{ measures: Measures }>): Measures {
  const out: Measures = {};
  for (const { measures } of rows) addMeasures(out, measures);
  return roundMeasures(out);
}

/** Adds one row's measures into running sums (only the measures the row has). */
export function addMeasures(into: Measures, measures: Measures): void {
  for (const m in measures) {
    const v = measures[m as Measure];
    if (v !== undefined) into[m as Measure] = (into[m as Measure] ?? 0) + v;
  }
}

/** Sums of money in floats pick up binary noise (0.1 + 0.2); the inputs have at most 6 decimals. */
export function roundMeasures(sums: Measures): Measures {
  for (const m in sums) sums[m as Measure] = Math.round(sums[m as Measure]! * 1e6) / 1e6;
  return sums;
}

/** Totals per key, keys in first-seen order. */
export function totalsBy<K>(rows: readonly AggregateRow[], key: (row: AggregateRow) => K): Map<K, Measures> {
  const sums = new Map<K, Measures>();
  for (const row of rows) {
    const k = key(row);
    let into = sums.get(k);
    if (!into) {
      into = {};
      sums.set(k, into);
    }
    addMeasures(into, row.measures);
  }
  for (const s of sums.values()) roundMeasures(s);
  return sums;
}

/** Every measure some row has. */
export function measuredSet(rows: readonly { measures: Measures }[]): Set<Measure> {
  const set = new Set<Measure>();
  for (const { measures } of rows)
    for (const m in measures) if (measures[m as Measure] !== undefined) set.add(m as Measure);
  return set;
}

/** Which column of the data counts an objective's metric, and in what words when it is a stand-in. */
export interface MetricColumn {
  measure: Measure;
  /** Set when the column is a stand-in the plan itself assumes (clicks for visits). */
  proxy?: string;
}

/**
 * The measured column for an objective metric. Each funnel stage reads its own column: MQLs the `mqls`
 * column, leads `leads`, form conversions (sign-ups, trials, demos, subscribers) `conversions`. The only
 * stand-in is the plan's own assumption, one click = one visit, used when no source measures sessions.
 * Undefined when the data has no column for it: the report says "not measured", never another number.
 */
export function columnFor(metric: string, measured: ReadonlySet<Measure>): MetricColumn | undefined {
  const direct: Partial<Record<ObjectiveMetric | 'visits', Measure>> = {
    impressions: 'impressions',
    clicks: 'clicks',
    leads: 'leads',
    mqls: 'mqls',
    revenue: 'revenue',
    signups: 'conversions',
    trials: 'conversions',
    demos: 'conversions',
    'email-subscribers': 'conversions',
  };
  const m = metric.toLowerCase();
  if (m === 'visitors' || m === 'sessions' || m === 'visits') {
    if (measured.has('sessions')) return { measure: 'sessions' };
    if (measured.has('clicks'))
      return {
        measure: 'clicks',
        proxy: 'clicks, as visits (no source measures sessions; the plan counts one click as one visit)',
      };
    return undefined;
  }
  const measure = direct[m as ObjectiveMetric];
  return measure && measured.has(measure) ? { measure } : undefined;
}

/** How a measure is named in a table heading or a sentence. */
export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  impressions: 'impressions',
  clicks: 'clicks',
  cost: 'spend',
  sessions: 'sessions',
  conversions: 'conversions',
  leads: 'leads',
  mqls: 'MQLs',
  sqls: 'SQLs',
  opportunities: 'opportunities',
  pipeline: 'pipeline',
  revenue: 'revenue',
  emailsSent: 'emails sent',
  opens: 'opens',
  unsubscribes: 'unsubscribes',
};

/** A channel's name for people: the registry's label, or the id in words for channels outside the plan. */
export function channelLabel(id: string): string {
  const label = (CHANNEL_LABELS as Readonly<Record<string, string>>)[id];
  if (label) return label;
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
