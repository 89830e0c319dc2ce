import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { CrescendoError } from '../../errors.js';
import { isPlainRepoPath } from '../../files/repo-path.js';
import type {
  CommitRequest,
  FileChange,
  Forge,
  GuardedCommitRequest,
  GuardedCommitResult,
  IssueRequest,
  OpenedIssue,
  PostedReview,
  PullRequest,
  PullRequestRequest,
  Review,
  ReviewDraft,
} from '../forge.js';
import { writeCommit } from './commit-writer.js';
import { git, gitMaybe, gitResult, gitStream } from './git.js';
import { GitObjectReader } from './object-reader.js';
import { type LocalIssue, type LocalRecords, readRecords, writeRecords } from './records.js';
import { type LockOptions, withRepoLock } from './repo-lock.js';

export type { LocalIssue } from './records.js';

/** The identity Crescendo writes local comments as; `upsertComment` edits only comments by it. */
export const LOCAL_COMMENT_AUTHOR = 'crescendo';

/** Who Crescendo's own reviews are recorded as. */
export const LOCAL_REVIEWER = 'crescendo';

/** The next id of a review or review comment (one sequence, like GitHub's). */
function nextId(records: LocalRecords): number {
  const id = records.nextId ?? 1;
  records.nextId = id + 1;
  return id;
}

/**
 * A forge that is a plain git repository on disk. A "pull request" is a branch plus a
 * record kept in `.git/crescendo/records.json` (outside the work tree, so it is never
 * committed); approving is merging into the default branch. Commands that change the
 * repository hold `.git/crescendo/lock` (see `exclusive`), so two of them never interleave.
 */
export class LocalForge implements Forge {
  private constructor(
    readonly dir: string,
    readonly defaultBranch: string,
    /** The repository's git directory (shared by its worktrees), where Crescendo keeps its records. */
    private readonly gitDir: string,
    /** This work tree's own git directory, whose HEAD says which branch is checked out. */
    private readonly worktreeGitDir: string,
  ) {
    this.objects = new GitObjectReader(dir);
  }

  /** Reads refs, files and trees through one `git cat-file --batch` process. */
  private readonly objects: GitObjectReader;

  static async open(dir: string): Promise<LocalForge> {
    const found = await gitMaybe(dir, ['rev-parse', '--show-toplevel', '--git-common-dir', '--git-dir']);
    const [top, common, own] = (found ?? '').split('\n');
    if (!top || !common || !own) {
      throw new CrescendoError(`${dir} is not a git repository`, {
        fix: 'run `crescendo init` there first (or `git init`)',
      });
    }
    const absolute = (path: string) => (isAbsolute(path) ? path : join(dir, path));
    const worktreeGitDir = absolute(own);
    const head = (await checkedOutBranch(worktreeGitDir)) ?? 'main';
    return new LocalForge(top, head, absolute(common), worktreeGitDir);
  }

  private get crescendoDir(): string {
    return join(this.gitDir, 'crescendo');
  }

  private get recordsPath(): string {
    return join(this.crescendoDir, 'records.json');
  }

  /** The records file as a person would find it, for error messages. */
  private get recordsLabel(): string {
    const path = relative(this.dir, this.recordsPath);
    return path.startsWith('..') ? this.recordsPath : path;
  }

  private records(): Promise<LocalRecords> {
    return readRecords(this.recordsPath, this.recordsLabel);
  }

  private save(records: LocalRecords): Promise<void> {
    return writeRecords(this.recordsPath, records);
  }

  /**
   * Runs `fn` holding the repository's lock: a second command meanwhile (another \`start\`, \`revise\` or
   * \`approve\`, in this process or another) gets a CrescendoError with code \`busy\` instead of interleaving.
   */
  exclusive<T>(command: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
    return withRepoLock(join(this.crescendoDir, 'lock'), command, fn, options);
  }

  /** Files added or changed on `branch` since it left `base` (what approving it would bring in). */
  async changedFiles(branch: string, base = this.defaultBranch): Promise<string[]> {
    const out = await git(this.dir, [
      'diff',
      '--name-only',
      '--no-renames',
      '--diff-filter=AM',
      `${base}...${branch}`,
    ]);
    return out.split('\n').filter(Boolean).sort();
  }

  private async blob(path: string, ref: string): Promise<Buffer | undefined> {
    const object = await this.objects.read(`${ref}:${path}`);
    return object?.type === 'blob' ? object.content : undefined;
  }

  async readFile(path: string, ref = this.defaultBranch): Promise<string | undefined> {
    return (await this.blob(path, ref))?.toString('utf8');
  }

  async readBytes(path: string, ref = this.defaultBranch): Promise<Uint8Array | undefined> {
    const bytes = await this.blob(path, ref);
    return bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Streamed from git's object store: a file of any size, never held whole (no `maxBuffer`). */
  readStream(path: string, ref = this.defaultBranch): AsyncIterable<Uint8Array> {
    return gitStream(this.dir, ['cat-file', 'blob', `${ref}:${path}`]);
  }

  /** Every file under `dir` at `ref` (`git ls-tree -r --name-only`), read tree by tree through one process. */
  async listFiles(dir: string, ref = this.defaultBranch): Promise<string[]> {
    const top = dir.replace(/\/+$/, '');
    const files: string[] = [];
    const walk = async (name: string, path: string): Promise<void> => {
      const entries = await this.objects.readTree(name);
      if (!entries) return;
      await Promise.all(
        entries.map((entry) => {
          const full = path ? `${path}/${entry.name}` : entry.name;
          return entry.mode === '40000' ? walk(entry.oid, full) : files.push(full);
        }),
      );
    };
    const root = await this.objects.read(top && top !== '.' ? `${ref}:${top}` : `${ref}^{tree}`);
    if (root?.type === 'blob') files.push(top);
    else if (root?.type === 'tree') await walk(root.oid, top === '.' ? '' : top);
    return files.sort();
  }

  async branchExists(branch: string): Promise<boolean> {
    return (await this.tipMaybe(branch)) !== undefined;
  }

  private async tipMaybe(branch: string): Promise<string | undefined> {
    const object = await this.objects.read(`refs/heads/${branch}`);
    return object?.type === 'commit' ? object.oid : undefined;
  }

  async branchTip(branch: string): Promise<string | undefined> {
    return (await gitMaybe(this.dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]))?.trim();
  }

  /**
   * `git update-ref <branch> <new> <expected>` is git's own compare-and-swap (under the ref's lock file), so
   * two processes committing at once cannot both win. When the branch is checked out, the changed files
   * that were clean in the work tree follow the commit (a person's unsaved edits are left alone).
   */
  async commitIfUnchanged(request: GuardedCommitRequest): Promise<GuardedCommitResult> {
    const built = await this.buildCommit(request.expected, request.changes, request.message);
    // Nothing to write; still a conflict when the branch moved on, like any write based on a stale read.
    if (built.unchanged && request.expected !== undefined) {
      const tip = await this.branchTip(request.branch);
      return tip === request.expected ? { sha: request.expected } : { conflict: true };
    }
    const ref = `refs/heads/${request.branch}`;
    const old = request.expected ?? '0'.repeat(40);
    const [moved, checkedOut] = await Promise.all([
      gitMaybe(this.dir, ['update-ref', ref, built.sha, old]),
      this.checkedOut(),
    ]);
    if (moved === undefined) return { conflict: true };
    if (request.expected !== undefined && checkedOut === request.branch) {
      await this.followInWorkTree(request.expected, request.changes);
    }
    return { sha: built.sha };
  }

  private async checkedOut(): Promise<string | undefined> {
    return (await gitMaybe(this.dir, ['symbolic-ref', '--short', 'HEAD']))?.trim();
  }

  /** Brings the index and the clean work-tree copies of `changes` to the new commit. */
  private async followInWorkTree(previous: string, changes: FileChange[]): Promise<void> {
    const clean = await Promise.all(
      changes.map(async (change) => {
        const [committed, onDisk] = await Promise.all([
          gitMaybe(this.dir, ['cat-file', 'blob', `${previous}:${change.path}`]),
          readFile(join(this.dir, change.path), 'utf8').catch(() => undefined),
        ]);
        return onDisk === committed || onDisk === (change.content ?? undefined);
      }),
    );
    await gitMaybe(this.dir, ['reset', '-q', '--', ...changes.map((c) => c.path)]);
    for (const [i, change] of changes.entries()) {
      if (!clean[i]) continue;
      const file = join(this.dir, change.path);
      if (change.content === null) await rm(file, { force: true });
      else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, change.content);
      }
    }
  }

  private async tip(branch: string): Promise<string> {
    const sha = await this.tipMaybe(branch);
    if (!sha) throw new CrescendoError(`there is no branch ${branch} in ${this.dir}`);
    return sha;
  }

  async commitFiles(request: CommitRequest): Promise<{ sha: string }> {
    const current = await this.tipMaybe(request.branch);
    const parent = current && !request.reset ? current : await this.tip(request.base);
    const sha = await writeCommit(this.dir, {
      ref: `refs/heads/${request.branch}`,
      parent,
      changes: request.changes,
      message: request.message,
    });
    return { sha };
  }

  /**
   * Builds a commit from `parent` (none: a root commit) plus changes in a private index, leaving the work
   * tree alone, in a fixed number of git processes whatever the number of files: the blobs are written by
   * one `hash-object --stdin-paths`, the index updated by one `update-index --index-info`. `unchanged`: the
   * tree is the parent's, and no commit is made unless `always`.
   */
  private async buildCommit(
    parent: string | undefined,
    changes: FileChange[],
    message: string,
    options: { always?: boolean } = {},
  ): Promise<{ sha: string; unchanged: boolean }> {
    const scratch = await mkdtemp(join(tmpdir(), 'crescendo-commit-'));
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    try {
      for (const change of changes) {
        if (!isPlainRepoPath(change.path))
          throw new CrescendoError(`refusing to write "${change.path}": not a plain repository path`);
      }
      const [, parentTree] = await Promise.all([
        git(this.dir, parent === undefined ? ['read-tree', '--empty'] : ['read-tree', parent], { env }),
        parent === undefined ? undefined : git(this.dir, ['rev-parse', `${parent}^{tree}`]),
      ]);
      const written = changes.filter((c) => c.content !== null);
      const files = await Promise.all(
        written.map(async (change, i) => {
          const file = join(scratch, `blob-${i}`);
          await writeFile(file, change.content ?? '');
          return file;
        }),
      );
      const blobs =
        files.length === 0
          ? []
          : (await git(this.dir, ['hash-object', '-w', '--stdin-paths'], { input: `${files.join('\n')}\n` }))
              .trim()
              .split('\n');
      const info = changes.map((change) =>
        change.content === null
          ? `0 ${'0'.repeat(40)}\t${change.path}`
          : `100644 ${blobs[written.indexOf(change)]}\t${change.path}`,
      );
      if (info.length > 0) {
        await git(this.dir, ['update-index', '--index-info'], { env, input: `${info.join('\n')}\n` });
      }
      const tree = (await git(this.dir, ['write-tree'], { env })).trim();
      if (parent !== undefined && !options.always && tree === parentTree?.trim()) {
        return { sha: parent, unchanged: true };
      }
      const parents = parent === undefined ? [] : ['-p', parent];
      const sha = (await git(this.dir, ['commit-tree', tree, ...parents, '-m', message])).trim();
      return { sha, unchanged: false };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async findPullRequest(branch: string): Promise<PullRequest | undefined> {
    const pulls = (await this.records()).pulls.filter((p) => p.branch === branch);
    return pulls.at(-1);
  }

  async getPullRequest(number: number): Promise<PullRequest> {
    const pull = (await this.records()).pulls.find((p) => p.number === number);
    if (!pull) throw new CrescendoError(`there is no pull request #${number} in ${this.dir}`);
    return pull;
  }

  async openOrUpdatePullRequest(request: PullRequestRequest): Promise<PullRequest> {
    const records = await this.records();
    const headSha = await this.tip(request.branch);
    let pull = records.pulls.find((p) => p.branch === request.branch && p.state === 'open');
    if (pull) {
      Object.assign(pull, { title: request.title, body: request.body, headSha });
      pull.labels = [...new Set([...pull.labels, ...request.labels])];
    } else {
      const number = records.nextNumber++;
      pull = {
        number,
        branch: request.branch,
        base: request.base,
        title: request.title,
        body: request.body,
        state: 'open',
        labels: request.labels,
        url: `local:${this.dir}#${number}`,
        headSha,
      };
      records.pulls.push(pull);
    }
    await this.save(records);
    return pull;
  }

  async mergePullRequest(number: number, message?: string): Promise<PullRequest> {
    const records = await this.records();
    const pull = records.pulls.find((p) => p.number === number);
    if (!pull) throw new CrescendoError(`there is no pull request #${number}`);
    if (pull.state !== 'open') throw new CrescendoError(`pull request #${number} is ${pull.state}, not open`);
    const text = message ?? `Merge ${pull.branch}: ${pull.title}`;
    const head = await checkedOutBranch(this.worktreeGitDir);
    if (head === pull.base) await this.mergeCheckedOut(pull, text);
    else {
      const merged = await gitResult(this.dir, [
        'merge-tree',
        '--write-tree',
        '--name-only',
        pull.base,
        pull.branch,
      ]);
      if (merged.code !== 0) {
        const [, ...rest] = merged.stdout.split('\n');
        const files = rest.slice(0, Math.max(0, rest.indexOf(''))).filter(Boolean);
        throw mergeConflict(pull, files, merged.stderr);
      }
      const tree = merged.stdout.split('\n')[0]!;
      const sha = (
        await git(this.dir, [
          'commit-tree',
          tree,
          '-p',
          await this.tip(pull.base),
          '-p',
          await this.tip(pull.branch),
          '-m',
          text,
        ])
      ).trim();
      await git(this.dir, ['update-ref', `refs/heads/${pull.base}`, sha]);
    }
    pull.headSha = await this.tip(pull.branch);
    pull.state = 'merged';
    pull.mergedAt = new Date().toISOString();
    pull.mergedBy = process.env.USER ?? 'local';
    await this.save(records);
    return pull;
  }

  /** The base is checked out: git merges into the work tree too; a conflict is aborted, leaving it as it was. */
  private async mergeCheckedOut(pull: PullRequest, text: string): Promise<void> {
    const merged = await gitResult(this.dir, ['merge', '--no-ff', '--no-edit', '-m', text, pull.branch]);
    if (merged.code === 0) return;
    const conflicted = await gitMaybe(this.dir, ['diff', '--name-only', '--diff-filter=U']);
    if ((await gitMaybe(this.dir, ['rev-parse', '-q', '--verify', 'MERGE_HEAD'])) !== undefined) {
      await git(this.dir, ['merge', '--abort']);
      throw mergeConflict(pull, (conflicted ?? '').split('\n').filter(Boolean), merged.stdout);
    }
    throw new CrescendoError(`cannot merge ${pull.branch} into ${pull.base}: nothing was merged`, {
      where: this.dir,
      problems: [{ where: pull.branch, message: (merged.stderr || merged.stdout).trim() }],
      fix: 'commit or stash your uncommitted changes in the files listed, then approve again',
    });
  }

  async listReviews(number: number): Promise<Review[]> {
    return (await this.records()).reviews[String(number)] ?? [];
  }

  /** Local stand-in for a reviewer requesting changes (`crescendo revise`). */
  async addReview(number: number, review: Review): Promise<void> {
    const records = await this.records();
    const id = review.id ?? nextId(records);
    records.reviews[String(number)] = [...(records.reviews[String(number)] ?? []), { ...review, id }];
    await this.save(records);
  }

  /** Records the review with its line comments; `crescendo review <id>` shows it. */
  async createReview(number: number, draft: ReviewDraft): Promise<PostedReview> {
    const records = await this.records();
    if (!records.pulls.some((p) => p.number === number))
      throw new CrescendoError(`there is no pull request #${number}`);
    const review: Review = {
      id: nextId(records),
      author: LOCAL_REVIEWER,
      state: draft.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : 'COMMENTED',
      body: draft.body,
      submittedAt: new Date().toISOString(),
      comments: draft.comments.map((c) => ({ ...c, id: nextId(records), author: LOCAL_REVIEWER })),
    };
    records.reviews[String(number)] = [...(records.reviews[String(number)] ?? []), review];
    await this.save(records);
    return { id: review.id ?? 0, event: draft.event, inlineComments: draft.comments.length };
  }

  async upsertComment(issue: number, marker: string, body: string): Promise<{ id: number; url: string }> {
    const records = await this.records();
    // The marker finds the comment; authorship decides whether it is ours to edit.
    let comment = records.comments.find(
      (c) =>
        c.issue === issue &&
        c.body.includes(marker) &&
        (c.author ?? LOCAL_COMMENT_AUTHOR) === LOCAL_COMMENT_AUTHOR,
    );
    if (comment) comment.body = body;
    else {
      comment = { id: records.comments.length + 1, issue, body, author: LOCAL_COMMENT_AUTHOR };
      records.comments.push(comment);
    }
    await this.save(records);
    return { id: comment.id, url: `local:${this.dir}#comment-${comment.id}` };
  }

  async comment(issue: number, body: string): Promise<void> {
    const records = await this.records();
    records.comments.push({ id: records.comments.length + 1, issue, body, author: LOCAL_COMMENT_AUTHOR });
    await this.save(records);
  }

  async openIssue(request: IssueRequest): Promise<OpenedIssue> {
    const records = await this.records();
    const body = request.body.includes(request.marker)
      ? request.body
      : `${request.body}\n\n${request.marker}`;
    let issue = records.issues.find((i) => i.body.includes(request.marker));
    const created = !issue;
    if (issue) {
      if (issue.state === 'open') Object.assign(issue, { title: request.title, body });
    } else {
      issue = {
        number: records.nextNumber++,
        title: request.title,
        body,
        labels: request.labels,
        state: 'open',
      };
      records.issues.push(issue);
    }
    await this.save(records);
    return { number: issue.number, url: `local:${this.dir}#${issue.number}`, created };
  }

  async listIssues(): Promise<LocalIssue[]> {
    return (await this.records()).issues;
  }

  async addLabels(issue: number, labels: string[]): Promise<void> {
    const records = await this.records();
    records.labels[String(issue)] = [...new Set([...(records.labels[String(issue)] ?? []), ...labels])];
    await this.save(records);
  }

  async listPullRequests(): Promise<PullRequest[]> {
    return (await this.records()).pulls;
  }
}

/** The branch checked out in a work tree (`git symbolic-ref --short HEAD`), read from its HEAD file. */
async function checkedOutBranch(worktreeGitDir: string): Promise<string | undefined> {
  const head = await readFile(join(worktreeGitDir, 'HEAD'), 'utf8').catch(() => '');
  return /^ref: refs\/heads\/(.+)$/m.exec(head.trim())?.[1];
}

function mergeConflict(pull: PullRequest, files: string[], detail: string): CrescendoError {
  return new CrescendoError(`${pull.branch} conflicts with ${pull.base}: nothing was merged`, {
    where: pull.branch,
    problems: files.length
      ? files.map((file) => ({ where: file, message: `changed on both ${pull.base} and ${pull.branch}` }))
      : [{ where: pull.branch, message: detail.trim().split('\n')[0] ?? 'conflict' }],
    fix: `git switch ${pull.branch} && git merge ${pull.base}, resolve the files listed and commit, then git switch ${pull.base} and approve again`,
  });
}
