import * as core from '@actions/core';
import type { Campaign } from '../artifacts/campaign-state.js';
import { formatError } from '../errors.js';
import type { GitHubForge } from '../forge/github/github-forge.js';
import { LazyAnthropicLlm } from '../llm/lazy-anthropic-llm.js';
import type { Llm } from '../llm/llm.js';
import { SampleLlm } from '../llm/sample-llm.js';
import { loadCampaign } from '../runner/campaigns.js';
import { type PipelineDeps, type StageRun, updateProgress } from '../runner/run-stage.js';
import { FIRST_STAGE, STAGES } from '../stages/index.js';
import { type StageName, stageBranch } from '../stages/names.js';

type Env = NodeJS.ProcessEnv;

/** What one run of a stage action did, also written as outputs and the job summary. */
export interface StageActionResult {
  status: 'ran' | 'unchanged' | 'skipped' | 'refused' | 'invalid-form' | 'waiting' | 'failed';
  message: string;
  campaignId?: string;
  pullRequest?: number;
  runs: StageRun[];
}

/** Everything one run needs; `target` is where a failure is reported (campaign issue or PR). */
export interface RunContext {
  stage: StageName;
  env: Env;
  forge: GitHubForge;
  dryRun: boolean;
  apiKey: string;
  target?: number;
  campaignId?: string;
  /** The model, when the caller brings one; otherwise the environment decides (`stageLlm`). */
  llm?: Llm;
}

/** The one comment per issue or PR that says who may act (a refusal, or a maintainer's adoption). */
export const ACCESS_MARKER = '<!-- crescendo:refused -->';

/**
 * The model: the live Anthropic API (honouring `ANTHROPIC_BASE_URL`), or, when `CRESCENDO_SAMPLE_ANSWERS`
 * names a directory, the shipped sample answers (tests and the demo repository; the PRs say so).
 */
export function stageLlm(env: Env, apiKey: string): Llm {
  const samples = env.CRESCENDO_SAMPLE_ANSWERS;
  if (samples) return new SampleLlm(samples);
  return new LazyAnthropicLlm({ apiKey: apiKey || undefined, baseURL: env.ANTHROPIC_BASE_URL || undefined });
}

/** The runner's dependencies on GitHub: links to PRs and to the campaign issue go to the web pages. */
export function deps(ctx: RunContext): PipelineDeps {
  const server = (ctx.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = ctx.env.GITHUB_REPOSITORY ?? `${ctx.forge.owner}/${ctx.forge.repo}`;
  return {
    forge: ctx.forge,
    llm: ctx.llm ?? stageLlm(ctx.env, ctx.apiKey),
    log: (line) => core.info(line),
    prUrl: (n) => `${server}/${repository}/pull/${n}`,
    issueUrl: (n) => `${server}/${repository}/issues/${n}`,
  };
}

export const ran = (run: StageRun, stage: StageName): StageActionResult => ({
  status: run.changed ? 'ran' : 'unchanged',
  message: run.changed
    ? `${STAGES[stage].title}: pull request #${run.pullRequest.number} is ready for review.`
    : `${STAGES[stage].title}: pull request #${run.pullRequest.number} is already open; nothing changed.`,
  campaignId: run.campaign.brief.id,
  pullRequest: run.pullRequest.number,
  runs: [run],
});

export const skipped = (message: string, campaignId?: string): StageActionResult => ({
  status: 'skipped',
  message,
  campaignId,
  runs: [],
});

/** Only people with write access start or revise; others get one polite comment (edited, never repeated). */
export async function allowed(
  ctx: RunContext,
  login: string,
  where: number,
  what: string,
  instead = 'Ask a maintainer to do it, or to give you write access.',
): Promise<boolean> {
  if (await ctx.forge.hasWriteAccess(login)) return true;
  await refuse(ctx, login, where, what, instead);
  return false;
}

export async function refuse(
  ctx: RunContext,
  login: string,
  where: number,
  what: string,
  instead: string,
): Promise<void> {
  if (ctx.dryRun) return;
  await ctx.forge.upsertComment(
    where,
    ACCESS_MARKER,
    [
      ACCESS_MARKER,
      `Thanks, @${login}! Only people with write access to this repository can ${what}, so Crescendo did not act on this.`,
      instead,
    ].join('\n\n'),
  );
}

/** The campaign file: on the default branch once research is merged, on the research branch before. */
export async function findCampaign(forge: GitHubForge, id: string): Promise<Campaign | undefined> {
  return (
    (await loadCampaign(forge, id)) ??
    (await loadCampaign(forge, id, stageBranch(id, FIRST_STAGE.name)).catch(() => undefined))
  );
}

/**
 * Renders the campaign's progress comment from what the forge says now (it writes only when that changed).
 * Best effort: a failure here is a warning, never the run's result.
 */
export async function refreshProgress(ctx: RunContext, campaignId: string): Promise<void> {
  if (ctx.dryRun) return;
  try {
    const campaign = await findCampaign(ctx.forge, campaignId);
    if (campaign) await updateProgress(deps(ctx), campaign);
  } catch (error) {
    core.warning(`could not update the progress comment of ${campaignId}: ${formatError(error)}`);
  }
}
