import { CHANNEL_LABELS, type Channel } from '../channels/index.js';
import type { Problem } from '../errors.js';
import type { Benchmarks, ChannelBenchmark, SourcedValue } from './benchmarks.js';
import { formatCount, formatMoney, formatPercent } from './format.js';
import { safeRatio } from './kpi.js';
import { type FunnelStage, isConversionMetric, METRIC_STAGE, type ObjectiveMetric } from './metrics.js';

/**
 * Funnel math, read backwards: from "500 MQLs" to the leads, visits, clicks and
 * impressions each channel must deliver, and what that costs at benchmark rates.
 *
 *   impressions ──ctr──► clicks ──(1:1)──► visits ──conversionRate──► conversions (leads)
 *        ──leadToMql──► mqls ──mqlToWon × averageDealValue──► revenue
 *
 * Assumptions (all stated in the output): one click is one visit (no click loss, no
 * direct traffic); a channel's share is its share of the objective's result; rates are
 * independent of volume (diminishing returns live in the optimiser, not here). Volumes
 * are kept exact (fractional) in the model and rounded up only when shown.
 */

export interface ChannelShare {
  channel: Channel;
  /** Share of the objective this channel should deliver, a fraction; shares sum to 1. */
  share: number;
}

export interface FunnelObjective {
  metric: ObjectiveMetric;
  target: number;
}

/** One benchmark a number depends on, with its provenance. */
export interface Assumption {
  name: string;
  value: number;
  source: string;
  asOf: string;
  measured: boolean;
}

export interface ChannelFunnel {
  channel: Channel;
  share: number;
  /** target × share, in the objective's metric. */
  result: number;
  /** Required volumes per stage (exact); a stage is absent when a rate is missing. */
  volumes: Partial<Record<FunnelStage, number>>;
  /** Media cost at benchmark rates, plus the channel's fixed cost; undefined when it cannot be modelled. */
  cost?: number;
  costPerResult?: number;
  /** cost ÷ conversions (leads), for comparing with the channel's published CPL. */
  costPerLead?: number;
  assumptions: Assumption[];
  /** What could not be modelled and why, in words for the strategy document. */
  gaps: string[];
}

export interface KpiNode {
  /** Stable id such as `linkedin-ads.clicks`. */
  id: string;
  label: string;
  stage: FunnelStage | 'objective' | 'channel';
  /** Whole number of units needed (rounded up), or money for the cost line. */
  value: number;
  cost?: number;
  /** The rate that links this node to its parent, when there is one. */
  assumption?: Assumption;
  children: KpiNode[];
}

export interface FunnelPlan {
  objective: FunnelObjective;
  currency: string;
  channels: ChannelFunnel[];
  /** Sum of the channel costs that could be modelled. */
  totalCost: number;
  /** totalCost ÷ target, when every channel's cost could be modelled. */
  costPerResult?: number;
  /** Channels whose cost is not in `totalCost`. */
  unmodelledCost: Channel[];
  /** objective → channel → conversions → visits → clicks → impressions. */
  tree: KpiNode;
  /** Invalid shares or channels without benchmarks; the plan leaves those channels out. */
  problems: Problem[];
}

export interface PlanFunnelOptions {
  /** Field path prefix for problems, e.g. `objectives[1]`. */
  where?: string;
}

const SHARE_TOLERANCE = 0.001;

/** Plans one objective across channels. Never throws on bad shares: it reports them in `problems`. */
export function planFunnel(
  objective: FunnelObjective,
  shares: readonly ChannelShare[],
  benchmarks: Benchmarks,
  options: PlanFunnelOptions = {},
): FunnelPlan {
  const where = options.where ?? 'objective';
  const problems: Problem[] = [];
  if (!(Number.isFinite(objective.target) && objective.target > 0)) {
    problems.push({
      where: `${where}.target`,
      message: `target must be a number above 0, got ${objective.target}`,
    });
  }
  const total = shares.reduce((sum, s) => sum + s.share, 0);
  if (shares.length === 0) {
    problems.push({
      where: `${where}.channels`,
      message: 'name at least one channel and its share of the target',
    });
  } else if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    problems.push({
      where: `${where}.channels`,
      message: `channel shares add up to ${formatPercent(total)}; they must add up to 100 %`,
    });
  }
  const seen = new Set<Channel>();
  const channels: ChannelFunnel[] = [];
  shares.forEach((s, i) => {
    const at = `${where}.channels[${i}]`;
    const row = benchmarks.channels[s.channel];
    if (seen.has(s.channel))
      problems.push({ where: `${at}.channel`, message: `${s.channel} is listed twice` });
    else if (!(s.share >= 0 && s.share <= 1)) {
      problems.push({ where: `${at}.share`, message: `share must be between 0 and 1, got ${s.share}` });
    } else if (!row) {
      problems.push({
        where: `${at}.channel`,
        message: `no benchmark for ${s.channel}: add a channels.${s.channel} row to the benchmarks file`,
      });
    } else {
      channels.push(
        channelFunnel(s.channel, row, objective.metric, objective.target * s.share, benchmarks, s.share),
      );
    }
    seen.add(s.channel);
  });
  const unmodelledCost = channels.filter((c) => c.cost === undefined).map((c) => c.channel);
  const totalCost = channels.reduce((sum, c) => sum + (c.cost ?? 0), 0);
  const plan: Omit<FunnelPlan, 'tree'> = {
    objective,
    currency: benchmarks.currency,
    channels,
    totalCost,
    costPerResult: unmodelledCost.length === 0 ? safeRatio(totalCost, objective.target) : undefined,
    unmodelledCost,
    problems,
  };
  return { ...plan, tree: kpiTree(plan) };
}

/**
 * The funnel of one channel for `result` units of `metric`. Exported for the optimiser,
 * which needs the cost of one result (`result = 1`, no fixed cost) to shape its curves.
 */
export function channelFunnel(
  channel: Channel,
  row: ChannelBenchmark,
  metric: ObjectiveMetric,
  result: number,
  benchmarks: Pick<Benchmarks, 'revenue'>,
  share = 1,
  options: { includeFixedCost?: boolean } = {},
): ChannelFunnel {
  const volumes: Partial<Record<FunnelStage, number>> = {};
  const assumptions: Assumption[] = [];
  const gaps: string[] = [];
  const use = (name: string, v: SourcedValue): number => {
    assumptions.push({ name, value: v.value, source: v.source, asOf: v.asOf, measured: v.measured === true });
    return v.value;
  };

  const stage = METRIC_STAGE[metric];
  volumes[stage] = result;
  // Walk down the funnel from the objective's stage; each step divides by one rate.
  if (stage === 'revenue') {
    const revenue = benchmarks.revenue;
    if (revenue) {
      volumes.mqls =
        result / (use('mqlToWon', revenue.mqlToWon) * use('averageDealValue', revenue.averageDealValue));
    } else
      gaps.push(
        'revenue objectives need revenue.mqlToWon and revenue.averageDealValue in the benchmarks file',
      );
  }
  if (volumes.mqls !== undefined && stage !== 'conversions') {
    if (row.leadToMql) volumes.conversions = volumes.mqls / use('leadToMql', row.leadToMql);
    else gaps.push('no leadToMql benchmark: leads, traffic and cost not modelled');
  }
  if (volumes.conversions !== undefined) {
    const rate =
      (isConversionMetric(metric) ? row.conversionRates?.[metric] : undefined) ?? row.conversionRate;
    if (rate) volumes.visits = volumes.conversions / use('conversionRate', rate);
    else gaps.push('no conversionRate benchmark: traffic and cost not modelled');
  }
  if (volumes.visits !== undefined) volumes.clicks = volumes.visits; // assumption: 1 click = 1 visit
  if (stage === 'impressions' && row.ctr) volumes.clicks = result * use('ctr', row.ctr); // forwards, for CPC cost
  if (volumes.clicks !== undefined && stage !== 'impressions') {
    if (row.ctr) volumes.impressions = volumes.clicks / use('ctr', row.ctr);
    else gaps.push('no ctr benchmark: impressions not modelled');
  }

  let cost: number | undefined;
  if (row.costModel === 'cpc' && row.cpc && volumes.clicks !== undefined) {
    cost = volumes.clicks * use('cpc', row.cpc);
  } else if (row.costModel === 'cpm' && row.cpm && volumes.impressions !== undefined) {
    cost = (volumes.impressions / 1000) * use('cpm', row.cpm);
  } else if (row.costModel === 'cpl' && row.cpl && volumes.conversions !== undefined) {
    cost = volumes.conversions * use('cpl', row.cpl);
  } else if (row.costModel === 'none') {
    cost = 0;
    if (!row.fixedCost) gaps.push('organic channel: no media cost; plan its production cost as a fixed cost');
  } else {
    gaps.push(`cost not modelled: costModel ${row.costModel} needs the ${row.costModel} stage volume`);
  }
  if (cost !== undefined && row.fixedCost && options.includeFixedCost !== false) {
    cost += use('fixedCost', row.fixedCost);
  }
  if (row.costModel === 'none' && !row.fixedCost) cost = undefined;

  return {
    channel,
    share,
    result,
    volumes,
    cost,
    costPerResult: cost === undefined ? undefined : safeRatio(cost, result),
    costPerLead:
      cost === undefined || volumes.conversions === undefined
        ? undefined
        : safeRatio(cost, volumes.conversions),
    assumptions,
    gaps,
  };
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
  clicks: 'clicks',
  impressions: 'impressions',
};
/** The rate that turns a stage's volume into the next stage up. */
const RATE_INTO: Readonly<Partial<Record<FunnelStage, string>>> = {
  mqls: 'mqlToWon',
  conversions: 'leadToMql',
  visits: 'conversionRate',
  impressions: 'ctr',
};

function kpiTree(plan: Omit<FunnelPlan, 'tree'>): KpiNode {
  const { objective, currency } = plan;
  const channelNodes = plan.channels.map((c): KpiNode => {
    let chain: KpiNode[] = [];
    // Build bottom-up so each node holds the next stage down as its only child.
    for (const stage of [...STAGE_ORDER].reverse()) {
      const volume = c.volumes[stage];
      if (volume === undefined || stage === METRIC_STAGE[objective.metric]) continue;
      const rateName = RATE_INTO[stage];
      const assumption = c.assumptions.find((a) => a.name === rateName);
      chain = [
        {
          id: `${c.channel}.${stage}`,
          label:
            stage === 'clicks' ? `${STAGE_LABEL[stage]} (assumed 1 click = 1 visit)` : STAGE_LABEL[stage],
          stage,
          value: Math.ceil(volume - 1e-9),
          ...(assumption ? { assumption } : {}),
          children: chain,
        },
      ];
    }
    const costText = c.cost === undefined ? 'cost not modelled' : formatMoney(c.cost, currency);
    return {
      id: c.channel,
      label: `${CHANNEL_LABELS[c.channel]}: ${formatCount(c.result)} ${objective.metric} (${formatPercent(c.share)}), ${costText}`,
      stage: 'channel',
      value: Math.ceil(c.result - 1e-9),
      ...(c.cost === undefined ? {} : { cost: c.cost }),
      children: chain,
    };
  });
  return {
    id: 'objective',
    label: `${formatCount(objective.target)} ${objective.metric}`,
    stage: 'objective',
    value: objective.target,
    cost: plan.totalCost,
    children: channelNodes,
  };
}

/** The KPI tree as a nested markdown list, each rate with its source, for the strategy document. */
export function renderKpiTree(tree: KpiNode): string {
  const lines: string[] = [];
  const walk = (node: KpiNode, depth: number): void => {
    const because = node.assumption
      ? ` — at ${node.assumption.name} ${formatPercent(node.assumption.value)} (${node.assumption.source}, ${node.assumption.asOf})`
      : '';
    const text =
      node.stage === 'channel' || node.stage === 'objective'
        ? node.label
        : `${formatCount(node.value)} ${node.label}`;
    lines.push(`${'  '.repeat(depth)}- ${text}${because}`);
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(tree, 0);
  return lines.join('\n');
}
