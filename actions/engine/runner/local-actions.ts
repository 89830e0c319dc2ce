import { CrescendoError, hasCode } from '../errors.js';
import type { PullRequest } from '../forge/forge.js';
import type { LocalForge } from '../forge/local/local-forge.js';
import { STAGES } from '../stages/index.js';
import { nextStage, STAGE_NAMES, type StageName, stageBranch } from '../stages/names.js';
import { gateProblems, recordOverride } from './override.js';
import { type PipelineDeps, runStage, type StageRun } from './run-stage.js';

/** The stage of a campaign whose pull request is open, if any. */
export async function openStage(
  forge: LocalForge,
  id: string,
): Promise<{ stage: StageName; pr: PullRequest } | undefined> {
  for (const stage of STAGE_NAMES) {
    const pr = await forge.findPullRequest(stageBranch(id, stage));
    if (pr?.state === 'open') return { stage, pr };
  }
  return undefined;
}

export interface ApproveResult {
  approved: StageName;
  next?: StageRun;
  /** Why the next stage did not run, when it could not (e.g. measurement waits for data). */
  waiting?: string;
}

export interface ApproveOptions {
  /** Accept what the stage's gate reports (the strategy's warnings), with this reason. */
  override?: string;
  /** Who accepts; the local user by default. */
  by?: string;
}

/**
 * Local approval: merge the open stage PR into main, then run the next stage as the workflow would. A
 * stage whose gate reports problems (a strategy with warnings) is refused unless `override` gives a
 * reason, which is recorded on the stage branch before the merge.
 */
export async function approve(
  deps: PipelineDeps & { forge: LocalForge },
  id: string,
  options: ApproveOptions = {},
): Promise<ApproveResult> {
  const open = await openStage(deps.forge, id);
  if (!open) {
    throw new CrescendoError(`campaign ${id} has no stage waiting for approval`, {
      fix: 'run `crescendo status` to see where it stands',
    });
  }
  let blocking = await gateProblems(deps.forge, open.stage, open.pr, id);
  if (blocking.length > 0 && options.override?.trim()) {
    const by = options.by ?? process.env.USER ?? 'local';
    const now = deps.now?.() ?? new Date();
    ({ blocking } = await recordOverride(deps.forge, {
      stage: open.stage,
      pr: open.pr,
      campaignId: id,
      reason: options.override.trim(),
      by,
      at: now,
    }));
    deps.log?.(`${open.stage}: ${by} accepted its warnings: ${options.override.trim()}`);
  }
  if (blocking.length > 0) {
    throw new CrescendoError(
      `${STAGES[open.stage].title} of ${id} is not approved: ${blocking.length} warning(s) block it`,
      {
        problems: blocking,
        fix: `${STAGES[open.stage].gate?.howTo(id) ?? 'resolve them first'}`,
      },
    );
  }
  await deps.forge.mergePullRequest(open.pr.number, `Approve ${open.stage} for ${id} (#${open.pr.number})`);
  deps.log?.(`${open.stage}: approved (merged #${open.pr.number})`);
  const following = nextStage(open.stage);
  if (!following) return { approved: open.stage };
  try {
    return { approved: open.stage, next: await runStage(deps, { campaignId: id, stage: following }) };
  } catch (error) {
    if (!hasCode(error, 'waiting')) throw error;
    return {
      approved: open.stage,
      waiting: `${following} waits: ${error.message}${error.fix ? ` (${error.fix})` : ''}`,
    };
  }
}

/** Local "request changes": records the feedback as a review, then regenerates the stage on its branch. */
export async function revise(
  deps: PipelineDeps & { forge: LocalForge },
  id: string,
  feedback: string,
): Promise<StageRun> {
  const open = await openStage(deps.forge, id);
  if (!open) throw new CrescendoError(`campaign ${id} has no open stage to revise`);
  await deps.forge.addReview(open.pr.number, {
    author: process.env.USER ?? 'local',
    state: 'CHANGES_REQUESTED',
    body: feedback,
    submittedAt: new Date().toISOString(),
  });
  return runStage(deps, { campaignId: id, stage: open.stage, feedback: [feedback] });
}
