import type { Forge, PullRequest } from '../forge/forge.js';
import { previousStage, STAGE_NAMES, type StageName, stageBranch } from '../stages/names.js';

/**
 * Where a stage stands, read from the forge (never stored): its newest pull request open means in review,
 * merged means approved; no pull request, or one closed without merging, means pending.
 */
export type StageStatus = 'pending' | 'in-review' | 'approved';

export interface StageView {
  name: StageName;
  status: StageStatus;
  /** The newest pull request of the stage's branch, in any state. */
  pr?: PullRequest;
}

export type StageViews = Readonly<Record<StageName, StageView>>;

export function viewOf(name: StageName, pr: PullRequest | undefined): StageView {
  const status: StageStatus =
    pr?.state === 'open' ? 'in-review' : pr?.state === 'merged' ? 'approved' : 'pending';
  return { name, status, ...(pr ? { pr } : {}) };
}

/** Every stage's status for a campaign, from one pull-request lookup per stage (in parallel). */
export async function stageViews(forge: Forge, campaignId: string): Promise<StageViews> {
  const prs = await Promise.all(
    STAGE_NAMES.map((name) => forge.findPullRequest(stageBranch(campaignId, name))),
  );
  return Object.fromEntries(STAGE_NAMES.map((name, i) => [name, viewOf(name, prs[i])])) as Record<
    StageName,
    StageView
  >;
}

/** The stage in flight: the first not yet approved (the last, repeating stage once all are approved). */
export function currentStage(views: StageViews): StageName {
  return STAGE_NAMES.find((name) => views[name].status !== 'approved') ?? STAGE_NAMES.at(-1)!;
}

/** True when the stage before `stage` (if any) has been approved. */
export const previousApproved = (views: StageViews, stage: StageName): boolean => {
  const prev = previousStage(stage);
  return prev === undefined || views[prev].status === 'approved';
};
