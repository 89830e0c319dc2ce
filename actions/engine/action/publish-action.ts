import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { loadConfig } from '../config/config.js';
import { CrescendoError, formatError } from '../errors.js';
import { GitHubForge } from '../forge/github/github-forge.js';
import { PUBLISHERS } from '../publishers/index.js';
import { reportChannelChecks } from '../publishing/campaign-issues.js';
import { type ChannelCheck, checkChannels, checkLine } from '../publishing/channels-check.js';
import { forgeLedgerStore, LEDGER_BRANCH } from '../publishing/ledger-store.js';
import { resultLines } from '../publishing/report.js';
import { needsAttention, type PublishReport, publishDue } from '../publishing/run.js';
import { actionInput, throttleFrom } from './action-env.js';

/*
 * The scheduled publisher on GitHub (actions/publish): every 15 minutes it publishes what is due in every
 * campaign whose distribution is approved, keeping the live ledger on the unprotected branch
 * `crescendo-ledger` (the default branch is protected; see publishing/ledger-store.ts). The workflow's single
 * concurrency group means no other publish run is alive, so a claim left by an earlier run is read back at
 * once. Once a day, and on a manual run, it also checks every channel's credentials and reports on the
 * campaign issues. A run with an entry that needs a person fails, so nothing fails silently.
 */

/** The publish workflow's daily schedule: the run that also checks every channel's credentials. */
export const DAILY_CHECK_CRON = '7 6 * * *';

export interface PublishActionResult {
  status: 'done' | 'attention' | 'failed';
  message: string;
  report?: PublishReport;
  checks?: ChannelCheck[];
}

type Env = NodeJS.ProcessEnv;

async function eventSchedule(env: Env): Promise<string | undefined> {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as { schedule?: unknown };
    return typeof payload.schedule === 'string' ? payload.schedule : undefined;
  } catch {
    return undefined;
  }
}

function parseNow(value: string): Date {
  if (value === '') return new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/[zZ]|[+-]\d{2}:\d{2}$/.test(value)) {
    throw new CrescendoError(`the now input "${value}" is not an ISO 8601 time with a zone`, {
      where: 'now input',
      fix: 'leave it empty (the current time) or give e.g. 2027-04-13T09:00:00Z',
    });
  }
  return at;
}

/** Every credential a publisher reads is masked in the log, whatever prints it. */
function maskSecrets(env: Env): void {
  for (const publisher of PUBLISHERS) {
    for (const secret of publisher.secrets) {
      const value = env[secret.name];
      if (value) core.setSecret(value);
    }
  }
}

async function writeSummary(env: Env, result: PublishActionResult): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary.addHeading('Crescendo · Publish', 2).addRaw(result.message, true);
  for (const run of result.report?.runs ?? []) {
    if (run.results.length === 0) continue;
    summary.addHeading(run.campaign, 3).addCodeBlock(run.results.flatMap(resultLines).join('\n'));
  }
  if (result.checks?.length)
    summary.addHeading('Channels', 3).addCodeBlock(result.checks.map(checkLine).join('\n'));
  await summary.write();
}

export async function runPublishAction(env: Env = process.env): Promise<PublishActionResult> {
  const token = actionInput(env, 'github-token');
  if (token) core.setSecret(token);
  maskSecrets(env);
  const planOnly = actionInput(env, 'dry-run').toLowerCase() === 'true';
  const campaign = actionInput(env, 'campaign');
  let result: PublishActionResult;
  try {
    const now = parseNow(actionInput(env, 'now'));
    const forge = await GitHubForge.fromEnvironment({ token, throttle: throttleFrom(env) }, env);
    const config = await loadConfig((path) => forge.readFile(path));
    const run = {
      env,
      fetch,
      // The runner's checkout is thrown away: publishers' records are restored here from the ledger branch.
      root: await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'crescendo-publish-')),
      log: (line: string) => core.info(line),
    };
    const report = await publishDue({
      ...run,
      forge,
      store: forgeLedgerStore(forge, LEDGER_BRANCH),
      publishing: config.publishing,
      now,
      runId: `github-${env.GITHUB_RUN_ID ?? 'run'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
      exclusive: true,
      ephemeralRoot: true,
      planOnly,
      ...(campaign ? { campaign } : {}),
    });
    let checks: ChannelCheck[] | undefined;
    const daily = (await eventSchedule(env)) === DAILY_CHECK_CRON;
    if (daily || env.GITHUB_EVENT_NAME === 'workflow_dispatch') {
      checks = await checkChannels(config.publishing, run, now);
      for (const check of checks) core.info(checkLine(check));
      if (!planOnly) await reportChannelChecks(forge, checks, (line) => core.warning(line));
    }
    const attention = planOnly ? report.errors.length : needsAttention(report);
    const broken = checks?.filter((c) => c.state === 'failed').length ?? 0;
    const published = report.runs.flatMap((r) => r.results).filter((r) => r.action === 'published').length;
    result = {
      status: attention + broken > 0 ? 'attention' : 'done',
      message: `${planOnly ? 'Dry run: nothing sent. ' : ''}${published} published now; ${attention} ledger entr${attention === 1 ? 'y needs' : 'ies need'} a person${broken ? `; ${broken} channel${broken === 1 ? '' : 's'} failed the credential check` : ''}. Live ledger: branch ${LEDGER_BRANCH}.`,
      report,
      ...(checks ? { checks } : {}),
    };
  } catch (error) {
    result = { status: 'failed', message: formatError(error) };
  }
  core.info(result.message);
  try {
    await writeSummary(env, result);
  } catch (error) {
    core.warning(`could not write the job summary: ${formatError(error)}`);
  }
  if (result.status !== 'done') core.setFailed(result.message);
  return result;
}
