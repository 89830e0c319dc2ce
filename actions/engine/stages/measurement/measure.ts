import type { StrategyData } from '../../artifacts/strategy.js';
import type { AggregateRow } from '../../importers/aggregate.js';
import type { Measure, Measures } from '../../importers/metric-row.js';
import { ctr, roi } from '../../planning/kpi.js';
import { budgetShift, type ShiftDecision } from './amendment.js';
import { type Anomaly, findAnomalies } from './anomalies.js';
import type { AttributionSummary } from './attribution.js';
import { type DateRange, planReport, type ReportPlan } from './cadence.js';
import { measuredSet, sumMeasures, totalsBy } from './measures.js';
import { type PlanVsActual, planVsActual, resultColumn } from './plan.js';
import { type Rankings, rankAssets } from './rankings.js';
import {
  bucketTotals,
  type Comparison,
  compare,
  type MonthRow,
  monthlyRollUp,
  weeklyBuckets,
} from './trends.js';

/** A channel's funnel to date: every measured column, and the rates a CMO reads. */
export interface ChannelFunnel {
  channel: string;
  totals: Measures;
  ctr?: number;
  /** Spend per result (the campaign's result column). */
  costPerResult?: number;
  /** (revenue − spend) ÷ spend, media spend only. */
  roi?: number;
}

export interface Measured {
  plan: ReportPlan;
  /** First day with data. */
  dataFrom: string;
  measured: Measure[];
  /** The column the campaign is judged by (MQLs, leads, …) and its unit. */
  result?: { measure: Measure; label: string };
  totals: Measures;
  totalRoi?: number;
  channels: ChannelFunnel[];
  planVsActual: PlanVsActual;
  comparison: Comparison;
  months: MonthRow[];
  weeks: DateRange[];
  weeklySpend: number[];
  weeklyResults: number[];
  anomalies: Anomaly[];
  rankings: Rankings;
  attribution?: AttributionSummary;
  shift: ShiftDecision;
}

const channelOrder = (strategy: StrategyData) => {
  const planned = strategy.allocation.lines.map((l) => l.channel as string);
  return (a: string, b: string) => {
    const ia = planned.indexOf(a);
    const ib = planned.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  };
};

/** Everything the report says, computed from the data and the plan of record; the model adds only words. */
export function measure(input: {
  strategy: StrategyData;
  rows: readonly AggregateRow[];
  window: { start: string; end: string };
  now: Date;
  attribution?: AttributionSummary;
}): Measured {
  const { strategy, rows, window } = input;
  const dates = rows.map((r) => r.date).sort();
  const dataFrom = dates[0]!;
  const asOf = dates.at(-1)!;
  const plan = planReport(input.now, asOf, window);
  const measuredMeasures = measuredSet(rows);
  const result = resultColumn(strategy, measuredMeasures);
  const byChannel = totalsBy(rows, (r) => r.channel as string);
  const order = channelOrder(strategy);
  const channels = [...byChannel.keys()].sort(order).map((channel): ChannelFunnel => {
    const t = byChannel.get(channel)!;
    const c =
      t.clicks !== undefined && t.impressions !== undefined ? ctr(t.clicks, t.impressions) : undefined;
    const r = result ? t[result.measure] : undefined;
    const cpr = t.cost !== undefined && t.cost > 0 && r !== undefined && r > 0 ? t.cost / r : undefined;
    const ro =
      t.cost !== undefined && t.cost > 0 && t.revenue !== undefined ? roi(t.revenue, t.cost) : undefined;
    return {
      channel,
      totals: t,
      ...(c === undefined ? {} : { ctr: c }),
      ...(cpr === undefined ? {} : { costPerResult: cpr }),
      ...(ro === undefined ? {} : { roi: ro }),
    };
  });
  const totals = sumMeasures(rows);
  const totalRoi =
    totals.cost !== undefined && totals.cost > 0 && totals.revenue !== undefined
      ? roi(totals.revenue, totals.cost)
      : undefined;
  const pva = planVsActual(strategy, byChannel, measuredMeasures, window, asOf);
  const weeks = weeklyBuckets(dataFrom, asOf);
  const anomalyMeasures: Measure[] = ['cost', 'clicks', ...(result ? [result.measure] : [])];
  const results = new Map(channels.map((c) => [c.channel, result ? (c.totals[result.measure] ?? 0) : 0]));
  return {
    plan,
    dataFrom,
    measured: [...measuredMeasures],
    ...(result ? { result } : {}),
    totals,
    ...(totalRoi === undefined ? {} : { totalRoi }),
    channels,
    planVsActual: pva,
    comparison: compare(rows, plan.comparison, plan.current, plan.previous),
    months: monthlyRollUp(rows),
    weeks,
    weeklySpend: bucketTotals(rows, weeks, 'cost'),
    weeklyResults: result ? bucketTotals(rows, weeks, result.measure) : [],
    anomalies: findAnomalies(
      rows,
      anomalyMeasures.filter((m) => measuredMeasures.has(m)),
      plan.current,
      asOf,
    ),
    rankings: rankAssets(rows, result?.measure ?? 'clicks', asOf),
    ...(input.attribution ? { attribution: input.attribution } : {}),
    shift: result
      ? budgetShift(pva.budget, results, input.attribution)
      : { none: 'no funnel column to compare channels by' },
  };
}
