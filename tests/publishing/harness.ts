import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Ledger, ledgerPath, parseLedger } from '../../actions/engine/artifacts/ledger.js';
import { loadConfig } from '../../actions/engine/config/config.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { forgeLedgerStore, type LedgerStore } from '../../actions/engine/publishing/ledger-store.js';
import {
  type PublishReport,
  type PublishRunOptions,
  publishDue,
} from '../../actions/engine/publishing/run.js';
import { DEFAULT_TOKEN, type FakeLinkedIn, startFakeLinkedIn } from '../fakes/linkedin/index.js';
import { type MailCatcher, startMailCatcher } from '../fakes/smtp/index.js';
import { DEFAULT_X_TOKEN, type FakeX, startFakeX } from '../fakes/x/index.js';
import { CAMPAIGN } from './repo.js';
import type { Workspace } from './workspace.js';

/*
 * The platforms a publish run talks to, on loopback: LinkedIn and X fakes that follow the published API
 * shapes, and a real SMTP server. Their clock is the run's `--now`, so posts read back carry the times a
 * real platform would give them. `run(now)` is one `crescendo publish --now` on the repository.
 */

export interface Platforms {
  linkedin: FakeLinkedIn;
  x: FakeX;
  mail: MailCatcher;
  /** The fakes' clock, set by each run. */
  clock: { now: number };
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startPlatforms(
  options: { linkedin?: Parameters<typeof startFakeLinkedIn>[0]; x?: Parameters<typeof startFakeX>[0] } = {},
): Promise<Platforms> {
  const clock = { now: Date.parse('2027-04-06T00:00:00Z') };
  const now = () => clock.now;
  const linkedin = await startFakeLinkedIn({ now, ...options.linkedin });
  const x = await startFakeX({ now, ...options.x });
  const mail = await startMailCatcher();
  return {
    linkedin,
    x,
    mail,
    clock,
    env: {
      LINKEDIN_ACCESS_TOKEN: DEFAULT_TOKEN,
      CRESCENDO_LINKEDIN_API_URL: linkedin.url,
      CRESCENDO_LINKEDIN_OAUTH_URL: linkedin.url,
      X_ACCESS_TOKEN: DEFAULT_X_TOKEN,
      CRESCENDO_X_API_URL: x.url,
      CRESCENDO_SMTP_URL: mail.url,
    },
    close: async () => {
      await Promise.all([linkedin.close(), x.close(), mail.close()]);
    },
  };
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** The real clock of the run (claims are aged by it). */
  wall?: string;
  store?: (store: LedgerStore) => LedgerStore;
  runId?: string;
  planOnly?: boolean;
}

/**
 * One publish run at `now`, as `crescendo publish --now` runs it: on a repository (the ledger on its default
 * branch, as in local mode) or on a workspace (the ledger in memory; see workspace.ts).
 */
export async function publishAt(
  target: string | Workspace,
  platforms: Platforms,
  now: string,
  options: RunOptions = {},
): Promise<PublishReport & { lines: string[] }> {
  platforms.clock.now = Date.parse(now);
  const forge = typeof target === 'string' ? await LocalForge.open(target) : target.forge;
  const config = await loadConfig((p) => forge.readFile(p));
  const lines: string[] = [];
  const store = typeof target === 'string' ? forgeLedgerStore(forge) : target.store;
  const run: PublishRunOptions = {
    forge,
    store: options.store ? options.store(store) : store,
    publishing: config.publishing,
    env: { ...platforms.env, ...options.env },
    fetch,
    root: typeof target === 'string' ? target : target.root,
    log: (line) => lines.push(line),
    now: new Date(now),
    clock: () => new Date(options.wall ?? now),
    runId: options.runId ?? `test-${randomUUID().slice(0, 8)}`,
    planOnly: options.planOnly ?? false,
  };
  return { ...(await publishDue(run)), lines };
}

export async function ledgerOf(target: string | Workspace): Promise<Ledger> {
  if (typeof target !== 'string') {
    const snapshot = await target.store.read(CAMPAIGN);
    if (!snapshot) throw new Error('no ledger');
    return snapshot.ledger;
  }
  const forge = await LocalForge.open(target);
  const text = await forge.readFile(ledgerPath(CAMPAIGN));
  if (!text) throw new Error('no ledger');
  return parseLedger(text, ledgerPath(CAMPAIGN));
}

export const head = async (dir: string): Promise<string> => (await git(dir, ['rev-parse', 'HEAD'])).trim();

/** Status by `channel#variant[/email]`, to read a ledger at a glance. */
export function statuses(ledger: Ledger): Record<string, string> {
  return Object.fromEntries(
    ledger.entries.map((e) => [`${e.channel}#${e.variant}${e.email ? `/${e.email}` : ''}`, e.status]),
  );
}

/** What reached each platform: posts, messages, site files. */
export async function delivered(target: string | Workspace, platforms: Platforms) {
  const site = await readFile(
    join(
      typeof target === 'string' ? target : target.root,
      'site',
      'content',
      'posts',
      'marketing-automation-pull-requests.md',
    ),
    'utf8',
  ).catch(() => undefined);
  return {
    linkedin: platforms.linkedin.state.posts.length,
    x: platforms.x.posts.length,
    email: platforms.mail.messages.length,
    blog: site === undefined ? 0 : 1,
  };
}
