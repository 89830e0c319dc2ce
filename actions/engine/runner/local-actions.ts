import { parseReviewFile, reviewPath } from '../artifacts/review.js';
import { markClaims } from '../artifacts/review-claims.js';
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

export interface ReviseOptions {
  /** Asset files (`path` or `path:line`) the feedback is about: only those are made again. */
  assets?: readonly string[];
  /** Also every asset the review marked changes-requested. */
  changesRequested?: boolean;
}

/**
 * Local "request changes": records the feedback as a review, then regenerates the stage on its branch. With
 * assets named, the feedback goes to each of them (the same words `/crescendo revise <path> …` takes).
 */
export async function revise(
  deps: PipelineDeps & { forge: LocalForge },
  id: string,
  feedback: string,
  options: ReviseOptions = {},
): Promise<StageRun> {
  const open = await openStage(deps.forge, id);
  if (!open) throw new CrescendoError(`campaign ${id} has no open stage to revise`);
  const requests = [
    ...(options.assets ?? []).map((path) => `${path} ${feedback}`.trim()),
    ...(options.changesRequested ? [`--changes-requested ${feedback}`.trim()] : []),
  ];
  const texts = requests.length > 0 ? requests : [feedback];
  await deps.forge.addReview(open.pr.number, {
    author: process.env.USER ?? 'local',
    state: 'CHANGES_REQUESTED',
    body: texts.join('\n'),
    submittedAt: new Date().toISOString(),
  });
  return runStage(deps, { campaignId: id, stage: open.stage, feedback: texts });
}

/** What `crescendo verify` did: the claims it ticked or waived, and those it did not know. */
export interface VerifyResult {
  marked: string[];
  unknown: string[];
  branch: string;
}

/**
 * Ticks (or waives) claims in review.md on the open review pull request's branch, in one commit: what a
 * person does in the file on GitHub. `ids` empty with `all` marks every claim.
 */
export async function verifyClaims(
  forge: LocalForge,
  id: string,
  request: { ids: readonly string[]; all?: boolean; waive?: string },
): Promise<VerifyResult> {
  const branch = stageBranch(id, 'review');
  const pr = await forge.findPullRequest(branch);
  if (pr?.state !== 'open') {
    throw new CrescendoError(`campaign ${id} has no open review pull request`, {
      fix: `after the review is merged, tick claims in ${reviewPath(id)} on ${forge.defaultBranch} (edit and commit the file), then run distribution`,
    });
  }
  const text = await forge.readFile(reviewPath(id), branch);
  if (!text)
    throw new CrescendoError('the review pull request has no review file', { where: reviewPath(id) });
  const { data, body } = parseReviewFile(text, reviewPath(id));
  const known = new Set(data.claims.map((c) => c.id));
  const wanted = request.all ? [...known] : request.ids.map((x) => x.toUpperCase());
  const marked = wanted.filter((x) => known.has(x));
  const mark = request.waive
    ? { state: 'waived' as const, reason: request.waive }
    : { state: 'verified' as const };
  const edited = markClaims(body, data.claims, new Set(marked), mark);
  if (marked.length > 0 && edited !== body && text.endsWith(body)) {
    await forge.commitFiles({
      branch,
      base: forge.defaultBranch,
      message: `${request.waive ? 'Waive' : 'Verify'} claims ${marked.join(', ')} for ${id}`,
      changes: [{ path: reviewPath(id), content: `${text.slice(0, text.length - body.length)}${edited}` }],
    });
  }
  return { marked, unknown: wanted.filter((x) => !known.has(x)), branch };
}
