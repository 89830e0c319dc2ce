import { formatPath } from '../artifacts/validate.js';
import { parseBriefText } from '../brief-lines/brief-text.js';
import type { Brief } from '../campaign/brief.js';
import { campaignFilePath, parseCampaignFile, renderCampaignFile } from '../campaign/campaign-file.js';
import { previousStage, type StageName, stageBranch } from '../campaign/stage-names.js';
import { addCost, type Campaign, initialState, type PendingBatch, totalCost } from '../campaign/state.js';
import { type Config, loadConfig } from '../config/config.js';
import { CrescendoError } from '../errors.js';
import type { FileChange, Forge, PullRequest } from '../forge/forge.js';
import type { Llm } from '../llm/llm.js';
import { SpendGuard } from '../llm/spend-guard.js';
import { STAGES } from '../stages/index.js';
import type { StageContext } from '../stages/stage.js';
import { PROGRESS_MARKER, renderProgress } from './progress.js';
import { pullRequestBody, pullRequestTitle, stageLabels } from './pull-request.js';

export interface PipelineDeps {
  forge: Forge;
  llm: Llm;
  now?: () => Date;
  log?: (line: string) => void;
  /** Link to a PR for the progress comment; forges without web pages use `#n`. */
  prUrl?: (n: number) => string;
  /** How a run that finds a pending Message Batch polls it before giving up until the next run. */
  batchPoll?: { attempts: number; intervalMs: number };
}

export interface StageRun {
  campaign: Campaign;
  pullRequest: PullRequest;
  /** False when an open PR already existed and nothing was regenerated (a repeated event). */
  changed: boolean;
}

/** Ids of the campaigns that have a `campaigns/<id>/campaign.yml` at a ref (the default branch when omitted). */
export async function listCampaignIds(forge: Forge, ref?: string): Promise<string[]> {
  return (await forge.listFiles('campaigns', ref))
    .map((path) => /^campaigns\/([^/]+)\/campaign\.yml$/.exec(path)?.[1])
    .filter((id): id is string => id !== undefined);
}

/** Reads the campaign: from its open stage branch when one exists (a revision), else from the default branch. */
export async function loadCampaign(forge: Forge, id: string, ref?: string): Promise<Campaign | undefined> {
  const path = campaignFilePath(id);
  const text = await forge.readFile(path, ref);
  return text === undefined ? undefined : parseCampaignFile(text, path);
}

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

/** Starts a campaign: checks the id is free, then runs research. */
export async function startCampaign(
  deps: PipelineDeps,
  input: unknown,
  options: { issue?: number; where?: string } = {},
): Promise<StageRun> {
  const brief = parseBrief(input, options.where);
  const existing =
    (await loadCampaign(deps.forge, brief.id)) ??
    (await loadCampaign(deps.forge, brief.id, stageBranch(brief.id, 'research')).catch(() => undefined));
  if (existing) {
    const sameIssue = options.issue !== undefined && existing.state.issue === options.issue;
    if (!sameIssue) {
      throw new CrescendoError(`a campaign with id "${brief.id}" already exists`, {
        where: campaignFilePath(brief.id),
        fix: 'give the brief another `id` (a lowercase slug), or continue the existing campaign',
      });
    }
  }
  const campaign: Campaign = existing ?? {
    brief,
    state: initialState({ issue: options.issue, sample: deps.llm.isSample }),
  };
  return runStage(deps, { campaign, stage: 'research' });
}

export interface RunStageRequest {
  campaignId?: string;
  /** For research: the new campaign, not yet on any branch. */
  campaign?: Campaign;
  stage: StageName;
  feedback?: string[];
}

/**
 * Runs one stage: checks the stage may run (the one before it is approved, it is not
 * approved itself), generates its artifacts, and commits them with the campaign's new
 * state to `crescendo/<id>/<stage>` in one commit, then opens or updates the PR.
 */
export async function runStage(deps: PipelineDeps, request: RunStageRequest): Promise<StageRun> {
  const { forge, llm } = deps;
  const now = deps.now?.() ?? new Date();
  const log = deps.log ?? (() => {});
  const { stage } = request;
  const id = request.campaign?.brief.id ?? request.campaignId;
  if (!id) throw new CrescendoError('no campaign id given');
  const branch = stageBranch(id, stage);
  const existingPr = await forge.findPullRequest(branch);
  const openPr = existingPr?.state === 'open' ? existingPr : undefined;
  const feedback = request.feedback ?? [];

  let resume: PendingBatch | undefined;
  if (openPr && feedback.length === 0) {
    const campaign = (await loadCampaign(forge, id, branch)) ?? request.campaign;
    if (!campaign) throw new CrescendoError(`campaign ${id} not found on ${branch}`);
    const pending = campaign.state.stages[stage].batch;
    if (!pending) {
      log(`${stage}: pull request #${openPr.number} is already open; nothing to do`);
      return { campaign, pullRequest: openPr, changed: false };
    }
    if (!(await batchEnded(deps, pending.id))) {
      log(
        `${stage}: batch ${pending.id} (${pending.assets.length} assets) is still running; run again later`,
      );
      return { campaign, pullRequest: openPr, changed: false };
    }
    log(`${stage}: batch ${pending.id} has ended; collecting its results onto #${openPr.number}`);
    resume = pending;
  }
  if (!openPr && feedback.length > 0) {
    throw new CrescendoError(`there is no open ${stage} pull request to revise for ${id}`, {
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
  const config = await loadConfig((p) => forge.readFile(p));
  await checkCanRun(forge, campaign, stage, existingPr);

  const record = campaign.state.stages[stage];
  const guard = new SpendGuard(
    config.pricing,
    campaign.brief.spendCapUsd ?? config.spendCapUsd,
    totalCost(campaign.state),
  );
  const ctx: StageContext = {
    campaign,
    config,
    llm,
    guard,
    readFile: (p) => forge.readFile(p),
    readBytes: (p) => forge.readBytes(p),
    listFiles: (d) => forge.listFiles(d),
    feedback,
    ...(resume ? { pendingBatch: resume } : {}),
    now,
    log,
  };
  log(
    `${stage}: ${feedback.length ? 'revising with feedback' : resume ? 'resuming' : 'generating'} for ${id}`,
  );
  const result = await STAGES[stage].run(ctx);

  const written = new Set(result.files.map((f) => f.path));
  const stale: FileChange[] = openPr
    ? record.files.filter((p) => !written.has(p)).map((p) => ({ path: p, content: null }))
    : [];
  const isRepeat = stage === 'measurement' && record.status === 'approved';
  campaign.state.stage = stage;
  campaign.state.sample = campaign.state.sample || llm.isSample;
  campaign.state.stages[stage] = {
    ...record,
    status: 'in-review',
    branch,
    pr: openPr?.number,
    startedAt: openPr && record.startedAt ? record.startedAt : now.toISOString(),
    updatedAt: now.toISOString(),
    approvedAt: isRepeat ? undefined : record.approvedAt,
    revisions: record.revisions + (feedback.length ? 1 : 0),
    cost: addCost(record.cost, result.cost),
    files: [...written].sort(),
    batch: result.batch,
  };
  const files = [...result.files, ...stale];
  const commit = async (message: string, changes: FileChange[], reset: boolean) =>
    forge.commitFiles({ branch, base: forge.defaultBranch, message, changes, reset });
  const branchIsStale = !openPr && (await forge.branchExists(branch));
  await commit(
    `crescendo(${id}): ${feedback.length ? 'revise' : result.batch ? 'submit batch for' : resume ? 'collect batch for' : 'generate'} ${stage}`,
    [...files, { path: campaignFilePath(id), content: renderCampaignFile(campaign) }],
    branchIsStale,
  );
  const prRequest = {
    branch,
    base: forge.defaultBranch,
    title: pullRequestTitle(campaign, stage),
    body: pullRequestBody(campaign, stage, result.summary, result.cost),
    labels: stageLabels(id, stage),
  };
  let pullRequest = await forge.openOrUpdatePullRequest(prRequest);
  if (campaign.state.stages[stage].pr !== pullRequest.number) {
    // The PR number is known only once the PR exists; record it so main's state names it after merge.
    campaign.state.stages[stage].pr = pullRequest.number;
    await commit(
      `crescendo(${id}): record ${stage} pull request #${pullRequest.number}`,
      [{ path: campaignFilePath(id), content: renderCampaignFile(campaign) }],
      false,
    );
    pullRequest = await forge.openOrUpdatePullRequest(prRequest);
  }
  await updateProgress(deps, campaign);
  log(
    `${stage}: pull request #${pullRequest.number} ${openPr ? 'updated' : 'opened'} (${result.files.length} files, $${result.cost.usd.toFixed(4)})`,
  );
  return { campaign, pullRequest, changed: true };
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

/**
 * The merge is the approval: main's state says "in-review" until the next stage records it.
 * Records the approval in `campaign` when the stage's PR is merged; `pr` null means it has none.
 */
export async function settleApproval(
  forge: Forge,
  campaign: Campaign,
  stage: StageName,
  pr?: PullRequest | null,
): Promise<boolean> {
  const record = campaign.state.stages[stage];
  if (record.status === 'approved') return true;
  const found = pr === undefined ? await forge.findPullRequest(stageBranch(campaign.brief.id, stage)) : pr;
  if (found?.state !== 'merged' || record.status !== 'in-review') return false;
  campaign.state.stages[stage] = {
    ...record,
    status: 'approved',
    pr: found.number,
    approvedAt: found.mergedAt,
  };
  return true;
}

/** No skipping and no double advance; the stage before must be merged. Marks it approved in the new state. */
async function checkCanRun(
  forge: Forge,
  campaign: Campaign,
  stage: StageName,
  ownPr?: PullRequest,
): Promise<void> {
  await settleApproval(forge, campaign, stage, ownPr ?? null);
  const prev = previousStage(stage);
  if (prev && !(await settleApproval(forge, campaign, prev))) {
    const prevPr = await forge.findPullRequest(stageBranch(campaign.brief.id, prev));
    throw new CrescendoError(`${stage} cannot start: ${prev} is not approved yet`, {
      fix:
        prevPr?.state === 'open'
          ? `review and merge pull request #${prevPr.number} first`
          : `run and approve ${prev} first`,
    });
  }
  if (campaign.state.stages[stage].status === 'approved' && stage !== 'measurement') {
    throw new CrescendoError(`${stage} is already approved for ${campaign.brief.id}`, {
      fix: 'a stage runs once per cycle; start a new cycle to plan again',
    });
  }
}

export async function updateProgress(deps: PipelineDeps, campaign: Campaign): Promise<void> {
  if (!campaign.state.issue) return;
  const body = renderProgress(campaign, deps.prUrl ?? ((n) => `#${n}`));
  await deps.forge.upsertComment(campaign.state.issue, PROGRESS_MARKER, body);
}

export type { Config };
