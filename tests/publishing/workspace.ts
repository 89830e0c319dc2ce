import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Ledger, ledgerPath, parseLedger } from '../../actions/engine/artifacts/ledger.js';
import type { Forge } from '../../actions/engine/forge/forge.js';
import type { LedgerStore } from '../../actions/engine/publishing/ledger-store.js';
import { mergeApproved } from '../../actions/engine/publishing/state.js';

/*
 * A publish workspace for the tests whose subject is the run's logic (faults, schedules, replays), not
 * where the ledger lives: the approved campaign is read from one repository built once per file (reads
 * cached, since nothing writes its default branch), the live ledger is kept in memory behind the same
 * compare-and-swap contract as the ledger branch (`forgeLedgerStore` with a separate live branch), and each
 * workspace has its own working tree for the static site folder and the SMTP sent log. So each run costs
 * no git process; the stores themselves are tested on git (run.test.ts) and on the GitHub fake
 * (github.test.ts).
 */

export interface MemoryStore extends LedgerStore {
  /** Writes that landed, to assert a run changed nothing. */
  readonly writes: number;
  /** A person edits the live ledger (sets an entry back to scheduled, say). */
  edit(ledger: Ledger): void;
}

export function memoryStore(forge: Forge): MemoryStore {
  let version = 0;
  let writes = 0;
  const live = new Map<string, Ledger>();
  const files = new Map<string, string>();
  return {
    label: 'memory',
    get writes() {
      return writes;
    },
    async read(campaign) {
      const path = ledgerPath(campaign);
      const approved = await forge.readFile(path);
      if (approved === undefined) return undefined;
      return {
        ledger: mergeApproved(parseLedger(approved, path), live.get(campaign)),
        version: String(version),
      };
    },
    readFile: async (path) => files.get(path),
    async write(ledger, expected, changes, _message) {
      if (expected !== String(version)) return 'conflict';
      live.set(ledger.campaign, structuredClone(ledger));
      for (const change of changes) {
        if (change.content === null) files.delete(change.path);
        else files.set(change.path, String(change.content));
      }
      version += 1;
      writes += 1;
      return { version: String(version) };
    },
    edit(ledger) {
      live.set(ledger.campaign, structuredClone(ledger));
      version += 1;
    },
  };
}

/** The forge's reads, cached; comments kept in memory. Nothing else is called by a run on a memory store. */
export function readOnlyForge(forge: Forge): Forge & { comments: { issue: number; body: string }[] } {
  const cache = new Map<string, Promise<unknown>>();
  const comments: { issue: number; body: string }[] = [];
  const cached =
    <A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const key = `${name}:${JSON.stringify(args)}`;
      if (!cache.has(key)) cache.set(key, read(...args));
      return cache.get(key) as Promise<R>;
    };
  return Object.assign(Object.create(forge) as Forge, {
    comments,
    readFile: cached('readFile', forge.readFile.bind(forge)),
    readBytes: cached('readBytes', forge.readBytes.bind(forge)),
    listFiles: cached('listFiles', forge.listFiles.bind(forge)),
    async upsertComment(issue: number, marker: string, body: string) {
      const at = comments.findIndex((c) => c.issue === issue && c.body.includes(marker));
      if (at >= 0) comments[at] = { issue, body };
      else comments.push({ issue, body });
      return { id: at >= 0 ? at + 1 : comments.length, url: `memory:#${issue}` };
    },
  });
}

export interface Workspace {
  forge: Forge & { comments: { issue: number; body: string }[] };
  store: MemoryStore;
  /** The run's working tree: the site folder and the SMTP sent log land here. */
  root: string;
}

export async function workspace(forge: Forge): Promise<Workspace> {
  const reads = readOnlyForge(forge);
  return {
    forge: reads,
    store: memoryStore(reads),
    root: await mkdtemp(join(tmpdir(), 'crescendo-publish-root-')),
  };
}
