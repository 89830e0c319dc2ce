import { type Ledger, ledgerPath, parseLedger, renderLedger } from '../artifacts/ledger.js';
import type { FileChange, Forge } from '../forge/forge.js';
import { mergeApproved } from './state.js';

/*
 * Where the live ledger is kept, and the compare-and-swap every write goes through.
 *
 * Locally the ledger is `campaigns/<id>/ledger.yml` on the default branch: approved and live are one file.
 * On GitHub the default branch is protected (pull requests and reviews only), so a run cannot write there.
 * The live ledger is kept on its own unprotected branch, `crescendo-ledger`, which holds nothing but the
 * live ledgers and the publishers' records (the SMTP sent log): each write is one commit whose ref update
 * is not forced, so a write based on an outdated read is refused and re-done. The approved plan stays on the
 * default branch and is merged into the live ledger on every read, so a revised and re-approved
 * distribution reaches the publisher without anyone touching the ledger branch. The branch is named
 * `crescendo-ledger`, not `crescendo/ledger`, because git cannot hold both a branch `crescendo/ledger` and
 * the stage branches `crescendo/ledger/<stage>` of a campaign called "ledger".
 */

export const LEDGER_BRANCH = 'crescendo-ledger';

export interface LedgerSnapshot {
  ledger: Ledger;
  /** The commit it was read at: what a write must still find. */
  version: string | undefined;
}

export interface LedgerStore {
  /** Where people read the live ledger, e.g. "branch crescendo-ledger". */
  readonly label: string;
  /** The campaign's ledger as approved and as recorded so far; undefined until distribution is approved. */
  read(campaign: string): Promise<LedgerSnapshot | undefined>;
  /** A file kept with the ledger (a publisher's record), at a version. */
  readFile(path: string, version: string | undefined): Promise<string | undefined>;
  /** Writes the ledger and `files` in one commit if nothing moved since `version`; 'conflict' otherwise. */
  write(
    ledger: Ledger,
    version: string | undefined,
    files: FileChange[],
    message: string,
  ): Promise<{ version: string } | 'conflict'>;
}

/** A ledger store on a forge branch: the default branch (local mode), or `crescendo-ledger` (GitHub). */
export function forgeLedgerStore(forge: Forge, liveBranch = forge.defaultBranch): LedgerStore {
  const separate = liveBranch !== forge.defaultBranch;
  return {
    label: separate ? `branch ${liveBranch}` : `${ledgerPath('<id>')} on ${forge.defaultBranch}`,
    async read(campaign) {
      const path = ledgerPath(campaign);
      const version = await forge.branchTip(liveBranch);
      if (!separate) {
        const text = version === undefined ? undefined : await forge.readFile(path, version);
        return text === undefined ? undefined : { ledger: parseLedger(text, path), version };
      }
      const approvedText = await forge.readFile(path);
      if (approvedText === undefined) return undefined;
      const liveText = version === undefined ? undefined : await forge.readFile(path, version);
      const live = liveText === undefined ? undefined : parseLedger(liveText, `${liveBranch}:${path}`);
      return { ledger: mergeApproved(parseLedger(approvedText, path), live), version };
    },
    readFile: (path, version) =>
      version === undefined ? Promise.resolve(undefined) : forge.readFile(path, version),
    async write(ledger, version, files, message) {
      const result = await forge.commitIfUnchanged({
        branch: liveBranch,
        expected: version,
        message,
        changes: [{ path: ledgerPath(ledger.campaign), content: renderLedger(ledger) }, ...files],
      });
      return result.conflict ? 'conflict' : { version: result.sha };
    },
  };
}
