import { CrescendoError, type Problem } from '../errors.js';
import type { Forge, PullRequest } from '../forge/forge.js';
import { STAGES } from '../stages/index.js';
import type { StageName } from '../stages/names.js';
import { OVERRIDE_KEY } from '../stages/override-line.js';

/**
 * Approval gates (a stage's `gate`: the strategy's achievability warnings). What blocks a stage pull
 * request is read from its branch; a person's override is recorded there too, in one commit, so the
 * strategy check (`crescendo check`, CI) reads the same answer before and after the merge.
 */

/** What blocks approving the stage's pull request now; empty when it has no gate or nothing blocks. */
export async function gateProblems(
  forge: Forge,
  stage: StageName,
  pr: PullRequest,
  campaignId: string,
): Promise<Problem[]> {
  const gate = STAGES[stage].gate;
  if (!gate) return [];
  return gate.blocking((path) => forge.readFile(path, pr.branch), campaignId);
}

export interface OverrideInput {
  stage: StageName;
  pr: PullRequest;
  campaignId: string;
  reason: string;
  /** Who overrides: a login with write access (checked by the caller), or the local user. */
  by: string;
  at: Date;
}

/**
 * Records an override on the pull request's branch (one commit whose message carries the
 * `Crescendo-Override:` line) and returns what still blocks, which is nothing unless the files changed
 * under it. Nothing to override: no commit, and an empty list.
 */
export async function recordOverride(
  forge: Forge,
  input: OverrideInput,
): Promise<{ recorded: boolean; blocking: Problem[] }> {
  const { stage, pr, campaignId, reason } = input;
  const gate = STAGES[stage].gate;
  if (!gate) {
    throw new CrescendoError(`the ${stage} stage has nothing to override`, {
      fix: 'only a strategy with warnings needs an override; approve the stage as it is',
    });
  }
  const before = await gateProblems(forge, stage, pr, campaignId);
  if (before.length === 0) return { recorded: false, blocking: [] };
  const read = (path: string) => forge.readFile(path, pr.branch);
  const changes = await gate.override(read, campaignId, { reason, by: input.by, at: input.at });
  await forge.commitFiles({
    branch: pr.branch,
    base: pr.base,
    message: `Accept the ${stage} warnings of ${campaignId} (${input.by})\n\n${OVERRIDE_KEY} ${reason.replaceAll('\n', ' ')}`,
    changes,
  });
  return { recorded: true, blocking: await gateProblems(forge, stage, pr, campaignId) };
}
