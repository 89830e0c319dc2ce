import { CHANNEL_LABELS, type Channel } from '../channels/index.js';
import type { Benchmarks } from './benchmarks.js';
import { anchorVolume, forwardFunnel, type YieldModel } from './channel-yield.js';
import { formatCount, formatMoney } from './format.js';
import type { KpiNode } from './funnel.js';
import { type FunnelStage, METRIC_LABELS, METRIC_STAGE, type ObjectiveMetric } from './metrics.js';
import { type PlanPeriod, periodFactor, perPeriod } from './periods.js';
import type { ResponseCurve } from './response-curve.js';

/**
 * The plan of record: for every objective, what each channel is expected to deliver with the budget it
 * was given, computed once. The strategy's KPI table, funnel tree and expected results are all read
 * from it, so they cannot disagree. Whole units: each channel's share is rounded once and the
 * objective's planned total is the sum of those rounded shares, so the numbers add up as printed.
 */

export interface PlanObjective {
  metric: ObjectiveMetric;
  target: number;
  /** Counted on this channel only ("organic sessions on the blog"). */
  channel?: Channel;
  /** The target is a rate per period, planned as the campaign's average; otherwise a campaign total. */
  period?: PlanPeriod;
}

export interface ChannelLine {
  channel: Channel;
  /** Whole currency units. */
  amount: number;
}

/** Campaign totals of one channel's traffic, exact. */
export type Traffic = Partial<Record<'impressions' | 'clicks' | 'visits', number>>;

export interface ChannelOutcome {
  channel: Channel;
  amount: number;
  basis: YieldModel['basis'];
  traffic: Traffic;
  /** Why nothing is expected from this channel, when nothing is. */
  note?: string;
}

export interface ObjectiveShare {
  channel: Channel;
  /** Whole units: the exact expectation rounded once. */
  planned: number;
  exact: number;
  /** Why this channel's share is not modelled, when it is not. */
  note?: string;
}

export interface PlannedObjective {
  index: number;
  objective: PlanObjective;
  /** Every channel that can count towards the objective, in the order of the budget lines. */
  channels: ObjectiveShare[];
  /** Σ channels.planned. */
  planned: number;
  /** target − planned (rounded to whole units): above 0 the plan falls short by that much. */
  gap: number;
  tree: KpiNode;
}

export interface PlanOfRecord {
  channels: ChannelOutcome[];
  objectives: PlannedObjective[];
}

export interface PlanOfRecordInput {
  objectives: readonly PlanObjective[];
  lines: readonly ChannelLine[];
  models: ReadonlyMap<Channel, YieldModel>;
  benchmarks: Pick<Benchmarks, 'revenue'>;
  windowDays: number;
  currency: string;
}

export const servesObjective = (channel: Channel, objective: PlanObjective): boolean =>
  objective.channel === undefined || objective.channel === channel;

/** "500 MQLs", "21,000 sessions a month on Blog / SEO". */
export function objectiveText(o: PlanObjective, value = o.target): string {
  const period = o.period ? ` ${perPeriod(o.period)}` : '';
  const on = o.channel ? ` on ${CHANNEL_LABELS[o.channel]}` : '';
  return `${formatCount(value)} ${METRIC_LABELS[o.metric]}${period}${on}`;
}

/**
 * The optimiser's curve for a paid channel: what its spend adds to the objectives it serves, each
 * result counted as a share of its target (Σ results ÷ target). Every objective metric of one channel
 * is a fixed multiple of the same anchor curve, so the sum is that curve, scaled.
 */
export function attainmentCurve(
  model: Extract<YieldModel, { basis: 'paid' }>,
  objectives: readonly PlanObjective[],
  benchmarks: Pick<Benchmarks, 'revenue'>,
  windowDays: number,
): ResponseCurve {
  let weight = 0;
  for (const o of objectives) {
    if (!servesObjective(model.channel, o)) continue;
    const perUnit = forwardFunnel(model.row, model.anchor, 1, o.metric, benchmarks).result ?? 0;
    weight += (perUnit * periodFactor(o.period, windowDays)) / o.target;
  }
  const curve = model.curve;
  return curve.kind === 'saturating'
    ? { ...curve, maxResults: curve.maxResults * weight }
    : { ...curve, coefficient: curve.coefficient * weight };
}

export function planOfRecord(input: PlanOfRecordInput): PlanOfRecord {
  const { lines, models, benchmarks, windowDays, currency } = input;
  const channels = lines.map((line): ChannelOutcome => {
    const model = models.get(line.channel) ?? { channel: line.channel, basis: 'none', reason: 'no model' };
    const volume = anchorVolume(model, line.amount);
    if (model.basis === 'none') return { ...line, basis: 'none', traffic: {}, note: model.reason };
    const { volumes } = forwardFunnel(model.row, model.anchor, volume, 'visitors', benchmarks);
    const traffic: Traffic = {};
    for (const stage of ['impressions', 'clicks', 'visits'] as const) {
      if (volumes[stage] !== undefined) traffic[stage] = volumes[stage];
    }
    return {
      ...line,
      basis: model.basis,
      traffic,
      ...(volume > 0 || model.basis !== 'paid'
        ? {}
        : {
            note:
              line.amount === 0
                ? 'no budget'
                : `its budget is below its fixed cost (${formatMoney(model.fixedCost, currency)})`,
          }),
    };
  });
  const objectives = input.objectives.map((objective, index): PlannedObjective => {
    const factor = periodFactor(objective.period, windowDays);
    const shares: { share: ObjectiveShare; node: KpiNode }[] = [];
    for (const line of lines) {
      if (!servesObjective(line.channel, objective)) continue;
      shares.push(channelShare(line, models.get(line.channel), objective, factor, benchmarks, currency));
    }
    if (objective.channel && !lines.some((l) => l.channel === objective.channel)) {
      const note = `${CHANNEL_LABELS[objective.channel]} is not one of the strategy's channels`;
      shares.push({
        share: { channel: objective.channel, planned: 0, exact: 0, note },
        node: {
          id: objective.channel,
          label: `${CHANNEL_LABELS[objective.channel]}: ${note}`,
          stage: 'channel',
          value: 0,
          children: [],
        },
      });
    }
    const planned = shares.reduce((s, x) => s + x.share.planned, 0);
    return {
      index,
      objective,
      channels: shares.map((s) => s.share),
      planned,
      gap: Math.round(objective.target - planned),
      tree: {
        id: 'objective',
        label: objectiveText(objective),
        stage: 'objective',
        value: objective.target,
        children: shares.map((s) => s.node),
      },
    };
  });
  return { channels, objectives };
}

const STAGE_ORDER: readonly FunnelStage[] = [
  'revenue',
  'mqls',
  'conversions',
  'visits',
  'clicks',
  'impressions',
];
const STAGE_LABEL: Readonly<Record<FunnelStage, string>> = {
  revenue: 'revenue',
  mqls: 'MQLs',
  conversions: 'leads (conversions)',
  visits: 'visits',
  clicks: 'clicks (assumed 1 click = 1 visit)',
  impressions: 'impressions',
};
/** The rate that turns a stage's volume into the next stage up. */
const RATE_INTO: Readonly<Partial<Record<FunnelStage, string>>> = {
  mqls: 'mqlToWon',
  conversions: 'leadToMql',
  visits: 'conversionRate',
  impressions: 'ctr',
};

function channelShare(
  line: ChannelLine,
  model: YieldModel | undefined,
  objective: PlanObjective,
  factor: number,
  benchmarks: Pick<Benchmarks, 'revenue'>,
  currency: string,
): { share: ObjectiveShare; node: KpiNode } {
  const name = CHANNEL_LABELS[line.channel];
  const unit = METRIC_LABELS[objective.metric];
  const none = (note: string) => ({
    share: { channel: line.channel, planned: 0, exact: 0, note },
    node: {
      id: line.channel,
      label: `${name}: not modelled (${note})`,
      stage: 'channel' as const,
      value: 0,
      children: [],
    },
  });
  if (!model || model.basis === 'none') return none(model?.reason ?? 'no model');
  const funnel = forwardFunnel(
    model.row,
    model.anchor,
    anchorVolume(model, line.amount),
    objective.metric,
    benchmarks,
  );
  if (funnel.result === undefined) return none(funnel.reason ?? 'a rate is missing');
  const exact = funnel.result * factor;
  const planned = Math.round(exact);
  let chain: KpiNode[] = [];
  for (const stage of [...STAGE_ORDER].reverse()) {
    const volume = funnel.volumes[stage];
    if (volume === undefined || stage === METRIC_STAGE[objective.metric]) continue;
    if (STAGE_ORDER.indexOf(stage) < STAGE_ORDER.indexOf(METRIC_STAGE[objective.metric])) continue;
    const assumption = funnel.assumptions.find((a) => a.name === RATE_INTO[stage]);
    chain = [
      {
        id: `${line.channel}.${stage}`,
        label: STAGE_LABEL[stage],
        stage,
        value: Math.round(volume * factor),
        ...(assumption ? { assumption } : {}),
        children: chain,
      },
    ];
  }
  const how =
    model.basis === 'paid'
      ? `${formatMoney(line.amount, currency)} of media, diminishing returns`
      : `organic: ${formatCount(model.perMonth)} ${model.anchor} a month (${model.source})`;
  const period = objective.period ? ` ${perPeriod(objective.period)}` : '';
  return {
    share: { channel: line.channel, planned, exact },
    node: {
      id: line.channel,
      label: `${name}: ${formatCount(planned)} ${unit}${period} (${how})`,
      stage: 'channel',
      value: planned,
      children: chain,
    },
  };
}
