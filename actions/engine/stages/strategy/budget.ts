import type { StrategyWarning } from '../../artifacts/strategy.js';
import type { Channel } from '../../channels/index.js';
import { CrescendoError } from '../../errors.js';
import type { Benchmarks } from '../../planning/benchmarks.js';
import type { YieldModel } from '../../planning/channel-yield.js';
import {
  allocateBudget,
  type BudgetChannel,
  evaluateAllocation,
  splitByShares,
} from '../../planning/optimiser.js';
import { attainmentCurve, type PlanObjective } from '../../planning/plan-of-record.js';

/**
 * How far the optimiser may move a channel away from the model's proposal: between
 * (1 − BAND) and (1 + BAND) times its proposed share of the optimised pool.
 * See "How the strategy decides the budget" in actions/engine/planning/README.md.
 */
export const SHARE_BAND = 0.5;

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export interface ProposedChannel {
  channel: Channel;
  share: number;
}

export interface DecidedLine {
  channel: Channel;
  amount: number;
  proposedShare: number;
  decidedBy: 'optimiser' | 'proposal';
  minShare?: number;
  maxShare?: number;
}

export interface BudgetDecision {
  lines: DecidedLine[];
  method: 'optimiser' | 'proposal';
  /** Σ over objectives of (paid results ÷ target), at the decided split and at the proposed one. */
  score?: number;
  proposalScore?: number;
  warnings: StrategyWarning[];
}

export interface BudgetInput {
  budget: number;
  currency: string;
  proposed: readonly ProposedChannel[];
  models: ReadonlyMap<Channel, YieldModel>;
  objectives: readonly PlanObjective[];
  benchmarks: Pick<Benchmarks, 'revenue'>;
  windowDays: number;
}

/**
 * Decides the budget (README: "How the strategy decides the budget"):
 * 1. Every channel first gets its proposed share (largest remainder, whole units).
 * 2. Channels without a spend curve (organic, no referenceMonthlySpend, no benchmark row, or
 *    benchmarks in another currency) keep that amount: decided by the proposal.
 * 3. The sum of the others is the pool; the optimiser splits it across them, each bounded to
 *    (1 ± SHARE_BAND) × its proposed share of the pool, with its fixed cost, maximising what the
 *    spend adds to every objective, each as a share of its target. Infeasible bounds fall back to
 *    the proposal, with a warning.
 */
export function decideBudget(input: BudgetInput): BudgetDecision {
  const { budget, proposed, models } = input;
  const warnings: StrategyWarning[] = [];
  const total = proposed.reduce((s, c) => s + c.share, 0);
  const normalised = proposed.map((c) => ({ channel: c.channel, share: total > 0 ? c.share / total : 0 }));
  const initial = splitByShares(budget, normalised);
  const amount = new Map(initial.map((l) => [l.channel, l.amount]));
  const pool = normalised.filter((c) => models.get(c.channel)?.basis === 'paid');
  const poolBudget = pool.reduce((s, c) => s + (amount.get(c.channel) ?? 0), 0);
  const poolShare = pool.reduce((s, c) => s + c.share, 0);
  const request: BudgetChannel[] = pool.map((c) => {
    const model = models.get(c.channel) as Extract<YieldModel, { basis: 'paid' }>;
    const rel = poolShare > 0 ? c.share / poolShare : 0;
    return {
      channel: c.channel,
      curve: attainmentCurve(model, input.objectives, input.benchmarks, input.windowDays),
      fixedCost: model.fixedCost,
      minShare: Math.max(0, rel * (1 - SHARE_BAND)),
      maxShare: Math.min(1, rel * (1 + SHARE_BAND)),
    };
  });
  let method: BudgetDecision['method'] = 'proposal';
  let score: number | undefined;
  let proposalScore: number | undefined;
  if (request.length > 0 && poolBudget > 0) {
    const atProposal = evaluateAllocation(request, Object.fromEntries(amount));
    proposalScore = atProposal.reduce((s, a) => s + a.expectedResults, 0);
    try {
      const optimum = allocateBudget({ budget: poolBudget, channels: request, currency: input.currency });
      method = 'optimiser';
      for (const a of optimum.channels) amount.set(a.channel, a.amount);
      score = optimum.expectedResults;
    } catch (error) {
      if (!(error instanceof CrescendoError)) throw error;
      warnings.push({
        subject: 'Budget',
        message: `the optimiser found no split within the bounds around the proposal (${error.message}); the budget follows the proposed shares`,
      });
      score = proposalScore;
    }
  }
  const lines = normalised.map((c): DecidedLine => {
    const inPool = request.find((r) => r.channel === c.channel);
    return {
      channel: c.channel,
      amount: amount.get(c.channel) ?? 0,
      proposedShare: round3(c.share),
      decidedBy: inPool && method === 'optimiser' ? 'optimiser' : 'proposal',
      ...(inPool && poolBudget > 0
        ? {
            minShare: round3(((inPool.minShare ?? 0) * poolBudget) / budget),
            maxShare: round3(((inPool.maxShare ?? 1) * poolBudget) / budget),
          }
        : {}),
    };
  });
  return {
    lines,
    method,
    ...(score === undefined ? {} : { score }),
    ...(proposalScore === undefined ? {} : { proposalScore }),
    warnings,
  };
}
