import { z } from 'zod';
import { Channel } from '../channels/index.js';
import { readArtifact } from '../files/artifact-file.js';
import type { RepoFiles } from '../files/repo-files.js';
import { ObjectiveMetric } from '../planning/metrics.js';
import { Period } from './brief-parts.js';

/** Campaign totals of a channel's traffic the plan expects, whole units; a stage is absent when not modelled. */
export const PlannedTraffic = z
  .object({
    impressions: z.number().int().nonnegative().optional(),
    clicks: z.number().int().nonnegative().optional(),
    visits: z.number().int().nonnegative().optional(),
  })
  .strict();
export type PlannedTraffic = z.infer<typeof PlannedTraffic>;

export const AllocationLine = z.object({
  channel: Channel,
  amount: z.number().int().nonnegative(),
  /** The model's proposed share, normalised so the proposals sum to 1. */
  proposedShare: z.number().min(0).max(1),
  decidedBy: z.enum(['optimiser', 'proposal']),
  /** Bounds the optimiser honoured, as shares of the whole budget. */
  minShare: z.number().min(0).max(1).optional(),
  maxShare: z.number().min(0).max(1).optional(),
  /** How its results are expected: bought with spend (a response curve), organic volume, or not modelled. */
  basis: z.enum(['paid', 'organic', 'none']),
  traffic: PlannedTraffic,
  /** Why the channel has no expected results, when it has none. */
  note: z.string().optional(),
});
export type AllocationLine = z.infer<typeof AllocationLine>;

export const Allocation = z.object({
  method: z.enum(['optimiser', 'proposal']),
  benchmarks: z.string(),
  lines: z.array(AllocationLine).min(1),
  /** Average share of each target the paid channels reach: at the decided split, and at the model's. */
  attainment: z.number().nonnegative().optional(),
  proposalAttainment: z.number().nonnegative().optional(),
});
export type Allocation = z.infer<typeof Allocation>;

export interface StoredKpiNode {
  id: string;
  label: string;
  stage: string;
  value: number;
  cost?: number;
  assumption?: { name: string; value: number; source: string; asOf: string; measured: boolean };
  children: StoredKpiNode[];
}
export const StoredKpiNode: z.ZodType<StoredKpiNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    label: z.string(),
    stage: z.string(),
    value: z.number(),
    cost: z.number().optional(),
    assumption: z
      .object({
        name: z.string(),
        value: z.number(),
        source: z.string(),
        asOf: z.string(),
        measured: z.boolean(),
      })
      .optional(),
    children: z.array(StoredKpiNode),
  }),
);

const Letter = z.enum(['pass', 'fail', 'not-assessed', 'warning']);

/** One channel's expected result for one objective: the number the KPI table, the tree and the allocation show. */
export const ObjectiveShare = z.object({
  channel: Channel,
  planned: z.number().int().nonnegative(),
  /** Why it is not modelled, when it is not. */
  note: z.string().optional(),
});
export type ObjectiveShare = z.infer<typeof ObjectiveShare>;

export const ObjectivePlan = z.object({
  objective: z.number().int().nonnegative(),
  metric: ObjectiveMetric,
  target: z.number().positive(),
  unit: z.string(),
  channel: Channel.optional(),
  period: Period.optional(),
  /** Every channel that counts towards the objective; their `planned` add up to `planned`. */
  channels: z.array(ObjectiveShare),
  planned: z.number().int().nonnegative(),
  smart: z.object({
    specific: Letter,
    measurable: Letter,
    achievable: Letter,
    relevant: Letter,
    timeBound: Letter,
  }),
  tree: StoredKpiNode,
});
export type ObjectivePlan = z.infer<typeof ObjectivePlan>;

export const StrategyObjective = z.object({
  metric: ObjectiveMetric,
  target: z.number().positive(),
  unit: z.string().min(1),
  deadline: z.string().describe('yyyy-mm-dd inside the campaign time frame'),
  description: z.string().min(1),
  businessGoal: z.string().min(1),
  channel: Channel.optional().describe(
    'Only when the objective counts on one channel (organic sessions: blog)',
  ),
  period: Period.optional().describe(
    'Only when the target is a rate per period (sessions a month), not a total',
  ),
  baseline: z.number().nonnegative().optional().describe('The value today, for a growth goal'),
  growth: z.number().positive().optional().describe('Growth in percent of the baseline'),
});
export type StrategyObjective = z.infer<typeof StrategyObjective>;

/**
 * What the model proposes: positioning, objectives (the brief's, restated SMART), channels with
 * budget shares and the research behind them. Per-channel numbers are not the model's: code decides
 * the budget and derives every KPI from it (the plan of record).
 */
export const StrategyProposal = z.object({
  positioning: z.string().min(20),
  objectives: z.array(StrategyObjective).min(1),
  channels: z
    .array(
      z.object({
        channel: Channel,
        share: z.number().min(0).max(1).describe('Proposed share of the budget, 0–1'),
        rationale: z.string().min(1),
        researchFindings: z
          .array(z.string())
          .min(1)
          .describe('Findings that justify it: trends[1], competitors[0], …'),
      }),
    )
    .min(1),
});
export type StrategyProposal = z.infer<typeof StrategyProposal>;

/** A KPI measurement compares with actuals: one channel's planned result in one metric. */
export const StrategyKpi = z.object({
  channel: Channel,
  /** An objective metric (mqls, visitors, …) or a traffic stage (impressions, clicks). */
  metric: z.string().min(1),
  target: z.number().positive(),
  unit: z.string().min(1),
  /** Set when the target is a rate per period. */
  period: Period.optional(),
});
export type StrategyKpi = z.infer<typeof StrategyKpi>;

/** Something a person must accept before approving: said with labels and numbers, never field paths. */
export const StrategyWarning = z.object({
  /** What it is about, as an approver names it: an objective's description, a channel's label, "Budget". */
  subject: z.string().min(1),
  message: z.string().min(1),
});
export type StrategyWarning = z.infer<typeof StrategyWarning>;

/** A person with write access accepted these warnings, with a reason. */
export const StrategyOverride = z.object({
  reason: z.string().trim().min(1),
  by: z.string().trim().min(1),
  at: z.iso.datetime(),
  /** The warnings accepted, as they read then: a changed plan (new numbers) needs a new override. */
  accepts: z.array(z.string()),
});
export type StrategyOverride = z.infer<typeof StrategyOverride>;

export const StrategyData = StrategyProposal.extend({
  /** Derived from the plan of record, never proposed: the targets measurement checks. */
  kpis: z.array(StrategyKpi),
  budget: z.object({
    currency: z.string(),
    total: z.number().positive(),
    lines: z.array(z.object({ channel: Channel, amount: z.number().int().nonnegative() })).min(1),
  }),
  milestones: z
    .array(z.object({ date: z.iso.date(), title: z.string().min(1), week: z.number().int() }))
    .min(3),
  phases: z.array(z.object({ id: z.string(), name: z.string(), start: z.iso.date(), end: z.iso.date() })),
  /** How code decided the budget lines, and each channel's expected traffic. */
  allocation: Allocation,
  /** The plan of record per objective: each channel's expected result, the KPI tree and SMART. */
  objectivePlans: z.array(ObjectivePlan),
  /** Gaps and implausible costs; they block approval until overridden. */
  warnings: z.array(StrategyWarning).default([]),
  override: StrategyOverride.optional(),
});
export type StrategyData = z.infer<typeof StrategyData>;

export const strategyPath = (id: string): string => `plans/${id}-strategy.md`;

/** The approved strategy of a campaign (default branch). */
export async function readStrategy(files: RepoFiles, campaignId: string): Promise<StrategyData> {
  return readArtifact(files, strategyPath(campaignId), 'strategy', StrategyData, {
    missing: 'the approved strategy is missing',
    fix: 'approve the strategy stage first',
  });
}
