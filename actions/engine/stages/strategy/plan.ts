import type { Brief } from '../../artifacts/brief.js';
import type {
  Allocation,
  AllocationLine,
  ObjectivePlan,
  StoredKpiNode,
  StrategyKpi,
  StrategyObjective,
  StrategyWarning,
} from '../../artifacts/strategy.js';
import { CHANNEL_LABELS, type Channel } from '../../channels/index.js';
import type { Benchmarks } from '../../planning/benchmarks.js';
import {
  anchorVolume,
  forwardFunnel,
  type OrganicVisits,
  type YieldModel,
  yieldModel,
} from '../../planning/channel-yield.js';
import { windowDays } from '../../planning/dates.js';
import { formatCount, formatMoney, formatPercent } from '../../planning/format.js';
import { METRIC_STAGE } from '../../planning/metrics.js';
import { toMonthly } from '../../planning/periods.js';
import {
  type ChannelOutcome,
  objectiveText,
  type PlannedObjective,
  type PlanObjective,
  planOfRecord,
} from '../../planning/plan-of-record.js';
import { assessSmart } from '../../planning/smart.js';
import { decideBudget, type ProposedChannel } from './budget.js';
import { BENCHMARKS_PATH } from './inputs.js';
import { objectiveLabel } from './labels.js';

/** A channel whose implied cost per lead is this far above its benchmark CPL is flagged (0.5: 1.5 ×). */
export const CPL_TOLERANCE = 0.5;

export interface StrategyPlanInput {
  brief: Brief;
  objectives: readonly StrategyObjective[];
  channels: readonly ProposedChannel[];
  benchmarks: Benchmarks;
  benchmarksSource: string;
}

export interface StrategyPlan {
  allocation: Allocation;
  objectivePlans: ObjectivePlan[];
  kpis: StrategyKpi[];
  warnings: StrategyWarning[];
}

/**
 * A channel objective's baseline with a period ("5 % blog growth from 20,000 sessions a month") says
 * what the channel brings today; it is the organic volume when the benchmarks file gives none.
 */
function organicFromObjectives(
  objectives: readonly StrategyObjective[],
  channel: Channel,
): OrganicVisits | undefined {
  const o = objectives.find(
    (x) =>
      x.channel === channel &&
      METRIC_STAGE[x.metric] === 'visits' &&
      x.baseline !== undefined &&
      x.baseline > 0 &&
      x.period !== undefined,
  );
  if (!o?.baseline || !o.period) return undefined;
  return {
    perMonth: toMonthly(o.baseline, o.period),
    source: `the brief's baseline of ${formatCount(o.baseline)} ${o.metric} a ${o.period}`,
  };
}

/**
 * The plan of record: the budget split (the model proposes shares, code decides), then what each
 * channel is expected to deliver for every objective, computed once; the KPI list, the funnel trees
 * and the expected results in the allocation are all read from it. Gaps and implausible costs are
 * warnings, said with labels and numbers; they block approval until a person overrides them.
 */
export function planStrategy(input: StrategyPlanInput): StrategyPlan {
  const { brief, objectives, benchmarks } = input;
  const days = windowDays(brief.timeframe);
  const currency = brief.budget.currency;
  const budget = Math.round(brief.budget.amount);
  const models = new Map<Channel, YieldModel>(
    input.channels.map((c) => {
      const organicVisits = organicFromObjectives(objectives, c.channel);
      return [
        c.channel,
        yieldModel(c.channel, benchmarks, { days, currency, ...(organicVisits ? { organicVisits } : {}) }),
      ];
    }),
  );
  const planObjectives: PlanObjective[] = objectives.map((o) => ({
    metric: o.metric,
    target: o.target,
    ...(o.channel ? { channel: o.channel } : {}),
    ...(o.period ? { period: o.period } : {}),
  }));
  const decision = decideBudget({
    budget,
    currency,
    proposed: input.channels,
    models,
    objectives: planObjectives,
    benchmarks,
    windowDays: days,
  });
  const plan = planOfRecord({
    objectives: planObjectives,
    lines: decision.lines,
    models,
    benchmarks,
    windowDays: days,
    currency,
  });
  const warnings: StrategyWarning[] = [];
  if (benchmarks.currency !== currency) {
    warnings.push({
      subject: 'Benchmarks',
      message: `the benchmarks are in ${benchmarks.currency} but the budget is in ${currency}: paid channels are not modelled and the budget follows the proposed shares`,
    });
  }
  warnings.push(...decision.warnings);
  warnings.push(...gapWarnings(plan.objectives, objectives, models));
  warnings.push(...costWarnings(plan.channels, models, benchmarks, currency));

  const allocation: Allocation = {
    method: decision.method,
    benchmarks: input.benchmarksSource,
    lines: decision.lines.map((line, i): AllocationLine => {
      const outcome = plan.channels[i] as ChannelOutcome;
      const traffic: AllocationLine['traffic'] = {};
      for (const [stage, value] of Object.entries(outcome.traffic)) {
        traffic[stage as keyof typeof traffic] = Math.round(value);
      }
      return { ...line, basis: outcome.basis, traffic, ...(outcome.note ? { note: outcome.note } : {}) };
    }),
    ...(decision.score === undefined
      ? {}
      : { attainment: paidAttainment(decision.score, objectives.length) }),
    ...(decision.proposalScore === undefined
      ? {}
      : { proposalAttainment: paidAttainment(decision.proposalScore, objectives.length) }),
  };
  const objectivePlans = plan.objectives.map((p): ObjectivePlan => {
    const o = objectives[p.index] as StrategyObjective;
    const smart = assessSmart(o, { window: brief.timeframe }, `objectives[${p.index}]`);
    return {
      objective: p.index,
      metric: o.metric,
      target: o.target,
      unit: o.unit,
      ...(o.channel ? { channel: o.channel } : {}),
      ...(o.period ? { period: o.period } : {}),
      channels: p.channels.map((s) => ({
        channel: s.channel,
        planned: s.planned,
        ...(s.note ? { note: s.note } : {}),
      })),
      planned: p.planned,
      smart: {
        specific: smart.specific.status,
        measurable: smart.measurable.status,
        achievable: p.gap > 0 ? 'warning' : 'pass',
        relevant: smart.relevant.status,
        timeBound: smart.timeBound.status,
      },
      tree: p.tree as StoredKpiNode,
    };
  });
  return {
    allocation,
    objectivePlans,
    kpis: deriveKpis(objectivePlans, allocation),
    warnings,
  };
}

const paidAttainment = (score: number, objectives: number) =>
  objectives > 0 ? Math.round((score / objectives) * 1000) / 1000 : 0;

/** Each channel's share of each objective, then its traffic: the targets measurement compares with. */
export function deriveKpis(plans: readonly ObjectivePlan[], allocation: Allocation): StrategyKpi[] {
  const kpis: StrategyKpi[] = [];
  for (const p of plans) {
    for (const s of p.channels) {
      if (s.planned <= 0) continue;
      kpis.push({
        channel: s.channel,
        metric: p.metric,
        target: s.planned,
        unit: p.unit,
        ...(p.period ? { period: p.period } : {}),
      });
    }
  }
  for (const line of allocation.lines) {
    for (const metric of ['impressions', 'clicks'] as const) {
      const value = line.traffic[metric];
      const known = kpis.some((k) => k.channel === line.channel && k.metric === metric && !k.period);
      if (value && value > 0 && !known) {
        kpis.push({ channel: line.channel, metric, target: value, unit: metric });
      }
    }
  }
  return kpis;
}

/** "planned 431 of 500 MQLs: 69 short", with each channel's part and what is not modelled, grouped by why. */
function gapWarnings(
  planned: readonly PlannedObjective[],
  objectives: readonly StrategyObjective[],
  models: ReadonlyMap<Channel, YieldModel>,
): StrategyWarning[] {
  return planned
    .filter((p) => p.gap > 0)
    .map((p) => {
      const counted = p.channels.filter((s) => s.planned > 0);
      const why = new Map<string, string[]>();
      for (const s of p.channels.filter((x) => x.note)) {
        why.set(s.note as string, [...(why.get(s.note as string) ?? []), CHANNEL_LABELS[s.channel]]);
      }
      const sentences = [
        counted.length
          ? `Expected: ${counted.map((s) => `${CHANNEL_LABELS[s.channel]} ${formatCount(s.planned)}`).join(', ')}.`
          : 'No channel is expected to deliver any.',
        ...[...why].map(([note, names]) => `Not modelled: ${listText(names)} (${note}).`),
      ];
      const organic = p.channels.filter((s) => models.get(s.channel)?.basis !== 'paid').map((s) => s.channel);
      if (organic.length > 0) {
        sentences.push(
          `Organic channels count at their monthly volume: set what you expect (new content included) as monthlyVisits or monthlyImpressions in ${BENCHMARKS_PATH}.`,
        );
      }
      sentences.push(
        organic.length === p.channels.length
          ? 'Or lower the target.'
          : 'Or raise the budget, lower the target, or move budget to the channels that deliver.',
      );
      return {
        subject: objectiveLabel(objectives, p.index),
        message: `planned ${formatCount(p.planned)} of ${objectiveText(p.objective)}: ${formatCount(p.gap)} short. ${sentences.join(' ')}`,
      };
    });
}

/** "Blog / SEO, Email and LinkedIn (organic)". */
function listText(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A paid channel whose implied cost per lead is far above its published CPL is pushed past its scale. */
function costWarnings(
  channels: readonly ChannelOutcome[],
  models: ReadonlyMap<Channel, YieldModel>,
  benchmarks: Benchmarks,
  currency: string,
): StrategyWarning[] {
  const out: StrategyWarning[] = [];
  for (const c of channels) {
    const model = models.get(c.channel);
    const ceiling = model?.row?.cpl;
    if (model?.basis !== 'paid' || !ceiling || c.amount <= 0) continue;
    const leads = forwardFunnel(
      model.row,
      model.anchor,
      anchorVolume(model, c.amount),
      'leads',
      benchmarks,
    ).result;
    if (!leads) continue;
    const cpl = c.amount / leads;
    if (cpl <= ceiling.value * (1 + CPL_TOLERANCE)) continue;
    const money = (v: number) => formatMoney(v, currency);
    out.push({
      subject: CHANNEL_LABELS[c.channel],
      message: `at ${money(c.amount)} each lead costs about ${money(cpl)}, ${formatPercent(cpl / ceiling.value - 1)} above the benchmark ${money(ceiling.value)} (${ceiling.source}, ${ceiling.asOf}): the budget pushes it far past its reference spend; lower its share or check its rates`,
    });
  }
  return out;
}
