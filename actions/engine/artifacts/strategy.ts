import { z } from 'zod';
import { Channel } from '../channels/index.js';
import { readArtifact } from '../files/artifact-file.js';
import type { RepoFiles } from '../files/repo-files.js';
import { ObjectiveMetric } from '../planning/metrics.js';

export const AllocationLine = z.object({
  channel: Channel,
  amount: z.number().int().nonnegative(),
  /** The model's proposed share, normalised so the proposals sum to 1. */
  proposedShare: z.number().min(0).max(1),
  decidedBy: z.enum(['optimiser', 'proposal']),
  /** Bounds the optimiser honoured, as shares of the whole budget. */
  minShare: z.number().min(0).max(1).optional(),
  maxShare: z.number().min(0).max(1).optional(),
  /** Expected results in `allocation.metric` (rounded to 0.1); absent when not modelled. */
  expectedResults: z.number().nonnegative().optional(),
  costPerResult: z.number().nonnegative().optional(),
  /** Why the channel has no expected results, when it has none. */
  note: z.string().optional(),
});
export type AllocationLine = z.infer<typeof AllocationLine>;

export const Allocation = z.object({
  /** The objective metric the curves are expressed in (the first objective's). */
  metric: ObjectiveMetric,
  method: z.enum(['optimiser', 'proposal']),
  benchmarks: z.string(),
  lines: z.array(AllocationLine).min(1),
  /** Expected results of the channels with a curve, optimised and at the model's proposed split. */
  expectedResults: z.number().nonnegative(),
  proposalExpectedResults: z.number().nonnegative().optional(),
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
export const ObjectivePlan = z.object({
  objective: z.number().int().nonnegative(),
  metric: ObjectiveMetric,
  target: z.number().positive(),
  /** Modelled cost at benchmark rates of the channels whose cost could be modelled. */
  modelledCost: z.number().nonnegative(),
  unmodelledCost: z.array(Channel),
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

/** What the model proposes. Budget amounts and the timeline are decided by code. */
export const StrategyProposal = z.object({
  positioning: z.string().min(20),
  objectives: z
    .array(
      z.object({
        metric: ObjectiveMetric,
        target: z.number().positive(),
        unit: z.string().min(1),
        deadline: z.string().describe('yyyy-mm-dd inside the campaign time frame'),
        description: z.string().min(1),
        businessGoal: z.string().min(1),
      }),
    )
    .min(1),
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
  kpis: z
    .array(
      z.object({
        channel: Channel,
        metric: z.string().min(1),
        target: z.number().positive(),
        unit: z.string().min(1),
      }),
    )
    .min(1),
});
export type StrategyProposal = z.infer<typeof StrategyProposal>;

export const StrategyData = StrategyProposal.extend({
  budget: z.object({
    currency: z.string(),
    total: z.number().positive(),
    lines: z.array(z.object({ channel: Channel, amount: z.number().int().nonnegative() })).min(1),
  }),
  milestones: z
    .array(z.object({ date: z.iso.date(), title: z.string().min(1), week: z.number().int() }))
    .min(3),
  phases: z.array(z.object({ id: z.string(), name: z.string(), start: z.iso.date(), end: z.iso.date() })),
  /** How code decided the budget lines, with expected results per channel (absent in older strategies). */
  allocation: Allocation.optional(),
  /** Funnel, KPI tree and SMART status per objective. */
  objectivePlans: z.array(ObjectivePlan).optional(),
  /** Achievability warnings with numbers; they do not fail the stage. */
  warnings: z.array(z.object({ where: z.string(), message: z.string() })).optional(),
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
