import type { ModelId } from '../../attribution/index.js';
import { formatMoney } from '../../planning/format.js';
import type { AttributionSummary } from './attribution.js';
import { channelLabel } from './measures.js';
import type { BudgetLine } from './plan.js';

/** A channel's cost per result is read only from at least this many results. */
export const MIN_RESULTS = 30;
/** The dearer channel's cost per result must be at least this multiple of the cheaper one's. */
export const MIN_ADVANTAGE = 1.25;
/** Share of the dearer channel's unspent budget that moves. */
export const MOVE_SHARE = 0.2;
/** A move needs this many campaign days left to spend the money on; later, it goes to the next cycle. */
export const MIN_DAYS_LEFT = 14;

export interface ChannelEfficiency {
  channel: string;
  spend: number;
  results: number;
  costPerResult: number;
}

/** Moving budget from the dearer channel to the cheaper one, with the data that supports it. */
export interface BudgetMove {
  from: ChannelEfficiency;
  to: ChannelEfficiency;
  amount: number;
  /** Attribution models under which the cheaper channel's cost per credited result is also lower. */
  agreeingModels: ModelId[];
}

export type ShiftDecision = { move: BudgetMove } | { none: string };

/**
 * Whether the data supports moving budget, and how much. Code decides, never the model: among the paid
 * lines with at least `MIN_RESULTS` results, the dearest result against the cheapest; a move when the
 * dearer costs `MIN_ADVANTAGE` times as much, and — when journeys were imported — every attribution
 * model agrees which channel is cheaper per credited result (when models disagree, the choice of model
 * would decide, so nothing moves). The amount is `MOVE_SHARE` of the dearer line's unspent budget, in
 * whole tens.
 */
export function budgetShift(
  budget: readonly BudgetLine[],
  results: ReadonlyMap<string, number>,
  attribution: AttributionSummary | undefined,
): ShiftDecision {
  const candidates: ChannelEfficiency[] = budget
    .filter((l) => l.basis === 'paid' && l.spend !== undefined && l.spend > 0)
    .map((l) => ({ channel: l.channel, spend: l.spend!, results: results.get(l.channel) ?? 0 }))
    .filter((c) => c.results >= MIN_RESULTS)
    .map((c) => ({ ...c, costPerResult: c.spend / c.results }))
    .sort((a, b) => a.costPerResult - b.costPerResult || a.channel.localeCompare(b.channel));
  if (candidates.length < 2)
    return { none: `fewer than two paid channels have ${MIN_RESULTS} results or more to compare` };
  const to = candidates[0]!;
  const from = candidates.at(-1)!;
  if (from.costPerResult < MIN_ADVANTAGE * to.costPerResult)
    return {
      none: `cost per result differs by less than ${Math.round((MIN_ADVANTAGE - 1) * 100)}% between the paid channels`,
    };
  const agreeingModels: ModelId[] = [];
  if (attribution && attribution.totalConversions > 0) {
    const credit = (channel: string, m: ModelId) =>
      attribution.channels.find((c) => c.channel === channel)?.credits[m] ?? 0;
    for (const m of attribution.models) {
      const cheap = credit(to.channel, m) > 0 ? to.spend / credit(to.channel, m) : Number.POSITIVE_INFINITY;
      const dear =
        credit(from.channel, m) > 0 ? from.spend / credit(from.channel, m) : Number.POSITIVE_INFINITY;
      if (cheap < dear) agreeingModels.push(m);
    }
    if (agreeingModels.length < attribution.models.length)
      return {
        none: `the attribution models disagree on whether ${channelLabel(to.channel)} or ${channelLabel(from.channel)} costs less per credited result`,
      };
  }
  const line = budget.find((l) => l.channel === from.channel)!;
  const unspent = Math.max(0, line.budget - (line.spend ?? 0));
  const amount = Math.floor((unspent * MOVE_SHARE) / 10) * 10;
  if (amount <= 0) return { none: `${channelLabel(from.channel)} has no unspent budget left to move` };
  return { move: { from, to, amount, agreeingModels } };
}

/** The budget lines after the move: the same total, two lines changed. */
export function amendedLines(
  budget: readonly BudgetLine[],
  move: BudgetMove,
): { channel: string; before: number; after: number }[] {
  return budget.map((l) => ({
    channel: l.channel,
    before: l.budget,
    after:
      l.channel === move.from.channel
        ? l.budget - move.amount
        : l.channel === move.to.channel
          ? l.budget + move.amount
          : l.budget,
  }));
}

/**
 * The line that lets the amended strategy pass the strategy lock (scripts/cli/strategy-lock.ts): it cites
 * the report and names the metric with its numbers.
 */
export function justificationLine(
  move: BudgetMove,
  resultLabel: string,
  currency: string,
  reportPath: string,
): string {
  const per = (c: ChannelEfficiency) =>
    `${formatMoney(c.costPerResult, currency)} on ${channelLabel(c.channel)} (${Math.round(c.results)} ${resultLabel})`;
  const models = move.agreeingModels.length
    ? `; all ${move.agreeingModels.length} attribution models agree`
    : '';
  return `Strategy-Change-Justification: cost per ${resultLabel.replace(/s$/, '')} was ${per(move.from)} against ${per(move.to)}${models}; move ${formatMoney(move.amount, currency)} (${reportPath})`;
}
