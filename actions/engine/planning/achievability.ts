import type { Channel } from '../channels/index.js';
import type { Problem } from '../errors.js';
import type { Benchmarks } from './benchmarks.js';
import { formatMoney, formatPercent } from './format.js';
import type { FunnelPlan } from './funnel.js';

export interface AchievabilityOptions {
  /** Budget available for this objective (whole campaign when there is one objective). */
  budget?: number;
  /** Budget per channel, e.g. from `allocateBudget`; each channel's required cost is checked against it. */
  allocation?: Partial<Record<Channel, number>>;
  /**
   * How far above the channel's published CPL the implied CPL may go before it is called
   * implausible: 0.5 means "more than 1.5 × the benchmark CPL". Default 0.5.
   */
  cplTolerance?: number;
  /** Field path prefix, e.g. `objectives[1]`. */
  where?: string;
}

/**
 * Says, with numbers, why a target looks unachievable at benchmark rates:
 * 1. the modelled cost of the whole plan exceeds the budget;
 * 2. a channel needs more than its allocated budget;
 * 3. a channel's implied cost per lead is above its benchmark CPL by more than the tolerance
 *    (rates that multiply to an implausible CPL usually mean a wrong share or rate).
 * An empty list means "achievable at benchmark rates", not "will be achieved".
 */
export function achievability(
  plan: FunnelPlan,
  benchmarks: Benchmarks,
  options: AchievabilityOptions = {},
): Problem[] {
  const where = options.where ?? 'objective';
  const tolerance = options.cplTolerance ?? 0.5;
  const money = (v: number) => formatMoney(v, plan.currency);
  const problems: Problem[] = [];

  if (options.budget !== undefined && plan.totalCost > options.budget) {
    const over = plan.totalCost / Math.max(options.budget, Number.MIN_VALUE) - 1;
    problems.push({
      where: `${where}.target`,
      message:
        `${plan.objective.target} ${plan.objective.metric} needs about ${money(plan.totalCost)} at benchmark rates, ` +
        `but the budget is ${money(options.budget)}` +
        (options.budget > 0 ? ` (${formatPercent(over)} over)` : '') +
        '; lower the target, raise the budget or move share to cheaper channels',
    });
  }

  plan.channels.forEach((c, i) => {
    const at = `${where}.channels[${i}]`;
    const allocated = options.allocation?.[c.channel];
    if (allocated !== undefined && c.cost !== undefined && c.cost > allocated) {
      problems.push({
        where: at,
        message: `${c.channel} must deliver ${Math.ceil(c.result)} ${plan.objective.metric}, which costs about ${money(c.cost)}, but it is allocated ${money(allocated)}`,
      });
    }
    const ceiling = benchmarks.channels[c.channel]?.cpl;
    if (ceiling && c.costPerLead !== undefined && c.costPerLead > ceiling.value * (1 + tolerance)) {
      problems.push({
        where: at,
        message:
          `${c.channel}: implied cost per lead ${money(c.costPerLead)} is ${formatPercent(c.costPerLead / ceiling.value - 1)} ` +
          `above the benchmark ${money(ceiling.value)} (${ceiling.source}, ${ceiling.asOf}); check its rates and share`,
      });
    }
  });
  return problems;
}
