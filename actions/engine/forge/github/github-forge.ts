import { CrescendoError } from '../../errors.js';
import type {
  CommitRequest,
  Forge,
  GuardedCommitRequest,
  GuardedCommitResult,
  IssueRequest,
  OpenedIssue,
  PostedReview,
  PullRequest,
  PullRequestRequest,
  ReviewDraft,
} from '../forge.js';
import {
  createOctokit,
  DEFAULT_API_URL,
  type GitHubOctokit,
  type RepoApi,
  type ThrottleSettings,
} from './client.js';
import {
  type Identity,
  type IssueComment,
  listIssueComments,
  type Reaction,
  reactToComment,
  upsertOwnComment,
} from './comments.js';
import { toCrescendoError } from './errors.js';
import {
  branchSha,
  commitFilesVia,
  guardedCommitVia,
  listFilesAt,
  readBytesAt,
  readFileAt,
  unless404,
} from './git-data.js';
import { askLogin } from './identity.js';
import { openIssueOnce } from './issues.js';
import { findPull, getPull, mergePull, openOrUpdatePull } from './pulls.js';
import { createPullReview, type GitHubReview, listPullReviews } from './reviews.js';
import { streamFileAt } from './stream-file.js';

export type { GitHubOctokit, ThrottleSettings } from './client.js';
export type { IssueComment, Reaction } from './comments.js';
export { toCrescendoError } from './errors.js';
export type { GitHubReview } from './reviews.js';

export interface GitHubForgeOptions {
  /** `GITHUB_TOKEN` or a GitHub App installation token. Never logged. */
  token: string;
  owner: string;
  repo: string;
  /** `GITHUB_API_URL`; default https://api.github.com. */
  baseUrl?: string;
  /** Read from `GET /repos/{owner}/{repo}` when omitted. */
  defaultBranch?: string;
  throttle?: ThrottleSettings;
  /** Where rate-limit waits are reported (default: stderr). */
  log?: (line: string) => void;
  /**
   * The login this token acts as, when the caller knows it (e.g. `<app-slug>[bot]` from
   * actions/create-github-app-token); asked of GitHub when omitted (see identity.ts).
   */
  login?: string;
  /**
   * The workflow's checkout (`GITHUB_WORKSPACE`): large committed files are streamed from its object store
   * when it holds the same blob (see stream-file.ts).
   */
  workspace?: string;
}

/** A collaborator's role; custom roles are reported as the base role they extend. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

const WRITE_ROLES: ReadonlySet<Permission> = new Set(['admin', 'maintain', 'write']);

const defaultLog = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The GitHub implementation of `Forge`: Octokit over REST, with retry and throttling. */
export class GitHubForge implements Forge {
  readonly owner: string;
  readonly repo: string;
  private me: Promise<string | undefined> | undefined;

  private constructor(
    private readonly api: RepoApi,
    readonly defaultBranch: string,
    login?: string,
    private readonly workspace?: string,
  ) {
    this.owner = api.owner;
    this.repo = api.repo;
    if (login) this.me = Promise.resolve(login);
  }

  /** Who we are, asked once (see identity.ts); the comments we create confirm it. */
  private readonly identity: Identity = {
    login: () => {
      this.me ??= askLogin(this.api);
      return this.me;
    },
    learn: (login) => {
      this.me ??= Promise.resolve(login);
    },
  };

  /** The login this token acts as, or undefined when GitHub would not say (see identity.ts). */
  login(): Promise<string | undefined> {
    return this.identity.login();
  }

  static async create(options: GitHubForgeOptions): Promise<GitHubForge> {
    if (!options.token) {
      throw new CrescendoError('no GitHub token was given', {
        where: 'github-token input',
        fix: 'leave the `github-token` input at its default (the workflow token) or pass a GitHub App token',
      });
    }
    const baseUrl = (options.baseUrl || DEFAULT_API_URL).replace(/\/+$/, '');
    const octokit = await createOctokit({
      token: options.token,
      baseUrl,
      throttle: options.throttle,
      log: options.log ?? defaultLog,
    });
    const api: RepoApi = { octokit, owner: options.owner, repo: options.repo, apiBase: baseUrl };
    let defaultBranch = options.defaultBranch;
    if (!defaultBranch) {
      try {
        defaultBranch = (await octokit.rest.repos.get({ owner: options.owner, repo: options.repo })).data
          .default_branch;
      } catch (error) {
        throw toCrescendoError(error, baseUrl);
      }
    }
    return new GitHubForge(api, defaultBranch, options.login, options.workspace);
  }

  /**
   * From the runner's environment: `GITHUB_REPOSITORY` (owner/name) and `GITHUB_API_URL`.
   */
  static async fromEnvironment(
    options: Omit<GitHubForgeOptions, 'owner' | 'repo' | 'baseUrl'>,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<GitHubForge> {
    const [owner, repo, ...extra] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || extra.length > 0) {
      throw new CrescendoError(`GITHUB_REPOSITORY is "${env.GITHUB_REPOSITORY ?? ''}", not owner/name`, {
        where: 'environment',
        fix: 'run inside GitHub Actions, or set GITHUB_REPOSITORY=owner/name',
      });
    }
    return GitHubForge.create({
      workspace: env.GITHUB_WORKSPACE || undefined,
      ...options,
      owner,
      repo,
      baseUrl: env.GITHUB_API_URL || DEFAULT_API_URL,
    });
  }

  /** The underlying client, for calls beyond `Forge` (wrap failures with `toCrescendoError`). */
  get octokit(): GitHubOctokit {
    return this.api.octokit;
  }

  /** Runs GitHub calls, turning their failures into CrescendoErrors with a fix. */
  private async call<T>(work: (api: RepoApi) => Promise<T>): Promise<T> {
    try {
      return await work(this.api);
    } catch (error) {
      throw toCrescendoError(error, this.api.apiBase);
    }
  }

  readFile(path: string, ref: string = this.defaultBranch): Promise<string | undefined> {
    return this.call((api) => readFileAt(api, path, ref));
  }

  readBytes(path: string, ref: string = this.defaultBranch): Promise<Uint8Array | undefined> {
    return this.call((api) => readBytesAt(api, path, ref));
  }

  /** Errors while streaming become CrescendoErrors like every other call's. */
  async *readStream(path: string, ref: string = this.defaultBranch): AsyncGenerator<Uint8Array> {
    try {
      yield* streamFileAt(this.api, path, ref, this.workspace);
    } catch (error) {
      throw toCrescendoError(error, this.api.apiBase);
    }
  }

  listFiles(dir: string, ref: string = this.defaultBranch): Promise<string[]> {
    return this.call((api) => listFilesAt(api, dir, ref));
  }

  async branchExists(branch: string): Promise<boolean> {
    return (await this.call((api) => branchSha(api, branch))) !== undefined;
  }

  branchTip(branch: string): Promise<string | undefined> {
    return this.call((api) => branchSha(api, branch));
  }

  commitFiles(request: CommitRequest): Promise<{ sha: string }> {
    return this.call((api) => commitFilesVia(api, request));
  }

  commitIfUnchanged(request: GuardedCommitRequest): Promise<GuardedCommitResult> {
    return this.call((api) => guardedCommitVia(api, request));
  }

  findPullRequest(branch: string): Promise<PullRequest | undefined> {
    return this.call((api) => findPull(api, branch));
  }

  getPullRequest(number: number): Promise<PullRequest> {
    return this.call((api) => getPull(api, number));
  }

  openOrUpdatePullRequest(request: PullRequestRequest): Promise<PullRequest> {
    return this.call((api) => openOrUpdatePull(api, request));
  }

  mergePullRequest(number: number, message?: string): Promise<PullRequest> {
    return this.call((api) => mergePull(api, number, message));
  }

  listReviews(number: number): Promise<GitHubReview[]> {
    return this.call((api) => listPullReviews(api, number));
  }

  async createReview(number: number, review: ReviewDraft): Promise<PostedReview> {
    const me = await this.login();
    return this.call((api) => createPullReview(api, number, review, me));
  }

  upsertComment(issue: number, marker: string, body: string): Promise<{ id: number; url: string }> {
    // The marker is what finds the comment next time, so it must be in the body.
    const text = body.includes(marker) ? body : `${body}\n\n${marker}`;
    return this.call((api) => upsertOwnComment(api, this.identity, issue, marker, text));
  }

  /** Every comment on an issue or pull request, oldest first. */
  listComments(issue: number): Promise<IssueComment[]> {
    return this.call((api) => listIssueComments(api, issue));
  }

  /** Reacts to an issue or pull-request comment (idempotent per identity and reaction). */
  react(commentId: number, content: Reaction): Promise<void> {
    return this.call((api) => reactToComment(api, commentId, content));
  }

  async comment(issue: number, body: string): Promise<void> {
    await this.call(({ octokit, owner, repo }) =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body }),
    );
  }

  openIssue(request: IssueRequest): Promise<OpenedIssue> {
    return this.call((api) => openIssueOnce(api, request));
  }

  async addLabels(issue: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.call(({ octokit, owner, repo }) =>
      octokit.rest.issues.addLabels({ owner, repo, issue_number: issue, labels }),
    );
  }

  /** A person's role on the repository; 'none' for strangers (GitHub answers 404 for them). */
  permissionOf(login: string): Promise<Permission> {
    return this.call(async ({ octokit, owner, repo }) => {
      const answer = await unless404(
        octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login }),
      );
      if (!answer) return 'none';
      const { data } = answer;
      const flags = data.user?.permissions;
      if (flags) {
        if (flags.admin) return 'admin';
        if (flags.maintain) return 'maintain';
        if (flags.push) return 'write';
        if (flags.triage) return 'triage';
        if (flags.pull) return 'read';
        return 'none';
      }
      const role = data.role_name as Permission;
      if (['admin', 'maintain', 'write', 'triage', 'read'].includes(role)) return role;
      // The legacy field: admin, write, read or none.
      return (['admin', 'write', 'read'].includes(data.permission) ? data.permission : 'none') as Permission;
    });
  }

  /** Whether `login` may start or revise a campaign: admin, maintain or write. */
  async hasWriteAccess(login: string): Promise<boolean> {
    return WRITE_ROLES.has(await this.permissionOf(login));
  }
}
