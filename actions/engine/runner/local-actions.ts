import type { Campaign } from '../artifacts/campaign-state.js';
import { parseReviewFile, reviewPath } from '../artifacts/review.js';
import { markClaims } from '../artifacts/review-claims.js';
import { CrescendoError, hasCode, type Problem } from '../errors.js';
import type { PullRequest } from '../forge/forge.js';
import type { LocalForge } from '../forge/local/local-forge.js';
import { STAGES } from '../stages/index.js';
import { nextStage, STAGE_NAMES, type StageName, stageBranch } from '../stages/names.js';
import { loadCampaign } from './campaigns.js';
import { gateProblems, recordOverride } from './override.js';
import {
  type PipelineDeps,
  type RunStageRequest,
  runStage,
  type StageRun,
  startCampaign,
} from './run-stage.js';

type LocalDeps = PipelineDeps & { forge: LocalForge };

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

/** Local start: the first stage of a new campaign, holding the repository's lock. */
export function start(deps: LocalDeps, input: unknown, options: { where?: string } = {}): Promise<StageRun> {
  return deps.forge.exclusive('start', () => startCampaign(deps, input, options));
}

/** Local run of one stage by hand, holding the repository's lock. */
export function run(deps: LocalDeps, request: RunStageRequest): Promise<StageRun> {
  return deps.forge.exclusive(`run ${request.campaignId ?? ''} ${request.stage}`.trim(), () =>
    runStage(deps, request),
  );
}

export interface ApproveResult {
  approved: StageName;
  next?: StageRun;
  /** Why the next stage did not run, when it could not (e.g. measurement waits for data). */
  waiting?: string;
}

/** The checks `crescendo check` runs on one file; approving refuses a branch where one fails. */
export type ArtifactCheck = (
  path: string,
  text: string,
  campaign: Campaign,
) => { ok: boolean; problems: Problem[] };

export interface ApproveOptions {
  /** Validates each artifact the branch adds or changes before anything is merged. */
  check?: ArtifactCheck;
  /** Accept what the stage's gate reports (the strategy's warnings), with this reason. */
  override?: string;
  /** Who accepts; the local user by default. */
  by?: string;
}

/** Files `crescendo check` knows: generated markdown and the campaign file (not rendered HTML, data or logs). */
const checkable = (path: string) => path.endsWith('.md') || /^campaigns\/[^/]+\/campaign\.yml$/.test(path);

async function checkBranch(deps: LocalDeps, id: string, pr: PullRequest, check: ArtifactCheck) {
  const campaign = await loadCampaign(deps.forge, id, pr.branch);
  if (!campaign) return;
  const problems: Problem[] = [];
  for (const path of (await deps.forge.changedFiles(pr.branch, pr.base)).filter(checkable)) {
    const text = await deps.forge.readFile(path, pr.branch);
    if (text !== undefined) problems.push(...check(path, text, campaign).problems);
  }
  if (problems.length === 0) return;
  throw new CrescendoError(`pull request #${pr.number} cannot be approved: its artifacts fail their checks`, {
    where: pr.branch,
    problems,
    fix: `correct the files on ${pr.branch} (or \`crescendo revise ${id} --feedback "..."\`), then approve again`,
  });
}

/**
 * A stage whose gate reports problems (a strategy with warnings) is refused unless `override` gives a
 * reason, which is recorded on the stage branch before the merge.
 */
async function passGate(
  deps: LocalDeps,
  id: string,
  open: { stage: StageName; pr: PullRequest },
  options: ApproveOptions,
): Promise<void> {
  let blocking = await gateProblems(deps.forge, open.stage, open.pr, id);
  const reason = options.override?.trim();
  if (blocking.length > 0 && reason) {
    const by = options.by ?? process.env.USER ?? 'local';
    const at = deps.now?.() ?? new Date();
    ({ blocking } = await recordOverride(deps.forge, {
      stage: open.stage,
      pr: open.pr,
      campaignId: id,
      reason,
      by,
      at,
    }));
    deps.log?.(`${open.stage}: ${by} accepted its warnings: ${reason}`);
  }
  if (blocking.length === 0) return;
  throw new CrescendoError(
    `${STAGES[open.stage].title} of ${id} is not approved: ${blocking.length} warning(s) block it`,
    { problems: blocking, fix: STAGES[open.stage].gate?.howTo(id) ?? 'resolve them first' },
  );
}

/**
 * Local approval: checks the open stage's artifacts, merges its pull request into main, then runs the next
 * stage as the workflow would, all holding the repository's lock.
 */
export function approve(deps: LocalDeps, id: string, options: ApproveOptions = {}): Promise<ApproveResult> {
  return deps.forge.exclusive(`approve ${id}`, async () => {
    const open = await openStage(deps.forge, id);
    if (!open) {
      throw new CrescendoError(`campaign ${id} has no stage waiting for approval`, {
        fix: 'run `crescendo status` to see where it stands',
      });
    }
    await passGate(deps, id, open, options);
    if (options.check) await checkBranch(deps, id, open.pr, options.check);
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
  });
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
export function revise(
  deps: LocalDeps,
  id: string,
  feedback: string,
  options: ReviseOptions = {},
): Promise<StageRun> {
  return deps.forge.exclusive(`revise ${id}`, async () => {
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
  });
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
export function verifyClaims(
  forge: LocalForge,
  id: string,
  request: { ids: readonly string[]; all?: boolean; waive?: string },
): Promise<VerifyResult> {
  return forge.exclusive(`verify ${id}`, () => markOnReviewBranch(forge, id, request));
}

async function markOnReviewBranch(
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
