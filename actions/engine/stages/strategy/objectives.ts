import type { Brief } from '../../artifacts/brief.js';
import type { StrategyObjective } from '../../artifacts/strategy.js';
import type { Problem } from '../../errors.js';
import { objectiveText } from '../../planning/plan-of-record.js';

type BriefObjective = Brief['objectives'][number];

/** The proposal's objective that restates a brief objective: same metric and target, same scope when given. */
export function matchObjectives(
  proposed: readonly StrategyObjective[],
  brief: Brief,
): { matches: Map<number, BriefObjective>; missing: BriefObjective[] } {
  const matches = new Map<number, BriefObjective>();
  const missing: BriefObjective[] = [];
  for (const b of brief.objectives) {
    const i = proposed.findIndex(
      (o, j) =>
        !matches.has(j) &&
        o.metric === b.metric &&
        o.target === b.target &&
        (o.channel === undefined || o.channel === b.channel) &&
        (o.period === undefined || o.period === b.period),
    );
    if (i < 0) missing.push(b);
    else matches.set(i, b);
  }
  return { matches, missing };
}

/** The proposal's objectives with the brief's scope, period, baseline and growth where they restate one. */
export function withBriefObjectives(
  proposed: readonly StrategyObjective[],
  brief: Brief,
): StrategyObjective[] {
  const { matches } = matchObjectives(proposed, brief);
  return proposed.map((o, i) => {
    const b = matches.get(i);
    if (!b) return { ...o };
    const { channel, period, baseline, growth } = b;
    return {
      ...o,
      ...(channel ? { channel } : {}),
      ...(period ? { period } : {}),
      ...(baseline === undefined ? {} : { baseline }),
      ...(growth === undefined ? {} : { growth }),
    };
  });
}

/** Each brief objective the proposal does not restate, as a problem the model can act on. */
export function missingBriefObjectives(proposed: readonly StrategyObjective[], brief: Brief): Problem[] {
  return matchObjectives(proposed, brief).missing.map((b) => {
    const scope = [b.channel ? `channel ${b.channel}` : '', b.period ? `period ${b.period}` : '']
      .filter(Boolean)
      .join(', ');
    return {
      where: 'objectives',
      message: `the brief asks for ${objectiveText(b)} by ${b.deadline}: keep it as an objective with metric ${b.metric} and target ${b.target}${scope ? ` (${scope})` : ''}; a plan that falls short shows the gap, it does not change the target`,
    };
  });
}
