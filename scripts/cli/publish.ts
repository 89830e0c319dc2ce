import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../actions/engine/config/config.js';
import { formatError } from '../../actions/engine/errors.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { reportChannelChecks } from '../../actions/engine/publishing/campaign-issues.js';
import { checkChannels, checkLine } from '../../actions/engine/publishing/channels-check.js';
import {
  localSecretSaver,
  type RunEnvironment,
  readLocalSecrets,
} from '../../actions/engine/publishing/context.js';
import { forgeLedgerStore } from '../../actions/engine/publishing/ledger-store.js';
import { needsAttention, type PublishReport, publishDue } from '../../actions/engine/publishing/run.js';

export const PUBLISH_USAGE = `usage: crescendo publish [--dir D] [--now ISO-TIME] [--dry-run] [--campaign ID]
  publishes every approved ledger entry that is due at --now (default: the current time) and records
  each outcome in campaigns/<id>/ledger.yml; --dry-run prints the exact requests and sends nothing.
       crescendo channels check [--dir D]
  proves each configured channel's credentials with a read-only call and says what to fix.`;

export interface PublishIo {
  out(line: string): void;
  err(line: string): void;
}

/** What tests replace: the environment, the network, the real clock. */
export interface PublishDeps {
  env?: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  clock?: () => Date;
}

class UsageError extends Error {}

function parseNow(value: string | undefined, clock: () => Date): Date {
  if (value === undefined) return clock();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new UsageError(`--now "${value}" is not an ISO 8601 time with a zone, e.g. 2027-04-13T09:00:00Z`);
  }
  return new Date(value);
}

async function localRun(dir: string, io: PublishIo, deps: PublishDeps) {
  const forge = await LocalForge.open(dir);
  const config = await loadConfig((p) => forge.readFile(p));
  const run: RunEnvironment = {
    env: { ...(deps.env ?? process.env), ...(await readLocalSecrets(forge.dir)) },
    fetch: deps.fetch ?? fetch,
    root: forge.dir,
    log: io.out,
    saveSecret: localSecretSaver(forge.dir),
  };
  return { forge, config, run };
}

/** `crescendo publish`. Exit codes: 0 done, 1 an entry needs a person (failed or unknown), 2 usage. */
export async function publishCommand(args: string[], io: PublishIo, deps: PublishDeps = {}): Promise<number> {
  const clock = deps.clock ?? (() => new Date());
  let values: { dir?: string; now?: string; 'dry-run'?: boolean; campaign?: string; help?: boolean };
  let now: Date;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        dir: { type: 'string' },
        now: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        campaign: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
    now = parseNow(values.now, clock);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    io.err(`crescendo publish: ${error.message}`);
    io.err(PUBLISH_USAGE);
    return 2;
  }
  if (values.help) {
    io.out(PUBLISH_USAGE);
    return 0;
  }
  try {
    const { forge, config, run } = await localRun(resolve(values.dir ?? '.'), io, deps);
    const planOnly = values['dry-run'] === true;
    if (planOnly)
      io.out('DRY RUN: the exact requests each publisher would send; nothing is sent or written.');
    const report = await publishDue({
      ...run,
      forge,
      store: forgeLedgerStore(forge),
      publishing: config.publishing,
      now,
      clock,
      runId: `local-${process.pid}-${randomUUID().slice(0, 8)}`,
      planOnly,
      ...(values.campaign ? { campaign: values.campaign } : {}),
    });
    io.out(summaryLine(report, now));
    return !planOnly && needsAttention(report) > 0 ? 1 : report.errors.length > 0 ? 1 : 0;
  } catch (error) {
    io.err(`error: ${formatError(error)}`);
    return 1;
  }
}

export function summaryLine(report: PublishReport, now: Date): string {
  const counts = new Map<string, number>();
  for (const run of report.runs)
    for (const r of run.results) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  const done = [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
  const campaigns = report.runs.length;
  return `${done || 'Nothing due'} at ${now.toISOString()} (${campaigns} campaign${campaigns === 1 ? '' : 's'} with an approved ledger).`;
}

/** `crescendo channels check`. Exit codes: 0 every channel works, 1 one needs fixing, 2 usage. */
export async function channelsCommand(
  args: string[],
  io: PublishIo,
  deps: PublishDeps = {},
): Promise<number> {
  const [sub, ...rest] = args;
  let dir: string | undefined;
  try {
    if (sub !== 'check') throw new UsageError(`unknown subcommand "${sub ?? ''}"`);
    dir = parseArgs({ args: rest, options: { dir: { type: 'string' } } }).values.dir;
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    io.err(`crescendo channels: ${error.message}`);
    io.err(PUBLISH_USAGE);
    return 2;
  }
  try {
    const { forge, config, run } = await localRun(resolve(dir ?? '.'), io, deps);
    const checks = await checkChannels(config.publishing, run, (deps.clock ?? (() => new Date()))());
    if (checks.length === 0) io.out('No channel is configured under publishing: in .github/crescendo.yml.');
    for (const check of checks) io.out(checkLine(check));
    await reportChannelChecks(forge, checks, io.err);
    return checks.some((c) => c.state === 'failed') ? 1 : 0;
  } catch (error) {
    io.err(`error: ${formatError(error)}`);
    return 1;
  }
}
