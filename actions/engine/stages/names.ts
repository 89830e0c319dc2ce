import { z } from 'zod';

/** The six stages of the marketing workflow (docs/workflow.md), in order. */
export const STAGE_NAMES = [
  'research',
  'strategy',
  'content',
  'review',
  'distribution',
  'measurement',
] as const;
export const StageName = z.enum(STAGE_NAMES);
export type StageName = z.infer<typeof StageName>;

export function nextStage(stage: StageName): StageName | undefined {
  return STAGE_NAMES[STAGE_NAMES.indexOf(stage) + 1];
}

export function previousStage(stage: StageName): StageName | undefined {
  const index = STAGE_NAMES.indexOf(stage);
  return index > 0 ? STAGE_NAMES[index - 1] : undefined;
}

export const stageBranch = (campaignId: string, stage: StageName): string =>
  `crescendo/${campaignId}/${stage}`;
