import { type Ledger, type LedgerEntry, type PlannedEntry, plannedOf } from '../artifacts/ledger.js';

/*
 * The ledger's state machine as pure functions: which entries a run works on at a given time, and how the
 * approved plan (the default branch) and the live ledger (what runs recorded) combine. See artifacts/ledger.ts
 * for the states.
 */

/** A claim older than this (wall clock) belongs to a run that stopped: the entry is read back with `find`. */
export const CLAIM_LEASE_MS = 15 * 60_000;
/** Publishers whose platform holds an item until its time (WordPress, Ghost, Mailchimp) get it this early. */
export const SCHEDULE_AHEAD_MS = 24 * 3_600_000;

export type Work =
  | { kind: 'publish'; entry: LedgerEntry }
  /** The outcome is not known: read the platform back. */
  | { kind: 'reconcile'; entry: Extract<LedgerEntry, { status: 'publishing' | 'unknown' }> };

export interface WorkOptions {
  /** What is due is decided at this time (`--now`). */
  now: Date;
  /** Claims are aged by the real clock. */
  wall: Date;
  /** This run's id: its own claims are never reconciled. */
  run: string;
  /** No other run can be alive (GitHub's concurrency group): every other claim is abandoned. */
  exclusive: boolean;
  schedulesAhead(entry: LedgerEntry): boolean;
  /** The entry's channel is set to dry-run now. */
  dryRun(entry: LedgerEntry): boolean;
}

const due = (entry: LedgerEntry, options: WorkOptions): boolean =>
  Date.parse(entry.publishAt) - (options.schedulesAhead(entry) ? SCHEDULE_AHEAD_MS : 0) <=
  options.now.getTime();

/** What a run does with one entry now, if anything. */
export function workFor(entry: LedgerEntry, options: WorkOptions): Work | undefined {
  switch (entry.status) {
    case 'published':
      return undefined;
    case 'unknown':
      return { kind: 'reconcile', entry };
    case 'publishing': {
      if (entry.run === options.run) return undefined;
      const age = options.wall.getTime() - Date.parse(entry.claimedAt);
      return options.exclusive || age > CLAIM_LEASE_MS ? { kind: 'reconcile', entry } : undefined;
    }
    case 'dry-run':
      // Nothing was sent: once the channel is live, the entry goes out like any other.
      return !options.dryRun(entry) && due(entry, options) ? { kind: 'publish', entry } : undefined;
    case 'failed':
      if (entry.retryAt && Date.parse(entry.retryAt) > options.now.getTime()) return undefined;
      return due(entry, options) ? { kind: 'publish', entry } : undefined;
    case 'scheduled':
      return due(entry, options) ? { kind: 'publish', entry } : undefined;
  }
}

/** The run's work, earliest first. */
export function workOf(ledger: Ledger, options: WorkOptions): Work[] {
  return ledger.entries
    .map((entry) => workFor(entry, options))
    .filter((work): work is Work => work !== undefined)
    .sort((a, b) => Date.parse(a.entry.publishAt) - Date.parse(b.entry.publishAt));
}

/** States that say something reached, or may have reached, the platform: never dropped, never re-planned. */
const SETTLED: ReadonlySet<LedgerEntry['status']> = new Set(['published', 'unknown', 'publishing']);

/**
 * The live ledger after a new approval: approved entries take their planned fields from the approval and
 * keep their live outcome; entries that went out (or may have) stay as history even when the approval no
 * longer lists them; entries that never went out and are no longer approved are dropped.
 */
export function mergeApproved(approved: Ledger, live: Ledger | undefined): Ledger {
  if (!live) return approved;
  const liveByKey = new Map(live.entries.map((e) => [e.key, e]));
  const approvedKeys = new Set(approved.entries.map((e) => e.key));
  const entries = approved.entries.map((entry): LedgerEntry => {
    const current = liveByKey.get(entry.key);
    if (!current) return entry;
    if (SETTLED.has(current.status)) return current;
    return { ...current, ...plannedOf(entry) } as LedgerEntry;
  });
  const history = live.entries.filter((e) => !approvedKeys.has(e.key) && SETTLED.has(e.status));
  return { campaign: approved.campaign, entries: [...entries, ...history] };
}

/** The ledger with one entry replaced (by key). */
export const withEntry = (ledger: Ledger, entry: LedgerEntry): Ledger => ({
  ...ledger,
  entries: ledger.entries.map((e) => (e.key === entry.key ? entry : e)),
});

export const entryOf = (ledger: Ledger, key: string): LedgerEntry | undefined =>
  ledger.entries.find((e) => e.key === key);

/** Whether two states say the same (times of a repeated failure aside), so rewriting would change nothing. */
export function sameOutcome(a: LedgerEntry, b: LedgerEntry): boolean {
  if (a.status !== b.status) return false;
  const strip = (e: LedgerEntry) => {
    const { at: _at, ...rest } = e as LedgerEntry & { at?: string };
    return JSON.stringify(rest);
  };
  return strip(a) === strip(b);
}

/** An entry moved to a new state, keeping its planned fields. */
export function transition<S extends LedgerEntry['status']>(
  entry: PlannedEntry,
  state: Omit<Extract<LedgerEntry, { status: S }>, keyof PlannedEntry>,
): LedgerEntry {
  return { ...plannedOf(entry as LedgerEntry), ...state } as LedgerEntry;
}
