import type { Channel } from '../channels/index.js';
import type { Benchmarks, ChannelBenchmark, SourcedValue } from './benchmarks.js';
import type { Assumption } from './funnel.js';
import { type FunnelStage, isConversionMetric, METRIC_STAGE, type ObjectiveMetric } from './metrics.js';
import { monthlyToTotal } from './periods.js';
import { curveFromBenchmark, curveResults, type ResponseCurve } from './response-curve.js';

/**
 * What a channel yields, read forwards: from what its money buys (clicks, impressions, leads) or what
 * it brings organically (visits, impressions a month) down the funnel to every objective metric.
 *
 *   impressions ──ctr──► clicks ──(1:1)──► visits ──conversionRate──► conversions (leads)
 *        ──leadToMql──► mqls ──mqlToWon × averageDealValue──► revenue
 *
 * The same rates as `funnel.ts` (which reads them backwards, from a target); every step is a
 * multiplication, so results scale linearly with the entry volume and the diminishing returns of
 * spend live only in the entry volume's curve.
 */

/** Where a channel's volume enters the funnel. */
export type Anchor = 'impressions' | 'clicks' | 'visits' | 'conversions';

export type YieldModel =
  | {
      channel: Channel;
      basis: 'paid';
      anchor: Anchor;
      /** Anchor volume as a function of the spend above the fixed cost (diminishing returns). */
      curve: ResponseCurve;
      fixedCost: number;
      row: ChannelBenchmark;
    }
  | {
      channel: Channel;
      basis: 'organic';
      anchor: 'visits' | 'impressions';
      /** Anchor volume over the whole campaign. */
      volume: number;
      perMonth: number;
      source: string;
      row: ChannelBenchmark;
    }
  | { channel: Channel; basis: 'none'; reason: string; row?: ChannelBenchmark };

/** An organic volume the brief gives (a channel objective's baseline), used when the benchmarks have none. */
export interface OrganicVisits {
  perMonth: number;
  source: string;
}

export interface YieldModelOptions {
  /** Campaign length in days (inclusive window). */
  days: number;
  /** The budget's currency: costs are modelled only when the benchmarks use it too. */
  currency: string;
  organicVisits?: OrganicVisits;
}

/** Why an organic channel without a monthly volume is not modelled (the strategy says how to add one). */
export const ORGANIC_WITHOUT_VOLUME = 'organic, no monthly volume in the benchmarks';

const PAID_ANCHOR = { cpc: 'clicks', cpm: 'impressions', cpl: 'conversions' } as const;
const ANCHOR_METRIC = { clicks: 'clicks', impressions: 'impressions', conversions: 'leads' } as const;

/** How one channel's expected volume is decided: a spend curve, an organic volume, or not at all (why). */
export function yieldModel(channel: Channel, benchmarks: Benchmarks, options: YieldModelOptions): YieldModel {
  const row = benchmarks.channels[channel];
  if (!row) {
    return { channel, basis: 'none', reason: 'no benchmark row for this channel' };
  }
  if (row.costModel === 'none') {
    const days = options.days;
    if (row.monthlyVisits || (!row.monthlyImpressions && options.organicVisits)) {
      const perMonth = row.monthlyVisits?.value ?? options.organicVisits?.perMonth ?? 0;
      const source = row.monthlyVisits
        ? `${row.monthlyVisits.source}, ${row.monthlyVisits.asOf}`
        : (options.organicVisits?.source ?? '');
      return {
        channel,
        basis: 'organic',
        anchor: 'visits',
        volume: monthlyToTotal(perMonth, days),
        perMonth,
        source,
        row,
      };
    }
    if (row.monthlyImpressions) {
      const m = row.monthlyImpressions;
      return {
        channel,
        basis: 'organic',
        anchor: 'impressions',
        volume: monthlyToTotal(m.value, days),
        perMonth: m.value,
        source: `${m.source}, ${m.asOf}`,
        row,
      };
    }
    return {
      channel,
      basis: 'none',
      reason: ORGANIC_WITHOUT_VOLUME,
      row,
    };
  }
  if (benchmarks.currency !== options.currency) {
    return {
      channel,
      basis: 'none',
      reason: `the benchmarks are in ${benchmarks.currency}, the budget in ${options.currency}`,
      row,
    };
  }
  const anchor = PAID_ANCHOR[row.costModel];
  const fitted = curveFromBenchmark(channel, row, ANCHOR_METRIC[anchor], options.days, benchmarks);
  if (!fitted.ok) {
    const reason = row.referenceMonthlySpend
      ? `its cost per ${anchor === 'conversions' ? 'lead' : anchor.replace(/s$/, '')} cannot be modelled from the benchmarks`
      : 'no referenceMonthlySpend in the benchmarks to shape its spend curve';
    return { channel, basis: 'none', reason, row };
  }
  return {
    channel,
    basis: 'paid',
    anchor,
    curve: fitted.curve,
    fixedCost: Math.ceil(row.fixedCost?.value ?? 0),
    row,
  };
}

/** The anchor volume a channel yields for `amount` (whole currency units, fixed cost included). */
export function anchorVolume(model: YieldModel, amount: number): number {
  if (model.basis === 'organic') return model.volume;
  if (model.basis === 'none') return 0;
  if (amount <= 0 || amount < model.fixedCost) return 0;
  return curveResults(model.curve, amount - model.fixedCost);
}

export interface ForwardFunnel {
  /** Volumes per stage (exact); `conversions` are the metric's own when it is a conversion metric. */
  volumes: Partial<Record<FunnelStage, number>>;
  /** The result in the metric, or undefined when a rate is missing (`reason` says which). */
  result?: number;
  reason?: string;
  /** The rates used, with their sources. */
  assumptions: Assumption[];
}

/** Reads the funnel forwards from `volume` entering at `anchor`, to the result in `metric`. */
export function forwardFunnel(
  row: ChannelBenchmark,
  anchor: Anchor,
  volume: number,
  metric: ObjectiveMetric,
  benchmarks: Pick<Benchmarks, 'revenue'>,
): ForwardFunnel {
  const assumptions: Assumption[] = [];
  const use = (name: string, v: SourcedValue): number => {
    if (!assumptions.some((a) => a.name === name)) {
      assumptions.push({
        name,
        value: v.value,
        source: v.source,
        asOf: v.asOf,
        measured: v.measured === true,
      });
    }
    return v.value;
  };
  const v: Partial<Record<FunnelStage, number>> = {};
  if (anchor === 'impressions') {
    v.impressions = volume;
    if (row.ctr) v.clicks = volume * use('ctr', row.ctr);
  } else if (anchor === 'clicks' || anchor === 'visits') {
    v.clicks = volume; // assumption: one click is one visit
    if (row.ctr) v.impressions = volume / use('ctr', row.ctr);
  } else if (row.conversionRate) {
    v.visits = volume / use('conversionRate', row.conversionRate);
    v.clicks = v.visits;
    if (row.ctr) v.impressions = v.clicks / use('ctr', row.ctr);
  }
  if (v.visits === undefined && v.clicks !== undefined) v.visits = v.clicks;

  const stage = METRIC_STAGE[metric];
  const missing = (what: string): ForwardFunnel => ({
    volumes: v,
    reason: `no ${what} benchmark for this channel`,
    assumptions,
  });
  if (stage === 'impressions' || stage === 'clicks' || stage === 'visits') {
    const result = v[stage];
    return result === undefined
      ? missing(stage === 'impressions' ? 'ctr' : 'traffic')
      : { volumes: v, result, assumptions };
  }
  // Leads bought per lead (cpl) are conversions of any kind; otherwise visits convert at the metric's rate.
  const rateFor = (m: ObjectiveMetric) =>
    (isConversionMetric(m) ? row.conversionRates?.[m] : undefined) ?? row.conversionRate;
  const convert = (m: ObjectiveMetric): number | undefined => {
    if (anchor === 'conversions') return volume;
    const rate = rateFor(m);
    return v.visits === undefined || !rate ? undefined : v.visits * use('conversionRate', rate);
  };
  if (stage === 'conversions') {
    const conversions = convert(metric);
    if (conversions === undefined) return missing('conversionRate');
    v.conversions = conversions;
    return { volumes: v, result: conversions, assumptions };
  }
  const leads = convert('leads');
  if (leads === undefined) return missing('conversionRate');
  v.conversions = leads;
  if (!row.leadToMql) return missing('leadToMql');
  v.mqls = leads * use('leadToMql', row.leadToMql);
  if (stage === 'mqls') return { volumes: v, result: v.mqls, assumptions };
  const revenue = benchmarks.revenue;
  if (!revenue) return missing('revenue (mqlToWon, averageDealValue)');
  v.revenue = v.mqls * use('mqlToWon', revenue.mqlToWon) * use('averageDealValue', revenue.averageDealValue);
  return { volumes: v, result: v.revenue, assumptions };
}
