import type { Brief } from '../../artifacts/brief.js';
import type { StrategyData, StrategyProposal } from '../../artifacts/strategy.js';
import type { Benchmarks } from '../../planning/benchmarks.js';
import { planTimeline } from '../../planning/timeline.js';
import { withBriefObjectives } from './objectives.js';
import { planStrategy } from './plan.js';

/**
 * The strategy from the model's proposal: the brief's objectives with their scope and period, the
 * plan of record (budget, expected results, KPIs, funnel trees, warnings) and the timeline. Pure: the
 * stage adds the model call before and the file after.
 */
export function buildStrategy(
  brief: Brief,
  proposal: StrategyProposal,
  benchmarks: { benchmarks: Benchmarks; source: string },
): StrategyData {
  const objectives = withBriefObjectives(proposal.objectives, brief);
  const plan = planStrategy({
    brief,
    objectives,
    channels: proposal.channels,
    benchmarks: benchmarks.benchmarks,
    benchmarksSource: benchmarks.source,
  });
  const timeline = planTimeline({
    title: brief.name,
    window: brief.timeframe,
    assetCount: brief.assets.reduce((s, a) => s + a.count, 0),
  });
  return {
    ...proposal,
    objectives,
    kpis: plan.kpis,
    budget: {
      currency: brief.budget.currency,
      total: Math.round(brief.budget.amount),
      lines: plan.allocation.lines.map((l) => ({ channel: l.channel, amount: l.amount })),
    },
    milestones: timeline.milestones.map((m) => ({ date: m.date, title: m.name, week: m.week })),
    phases: timeline.phases.map((p) => ({ id: p.id, name: p.name, start: p.start, end: p.end })),
    allocation: plan.allocation,
    objectivePlans: plan.objectivePlans,
    warnings: plan.warnings,
  };
}
