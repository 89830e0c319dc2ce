import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { campaignFilePath } from '../artifacts/campaign.js';
import { CrescendoError, formatError, hasCode } from '../errors.js';
import { GitHubForge } from '../forge/github/github-forge.js';
import { listCampaignIds, loadCampaign } from '../runner/campaigns.js';
import { runStage, type StageRun, updateProgress } from '../runner/run-stage.js';
import { previousApproved, stageViews } from '../runner/stage-status.js';
import { waitingNote } from '../runner/waiting.js';
import { STAGES } from '../stages/index.js';
import { type StageName, stageBranch } from '../stages/names.js';
import { actionInput, throttleFrom } from './action-env.js';
import { concernsStage, type EventIntent, routeEvent } from './event-route.js';
import { applyOverride } from './override-action.js';
import { revisePullRequest } from './revise.js';
import {
  allowed,
  deps,
  type RunContext,
  ran,
  refreshProgress,
  type StageActionResult,
  skipped,
} from './run-context.js';
import { startFromIssue } from './start.js';

export type { StageActionResult } from './run-context.js';
export { stageLlm } from './run-context.js';
export { INVALID_FORM_LABEL } from './start.js';

const errorMarker = (stage: StageName): string => `<!-- crescendo:error:${stage} -->`;

type Env = NodeJS.ProcessEnv;

export { actionInput } from './action-env.js';

async function readEvent(env: Env): Promise<unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new CrescendoError(`the event payload at ${path} cannot be read`, { cause: error });
  }
}

function defaultBranchOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('repository' in payload)) return undefined;
  const repo = payload.repository;
  if (typeof repo !== 'object' || repo === null || !('default_branch' in repo)) return undefined;
  return typeof repo.default_branch === 'string' ? repo.default_branch : undefined;
}

/**
 * Runs one stage of one campaign after a merge, a dispatch or a schedule. Whatever happens (a run, a skip, a
 * wait), the campaign issue is left telling the truth: a run renders the progress comment itself, a wait
 * renders it with what the stage waits for, anything else re-renders it from the forge.
 */
async function runOne(
  ctx: RunContext,
  campaignId: string,
  why: string,
  after?: number,
): Promise<StageActionResult> {
  const { stage, forge } = ctx;
  ctx.campaignId = campaignId;
  const campaign = await loadCampaign(forge, campaignId);
  ctx.target = campaign?.state.issue ?? ctx.target;
  const pr = await forge.findPullRequest(stageBranch(campaignId, stage));
  // A merge delivered again (GitHub redelivers webhooks) must not start a repeating stage a second time.
  if (after !== undefined && pr && pr.number > after) {
    await refreshProgress(ctx, campaignId);
    return skipped(
      `${STAGES[stage].title} of ${campaignId} already started after #${after} (#${pr.number}).`,
      campaignId,
    );
  }
  if (pr?.state === 'merged' && !STAGES[stage].repeats) {
    await refreshProgress(ctx, campaignId);
    return skipped(
      `${STAGES[stage].title} of ${campaignId} was already approved in #${pr.number}.`,
      campaignId,
    );
  }
  if (ctx.dryRun) return skipped(`Dry run: would run ${stage} for ${campaignId} (${why}).`, campaignId);
  try {
    const run = await runStage(deps(ctx), { campaignId, stage });
    if (!run.changed) await refreshProgress(ctx, campaignId);
    return ran(run, stage);
  } catch (error) {
    // A stage that needs something a person provides (e.g. performance data) waits; the issue says for what.
    if (!hasCode(error, 'waiting')) throw error;
    const waiting = waitingNote(STAGES[stage], error);
    if (campaign) await updateProgress(deps(ctx), campaign, undefined, undefined, waiting);
    return {
      status: 'waiting',
      message: `${STAGES[stage].title} of ${campaignId} waits: ${formatError(error)}`,
      campaignId,
      runs: [],
    };
  }
}

/**
 * A scheduled run of a stage that declares `scheduled: 'run'` (reports): one run for every campaign whose
 * stage before is approved. One campaign's failure does not stop the rest.
 */
async function runScheduled(ctx: RunContext): Promise<StageActionResult> {
  const ids = await listCampaignIds(ctx.forge);
  const runs: StageRun[] = [];
  const lines: string[] = [];
  const failures: string[] = [];
  for (const id of ids) {
    try {
      const campaign = await loadCampaign(ctx.forge, id);
      if (!campaign || !previousApproved(await stageViews(ctx.forge, id), ctx.stage)) {
        lines.push(`${id}: not live yet (the stage before ${ctx.stage} is not approved)`);
        continue;
      }
      const one = await runOne({ ...ctx, target: campaign.state.issue }, id, 'schedule');
      runs.push(...one.runs);
      lines.push(`${id}: ${one.message}`);
    } catch (error) {
      failures.push(`${id}: ${formatError(error)}`);
      const target = (await loadCampaign(ctx.forge, id).catch(() => undefined))?.state.issue;
      await reportFailure({ ...ctx, campaignId: id, target }, error);
      await refreshProgress({ ...ctx, campaignId: id, target }, id);
    }
  }
  return summariseRuns(
    runs,
    [...lines, ...failures],
    failures.length > 0,
    `No campaign under ${campaignFilePath('<id>')} yet.`,
  );
}

/**
 * A scheduled run of a stage that declares `scheduled: 'resume'`: every campaign whose open pull request
 * carries a pending Message Batch (kept in the branch's campaign.yml) is run again, which collects the
 * results once the batch has ended.
 */
async function resumePending(ctx: RunContext): Promise<StageActionResult> {
  const runs: StageRun[] = [];
  const lines: string[] = [];
  for (const id of await listCampaignIds(ctx.forge)) {
    const pr = await ctx.forge.findPullRequest(stageBranch(id, ctx.stage));
    if (pr?.state !== 'open') continue;
    const batch = (await loadCampaign(ctx.forge, id, pr.branch))?.state.stages[ctx.stage].batch;
    if (!batch) continue;
    ctx.target = pr.number;
    if (ctx.dryRun) {
      lines.push(`${id}: would collect batch ${batch.id}`);
      continue;
    }
    const run = await runStage(deps(ctx), { campaignId: id, stage: ctx.stage });
    if (run.changed) runs.push(run);
    lines.push(
      `${id}: ${run.changed ? `batch results written to #${run.pullRequest.number}` : 'batch still running'}`,
    );
  }
  return summariseRuns(runs, lines, false, 'No batch is pending.');
}

function summariseRuns(runs: StageRun[], lines: string[], failed: boolean, none: string): StageActionResult {
  const last = runs.at(-1);
  return {
    status: failed ? 'failed' : runs.length ? 'ran' : 'skipped',
    message: lines.join('\n') || none,
    campaignId: last?.campaign.brief.id,
    pullRequest: last?.pullRequest.number,
    runs,
  };
}

async function dispatch(ctx: RunContext, intent: EventIntent): Promise<StageActionResult> {
  switch (intent.kind) {
    case 'start':
      return startFromIssue(ctx, intent);
    case 'advance':
      ctx.target = intent.pr;
      return runOne(ctx, intent.campaignId, `#${intent.pr} approved ${intent.merged}`, intent.pr);
    case 'merged': {
      // A merged report starts nothing (the next one comes on schedule); the campaign issue shows it merged.
      ctx.target = intent.pr;
      ctx.campaignId = intent.campaignId;
      await refreshProgress(ctx, intent.campaignId);
      return skipped(
        `${STAGES[intent.stage].title} #${intent.pr} of ${intent.campaignId} merged; the next one comes on schedule.`,
        intent.campaignId,
      );
    }
    case 'revise':
      return revisePullRequest(ctx, intent);
    case 'override': {
      ctx.target = intent.pr;
      const outcome = await applyOverride(
        {
          forge: ctx.forge,
          stage: ctx.stage,
          dryRun: ctx.dryRun,
          allowed: (login, where, what) => allowed(ctx, login, where, what),
        },
        intent,
      );
      ctx.campaignId = outcome.campaignId ?? ctx.campaignId;
      return { ...outcome, runs: [] };
    }
    case 'run':
      return runOne(ctx, intent.campaignId, 'run by hand');
    case 'measure-all':
      return STAGES[ctx.stage].scheduled === 'resume' ? resumePending(ctx) : runScheduled(ctx);
    case 'ignore':
      return skipped(intent.reason);
  }
}

async function reportFailure(ctx: RunContext, error: unknown): Promise<void> {
  if (ctx.target === undefined || ctx.dryRun) return;
  const body = [
    errorMarker(ctx.stage),
    `### ⚠️ Crescendo could not run ${STAGES[ctx.stage].title.toLowerCase()}${ctx.campaignId ? ` for \`${ctx.campaignId}\`` : ''}`,
    '',
    '```',
    formatError(error).replaceAll('```', "'''"),
    '```',
    '',
    'Nothing was lost: fix the cause and re-run the workflow, or comment `/crescendo revise …` on the stage pull request.',
  ].join('\n');
  try {
    await ctx.forge.upsertComment(ctx.target, errorMarker(ctx.stage), body);
  } catch (commentError) {
    core.warning(`could not comment the failure on #${ctx.target}: ${formatError(commentError)}`);
  }
}

async function writeSummary(env: Env, stage: StageName, result: StageActionResult): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary
    .addHeading(`Crescendo · ${STAGES[stage].title}`, 2)
    .addRaw(result.message, true);
  for (const run of result.runs) {
    const { cost } = run;
    summary.addTable([
      [
        { data: 'Campaign', header: true },
        { data: 'Pull request', header: true },
        { data: 'Files', header: true },
        { data: 'Cost (USD)', header: true },
      ],
      [
        run.campaign.brief.id,
        `<a href="${run.pullRequest.url}">#${run.pullRequest.number}</a>`,
        String(run.campaign.state.stages[stage].files.length),
        `$${cost.usd.toFixed(4)} (${cost.calls} calls)`,
      ],
    ]);
    summary.addRaw(`<p><strong>Next:</strong> ${run.next}</p>`, true);
  }
  await summary.write();
}

/**
 * The whole job of one stage action: read the inputs and the event, decide whether this event is work
 * for this stage, check who asked, run the engine, and report (outputs, job summary, a comment on failure).
 */
export async function runStageAction(stage: StageName, env: Env = process.env): Promise<StageActionResult> {
  const token = actionInput(env, 'github-token');
  const apiKey = actionInput(env, 'anthropic-api-key');
  if (token) core.setSecret(token);
  if (apiKey) core.setSecret(apiKey);
  const dryRun = actionInput(env, 'dry-run').toLowerCase() === 'true';
  const campaignInput = actionInput(env, 'campaign');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let result: StageActionResult;
  let ctx: RunContext | undefined;
  try {
    const payload = await readEvent(env);
    const repository = env.GITHUB_REPOSITORY ?? '';
    const defaultBranch = defaultBranchOf(payload);
    const routed = routeEvent({ eventName, payload, repository, defaultBranch: defaultBranch ?? 'main' });
    // The action's `campaign` input overrides the dispatch payload (a workflow may pass it explicitly).
    const intent: EventIntent =
      campaignInput &&
      (routed.kind === 'run' || (routed.kind === 'measure-all' && eventName === 'workflow_dispatch'))
        ? { kind: 'run', campaignId: campaignInput, stage: routed.kind === 'run' ? routed.stage : stage }
        : routed;
    if (!concernsStage(intent, stage)) {
      result = skipped(
        intent.kind === 'ignore'
          ? `Nothing to do: ${intent.reason}.`
          : `Nothing to do: this ${eventName} event is not work for ${stage}.`,
      );
    } else {
      const forge = await GitHubForge.fromEnvironment(
        { token, throttle: throttleFrom(env), ...(defaultBranch ? { defaultBranch } : {}) },
        env,
      );
      ctx = { stage, env, forge, dryRun, apiKey };
      result = await dispatch(ctx, intent);
    }
  } catch (error) {
    const message = formatError(error);
    if (ctx) {
      await reportFailure(ctx, error);
      // A failed run still leaves the campaign issue true to what happened before it (e.g. a merge).
      if (ctx.campaignId) await refreshProgress(ctx, ctx.campaignId);
    }
    result = { status: 'failed', message, campaignId: ctx?.campaignId, runs: [] };
  }
  core.info(result.message);
  core.setOutput('campaign-id', result.campaignId ?? '');
  core.setOutput('pull-request-number', result.pullRequest === undefined ? '' : String(result.pullRequest));
  try {
    await writeSummary(env, stage, result);
  } catch (error) {
    core.warning(`could not write the job summary: ${formatError(error)}`);
  }
  if (result.status === 'failed') core.setFailed(result.message);
  return result;
}
