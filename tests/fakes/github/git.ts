import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  path: string;
  /** Bytes, blobs only. */
  size?: number;
}

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601 */
  date: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

/** One entry of a tree edit: a blob/submodule/subtree at `path`, or `sha: null` to delete the path. */
export interface TreeEdit {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string | null;
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const ZERO_SHA = '0'.repeat(40);

/**
 * Plumbing-only access to a bare repository, one `git` process per call. Plumbing keeps the fake
 * independent of any work tree and of the user's git configuration.
 */
export class GitRepo {
  private constructor(readonly dir: string) {}

  static async init(dir: string, defaultBranch: string): Promise<GitRepo> {
    const repo = new GitRepo(dir);
    await repo.run(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, dir], {
      cwd: tmpdir(),
    });
    return repo;
  }

  async writeBlob(content: Buffer): Promise<string> {
    return (await this.text(['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  async objectType(sha: string): Promise<ObjectType | undefined> {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
    const result = await this.run(['cat-file', '-t', sha], { allowFailure: true });
    return result.code === 0 ? (result.stdout.toString().trim() as ObjectType) : undefined;
  }

  async readBlob(sha: string): Promise<Buffer> {
    return (await this.run(['cat-file', 'blob', sha])).stdout;
  }

  async readCommit(sha: string): Promise<CommitObject> {
    return parseCommit(sha, await this.text(['cat-file', 'commit', sha]));
  }

  /** Entries of a tree; `recursive` lists subtrees and everything below them, like GitHub's `recursive=1`. */
  async listTree(
    treeish: string,
    options: { recursive?: boolean; path?: string } = {},
  ): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-l', '-z'];
    if (options.recursive) args.push('-r', '-t');
    args.push('--end-of-options', treeish);
    if (options.path !== undefined) args.push('--', options.path);
    return parseLsTree(await this.text(args));
  }

  /**
   * Builds a tree from `base` (or nothing) plus edits, through a throwaway index file, so nested
   * paths, deletions and subtrees behave exactly as git would store them.
   */
  async buildTree(base: string | undefined, edits: TreeEdit[]): Promise<string> {
    const index = join(tmpdir(), `fake-github-index-${randomUUID()}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await this.run(base ? ['read-tree', base] : ['read-tree', '--empty'], { env });
      for (const edit of edits) {
        const below = await this.indexPaths(edit.path, env);
        const removals = below.map((path) => `0 ${ZERO_SHA}\t${path}`);
        if (edit.sha !== null && edit.type === 'tree') {
          await this.indexInfo(removals, env);
          await this.run(['read-tree', `--prefix=${edit.path}/`, edit.sha], { env });
        } else if (edit.sha !== null) {
          await this.indexInfo([...removals, `${edit.mode} ${edit.sha}\t${edit.path}`], env);
        } else {
          await this.indexInfo(removals, env);
        }
      }
      return (await this.text(['write-tree'], { env })).trim();
    } finally {
      await rm(index, { force: true });
    }
  }

  /** Index paths equal to `path` or below it (a file, or a directory's files). */
  async indexPaths(path: string, env: Record<string, string>): Promise<string[]> {
    const out = await this.text(['ls-files', '-z', '--', path], { env });
    return out.split('\0').filter((entry) => entry === path || entry.startsWith(`${path}/`));
  }

  async commitTree(
    tree: string,
    parents: string[],
    message: string,
    author: Signature,
    committer: Signature,
  ) {
    const args = ['commit-tree', tree];
    for (const parent of parents) args.push('-p', parent);
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: author.date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: committer.date,
    };
    return (await this.text(args, { input: Buffer.from(message), env })).trim();
  }

  /** Full ref name → sha, for every ref. */
  async listRefs(prefix = 'refs/'): Promise<Map<string, string>> {
    const out = await this.text(['for-each-ref', '--format=%(refname) %(objectname)', prefix]);
    const refs = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [name, sha] = line.split(' ');
      if (name && sha) refs.set(name, sha);
    }
    return refs;
  }

  async refSha(fullRef: string): Promise<string | undefined> {
    return (await this.listRefs(fullRef)).get(fullRef);
  }

  /** Moves (or creates) a ref; with `expected`, fails unless the ref still points there (a lost race). */
  async setRef(fullRef: string, sha: string, expected?: string): Promise<void> {
    const args = ['update-ref', fullRef, sha];
    if (expected !== undefined) args.push(expected);
    await this.run(args);
  }

  async deleteRef(fullRef: string): Promise<void> {
    await this.run(['update-ref', '-d', fullRef]);
  }

  /** A branch, tag or sha as a commit sha, or undefined. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    if (ref.startsWith('-')) return undefined;
    const result = await this.run(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
      {
        allowFailure: true,
      },
    );
    return result.code === 0 ? result.stdout.toString().trim() : undefined;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.run(['merge-base', '--is-ancestor', ancestor, descendant], {
      allowFailure: true,
    });
    return result.code === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const result = await this.run(['merge-base', a, b], { allowFailure: true });
    return result.code === 0 ? result.stdout.toString().trim() : undefined;
  }

  /** The tree of a three-way merge, or undefined on conflict (git ≥ 2.38 `merge-tree --write-tree`). */
  async mergeTrees(ours: string, theirs: string): Promise<string | undefined> {
    const result = await this.run(['merge-tree', '--write-tree', '--no-messages', ours, theirs], {
      allowFailure: true,
    });
    return result.code === 0 ? result.stdout.toString().split('\n')[0]?.trim() : undefined;
  }

  async commitCount(from: string, to: string): Promise<number> {
    return Number((await this.text(['rev-list', '--count', `${from}..${to}`])).trim());
  }

  /** Files changed between the merge base of `base` and `head`, and `head` (what a PR's diff shows). */
  async changedFiles(base: string, head: string): Promise<string[]> {
    const out = await this.text(['diff', '--name-only', '-z', `${base}...${head}`]);
    return out.split('\0').filter((path) => path !== '');
  }

  /** The PR diff of one file, as the raw unified diff text. */
  async fileDiff(base: string, head: string, path: string): Promise<string> {
    return this.text(['diff', '--no-color', '--unified=3', `${base}...${head}`, '--', path]);
  }

  private async indexInfo(lines: string[], env: Record<string, string>): Promise<void> {
    if (lines.length === 0) return;
    await this.run(['update-index', '--index-info'], { env, input: Buffer.from(`${lines.join('\n')}\n`) });
  }

  private async text(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8');
  }

  private run(args: string[], options: RunOptions = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        args,
        {
          cwd: options.cwd ?? this.dir,
          encoding: 'buffer',
          maxBuffer: 64 * 1024 * 1024,
          // The user's or machine's git configuration (signing, hooks, templates) must not leak in.
          env: {
            PATH: process.env.PATH ?? '',
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: '/dev/null',
            ...(options.cwd ? {} : { GIT_DIR: this.dir }),
            ...options.env,
          },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          if (code !== 0 && !options.allowFailure) {
            reject(new Error(`git ${args.join(' ')} failed (${code}): ${stderr.toString('utf8')}`));
            return;
          }
          resolve({ code, stdout, stderr: stderr.toString('utf8') });
        },
      );
      // Commands that never read stdin may exit first; the resulting EPIPE is not an error here.
      child.stdin?.on('error', () => undefined);
      if (options.input) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
  }
}

interface RunOptions {
  input?: Buffer;
  env?: Record<string, string>;
  cwd?: string;
  allowFailure?: boolean;
}

function parseLsTree(out: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha, size] = record.slice(0, tab).split(/\s+/);
    const entry: TreeEntry = {
      mode: mode ?? '',
      type: type as TreeEntry['type'],
      sha: sha ?? '',
      path: record.slice(tab + 1),
    };
    if (type === 'blob' && size !== undefined && size !== '-') entry.size = Number(size);
    entries.push(entry);
  }
  return entries;
}

function parseSignature(line: string): Signature {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!match) throw new Error(`unreadable signature: ${line}`);
  const seconds = Number(match[3]);
  return {
    name: match[1] ?? '',
    email: match[2] ?? '',
    date: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'),
  };
}

function parseCommit(sha: string, text: string): CommitObject {
  const split = text.indexOf('\n\n');
  const header = split === -1 ? text : text.slice(0, split);
  const message = split === -1 ? '' : text.slice(split + 2);
  const commit: CommitObject = {
    sha,
    tree: '',
    parents: [],
    message,
    author: emptySig(),
    committer: emptySig(),
  };
  for (const line of header.split('\n')) {
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') commit.tree = value;
    else if (key === 'parent') commit.parents.push(value);
    else if (key === 'author') commit.author = parseSignature(value);
    else if (key === 'committer') commit.committer = parseSignature(value);
  }
  return commit;
}

const emptySig = (): Signature => ({ name: '', email: '', date: '' });
