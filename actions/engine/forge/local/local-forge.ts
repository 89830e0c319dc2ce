import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { CrescendoError } from '../../errors.js';
import { isPlainRepoPath } from '../../files/repo-path.js';
import type {
  CommitRequest,
  FileChange,
  Forge,
  IssueRequest,
  OpenedIssue,
  PostedReview,
  PullRequest,
  PullRequestRequest,
  Review,
  ReviewDraft,
} from '../forge.js';
import { git, gitBytesMaybe, gitMaybe, gitResult, gitStream } from './git.js';
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
  ) {}

  static async open(dir: string): Promise<LocalForge> {
    const top = await gitMaybe(dir, ['rev-parse', '--show-toplevel']);
    if (!top) {
      throw new CrescendoError(`${dir} is not a git repository`, {
        fix: 'run `crescendo init` there first (or `git init`)',
      });
    }
    const head = (await gitMaybe(dir, ['symbolic-ref', '--short', 'HEAD']))?.trim() ?? 'main';
    const common = (await git(dir, ['rev-parse', '--git-common-dir'])).trim();
    return new LocalForge(top.trim(), head, isAbsolute(common) ? common : join(dir, common));
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

  async readFile(path: string, ref = this.defaultBranch): Promise<string | undefined> {
    return gitMaybe(this.dir, ['cat-file', 'blob', `${ref}:${path}`]);
  }

  async readBytes(path: string, ref = this.defaultBranch): Promise<Uint8Array | undefined> {
    return gitBytesMaybe(this.dir, ['cat-file', 'blob', `${ref}:${path}`]);
  }

  /** Streamed from git's object store: a file of any size, never held whole (no `maxBuffer`). */
  readStream(path: string, ref = this.defaultBranch): AsyncIterable<Uint8Array> {
    return gitStream(this.dir, ['cat-file', 'blob', `${ref}:${path}`]);
  }

  async listFiles(dir: string, ref = this.defaultBranch): Promise<string[]> {
    const out = await gitMaybe(this.dir, ['ls-tree', '-r', '--name-only', ref, '--', dir]);
    return (out ?? '').split('\n').filter(Boolean).sort();
  }

  async branchExists(branch: string): Promise<boolean> {
    return (
      (await gitMaybe(this.dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) !== undefined
    );
  }

  private async tip(branch: string): Promise<string> {
    return (await git(this.dir, ['rev-parse', `refs/heads/${branch}`])).trim();
  }

  async commitFiles(request: CommitRequest): Promise<{ sha: string }> {
    const exists = await this.branchExists(request.branch);
    const parent = await this.tip(exists && !request.reset ? request.branch : request.base);
    const sha = await this.commitOnto(parent, request.changes, request.message);
    await git(this.dir, ['update-ref', `refs/heads/${request.branch}`, sha]);
    return { sha };
  }

  /**
   * Builds a commit from `parent` plus changes in a private index, leaving the work tree alone. Blobs are
   * written by one `hash-object` and the index changed by one `update-index`, whatever the number of files
   * (a content stage commits a hundred), so a commit costs a handful of git processes, not two per file.
   */
  private async commitOnto(parent: string, changes: FileChange[], message: string): Promise<string> {
    for (const change of changes) {
      if (!isPlainRepoPath(change.path))
        throw new CrescendoError(`refusing to write "${change.path}": not a plain repository path`);
    }
    const scratch = await mkdtemp(join(tmpdir(), 'crescendo-commit-'));
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    try {
      await git(this.dir, ['read-tree', parent], { env });
      // NUL-separated paths and records keep any path verbatim.
      const removed = changes.filter((c) => c.content === null).map((c) => `${c.path}\0`);
      if (removed.length) {
        await git(this.dir, ['update-index', '--force-remove', '-z', '--stdin'], {
          env,
          input: removed.join(''),
        });
      }
      const added = changes.flatMap((c) =>
        c.content === null ? [] : [{ path: c.path, content: c.content }],
      );
      if (added.length) {
        const blobFiles = added.map((_, i) => join(scratch, `blob-${i}`));
        await Promise.all(added.map((c, i) => writeFile(join(scratch, `blob-${i}`), c.content)));
        const blobs = (
          await git(this.dir, ['hash-object', '-w', '--stdin-paths'], { input: `${blobFiles.join('\n')}\n` })
        )
          .trim()
          .split('\n');
        const records = added.map((c, i) => `100644 ${blobs[i]}\t${c.path}\0`).join('');
        await git(this.dir, ['update-index', '-z', '--index-info'], { env, input: records });
      }
      const tree = (await git(this.dir, ['write-tree'], { env })).trim();
      return (await git(this.dir, ['commit-tree', tree, '-p', parent, '-m', message])).trim();
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
    const head = (await gitMaybe(this.dir, ['symbolic-ref', '--short', 'HEAD']))?.trim();
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

function mergeConflict(pull: PullRequest, files: string[], detail: string): CrescendoError {
  return new CrescendoError(`${pull.branch} conflicts with ${pull.base}: nothing was merged`, {
    where: pull.branch,
    problems: files.length
      ? files.map((file) => ({ where: file, message: `changed on both ${pull.base} and ${pull.branch}` }))
      : [{ where: pull.branch, message: detail.trim().split('\n')[0] ?? 'conflict' }],
    fix: `git switch ${pull.branch} && git merge ${pull.base}, resolve the files listed and commit, then git switch ${pull.base} and approve again`,
  });
}
