import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { campaignFilePath } from '../artifacts/campaign.js';
import { CrescendoError, formatError, hasCode } from '../errors.js';
import { GitHubForge, type ThrottleSettings } from '../forge/github/github-forge.js';
import { AnthropicLlm } from '../llm/anthropic-llm.js';
import type { Llm } from '../llm/llm.js';
import { SampleLlm } from '../llm/sample-llm.js';
import { listCampaignIds, loadCampaign } from '../runner/campaigns.js';
import {
  type PipelineDeps,
  runStage,
  type StageRun,
  startCampaign,
  updateProgress,
} from '../runner/run-stage.js';
import { previousApproved, stageViews } from '../runner/stage-status.js';
import { FIRST_STAGE, STAGES } from '../stages/index.js';
import { type StageName, stageBranch } from '../stages/names.js';
import {
  concernsStage,
  type EventIntent,
  parseStageBranch,
  routeEvent,
  stageFromLabels,
} from './event-route.js';
import {
  CAMPAIGN_TEMPLATE_PATH,
  FORM_PROBLEMS_MARKER,
  parseCampaignIssue,
  renderFormProblems,
} from './issue-form/issue-form.js';
import { applyOverride } from './override-action.js';

/** Label put on a campaign issue whose form cannot be read. */
export const INVALID_FORM_LABEL = 'crescendo:invalid-form';
const REFUSED_MARKER = '<!-- crescendo:refused -->';
const errorMarker = (stage: StageName): string => `<!-- crescendo:error:${stage} -->`;

/** What one run of a stage action did, also written as outputs and the job summary. */
export interface StageActionResult {
  status: 'ran' | 'unchanged' | 'skipped' | 'refused' | 'invalid-form' | 'waiting' | 'failed';
  message: string;
  campaignId?: string;
  pullRequest?: number;
  runs: StageRun[];
}

type Env = NodeJS.ProcessEnv;

/** `@actions/core`'s input naming (`INPUT_` + upper case, spaces as `_`, dashes kept), on a given env. */
export function actionInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * The model: the live Anthropic API (honouring `ANTHROPIC_BASE_URL`), or, when `CRESCENDO_SAMPLE_ANSWERS`
 * names a directory, the shipped sample answers (tests and the demo repository; the PRs say so).
 */
export function stageLlm(env: Env, apiKey: string): Llm {
  const samples = env.CRESCENDO_SAMPLE_ANSWERS;
  if (samples) return new SampleLlm(samples);
  return new AnthropicLlm({ apiKey: apiKey || undefined, baseURL: env.ANTHROPIC_BASE_URL || undefined });
}

function throttleFrom(env: Env): ThrottleSettings | undefined {
  const raw = env.CRESCENDO_GITHUB_THROTTLE_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0
    ? { minTimeMs: ms, retryBaseMs: Math.min(ms, 1000) || 10 }
    : undefined;
}

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

/** Everything one run needs; `target` is where a failure is reported (campaign issue or PR). */
interface RunContext {
  stage: StageName;
  env: Env;
  forge: GitHubForge;
  dryRun: boolean;
  apiKey: string;
  target?: number;
  campaignId?: string;
}

function deps(ctx: RunContext): PipelineDeps {
  const server = (ctx.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = ctx.env.GITHUB_REPOSITORY ?? `${ctx.forge.owner}/${ctx.forge.repo}`;
  return {
    forge: ctx.forge,
    llm: stageLlm(ctx.env, ctx.apiKey),
    log: (line) => core.info(line),
    prUrl: (n) => `${server}/${repository}/pull/${n}`,
  };
}

const ran = (run: StageRun, stage: StageName): StageActionResult => ({
  status: run.changed ? 'ran' : 'unchanged',
  message: run.changed
    ? `${STAGES[stage].title}: pull request #${run.pullRequest.number} is ready for review.`
    : `${STAGES[stage].title}: pull request #${run.pullRequest.number} is already open; nothing changed.`,
  campaignId: run.campaign.brief.id,
  pullRequest: run.pullRequest.number,
  runs: [run],
});

const skipped = (message: string, campaignId?: string): StageActionResult => ({
  status: 'skipped',
  message,
  campaignId,
  runs: [],
});

/** Only people with write access start or revise; others get one polite comment (edited, never repeated). */
async function allowed(ctx: RunContext, login: string, where: number, what: string): Promise<boolean> {
  if (await ctx.forge.hasWriteAccess(login)) return true;
  if (!ctx.dryRun) {
    await ctx.forge.upsertComment(
      where,
      REFUSED_MARKER,
      [
        REFUSED_MARKER,
        `Thanks, @${login}! Only people with write access to this repository can ${what}, so Crescendo did not act on this.`,
        'Ask a maintainer to do it, or to give you write access.',
      ].join('\n\n'),
    );
  }
  return false;
}

async function start(
  ctx: RunContext,
  intent: Extract<EventIntent, { kind: 'start' }>,
): Promise<StageActionResult> {
  ctx.target = intent.issue;
  if (!(await allowed(ctx, intent.author, intent.issue, 'start a campaign'))) {
    return { status: 'refused', message: `@${intent.author} has no write access; nothing ran.`, runs: [] };
  }
  const templateYaml = await ctx.forge.readFile(CAMPAIGN_TEMPLATE_PATH);
  const form = parseCampaignIssue({
    title: intent.title,
    body: intent.body,
    number: intent.issue,
    templateYaml,
  });
  const hadProblems = intent.labels.includes(INVALID_FORM_LABEL);
  if (!form.ok) {
    if (!ctx.dryRun) {
      await ctx.forge.upsertComment(intent.issue, FORM_PROBLEMS_MARKER, renderFormProblems(form.problems));
      await ctx.forge.addLabels(intent.issue, [INVALID_FORM_LABEL]);
    }
    return {
      status: 'invalid-form',
      message: `The campaign form of issue #${intent.issue} needs ${form.problems.length} fix(es); they are listed on the issue.`,
      runs: [],
    };
  }
  const id = form.brief.id;
  ctx.campaignId = id;
  if (hadProblems && !ctx.dryRun) {
    await ctx.forge.upsertComment(
      intent.issue,
      FORM_PROBLEMS_MARKER,
      `${FORM_PROBLEMS_MARKER}\n### ✅ The campaign brief reads correctly now\n\nThanks for the fixes: Crescendo is starting the research stage.\n`,
    );
  }
  // An edit after the campaign started (same issue) changes nothing: the brief lives in campaign.yml now.
  const existing = await loadCampaign(ctx.forge, id);
  if (existing && existing.state.issue === intent.issue) {
    return skipped(
      `Campaign ${id} already started from issue #${intent.issue}; edits to the issue change nothing.`,
      id,
    );
  }
  if (ctx.dryRun) return skipped(`Dry run: would start campaign ${id} with ${FIRST_STAGE.name}.`, id);
  return ran(
    await startCampaign(deps(ctx), form.brief, { issue: intent.issue, where: `issue #${intent.issue}` }),
    FIRST_STAGE.name,
  );
}

/** Runs one stage of one campaign after a merge, a dispatch or a schedule. */
async function runOne(ctx: RunContext, campaignId: string, why: string): Promise<StageActionResult> {
  const { stage, forge } = ctx;
  ctx.campaignId = campaignId;
  const campaign = await loadCampaign(forge, campaignId);
  ctx.target = campaign?.state.issue ?? ctx.target;
  const pr = await forge.findPullRequest(stageBranch(campaignId, stage));
  if (pr?.state === 'merged' && !STAGES[stage].repeats) {
    return skipped(
      `${STAGES[stage].title} of ${campaignId} was already approved in #${pr.number}.`,
      campaignId,
    );
  }
  if (ctx.dryRun) return skipped(`Dry run: would run ${stage} for ${campaignId} (${why}).`, campaignId);
  try {
    return ran(await runStage(deps(ctx), { campaignId, stage }), stage);
  } catch (error) {
    // A stage that needs something a person provides (e.g. performance data) waits; the issue says for what.
    if (!hasCode(error, 'waiting')) throw error;
    const waiting = `${error.message} — ${error.fix ?? ''} (${error.where ?? ''})`;
    if (campaign) await updateProgress(deps(ctx), campaign, undefined, undefined, waiting);
    return {
      status: 'waiting',
      message: `${STAGES[stage].title} of ${campaignId} waits: ${formatError(error)}`,
      campaignId,
      runs: [],
    };
  }
}

async function revise(
  ctx: RunContext,
  intent: Extract<EventIntent, { kind: 'revise' }>,
): Promise<StageActionResult> {
  ctx.target = intent.pr;
  let { campaignId, stage } = intent;
  const pr = await ctx.forge.getPullRequest(intent.pr);
  const branch = parseStageBranch(pr.branch);
  if (!branch) return skipped(`#${intent.pr} is not a Crescendo stage pull request.`);
  const labelled = stageFromLabels(pr.labels);
  if (labelled.stage !== branch.stage || labelled.campaignId !== branch.campaignId) {
    return skipped(`#${intent.pr}: its branch ${pr.branch} and labels disagree; not revising.`);
  }
  if ((campaignId && campaignId !== branch.campaignId) || (stage && stage !== branch.stage)) {
    return skipped(`#${intent.pr} is not the pull request the event named.`);
  }
  campaignId = branch.campaignId;
  stage = branch.stage;
  if (stage !== ctx.stage)
    return skipped(`#${intent.pr} is a ${stage} pull request; this is the ${ctx.stage} action.`);
  if (pr.state !== 'open')
    return skipped(`#${intent.pr} is ${pr.state}; only open pull requests are revised.`);
  ctx.campaignId = campaignId;
  const what = intent.via === 'review' ? 'request a revision' : 'revise a stage with `/crescendo revise`';
  if (!(await allowed(ctx, intent.actor, intent.pr, what))) {
    return {
      status: 'refused',
      message: `@${intent.actor} has no write access; nothing ran.`,
      campaignId,
      runs: [],
    };
  }
  const feedback =
    intent.feedback || 'The reviewer requested changes without a comment: improve the weakest parts.';
  if (ctx.dryRun)
    return skipped(`Dry run: would revise ${stage} of ${campaignId} (#${intent.pr}).`, campaignId);
  return ran(await runStage(deps(ctx), { campaignId, stage, feedback: [feedback] }), stage);
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
      return start(ctx, intent);
    case 'advance':
      ctx.target = intent.pr;
      return runOne(ctx, intent.campaignId, `#${intent.pr} approved ${intent.merged}`);
    case 'revise':
      return revise(ctx, intent);
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
    if (ctx) await reportFailure(ctx, error);
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
