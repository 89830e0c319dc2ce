import type { Ledger, LedgerEntry } from '../artifacts/ledger.js';
import { CrescendoError } from '../errors.js';
import type { FileChange } from '../forge/forge.js';
import type { LedgerStore } from './ledger-store.js';
import { entryOf, sameOutcome, withEntry } from './state.js';

/** How often a write is re-based on a fresh read before the run gives up on the entry. */
const MAX_ATTEMPTS = 8;

/**
 * One campaign's ledger as this run last read it, and the only way the run changes it: `update` reads the
 * entry as it is now, returns its next state (or undefined when it is no longer this run's to change), and
 * the write lands only if nobody wrote in between; otherwise the ledger is read again and `update` asked
 * again. So a claim is exclusive, and no run overwrites another's outcome.
 */
export class LedgerSession {
  private constructor(
    private readonly store: LedgerStore,
    readonly campaign: string,
    private current: { ledger: Ledger; version: string | undefined },
  ) {}

  static async open(store: LedgerStore, campaign: string): Promise<LedgerSession | undefined> {
    const snapshot = await store.read(campaign);
    return snapshot && new LedgerSession(store, campaign, snapshot);
  }

  get ledger(): Ledger {
    return this.current.ledger;
  }

  get version(): string | undefined {
    return this.current.version;
  }

  /** Whether anything this session wrote changed the ledger. */
  changed = false;

  async update(
    key: string,
    next: (entry: LedgerEntry) => LedgerEntry | undefined,
    files: () => Promise<FileChange[]>,
    message: string,
  ): Promise<LedgerEntry | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const entry = entryOf(this.current.ledger, key);
      const after = entry && next(entry);
      if (!entry || !after) return undefined;
      if (sameOutcome(entry, after)) return entry;
      const ledger = withEntry(this.current.ledger, after);
      const written = await this.store.write(ledger, this.current.version, await files(), message);
      if (written !== 'conflict') {
        this.current = { ledger, version: written.version };
        this.changed = true;
        return after;
      }
      const fresh = await this.store.read(this.campaign);
      if (!fresh) return undefined;
      this.current = fresh;
    }
    throw new CrescendoError(`the ledger of ${this.campaign} kept changing under this run`, {
      where: this.store.label,
      fix: 'another process writes it continuously; stop it, then run the publisher again (nothing was lost)',
    });
  }
}
