import type { Brief } from '../artifacts/brief.js';
import { briefWarnings } from '../artifacts/brief-warnings.js';
import { campaignFilePath, renderCampaignFile } from '../artifacts/campaign.js';
import {
  type Campaign,
  initialState,
  type PendingBatch,
  type StageCost,
  zeroCost,
} from '../artifacts/campaign-state.js';
import { parseBriefText } from '../brief-lines/brief-text.js';
import { type Config, loadConfig } from '../config/config.js';
import { CrescendoError, formatError } from '../errors.js';
import { duplicatePaths, isUnderPrefixes } from '../files/repo-path.js';
import { formatPath } from '../files/yaml.js';
import type { FileChange, Forge, PullRequest, ReviewComment } from '../forge/forge.js';
import type { Llm } from '../llm/llm.js';
import { SpendGuard } from '../llm/spend-guard.js';
import { type SpendRecord, totalUsd } from '../llm/spend-record.js';
import { FIRST_STAGE, STAGES } from '../stages/index.js';
import { previousStage, STAGE_NAMES, type StageName, stageBranch } from '../stages/names.js';
import type { Revision, Stage, StageContext } from '../stages/stage.js';
import { loadCampaign } from './campaigns.js';
import { nextAction, PROGRESS_MARKER, renderProgress } from './progress.js';
import { pullRequestBody, pullRequestTitle, stageLabels } from './pull-request.js';
import {
  asPlainFeedback,
  pendingLineComments,
  type RevisionRequests,
  revisionRequests,
} from './revision-requests.js';
import { StageSpendLog, spendByStage } from './spend-log.js';
import { type StageViews, stageViews, viewOf } from './stage-status.js';
import { stageWaits } from './waiting.js';

export interface PipelineDeps {
  forge: Forge;
  llm: Llm;
  now?: () => Date;
  log?: (line: string) => void;
  /** Link to a PR for the progress comment; forges without web pages use `#n`. */
  prUrl?: (n: number) => string;
  /** Link to the campaign issue, for PR bodies. */
  issueUrl?: (n: number) => string;
  /** How a run that finds a pending Message Batch polls it before giving up until the next run. */
  batchPoll?: { attempts: number; intervalMs: number };
}

export interface StageRun {
  campaign: Campaign;
  pullRequest: PullRequest;
  /** What this run cost (zero when nothing ran). */
  cost: StageCost;
  /** Who acts next, in words (the progress comment's "Next"). */
  next: string;
  /** False when nothing was regenerated (an open PR with no new feedback, or a replayed revision). */
  changed: boolean;
  /** What in the brief is probably a mistake but may be meant (a time frame in the past), one line each. */
  warnings?: string[];
}

/** The campaign issue's comment listing the brief's warnings, edited in place on a re-run. */
export const BRIEF_WARNINGS_MARKER = '<!-- crescendo:brief-warnings -->';

/** Reads a brief (parsed YAML, or one the issue form built): text lines as a marketer writes them, or fields. */
export function parseBrief(input: unknown, where = 'brief'): Brief {
  const result = parseBriefText(input);
  if (!result.ok) {
    throw new CrescendoError('the brief is not valid', {
      where,
      problems: result.problems.map((p) => ({ where: formatPath(p.path), message: p.message })),
      fix: 'correct each field listed, then start the campaign again',
    });
  }
  return result.brief;
}

/** Starts a campaign: checks the id is free, then runs the first stage. */
export async function startCampaign(
  deps: PipelineDeps,
  input: unknown,
  options: { issue?: number; where?: string } = {},
): Promise<StageRun> {
  const brief = parseBrief(input, options.where);
  const first = stageBranch(brief.id, FIRST_STAGE.name);
  const existing =
    (await loadCampaign(deps.forge, brief.id)) ??
    (await loadCampaign(deps.forge, brief.id, first).catch(() => undefined));
  if (existing && !(options.issue !== undefined && existing.state.issue === options.issue)) {
    throw new CrescendoError(`a campaign with id "${brief.id}" already exists`, {
      where: campaignFilePath(brief.id),
      fix: 'give the brief another `id` (a lowercase slug), or continue the existing campaign',
    });
  }
  const campaign: Campaign = existing ?? {
    brief,
    state: initialState({ issue: options.issue, sample: deps.llm.isSample }),
  };
  const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  const warnings = briefWarnings(brief, today).map((w) => `${formatPath(w.path)}: ${w.message}`);
  for (const warning of warnings) deps.log?.(`warning: ${warning}`);
  if (warnings.length > 0 && options.issue !== undefined) {
    const body = [BRIEF_WARNINGS_MARKER, '### ⚠️ Check the brief', '', ...warnings.map((w) => `- ${w}`), ''];
    await deps.forge.upsertComment(options.issue, BRIEF_WARNINGS_MARKER, body.join('\n'));
  }
  const run = await runStage(deps, { campaign, stage: FIRST_STAGE.name });
  return warnings.length > 0 ? { ...run, warnings } : run;
}

export interface RunStageRequest {
  campaignId?: string;
  /** For the first stage: the new campaign, not yet on any branch. */
  campaign?: Campaign;
  stage: StageName;
  feedback?: string[];
  /** The revision request's id (`comment:<id>`, `review:<id>`): a request already applied changes nothing. */
  revisionId?: string;
  /**
   * Several revision requests applied together (their feedback, in order, in `feedback`): recorded as applied
   * with the revision; when every one of them is applied already, nothing changes.
   */
  revisionIds?: readonly string[];
  /**
   * The inline review comments this revision applies, as the caller chose them (on GitHub: people with write
   * access, not applied yet). When absent, every inline comment not applied yet is read from the forge.
   */
  lineComments?: readonly ReviewComment[];
}

/**
 * Runs one stage: checks the stage may run (the one before it is approved, it is not approved itself, what it
 * needs is there), generates its artifacts, and commits them with the campaign's new state and spend log to
 * `crescendo/<id>/<stage>` in one commit, then opens or updates the PR and the campaign's progress comment.
 */
export async function runStage(deps: PipelineDeps, request: RunStageRequest): Promise<StageRun> {
  const { forge, llm } = deps;
  const now = deps.now?.() ?? new Date();
  const log = deps.log ?? (() => {});
  const stage = STAGES[request.stage];
  const id = request.campaign?.brief.id ?? request.campaignId;
  if (!id) throw new CrescendoError('no campaign id given');
  const branch = stageBranch(id, stage.name);
  const views = await stageViews(forge, id);
  const openPr = views[stage.name].status === 'in-review' ? views[stage.name].pr : undefined;
  const feedback = request.feedback ?? [];
  const revisionIds = [...(request.revisionIds ?? []), ...(request.revisionId ? [request.revisionId] : [])];

  if (!openPr && feedback.length > 0) {
    throw new CrescendoError(`there is no open ${stage.name} pull request to revise for ${id}`, {
      fix: 'revise only a stage whose pull request is open',
    });
  }
  const loaded = openPr ? await loadCampaign(forge, id, branch) : await loadCampaign(forge, id);
  const campaign = structuredClone(loaded ?? request.campaign);
  if (!campaign) {
    throw new CrescendoError(`there is no campaign "${id}"`, {
      where: campaignFilePath(id),
      fix: 'check the id (`crescendo status` lists campaigns) or start the campaign from a brief',
    });
  }
  const record = campaign.state.stages[stage.name];
  let resume: PendingBatch | undefined;
  if (openPr) {
    if (revisionIds.length > 0 && revisionIds.every((r) => record.applied.includes(r))) {
      log(
        `${stage.name}: revision ${revisionIds.join(', ')} was already applied to #${openPr.number}; nothing to do`,
      );
      return { campaign, pullRequest: openPr, cost: zeroCost(), next: nextAction(views), changed: false };
    }
    if (feedback.length === 0) {
      if (!record.batch) {
        log(`${stage.name}: pull request #${openPr.number} is already open; nothing to do`);
        return { campaign, pullRequest: openPr, cost: zeroCost(), next: nextAction(views), changed: false };
      }
      if (!(await batchEnded(deps, record.batch.id))) {
        log(
          `${stage.name}: batch ${record.batch.id} (${record.batch.assets.length} assets) is still running`,
        );
        return { campaign, pullRequest: openPr, cost: zeroCost(), next: nextAction(views), changed: false };
      }
      log(`${stage.name}: batch ${record.batch.id} has ended; collecting its results onto #${openPr.number}`);
      resume = record.batch;
    }
  }
  checkCanRun(views, stage);
  const config = await loadConfig((p) => forge.readFile(p));
  const files = {
    readFile: (p: string) => forge.readFile(p),
    readBytes: (p: string) => forge.readBytes(p),
    readStream: (p: string) => forge.readStream(p),
    listFiles: (d: string) => forge.listFiles(d),
  };
  await stage.ready?.({ ...files, campaign, config, feedback, now, log });

  const spendLog = await StageSpendLog.open(forge, id, branch);
  const capUsd = campaign.brief.spendCapUsd ?? config.spendCapUsd;
  const guard = await SpendGuard.open(spendLog, id, {
    pricing: config.pricing,
    capUsd,
    now: () => new Date(),
  });
  // A revision reads the people's requests: revise commands, review bodies and their inline comments.
  let requests: RevisionRequests | undefined;
  let revision: Revision | undefined;
  if (openPr && feedback.length > 0) {
    requests = revisionRequests(
      id,
      feedback,
      request.lineComments ?? (await pendingLineComments(forge, openPr.number, record.applied)),
    );
    const byAsset = stage.assetRevisions !== undefined;
    revision = {
      branch: { readFile: (p) => forge.readFile(p, branch), listFiles: (d) => forge.listFiles(d, branch) },
      body: openPr.body,
      assets: byAsset ? requests.assets : [],
      changesRequested: byAsset && requests.changesRequested,
    };
  }
  const prev = previousStage(stage.name);
  const approvedBy = prev && views[prev].status === 'approved' ? views[prev].pr : undefined;
  const ctx: StageContext = {
    ...files,
    campaign,
    config,
    llm,
    guard,
    feedback: requests ? (stage.assetRevisions ? requests.general : asPlainFeedback(requests)) : feedback,
    ...(resume ? { pendingBatch: resume } : {}),
    ...(revision ? { revision } : {}),
    ...(approvedBy
      ? {
          approval: {
            number: approvedBy.number,
            body: approvedBy.body,
            ...(approvedBy.mergedBy ? { mergedBy: approvedBy.mergedBy } : {}),
          },
        }
      : {}),
    now,
    log,
  };
  const maker = stage.assetRevisions?.regenerateWith;
  if (revision && maker) {
    const own = revision;
    // The judging stage regenerates named assets with the stage that makes them, on this same branch.
    revision.regenerate = (assets) =>
      STAGES[maker].run({ ...ctx, feedback: [], revision: { ...own, assets, changesRequested: false } });
  }
  log(
    `${stage.name}: ${feedback.length ? 'revising with feedback' : resume ? 'resuming' : 'generating'} for ${id}`,
  );
  // A branch left from an earlier cycle (or holding only a failed run's spend) starts again from the base.
  const reset = !openPr && (await forge.branchExists(branch));
  let result: Awaited<ReturnType<Stage['run']>>;
  try {
    result = await stage.run(ctx);
    const twice = duplicatePaths(result.files);
    if (twice.length > 0) {
      throw new CrescendoError(`${stage.name} produced two files for the same path: nothing was committed`, {
        problems: twice.map((path) => ({ where: path, message: 'written twice in one run' })),
        fix: 'this is a Crescendo bug (each artifact needs its own path): report it with the paths listed',
      });
    }
  } catch (error) {
    await guard.save();
    if (guard.records.length > 0) await spendLog.commitAlone(id, forge.defaultBranch, reset);
    throw error;
  }
  await guard.save();

  if (result.issue) {
    const opened = await forge.openIssue(result.issue);
    log(
      `${stage.name}: issue #${opened.number} ${opened.created ? 'opened' : 'already open'}: ${result.issue.title}`,
    );
    result = {
      ...result,
      summary: `${result.summary}\n- ${result.issue.title}: ${deps.issueUrl ? deps.issueUrl(opened.number) : `#${opened.number}`}`,
    };
  }
  const written = new Set(result.files.map((f) => f.path));
  const removed = new Set(result.files.filter((f) => f.content === null).map((f) => f.path));
  // A result that keeps other files (some assets revised) removes only what it says it removes.
  const stale: FileChange[] =
    openPr && !result.keepsOtherFiles ? staleFiles(stage, id, record.files, written) : [];
  const kept = result.keepsOtherFiles && openPr ? record.files : [];
  const applied = [...new Set([...revisionIds, ...(requests?.applied ?? [])])].filter(
    (a) => !record.applied.includes(a),
  );
  campaign.state.sample = campaign.state.sample || llm.isSample;
  campaign.state.stages[stage.name] = {
    ...record,
    revisions: record.revisions + (feedback.length ? 1 : 0),
    files: [...new Set([...kept, ...written])].filter((p) => !removed.has(p)).sort(),
    batch: result.batch,
    applied: [...record.applied, ...applied],
  };
  const verb = feedback.length
    ? 'revise'
    : result.batch
      ? 'submit batch for'
      : resume
        ? 'collect batch for'
        : 'generate';
  await forge.commitFiles({
    branch,
    base: forge.defaultBranch,
    message: `crescendo(${id}): ${verb} ${stage.name}`,
    changes: [
      ...result.files,
      ...stale,
      { path: campaignFilePath(id), content: renderCampaignFile(campaign) },
      spendLog.file(id),
    ],
    reset,
  });
  const issue = campaign.state.issue;
  const pullRequest = await forge.openOrUpdatePullRequest({
    branch,
    base: forge.defaultBranch,
    title: pullRequestTitle(campaign, stage.name),
    body: pullRequestBody(
      campaign,
      stage.name,
      result.summary,
      result.cost,
      issue && deps.issueUrl ? deps.issueUrl(issue) : undefined,
    ),
    labels: stageLabels(id, stage.name),
  });
  const after = { ...views, [stage.name]: viewOf(stage.name, pullRequest) };
  await updateProgress(deps, campaign, after, { records: spendLog.all(), capUsd });
  log(
    `${stage.name}: pull request #${pullRequest.number} ${openPr ? 'updated' : 'opened'} (${result.files.length} files, $${result.cost.usd.toFixed(4)})`,
  );
  if (result.review) {
    try {
      const posted = await forge.createReview(pullRequest.number, result.review);
      log(
        `${stage.name}: review posted on #${pullRequest.number} (${posted.event}, ${posted.inlineComments} inline comments)`,
      );
    } catch (error) {
      // The findings are in the pull request's files and body; a review that cannot be posted loses nothing.
      log(`${stage.name}: could not post the review on #${pullRequest.number}: ${formatError(error)}`);
    }
  }
  return { campaign, pullRequest, cost: result.cost, next: nextAction(after), changed: true };
}

/** Files the stage wrote before and no longer writes, limited to the stage's own folders. */
function staleFiles(stage: Stage, id: string, before: readonly string[], written: ReadonlySet<string>) {
  const own = stage.writes(id);
  return before
    .filter((p) => !written.has(p) && isUnderPrefixes(p, own))
    .map((p): FileChange => ({ path: p, content: null }));
}

/** Polls a pending Message Batch a few times; true once it has ended. */
async function batchEnded(deps: PipelineDeps, batchId: string): Promise<boolean> {
  const batches = deps.llm.batches;
  if (!batches) {
    throw new CrescendoError(`batch ${batchId} is pending, but this model cannot collect Message Batches`, {
      fix: 'set ANTHROPIC_API_KEY and run the stage again to collect the batch',
    });
  }
  const { attempts, intervalMs } = deps.batchPoll ?? { attempts: 3, intervalMs: 20_000 };
  for (let i = 1; i <= attempts; i++) {
    if (await batches.poll(batchId)) return true;
    if (i < attempts) await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

/** No skipping and no double advance: the stage before must be merged, and this one not yet (unless it repeats). */
function checkCanRun(views: StageViews, stage: Stage): void {
  const prev = previousStage(stage.name);
  if (prev && views[prev].status !== 'approved') {
    const prevPr = views[prev].pr;
    throw new CrescendoError(`${stage.name} cannot start: ${prev} is not approved yet`, {
      code: 'not-approved',
      fix:
        views[prev].status === 'in-review' && prevPr
          ? `review and merge pull request #${prevPr.number} first`
          : `run and approve ${prev} first`,
    });
  }
  if (views[stage.name].status === 'approved' && !stage.repeats) {
    throw new CrescendoError(`${stage.name} is already approved`, {
      code: 'already-approved',
      fix: 'a stage runs once per cycle; start a new cycle to plan again',
    });
  }
}

/**
 * Re-renders the campaign's progress comment from the forge's state: each stage's newest pull request, the
 * spend log (the default branch's and the open stage branch's), and whether the stage in flight waits for
 * something a person provides (asked of the stage when `waiting` is not given). Writes only when it changed.
 */
export async function updateProgress(
  deps: PipelineDeps,
  campaign: Campaign,
  views?: StageViews,
  spend?: { records: readonly SpendRecord[]; capUsd: number },
  waiting?: string,
): Promise<void> {
  if (!campaign.state.issue) return;
  const id = campaign.brief.id;
  const currentViews = views ?? (await stageViews(deps.forge, id));
  const open = STAGE_NAMES.find((name) => currentViews[name].status === 'in-review');
  const [records, capUsd, waits] = await Promise.all([
    spend?.records ??
      StageSpendLog.open(deps.forge, id, open ? stageBranch(id, open) : '').then((log) => log.all()),
    spend?.capUsd ??
      campaign.brief.spendCapUsd ??
      loadConfig((p) => deps.forge.readFile(p)).then((config) => config.spendCapUsd),
    waiting ?? stageWaits(deps.forge, campaign, currentViews, deps.now?.() ?? new Date()),
  ]);
  const body = renderProgress(
    campaign,
    currentViews,
    { spentByStage: spendByStage(records), spentUsd: totalUsd(records), capUsd, waiting: waits },
    deps.prUrl ?? ((n) => `#${n}`),
  );
  await deps.forge.upsertComment(campaign.state.issue, PROGRESS_MARKER, body);
}

export type { Config };
