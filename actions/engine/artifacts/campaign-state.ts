import { z } from 'zod';
import { STAGE_NAMES, StageName } from '../stages/names.js';
import { Brief } from './brief.js';

export const StageCost = z.object({
  usd: z.number().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadInputTokens: z.number().int().nonnegative(),
  cacheCreationInputTokens: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type StageCost = z.infer<typeof StageCost>;

export const zeroCost = (): StageCost => ({
  usd: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
  calls: 0,
});

/**
 * `pending`: not started. `in-review`: its PR is open and waits for a human.
 * `approved`: its PR was merged. A stage moves only forward; a revision keeps it in review.
 */
export const StageStatus = z.enum(['pending', 'in-review', 'approved']);
export type StageStatus = z.infer<typeof StageStatus>;

/** A Message Batch submitted by a stage and not collected yet: a later run resumes it by id. */
export const PendingBatch = z.object({
  id: z.string().min(1),
  submittedAt: z.iso.datetime(),
  /** Keys of the planned items it answers (content: asset keys such as `social-post/2`). */
  assets: z.array(z.string()).min(1),
});
export type PendingBatch = z.infer<typeof PendingBatch>;

export const StageRecord = z.object({
  status: StageStatus,
  branch: z.string().optional(),
  pr: z.number().int().positive().optional(),
  startedAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
  approvedAt: z.iso.datetime().optional(),
  revisions: z.number().int().nonnegative().default(0),
  cost: StageCost.default(zeroCost),
  /** Files this stage wrote, so a revision can remove what it no longer produces. */
  files: z.array(z.string()).default([]),
  /** Set while the stage waits for a Message Batch; cleared when its results are committed. */
  batch: PendingBatch.optional(),
});
export type StageRecord = z.infer<typeof StageRecord>;

export const CampaignState = z.object({
  /** The stage in flight (in review) or, when all before it are approved, the next to run. */
  stage: StageName,
  /** The issue that started the campaign, on forges that have issues. */
  issue: z.number().int().positive().optional(),
  /** True when artifacts were made from shipped sample answers instead of a live model. */
  sample: z.boolean().default(false),
  stages: z.object(
    Object.fromEntries(STAGE_NAMES.map((name) => [name, StageRecord])) as Record<
      StageName,
      typeof StageRecord
    >,
  ),
});
export type CampaignState = z.infer<typeof CampaignState>;

export const Campaign = z.object({ brief: Brief, state: CampaignState });
export type Campaign = z.infer<typeof Campaign>;

export function initialState(options: { issue?: number; sample?: boolean } = {}): CampaignState {
  const stages = Object.fromEntries(
    STAGE_NAMES.map((name): [StageName, StageRecord] => [
      name,
      { status: 'pending', revisions: 0, cost: zeroCost(), files: [] },
    ]),
  ) as Record<StageName, StageRecord>;
  return { stage: 'research', issue: options.issue, sample: options.sample ?? false, stages };
}

export function totalCost(state: CampaignState): number {
  return STAGE_NAMES.reduce((sum, name) => sum + state.stages[name].cost.usd, 0);
}

export function addCost(a: StageCost, b: StageCost): StageCost {
  return {
    usd: a.usd + b.usd,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
    calls: a.calls + b.calls,
  };
}
