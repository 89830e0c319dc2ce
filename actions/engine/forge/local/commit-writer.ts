import { CrescendoError } from '../../errors.js';
import { isPlainRepoPath } from '../../files/repo-path.js';
import type { FileChange } from '../forge.js';
import { git } from './git.js';

export interface CommitSpec {
  /** The ref the commit becomes (`refs/heads/<branch>`), moved even when it is not a fast-forward. */
  ref: string;
  /** The commit the changes apply to. */
  parent: string;
  changes: readonly FileChange[];
  message: string;
}

/** Who the commit is by: Crescendo, at the time given (seconds since the epoch). */
const committer = (now: Date): string =>
  `committer Crescendo <crescendo@localhost> ${Math.floor(now.getTime() / 1000)} +0000`;

const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;

/**
 * The `git fast-import` stream of one commit: `parent` plus the changes, with its id asked back
 * (`get-mark`). Paths are plain repository paths (checked before), so they need no quoting.
 */
export function fastImportStream(spec: CommitSpec, now = new Date()): string {
  const lines = [`commit ${spec.ref}`, 'mark :1', committer(now), data(spec.message).slice(0, -1)];
  lines.push(`from ${spec.parent}`);
  for (const change of spec.changes) {
    if (!isPlainRepoPath(change.path) || /[\n"]/.test(change.path) || change.path.startsWith('"'))
      throw new CrescendoError(`refusing to write "${change.path}": not a plain repository path`);
    if (change.content === null) lines.push(`D ${change.path}`);
    else lines.push(`M 100644 inline ${change.path}`, data(change.content).slice(0, -1));
  }
  lines.push('', 'get-mark :1', '');
  return lines.join('\n');
}

/**
 * Writes one commit and moves `spec.ref` to it with a single git process (`git fast-import`), where
 * read-tree, hash-object and update-index per file, write-tree, commit-tree and update-ref took one
 * process each. The work tree and the real index are left alone. Returns the commit's id.
 */
export async function writeCommit(dir: string, spec: CommitSpec, now = new Date()): Promise<string> {
  const stream = fastImportStream(spec, now);
  // unpackLimit 0 keeps the objects in the pack fast-import writes, instead of starting
  // `git unpack-objects` to make loose objects of a small import.
  const out = await git(dir, ['-c', 'fastimport.unpackLimit=0', 'fast-import', '--quiet', '--force'], {
    input: stream,
  });
  const sha = out.trim().split('\n').at(-1) ?? '';
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new Error(`git fast-import gave no commit id: ${out.trim()}`);
  return sha;
}
