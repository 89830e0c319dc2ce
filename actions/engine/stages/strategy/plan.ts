import type { Brief } from '../../artifacts/brief.js';
import type { Allocation, AllocationLine, ObjectivePlan, StoredKpiNode } from '../../artifacts/strategy.js';
import type { Channel } from '../../channels/index.js';
import { CrescendoError, type Problem } from '../../errors.js';
import { achievability } from '../../planning/achievability.js';
import type { Benchmarks } from '../../planning/benchmarks.js';
import { windowDays } from '../../planning/dates.js';
import { type KpiNode, planFunnel } from '../../planning/funnel.js';
import type { ObjectiveMetric } from '../../planning/metrics.js';
import {
  allocateBudget,
  type BudgetChannel,
  evaluateAllocation,
  splitByShares,
} from '../../planning/optimiser.js';
import { curveFromBenchmark } from '../../planning/response-curve.js';
import { assessSmart } from '../../planning/smart.js';

/**
 * How far the optimiser may move a channel away from the model's proposal: between
 * (1 − BAND) and (1 + BAND) times its proposed share of the optimised pool.
 * See "How the strategy decides the budget" in actions/engine/planning/README.md.
 */
export const SHARE_BAND = 0.5;

const round1 = (v: number) => Math.round(v * 10) / 10;

interface ProposedChannel {
  channel: Channel;
  share: number;
}

/**
 * Decides the budget (README: "How the strategy decides the budget"):
 * 1. Every channel first gets its proposed share (largest remainder, whole units).
 * 2. Channels without a response curve (organic, no referenceMonthlySpend, no benchmark
 *    row, or benchmarks in another currency) keep that amount: decided by the proposal.
 * 3. The sum of the others is the pool; the optimiser splits it across them, each bounded
 *    to (1 ± SHARE_BAND) × its proposed share of the pool, with its fixed cost, maximising
 *    the first objective's expected results. Infeasible bounds fall back to the proposal,
 *    with a warning.
 */
export function decideBudget(
  brief: Brief,
  proposed: readonly ProposedChannel[],
  metric: ObjectiveMetric,
  benchmarks: Benchmarks,
  benchmarksSource: string,
): { allocation: Allocation; warnings: Problem[] } {
  const budget = Math.round(brief.budget.amount);
  const warnings: Problem[] = [];
  const total = proposed.reduce((s, c) => s + c.share, 0);
  const normalised = proposed.map((c) => ({ channel: c.channel, share: total > 0 ? c.share / total : 0 }));
  const initial = splitByShares(budget, normalised);
  const days = windowDays(brief.timeframe);
  const sameCurrency = benchmarks.currency === brief.budget.currency;
  if (!sameCurrency) {
    warnings.push({
      where: 'benchmarks.currency',
      message: `the benchmarks are in ${benchmarks.currency} but the budget is in ${brief.budget.currency}: costs are not modelled and the budget follows the proposed shares`,
    });
  }
  const curves = new Map<Channel, { curve: BudgetChannel['curve']; fixedCost: number }>();
  const notes = new Map<Channel, string>();
  for (const c of normalised) {
    const row = benchmarks.channels[c.channel];
    if (!sameCurrency) notes.set(c.channel, 'benchmarks in another currency');
    else if (!row) notes.set(c.channel, `no benchmark row for ${c.channel}`);
    else {
      const fitted = curveFromBenchmark(c.channel, row, metric, days, benchmarks);
      if (fitted.ok)
        curves.set(c.channel, { curve: fitted.curve, fixedCost: Math.ceil(row.fixedCost?.value ?? 0) });
      else notes.set(c.channel, row.costModel === 'none' ? 'organic: no media cost curve' : fitted.reason);
    }
  }
  const amount = new Map(initial.map((l) => [l.channel, l.amount]));
  const pool = normalised.filter((c) => curves.has(c.channel));
  const poolBudget = pool.reduce((s, c) => s + (amount.get(c.channel) ?? 0), 0);
  const poolShare = pool.reduce((s, c) => s + c.share, 0);
  const request: BudgetChannel[] = pool.map((c) => {
    const rel = poolShare > 0 ? c.share / poolShare : 0;
    const fitted = curves.get(c.channel)!;
    return {
      channel: c.channel,
      curve: fitted.curve,
      fixedCost: fitted.fixedCost,
      minShare: Math.max(0, rel * (1 - SHARE_BAND)),
      maxShare: Math.min(1, rel * (1 + SHARE_BAND)),
    };
  });
  let method: Allocation['method'] = 'proposal';
  const results = new Map<Channel, { expected: number; cpr?: number }>();
  let expectedResults = 0;
  let proposalExpectedResults: number | undefined;
  if (request.length > 0 && poolBudget > 0) {
    try {
      const optimum = allocateBudget({
        budget: poolBudget,
        channels: request,
        currency: brief.budget.currency,
      });
      method = 'optimiser';
      for (const a of optimum.channels) {
        amount.set(a.channel, a.amount);
        results.set(a.channel, { expected: a.expectedResults, cpr: a.costPerResult });
      }
      expectedResults = optimum.expectedResults;
      proposalExpectedResults = evaluateAllocation(
        request,
        Object.fromEntries(
          pool.map((c) => [c.channel, initial.find((l) => l.channel === c.channel)?.amount ?? 0]),
        ),
      ).reduce((s, a) => s + a.expectedResults, 0);
    } catch (error) {
      if (!(error instanceof CrescendoError)) throw error;
      warnings.push({
        where: 'budget',
        message: `the optimiser found no allocation within the bounds (${error.message}); the budget follows the proposed shares`,
      });
      for (const a of evaluateAllocation(request, Object.fromEntries(amount))) {
        results.set(a.channel, { expected: a.expectedResults, cpr: a.costPerResult });
        expectedResults += a.expectedResults;
      }
    }
  }
  const lines = normalised.map((c): AllocationLine => {
    const inPool = request.find((r) => r.channel === c.channel);
    const r = results.get(c.channel);
    return {
      channel: c.channel,
      amount: amount.get(c.channel) ?? 0,
      proposedShare: round1(c.share * 1000) / 1000,
      decidedBy: inPool && method === 'optimiser' ? 'optimiser' : 'proposal',
      ...(inPool && poolBudget > 0
        ? {
            minShare: Math.round(((inPool.minShare ?? 0) * poolBudget * 1000) / budget) / 1000,
            maxShare: Math.round(((inPool.maxShare ?? 1) * poolBudget * 1000) / budget) / 1000,
          }
        : {}),
      ...(r ? { expectedResults: round1(r.expected) } : {}),
      ...(r?.cpr === undefined ? {} : { costPerResult: Math.round(r.cpr * 100) / 100 }),
      ...(r ? {} : { note: notes.get(c.channel) ?? 'not modelled' }),
    };
  });
  return {
    allocation: {
      metric,
      method,
      benchmarks: benchmarksSource,
      lines,
      expectedResults: round1(expectedResults),
      ...(proposalExpectedResults === undefined
        ? {}
        : { proposalExpectedResults: round1(proposalExpectedResults) }),
    },
    warnings,
  };
}

interface ObjectiveInput {
  metric: ObjectiveMetric;
  target: number;
  unit: string;
  deadline: string;
  description: string;
  businessGoal: string;
}

/**
 * Funnel, KPI tree and SMART per objective. Each channel is expected to deliver its budget
 * share of every objective; every objective is checked against the whole budget (the same
 * spend serves all objectives) and each channel against its own line. Achievability problems
 * are warnings (shown in the strategy with numbers); S, M, R and T are the stage's checkpoints.
 */
export function planObjectives(
  brief: Brief,
  objectives: readonly ObjectiveInput[],
  lines: readonly { channel: Channel; amount: number }[],
  benchmarks: Benchmarks,
): { plans: ObjectivePlan[]; warnings: Problem[] } {
  const budget = Math.round(brief.budget.amount);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const shares = lines.map((l) => ({ channel: l.channel, share: total > 0 ? l.amount / total : 0 }));
  const allocation = Object.fromEntries(lines.map((l) => [l.channel, l.amount]));
  const sameCurrency = benchmarks.currency === brief.budget.currency;
  const warnings: Problem[] = [];
  const plans = objectives.map((o, i): ObjectivePlan => {
    const where = `objectives[${i}]`;
    const plan = planFunnel({ metric: o.metric, target: o.target }, shares, benchmarks, { where });
    const achievable = sameCurrency
      ? [...plan.problems, ...achievability(plan, benchmarks, { where, budget, allocation })]
      : plan.problems;
    warnings.push(...achievable);
    const smart = assessSmart(o, { window: brief.timeframe }, where);
    return {
      objective: i,
      metric: o.metric,
      target: o.target,
      modelledCost: Math.round(plan.totalCost),
      unmodelledCost: plan.unmodelledCost,
      smart: {
        specific: smart.specific.status,
        measurable: smart.measurable.status,
        achievable: !sameCurrency ? 'not-assessed' : achievable.length > 0 ? 'warning' : 'pass',
        relevant: smart.relevant.status,
        timeBound: smart.timeBound.status,
      },
      tree: plan.tree as KpiNode as StoredKpiNode,
    };
  });
  return { plans, warnings };
}
