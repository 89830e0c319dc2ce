import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dryRunPath, type LedgerEntry } from '../artifacts/ledger.js';
import type { ChannelPublishing, PublishingConfig } from '../config/publishing.js';
import { formatError } from '../errors.js';
import type { FileChange } from '../forge/forge.js';
import { publisherById } from '../publishers/index.js';
import {
  type PlannedRequest,
  PublishError,
  type Published,
  type Publisher,
  type PublishItem,
} from '../publishers/publisher.js';
import { publisherContext, type RunEnvironment } from './context.js';
import { type ItemSource, publishItem } from './items.js';
import { type CrescendoPage, checkLinks, itemLinks, LINK_FIX } from './link-check.js';
import type { LedgerSession } from './session.js';
import { transition, type Work, type WorkOptions, workFor } from './state.js';

/*
 * What a run does with one entry. Everything that can be known wrong is found before the irreversible call
 * (configuration, the approved asset, its links, the publisher's preflight) and fails the entry without a
 * claim. Then the entry is claimed with a compare-and-swap write, the call is made once, and its outcome is
 * written; a call that may have gone through becomes `unknown`, never a retry.
 */

export type EntryAction = 'published' | 'found' | 'failed' | 'unknown' | 'dry-run' | 'planned' | 'skipped';

export interface EntryResult {
  action: EntryAction;
  entry: LedgerEntry;
  /** `planned` and `dry-run`: what would be sent. */
  requests?: PlannedRequest[];
  /** Extra words for the person reading the run's output. */
  detail?: string;
}

export interface EntryRunOptions extends RunEnvironment {
  publishing: PublishingConfig;
  now: Date;
  clock: () => Date;
  runId: string;
  workOptions: WorkOptions;
  /** `--dry-run`: plan only, write nothing. */
  planOnly: boolean;
  /** The working tree is thrown away after the run (GitHub): a publisher must not write into it. */
  ephemeralRoot: boolean;
}

interface Resolved {
  channel: ChannelPublishing;
  publisher: Publisher<unknown>;
  item: PublishItem;
}

class Refusal {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly fix: string,
    readonly retryAt?: string,
  ) {}
}

const refusalOf = (error: unknown, now: Date): Refusal => {
  if (error instanceof PublishError) {
    const reason = [error.where ? `${error.where}: ${error.message}` : error.message]
      .concat(error.problems.map((p) => `${p.where}: ${p.message}`))
      .join('; ');
    const retryAt =
      error.code === 'rate-limited' && error.retryAfter !== undefined
        ? new Date(now.getTime() + error.retryAfter * 1000).toISOString()
        : undefined;
    return new Refusal(error.code, reason, error.fix ?? 'see the reason', retryAt);
  }
  throw error;
};

async function resolve(
  entry: LedgerEntry,
  campaign: string,
  source: ItemSource,
  o: EntryRunOptions,
): Promise<Resolved> {
  const channel = o.publishing[entry.channel];
  const publisher = channel && publisherById(channel.publisher);
  if (!channel || !publisher) {
    const planned = publisherById(entry.publisher);
    throw new PublishError('missing-credentials', `publishing.${entry.channel} is not set up`, {
      where: '.github/crescendo.yml',
      fix: `add publishing.${entry.channel} (publisher: ${entry.publisher}) to .github/crescendo.yml${planned?.secrets.length ? ` and the secrets ${planned.secrets.map((s) => s.name).join(', ')}` : ''}; see docs/publishing.md`,
    });
  }
  const settings = channel.settings as { repository?: string };
  if (o.ephemeralRoot && publisher.id === 'static-site' && !settings.repository) {
    throw new PublishError('invalid', 'a static site folder cannot be written from GitHub Actions', {
      where: `publishing.${entry.channel}`,
      fix: `set publishing.${entry.channel}.repository (and branch): the runner's files are thrown away after the run`,
    });
  }
  return { channel, publisher, item: await publishItem(entry, campaign, source) };
}

/** The publisher's records (the SMTP sent log) as they are in the working tree now, to commit with the ledger. */
async function stateFiles(resolved: Resolved, campaign: string, root: string): Promise<FileChange[]> {
  const paths = resolved.publisher.stateFiles?.(campaign, resolved.channel.settings) ?? [];
  const changes: FileChange[] = [];
  for (const path of paths) {
    const content = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (content !== undefined) changes.push({ path, content });
  }
  return changes;
}

const publishedState = (published: Published, note?: string) => ({
  status: 'published' as const,
  remoteId: published.remoteId,
  ...(published.url ? { url: published.url } : {}),
  at: published.at,
  ...(published.note || note ? { note: [published.note, note].filter(Boolean).join('; ') } : {}),
});

/** Whether the entry is still in the state a reconciliation started from (no other run got to it). */
const sameClaim = (now: LedgerEntry, then: LedgerEntry): boolean =>
  now.status === then.status &&
  (now.status !== 'publishing' || (then.status === 'publishing' && now.run === then.run));

/** Runs one piece of work and returns what became of the entry. */
export async function runEntry(
  work: Work,
  session: LedgerSession,
  source: ItemSource,
  pages: readonly CrescendoPage[],
  o: EntryRunOptions,
): Promise<EntryResult> {
  const { entry } = work;
  const campaign = session.campaign;
  const at = o.now.toISOString();
  const still = (e: LedgerEntry) => workFor(e, o.workOptions)?.kind === work.kind;
  const fail = async (refusal: Refusal): Promise<EntryResult> => {
    const failed = transition<'failed'>(entry, {
      status: 'failed',
      code: refusal.code,
      reason: refusal.reason,
      fix: refusal.fix,
      at,
      ...(refusal.retryAt ? { retryAt: refusal.retryAt } : {}),
    });
    if (o.planOnly) return { action: 'failed', entry: failed };
    const written = await session.update(
      entry.key,
      (e) => (still(e) ? failed : undefined),
      async () => [],
      `Publish: ${entry.key} failed (${refusal.code})`,
    );
    return written ? { action: 'failed', entry: written } : { action: 'skipped', entry };
  };

  let resolved: Resolved;
  try {
    resolved = await resolve(entry, campaign, source, o);
  } catch (error) {
    if (work.kind === 'reconcile') return { action: 'skipped', entry, detail: formatError(error) };
    return fail(refusalOf(error, o.now));
  }
  const { publisher, item, channel } = resolved;
  const ctx = publisherContext(publisher, channel, o, o.now);

  if (work.kind === 'reconcile') {
    if (o.planOnly) return { action: 'planned', entry, detail: `would read ${publisher.label} back (find)` };
    let found: Published | undefined;
    try {
      found = await publisher.find(item, ctx);
    } catch (error) {
      return {
        action: 'skipped',
        entry,
        detail: `could not read ${publisher.label} back: ${refusalOf(error, o.now).reason}`,
      };
    }
    const next: LedgerEntry | undefined = found
      ? transition<'published'>(entry, publishedState(found, 'recorded after reading the platform back'))
      : work.entry.status === 'publishing'
        ? transition<'unknown'>(entry, {
            status: 'unknown',
            reason: `run ${work.entry.run} claimed it at ${work.entry.claimedAt} and stopped before recording the outcome; ${publisher.label} shows no such item`,
            fix: `look on ${publisher.label}: if it is not there, set its status to scheduled in the ledger to publish it; if it is, set it to published`,
            at,
          })
        : undefined;
    if (!next) return { action: 'unknown', entry };
    const written = await session.update(
      entry.key,
      (e) => (sameClaim(e, work.entry) ? next : undefined),
      () => stateFiles(resolved, campaign, o.root),
      `Publish: ${entry.key} ${found ? 'found on the platform' : 'outcome unknown'}`,
    );
    return written ? { action: found ? 'found' : 'unknown', entry: written } : { action: 'skipped', entry };
  }

  const linkProblems = checkLinks(itemLinks(item), pages, { unapproved: 'allow' });
  if (linkProblems.length > 0) {
    return fail(
      new Refusal(
        'invalid',
        `broken links: ${linkProblems.map((p) => `${p.where}: ${p.message}`).join('; ')}`,
        LINK_FIX,
      ),
    );
  }

  if (o.planOnly || channel.dryRun) {
    let requests: PlannedRequest[];
    try {
      requests = await publisher.plan(item, ctx);
    } catch (error) {
      return fail(refusalOf(error, o.now));
    }
    if (o.planOnly) return { action: 'planned', entry, requests };
    const file = dryRunPath(campaign, entry.key);
    const dry = transition<'dry-run'>(entry, { status: 'dry-run', requests: file, at });
    const written = await session.update(
      entry.key,
      (e) => (still(e) ? dry : undefined),
      async () => [{ path: file, content: `${JSON.stringify(requests, null, 2)}\n` }],
      `Publish: ${entry.key} dry run (${entry.channel})`,
    );
    return written ? { action: 'dry-run', entry: written, requests } : { action: 'skipped', entry };
  }

  try {
    const problems = await publisher.validate(item, ctx);
    if (problems.length > 0) {
      // A problem located at a credential's variable is a credential to set, not an asset to fix.
      const secrets = publisher.secrets
        .map((s) => s.name)
        .filter((name) => problems.some((p) => p.where === name));
      return fail(
        new Refusal(
          secrets.length > 0 ? 'missing-credentials' : 'invalid',
          problems.map((p) => `${p.where}: ${p.message}`).join('; '),
          secrets.length > 0
            ? `set ${secrets.join(' and ')} (docs/publishing.md says where each comes from and how to refresh it); the next run tries again`
            : 'fix what is named (the asset through a review, the setting in .github/crescendo.yml); the next run tries again',
        ),
      );
    }
  } catch (error) {
    return fail(refusalOf(error, o.now));
  }

  const claimed = await session.update(
    entry.key,
    (e) =>
      still(e)
        ? transition<'publishing'>(e, {
            status: 'publishing',
            run: o.runId,
            claimedAt: o.clock().toISOString(),
          })
        : undefined,
    async () => [],
    `Publish: claim ${entry.key} (${entry.channel} ${entry.path}#${entry.variant})`,
  );
  if (!claimed) return { action: 'skipped', entry, detail: 'another run took it' };

  let next: LedgerEntry;
  let action: EntryAction;
  try {
    next = transition<'published'>(entry, publishedState(await publisher.publish(item, ctx)));
    action = 'published';
  } catch (error) {
    ({ next, action } = await afterFailure(error, entry, publisher, item, ctx, o.now));
  }
  const recorded = await session.update(
    entry.key,
    (e) => (e.status === 'publishing' && e.run === o.runId ? next : undefined),
    () => stateFiles(resolved, campaign, o.root),
    `Publish: ${entry.key} ${next.status}`,
  );
  return { action, entry: recorded ?? next };
}

/** The state after a failed publish call: found after all, unknown, or failed with the reason and fix. */
async function afterFailure(
  error: unknown,
  entry: LedgerEntry,
  publisher: Publisher<unknown>,
  item: PublishItem,
  ctx: ReturnType<typeof publisherContext>,
  now: Date,
): Promise<{ next: LedgerEntry; action: EntryAction }> {
  const at = now.toISOString();
  if (!(error instanceof PublishError)) {
    return {
      action: 'unknown',
      next: transition<'unknown'>(entry, {
        status: 'unknown',
        reason: `the publisher stopped unexpectedly during the call: ${formatError(error)}`,
        fix: `look on ${publisher.label}: if it is not there, set the status to scheduled; if it is, set it to published`,
        at,
      }),
    };
  }
  if (error.code === 'duplicate') {
    const found = await publisher.find(item, ctx).catch(() => undefined);
    if (found)
      return {
        action: 'found',
        next: transition<'published'>(entry, publishedState(found, 'it was already there')),
      };
    return {
      action: 'unknown',
      next: transition<'unknown'>(entry, {
        status: 'unknown',
        reason: `${publisher.label} says it already exists, but reading it back found nothing: ${error.message}`,
        fix: `look on ${publisher.label}, then set the status to published (it is there) or scheduled (it is not)`,
        at,
      }),
    };
  }
  if (error.code === 'unknown-outcome') {
    return {
      action: 'unknown',
      next: transition<'unknown'>(entry, {
        status: 'unknown',
        reason: error.message,
        fix: error.fix ?? 'look on the platform',
        at,
      }),
    };
  }
  const refusal = refusalOf(error, now);
  return {
    action: 'failed',
    next: transition<'failed'>(entry, {
      status: 'failed',
      code: refusal.code,
      reason: refusal.reason,
      fix: refusal.fix,
      at,
      ...(refusal.retryAt ? { retryAt: refusal.retryAt } : {}),
    }),
  };
}
