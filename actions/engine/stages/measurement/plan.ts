import type { StrategyData } from '../../artifacts/strategy.js';
import type { Measure, Measures } from '../../importers/metric-row.js';
import { daysBetween } from '../../planning/dates.js';
import { elapsedShare, pacing } from '../../planning/kpi.js';
import { PERIOD_DAYS } from '../../planning/periods.js';
import { columnFor, type MetricColumn } from './measures.js';

/** Spend within ±10 % of pace reads as on pace; outside it, the report says which way and by how much. */
export const PACING_TOLERANCE = 0.1;

export type PacingStatus = 'on pace' | 'overspending' | 'underspending' | 'not tracked';

/** One budget line of the strategy against what was spent on it so far. */
export interface BudgetLine {
  channel: string;
  /** The approved amount (the strategy's budget line). */
  budget: number;
  /** Paid media bought per result, or production cost of an organic channel (not in ad-platform data). */
  basis: 'paid' | 'organic' | 'none';
  /** Spend to date from the data; undefined when no source measures cost for the channel. */
  spend?: number;
  /** spend ÷ budget. */
  spentShare?: number;
  /** spend ÷ (budget × elapsed share): 1 on pace (REFERENCE.md). Only for paid lines. */
  pacing?: number;
  status: PacingStatus;
}

/** One KPI of the plan of record against its actual. */
export interface KpiLine {
  channel: string;
  metric: string;
  target: number;
  period?: string;
  /** The data's column it is measured by, or undefined when nothing measures it. */
  column?: MetricColumn;
  /** Campaign to date; for a rate (`period`), the average per period so far. */
  actual?: number;
  /** actual ÷ target. */
  attainment?: number;
  /** For campaign totals: what the target prorated to the days elapsed would be. */
  expectedToDate?: number;
  /** actual ÷ expectedToDate (1 on track); for a rate, the same as attainment. */
  pace?: number;
}

/** One objective of the strategy: target, plan of record, actual. */
export interface ObjectiveLine {
  objective: number;
  metric: string;
  unit: string;
  target: number;
  planned: number;
  period?: string;
  channel?: string;
  column?: MetricColumn;
  actual?: number;
  attainment?: number;
  pace?: number;
}

export interface PlanVsActual {
  /** Share of the campaign window elapsed by the end of `asOf`, and the days it is. */
  elapsed: number;
  daysElapsed: number;
  windowDays: number;
  budget: BudgetLine[];
  kpis: KpiLine[];
  objectives: ObjectiveLine[];
}

const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
    ? undefined
    : a / b;

function statusOf(p: number | undefined): PacingStatus {
  if (p === undefined) return 'not tracked';
  if (p > 1 + PACING_TOLERANCE) return 'overspending';
  if (p < 1 - PACING_TOLERANCE) return 'underspending';
  return 'on pace';
}

/**
 * The plan of record (the approved strategy) against the data, as of the last day with data:
 * - budget: each line's spend to date and pacing = spend ÷ (budget × elapsed share), for lines bought with
 *   spend; an organic line's budget is production cost, which ad-platform data does not carry;
 * - KPIs: each channel's planned result against its actual, the target prorated to the days elapsed
 *   (a campaign total) or the average per period so far (a rate);
 * - objectives: the same for the whole campaign, every channel in the data counting (an objective that
 *   names a channel counts only that channel).
 */
export function planVsActual(
  strategy: StrategyData,
  byChannel: ReadonlyMap<string, Measures>,
  measured: ReadonlySet<Measure>,
  window: { start: string; end: string },
  asOf: string,
): PlanVsActual {
  const elapsed = elapsedShare(window, asOf) ?? 0;
  const windowDays = daysBetween(window.start, window.end) + 1;
  const daysElapsed = Math.max(0, Math.min(windowDays, daysBetween(window.start, asOf) + 1));
  const measuredFor = (channel: string, measure: Measure) => byChannel.get(channel)?.[measure];
  const allChannels = (measure: Measure): number | undefined => {
    let sum: number | undefined;
    for (const totals of byChannel.values())
      if (totals[measure] !== undefined) sum = (sum ?? 0) + totals[measure]!;
    return sum;
  };
  const rate = (total: number | undefined, period: string | undefined) =>
    total === undefined || period === undefined || daysElapsed === 0
      ? total
      : (total / daysElapsed) * PERIOD_DAYS[period as keyof typeof PERIOD_DAYS];

  const budget = strategy.allocation.lines.map((line): BudgetLine => {
    const spend = measuredFor(line.channel, 'cost');
    const paid = line.basis === 'paid';
    const p = paid && spend !== undefined ? pacing(spend, line.amount, elapsed) : undefined;
    return {
      channel: line.channel,
      budget: line.amount,
      basis: line.basis,
      ...(spend === undefined ? {} : { spend, spentShare: ratio(spend, line.amount) }),
      ...(p === undefined ? {} : { pacing: p }),
      status: paid ? statusOf(p) : 'not tracked',
    };
  });

  const kpis = strategy.kpis.map((k): KpiLine => {
    const column = columnFor(k.metric, measured);
    const actual = column ? rate(measuredFor(k.channel, column.measure) ?? 0, k.period) : undefined;
    const expectedToDate = k.period ? k.target : k.target * elapsed;
    return {
      channel: k.channel,
      metric: k.metric,
      target: k.target,
      ...(k.period ? { period: k.period } : {}),
      ...(column ? { column } : {}),
      ...(actual === undefined ? {} : { actual, attainment: ratio(actual, k.target) }),
      expectedToDate,
      ...(actual === undefined ? {} : { pace: ratio(actual, expectedToDate) }),
    };
  });

  const objectives = strategy.objectivePlans.map((p): ObjectiveLine => {
    const o = strategy.objectives[p.objective];
    const column = columnFor(p.metric, measured);
    const total = column
      ? p.channel
        ? (measuredFor(p.channel, column.measure) ?? 0)
        : (allChannels(column.measure) ?? 0)
      : undefined;
    const actual = rate(total, p.period);
    const expected = p.period ? p.target : p.target * elapsed;
    return {
      objective: p.objective,
      metric: p.metric,
      unit: o?.unit ?? p.unit,
      target: p.target,
      planned: p.planned,
      ...(p.period ? { period: p.period } : {}),
      ...(p.channel ? { channel: p.channel } : {}),
      ...(column ? { column } : {}),
      ...(actual === undefined
        ? {}
        : { actual, attainment: ratio(actual, p.target), pace: ratio(actual, expected) }),
    };
  });
  return { elapsed, daysElapsed, windowDays, budget, kpis, objectives };
}

/**
 * The result the campaign is judged by, for rankings and budget moves: the first objective counted in a
 * funnel column the data has (MQLs, leads, conversions, revenue), else the best-qualified funnel column.
 */
export function resultColumn(
  strategy: Pick<StrategyData, 'objectives'>,
  measured: ReadonlySet<Measure>,
): { measure: Measure; label: string } | undefined {
  const funnel: readonly Measure[] = ['mqls', 'leads', 'conversions', 'sqls', 'opportunities', 'revenue'];
  for (const o of strategy.objectives) {
    const column = columnFor(o.metric, measured);
    if (column && funnel.includes(column.measure)) return { measure: column.measure, label: o.unit };
  }
  const fallback = funnel.find((m) => measured.has(m));
  return fallback ? { measure: fallback, label: fallback === 'mqls' ? 'MQLs' : fallback } : undefined;
}
