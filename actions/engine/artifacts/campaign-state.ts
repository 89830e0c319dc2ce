import { z } from 'zod';
import { strictObject } from '../files/strict-object.js';
import { STAGE_NAMES, type StageName } from '../stages/names.js';
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

/** A Message Batch submitted by a stage and not collected yet: a later run resumes it by id. */
export const PendingBatch = z.object({
  id: z.string().min(1),
  submittedAt: z.iso.datetime(),
  /** Keys of the planned items it answers (content: asset keys such as `social-post/2`). */
  assets: z.array(z.string()).min(1),
});
export type PendingBatch = z.infer<typeof PendingBatch>;

/**
 * What Crescendo keeps about a stage that the forge cannot tell. Whether a stage is pending, in review or
 * approved, its pull request and when it merged are read from the forge (see runner/stage-status.ts), and
 * what it cost is in the spend log (`campaigns/<id>/spend.jsonl`), so no fact is stored twice or left stale.
 */
export const StageRecord = strictObject({
  revisions: z.number().int().nonnegative().default(0),
  /** Files this stage wrote, so a revision can remove what it no longer produces (within its own folders). */
  files: z.array(z.string()).default([]),
  /** Set while the stage waits for a Message Batch; cleared when its results are committed. */
  batch: PendingBatch.optional(),
  /** Ids of the revision requests already applied (`comment:<id>`, `review:<id>`): a replay changes nothing. */
  applied: z.array(z.string()).default([]),
});
export type StageRecord = z.infer<typeof StageRecord>;

export const CampaignState = strictObject({
  /** The issue that started the campaign, on forges that have issues. */
  issue: z.number().int().positive().optional(),
  /** True when artifacts were made from shipped sample answers instead of a live model. */
  sample: z.boolean().default(false),
  stages: strictObject(
    Object.fromEntries(STAGE_NAMES.map((name) => [name, StageRecord.default(emptyRecord)])) as Record<
      StageName,
      z.ZodDefault<typeof StageRecord>
    >,
  ),
});
export type CampaignState = z.infer<typeof CampaignState>;

/** Strict at every level: a hand-edited key Crescendo does not know is an error naming the key meant. */
export const Campaign = strictObject({ brief: Brief, state: CampaignState });
export type Campaign = z.infer<typeof Campaign>;

function emptyRecord(): StageRecord {
  return { revisions: 0, files: [], applied: [] };
}

export function initialState(options: { issue?: number; sample?: boolean } = {}): CampaignState {
  const stages = Object.fromEntries(STAGE_NAMES.map((name) => [name, emptyRecord()])) as Record<
    StageName,
    StageRecord
  >;
  return { issue: options.issue, sample: options.sample ?? false, stages };
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
