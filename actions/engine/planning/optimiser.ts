import type { Channel } from '../channels/index.js';
import { CrescendoError, type Problem } from '../errors.js';
import { formatMoney } from './format.js';
import { safeRatio } from './kpi.js';
import { curveResults, type ResponseCurve } from './response-curve.js';

/**
 * Deterministic budget allocation across channels. The model may propose shares; this
 * code decides the numbers.
 *
 * Model. Channel i spending x_i (whole currency units) yields g_i(x_i) expected results:
 *   g_i(x) = 0 when x = 0, and curve_i(x − F_i) when x ≥ F_i,
 * where F_i is the channel's fixed cost (setup, platform, booth: it buys no results by
 * itself) and curve_i is concave (see response-curve.ts). Constraints: Σ x_i = budget
 * exactly; an active channel spends at least max(F_i, minShare_i · budget) and at most
 * maxShare_i · budget; a channel with a fixed cost is either off (0) or on (≥ F_i); a
 * channel with minShare > 0 is always on.
 *
 * Method. Fixed costs make g_i non-concave at 0, so every on/off combination of the
 * optional fixed-cost channels is tried (2^k, k ≤ 12). Within one combination, each active
 * channel starts at its lower bound L_i and the rest R = budget − Σ L_i is handed out in
 * steps of δ units, each step to the channel whose next step adds the most results
 * (ties: the earlier channel in the input). The best combination wins (ties: the earlier one).
 *
 * Why greedy is optimal for concave curves (at step δ). Let Δ_ik = g_i(L_i + kδ) −
 * g_i(L_i + (k−1)δ) be the gain of channel i's k-th step. Concavity makes Δ_i1 ≥ Δ_i2 ≥ …,
 * and the upper bound just cuts each list short. Any feasible allocation gives each channel a
 * prefix of its steps, M = R/δ steps in all, so its total is Σ g_i(L_i) plus a sum of M
 * gains, which is at most the sum of the M largest gains over all lists. Because each list
 * is non-increasing, the M largest gains can be taken as prefixes, and greedy takes exactly
 * them: at every step the best next step of each channel is its largest remaining gain, so
 * greedy always takes the largest remaining gain overall. Hence greedy reaches the bound and
 * is optimal (the classic marginal-allocation result, Gross 1956). With δ = 1 this is the
 * exact whole-unit optimum; with δ > 1 it is optimal on the δ grid (the last step may be
 * shorter). The total is exact by construction: every step hands out whole units until
 * R = 0, so no rounding fix-up is needed (contrast `splitByShares`).
 */

export interface BudgetChannel {
  channel: Channel;
  curve: ResponseCurve;
  /** Fraction of the budget this channel must get if it is used (default 0). */
  minShare?: number;
  /** Fraction of the budget this channel may get at most (default 1). */
  maxShare?: number;
  /** Whole currency units spent before the channel yields anything; 0 means none. */
  fixedCost?: number;
}

export interface BudgetRequest {
  /** Whole currency units. */
  budget: number;
  channels: readonly BudgetChannel[];
  /** Allocation step in whole units; default max(1, ceil(budget / 50,000)). */
  step?: number;
  /** For messages only. */
  currency?: string;
}

export interface ChannelAllocation {
  channel: Channel;
  /** Whole currency units, including the fixed cost. */
  amount: number;
  share: number;
  expectedResults: number;
  costPerResult?: number;
}

export interface BudgetAllocation {
  budget: number;
  step: number;
  channels: ChannelAllocation[];
  expectedResults: number;
}

const MAX_OPTIONAL_FIXED = 12;
const EPS = 1e-9;

function resultsAt(c: BudgetChannel, spend: number): number {
  const fixed = c.fixedCost ?? 0;
  if (spend <= 0 || spend < fixed) return 0;
  return curveResults(c.curve, spend - fixed);
}

function validate(request: BudgetRequest): void {
  const problems: Problem[] = [];
  const { budget, channels } = request;
  if (!(Number.isInteger(budget) && budget >= 0)) {
    problems.push({ where: 'budget', message: `budget must be a whole number ≥ 0, got ${budget}` });
  }
  if (channels.length === 0)
    problems.push({ where: 'channels', message: 'allocate across at least one channel' });
  if (request.step !== undefined && !(Number.isInteger(request.step) && request.step >= 1)) {
    problems.push({ where: 'step', message: `step must be a whole number ≥ 1, got ${request.step}` });
  }
  const seen = new Set<Channel>();
  channels.forEach((c, i) => {
    const at = `channels[${i}]`;
    if (seen.has(c.channel))
      problems.push({ where: `${at}.channel`, message: `${c.channel} is listed twice` });
    seen.add(c.channel);
    const min = c.minShare ?? 0;
    const max = c.maxShare ?? 1;
    if (!(min >= 0 && min <= 1))
      problems.push({ where: `${at}.minShare`, message: `must be between 0 and 1, got ${min}` });
    if (!(max >= 0 && max <= 1))
      problems.push({ where: `${at}.maxShare`, message: `must be between 0 and 1, got ${max}` });
    if (min > max)
      problems.push({ where: `${at}.minShare`, message: `minShare ${min} is above maxShare ${max}` });
    if (!((c.fixedCost ?? 0) >= 0 && Number.isFinite(c.fixedCost ?? 0))) {
      problems.push({ where: `${at}.fixedCost`, message: `must be a number ≥ 0, got ${c.fixedCost}` });
    }
    const curveOk =
      c.curve.kind === 'saturating'
        ? c.curve.maxResults >= 0 && c.curve.scale > 0
        : c.curve.coefficient >= 0 && c.curve.exponent > 0 && c.curve.exponent <= 1;
    if (!curveOk) {
      problems.push({
        where: `${at}.curve`,
        message: 'curve parameters must be ≥ 0 (scale > 0; power exponent in (0, 1])',
      });
    }
  });
  if (problems.length > 0) {
    throw new CrescendoError('the budget allocation request is invalid', {
      problems,
      fix: 'correct the fields above',
    });
  }
}

interface Bounds {
  lower: number[];
  upper: number[];
}

function boundsFor(request: BudgetRequest, active: readonly boolean[]): Bounds | undefined {
  const { budget, channels } = request;
  const lower: number[] = [];
  const upper: number[] = [];
  channels.forEach((c, i) => {
    const on = active[i] === true;
    lower.push(
      on ? Math.max(0, Math.ceil((c.fixedCost ?? 0) - EPS), Math.ceil((c.minShare ?? 0) * budget - EPS)) : 0,
    );
    upper.push(on ? Math.floor((c.maxShare ?? 1) * budget + EPS) : 0);
  });
  const sumLower = lower.reduce((a, b) => a + b, 0);
  const sumUpper = upper.reduce((a, b) => a + b, 0);
  if (sumLower > budget || sumUpper < budget || lower.some((l, i) => l > (upper[i] ?? 0))) return undefined;
  return { lower, upper };
}

function greedy(request: BudgetRequest, bounds: Bounds, step: number): number[] {
  const { channels } = request;
  const spend = [...bounds.lower];
  let remaining = request.budget - spend.reduce((a, b) => a + b, 0);
  while (remaining > 0) {
    let best = -1;
    let bestGain = Number.NEGATIVE_INFINITY;
    let bestSize = 0;
    channels.forEach((c, i) => {
      const size = Math.min(step, remaining, (bounds.upper[i] ?? 0) - (spend[i] ?? 0));
      if (size <= 0) return;
      const now = spend[i] ?? 0;
      // Compare gain per unit so that a shorter last step is not penalised for its size.
      const gain = (resultsAt(c, now + size) - resultsAt(c, now)) / size;
      if (best < 0 || gain > bestGain + EPS * Math.max(1, Math.abs(bestGain))) {
        best = i;
        bestGain = gain;
        bestSize = size;
      }
    });
    if (best < 0) break; // cannot happen when bounds are feasible (Σ upper ≥ budget)
    spend[best] = (spend[best] ?? 0) + bestSize;
    remaining -= bestSize;
  }
  return spend;
}

/** Finds the allocation with the most expected results. Throws a `CrescendoError` when none is feasible. */
export function allocateBudget(request: BudgetRequest): BudgetAllocation {
  validate(request);
  const { budget, channels } = request;
  const step = request.step ?? Math.max(1, Math.ceil(budget / 50_000));
  const optional = channels
    .map((c, i) => ((c.fixedCost ?? 0) > 0 && (c.minShare ?? 0) === 0 ? i : -1))
    .filter((i) => i >= 0);
  if (optional.length > MAX_OPTIONAL_FIXED) {
    throw new CrescendoError(
      `too many channels with fixed costs (${optional.length}, at most ${MAX_OPTIONAL_FIXED})`,
      {
        where: 'channels',
        fix: 'give some of them a minShare, or plan them outside the optimiser',
      },
    );
  }

  let best: { spend: number[]; results: number } | undefined;
  for (let mask = 0; mask < 2 ** optional.length; mask++) {
    const active = channels.map((_channel, i) => {
      const k = optional.indexOf(i);
      return k < 0 ? true : (mask & (1 << k)) !== 0;
    });
    // A fixed-cost channel that is "on" but forced to 0 by minShare 0 is still on: it pays F.
    const bounds = boundsFor(request, active);
    if (!bounds) continue;
    const spend = greedy(request, bounds, step);
    const results = channels.reduce((sum, c, i) => sum + resultsAt(c, spend[i] ?? 0), 0);
    if (!best || results > best.results + EPS * Math.max(1, best.results)) best = { spend, results };
  }
  if (!best) throw infeasible(request);

  const allocations = channels.map((c, i): ChannelAllocation => {
    const amount = best.spend[i] ?? 0;
    const expectedResults = resultsAt(c, amount);
    const costPerResult = safeRatio(amount, expectedResults);
    return {
      channel: c.channel,
      amount,
      share: budget === 0 ? 0 : amount / budget,
      expectedResults,
      ...(costPerResult === undefined ? {} : { costPerResult }),
    };
  });
  return { budget, step, channels: allocations, expectedResults: best.results };
}

/** Explains why no combination fits, in the terms a marketer would use. */
function infeasible(request: BudgetRequest): CrescendoError {
  const { budget, channels } = request;
  const money = (v: number) => formatMoney(v, request.currency ?? '');
  const fixed = channels.filter((c) => (c.fixedCost ?? 0) > 0);
  if (fixed.length === channels.length) {
    const cheapest = [...fixed].sort((a, b) => (a.fixedCost ?? 0) - (b.fixedCost ?? 0))[0];
    if (cheapest && (cheapest.fixedCost ?? 0) > budget) {
      return new CrescendoError(
        `the budget ${money(budget)} is below the fixed cost of every channel (cheapest: ${cheapest.channel} at ${money(cheapest.fixedCost ?? 0)})`,
        {
          where: 'budget',
          problems: fixed.map((c) => ({
            where: c.channel,
            message: `fixed cost ${money(c.fixedCost ?? 0)}`,
          })),
          fix: 'raise the budget, or add a channel without a fixed cost',
        },
      );
    }
  }
  const maxTotal = channels.reduce((s, c) => s + Math.floor((c.maxShare ?? 1) * budget + EPS), 0);
  if (maxTotal < budget) {
    return new CrescendoError(
      `the channels' maxShare values allow only ${money(maxTotal)} of ${money(budget)}`,
      {
        where: 'channels',
        fix: 'raise some maxShare values or add a channel, so the whole budget can be spent',
      },
    );
  }
  const required = channels
    .filter((c) => (c.minShare ?? 0) > 0)
    .reduce((s, c) => s + Math.max(c.fixedCost ?? 0, Math.ceil((c.minShare ?? 0) * budget - EPS)), 0);
  return new CrescendoError(
    `no allocation of ${money(budget)} meets the minimum shares, maximum shares and fixed costs together` +
      (required > 0 ? ` (channels with a minShare alone need ${money(required)})` : ''),
    { where: 'channels', fix: 'lower minShare or fixed costs, raise maxShare, or raise the budget' },
  );
}

/** Expected results of a given split (e.g. the model's proposal), to compare with the optimum. */
export function evaluateAllocation(
  channels: readonly BudgetChannel[],
  amounts: Partial<Record<Channel, number>>,
): ChannelAllocation[] {
  const total = channels.reduce((s, c) => s + (amounts[c.channel] ?? 0), 0);
  return channels.map((c) => {
    const amount = amounts[c.channel] ?? 0;
    const expectedResults = resultsAt(c, amount);
    const costPerResult = safeRatio(amount, expectedResults);
    return {
      channel: c.channel,
      amount,
      share: total === 0 ? 0 : amount / total,
      expectedResults,
      ...(costPerResult === undefined ? {} : { costPerResult }),
    };
  });
}

/**
 * Turns proposed shares into whole units that sum exactly to `budget` (largest-remainder
 * method): floor every exact amount, then give the leftover units one each to the largest
 * fractional parts (ties: the earlier channel). Shares are normalised by their sum.
 */
export function splitByShares(
  budget: number,
  shares: readonly { channel: Channel; share: number }[],
): { channel: Channel; amount: number }[] {
  const total = shares.reduce((s, x) => s + x.share, 0);
  if (!(Number.isInteger(budget) && budget >= 0) || shares.some((s) => !(s.share >= 0)) || !(total > 0)) {
    throw new CrescendoError('cannot split the budget by these shares', {
      where: 'shares',
      fix: 'use a whole-number budget and shares ≥ 0 with a positive sum',
    });
  }
  const exact = shares.map((s) => (budget * s.share) / total);
  const amounts = exact.map((x) => Math.floor(x + EPS));
  let left = budget - amounts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x + EPS) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    amounts[i] = (amounts[i] ?? 0) + 1;
    left--;
  }
  return shares.map((s, i) => ({ channel: s.channel, amount: amounts[i] ?? 0 }));
}
