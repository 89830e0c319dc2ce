import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from './api-error.js';
import { type FakeContext, GITHUB_ACTIONS_LOGIN, type RepoSettings } from './context.js';
import type { Fault } from './faults.js';
import { GitRepo, type TreeEdit } from './git.js';
import { gitDataRoutes } from './git-data-routes.js';
import { answerGraphql } from './graphql.js';
import { identity } from './identity.js';
import { createComment, createIssue, findIssue } from './issue-logic.js';
import { issuesRoutes } from './issues-routes.js';
import { type MergeMethod, mergePull, pullJson } from './pull-logic.js';
import { pullsRoutes } from './pulls-routes.js';
import { reactionsRoutes } from './reactions-routes.js';
import { repoRoutes } from './repo-routes.js';
import { reviewCommentsRoutes } from './review-comments-routes.js';
import { createReview, type ReviewEvent } from './review-logic.js';
import { type Route, routeName } from './router.js';
import { ApiPipeline, type RecordedRequest } from './server.js';
import { type Actor, RepoState, type ReviewCommentRecord, type Role } from './state.js';
import {
  type CommentJson,
  type IssueJson,
  type LabelJson,
  type PullJson,
  type ReactionJson,
  type ReviewJson,
  Views,
} from './views.js';

/** The token `startFakeGitHub` accepts by default: a `GITHUB_TOKEN` of `github-actions[bot]`. */
export const DEFAULT_TOKEN = 'ghs_fakeGitHubActionsToken';

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Where the bare backing repository goes; default a fresh temp dir, removed by `close()`. */
  dir?: string;
  /** token → login (`[bot]` logins are bots). Default `{ [DEFAULT_TOKEN]: 'github-actions[bot]' }`. */
  tokens?: Record<string, string>;
  /** Roles besides the owner (admin) and `github-actions[bot]` (write). */
  collaborators?: Record<string, Role>;
  /** Default true: anonymous callers and non-collaborators get 404. */
  private?: boolean;
  actionsCanCreatePullRequests?: boolean;
  deleteBranchOnMerge?: boolean;
  /** Clock for timestamps and the rate-limit window. Default: real time. */
  now?: () => Date;
}

export interface SeedOptions {
  /** Default: the default branch. A missing branch starts from the default branch. */
  branch?: string;
  /** Login of the committer; default the repository owner. */
  author?: string;
}

export interface FakeGitHub {
  /** API base for Octokit's `baseUrl` and `GITHUB_API_URL`. */
  readonly url: string;
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  /** The bare git repository behind the API. */
  readonly gitDir: string;
  /** Every request, in arrival order, retries included. */
  readonly requests: readonly RecordedRequest[];
  /** Served routes as `METHOD /path/{template}` (the OpenAPI spelling). */
  readonly routes: readonly string[];
  readonly settings: RepoSettings;
  close(): Promise<void>;

  /**
   * Commits files (`null` deletes; bytes are stored as given, text as UTF-8) to a branch as a person
   * pushing would; returns the commit sha.
   */
  seed(
    files: Record<string, string | Uint8Array | null>,
    message?: string,
    options?: SeedOptions,
  ): Promise<string>;
  addToken(token: string, login: string): void;
  revokeToken(token: string): void;
  setPermission(login: string, role: Role): void;
  /** The next matching request(s) fail with this answer. */
  failNext(fault: Fault): void;
  readonly pendingFaults: number;
  /** Sets the primary rate limit; at 0 remaining every request gets 403 "API rate limit exceeded". */
  setRateLimit(options: { limit?: number; remaining: number; resetInSeconds?: number }): void;

  // People acting in the web UI.
  openIssue(input: { title: string; body?: string; labels?: string[]; author: string }): IssueJson;
  addComment(issue: number, input: { body: string; author: string }): CommentJson;
  addLabels(issue: number, labels: string[]): LabelJson[];
  submitReview(
    pull: number,
    input: {
      state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
      body?: string;
      author: string;
      comments?: ReviewComment[];
    },
  ): Promise<ReviewJson>;
  /** Merges as the merge button does, and returns the PR as `pulls.get` (and the `closed` event) shows it. */
  mergePullRequest(number: number, input: { by: string; method?: MergeMethod }): Promise<PullJson>;
  closeIssue(number: number, input: { by: string }): IssueJson;

  // State, in API shapes.
  issue(number: number): IssueJson;
  /** Issues and pull requests, oldest first; `{ pulls: false }` leaves pull requests out. */
  issues(options?: { pulls?: boolean }): IssueJson[];
  pullRequest(number: number): Promise<PullJson>;
  pullRequests(): Promise<PullJson[]>;
  comments(issue: number): CommentJson[];
  /** Reactions on an issue or pull-request comment, oldest first. */
  reactions(comment: number): ReactionJson[];
  reviews(pull: number): ReviewJson[];
  labels(): LabelJson[];
  /** Branch name → head sha. */
  branches(): Promise<Record<string, string>>;
  /** File text at a branch/tag/sha (default branch when omitted), or undefined. */
  readFile(path: string, ref?: string): Promise<string | undefined>;
  /** Every file path at a ref, sorted. */
  listFiles(ref?: string): Promise<string[]>;
}

export interface ReviewComment {
  path: string;
  line: number;
  body: string;
  side?: 'LEFT' | 'RIGHT';
  startLine?: number;
}

const EVENT_OF_STATE: Record<'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED', ReviewEvent> = {
  APPROVED: 'APPROVE',
  CHANGES_REQUESTED: 'REQUEST_CHANGES',
  COMMENTED: 'COMMENT',
};

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const defaultBranch = options.defaultBranch ?? 'main';
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'fake-github-')));
  const git = await GitRepo.init(dir, defaultBranch);
  const state = new RepoState(options.now ?? (() => new Date()));
  state.setRole(options.owner, 'admin');
  state.setRole(GITHUB_ACTIONS_LOGIN, 'write');
  for (const [login, role] of Object.entries(options.collaborators ?? {})) state.setRole(login, role);

  let apiUrl = '';
  let lock: Promise<unknown> = Promise.resolve();
  const ctx: FakeContext = {
    owner: options.owner,
    repo: options.repo,
    fullName: `${options.owner}/${options.repo}`,
    defaultBranch,
    repoId: state.nextId(),
    private: options.private ?? true,
    apiUrl: () => apiUrl,
    htmlUrl: `https://github.com/${options.owner}/${options.repo}`,
    git,
    state,
    settings: {
      actionsCanCreatePullRequests: options.actionsCanCreatePullRequests ?? true,
      deleteBranchOnMerge: options.deleteBranchOnMerge ?? false,
    },
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      const run = lock.then(work, work);
      lock = run.catch(() => undefined);
      return run;
    },
  };
  const views = new Views(ctx);
  const routes: Route[] = [
    ...repoRoutes(ctx, views),
    ...gitDataRoutes(ctx),
    ...pullsRoutes(ctx, views),
    ...reviewCommentsRoutes(ctx, views),
    ...issuesRoutes(ctx, views),
    ...reactionsRoutes(ctx, views),
  ];
  const tokens = new Map<string, Actor>();
  for (const [token, login] of Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: GITHUB_ACTIONS_LOGIN })) {
    tokens.set(token, state.user(login));
  }
  const pipeline = new ApiPipeline(ctx, routes, tokens, (body, actor) => answerGraphql(body, actor, views));
  const server = createServer((request, response) => {
    pipeline.handle(request, response).catch((error: unknown) => {
      console.error('[fake-github] request failed:', error);
      response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const person = (login: string) => state.user(login);
  const seed = async (
    files: Record<string, string | Uint8Array | null>,
    message = 'Seed',
    seedOptions: SeedOptions = {},
  ) =>
    ctx.exclusive(async () => {
      const branch = seedOptions.branch ?? defaultBranch;
      const ref = `refs/heads/${branch}`;
      const current = await git.refSha(ref);
      const parent = current ?? (await git.refSha(`refs/heads/${defaultBranch}`));
      const base = parent ? (await git.readCommit(parent)).tree : undefined;
      const edits: TreeEdit[] = [];
      for (const [path, content] of Object.entries(files)) {
        const sha = content === null ? null : await git.writeBlob(Buffer.from(content));
        edits.push({ path, mode: '100644', type: 'blob', sha });
      }
      const tree = await git.buildTree(base, edits);
      const signature = identity(person(seedOptions.author ?? options.owner), state.timestamp());
      const sha = await git.commitTree(tree, parent ? [parent] : [], message, signature, signature);
      await git.setRef(ref, sha, current);
      return sha;
    });

  const fake: FakeGitHub = {
    url: apiUrl,
    owner: options.owner,
    repo: options.repo,
    defaultBranch,
    gitDir: dir,
    requests: pipeline.requests,
    routes: routes.map(routeName),
    settings: ctx.settings,
    get pendingFaults() {
      return pipeline.faults.size;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
    seed,
    addToken: (token, login) => void tokens.set(token, person(login)),
    revokeToken: (token) => void tokens.delete(token),
    setPermission: (login, role) => state.setRole(login, role),
    failNext: (fault) =>
      pipeline.faults.add(fault, (method, path) =>
        routes.some((route) => route.path === path && (method === undefined || route.method === method)),
      ),
    setRateLimit: (limit) => pipeline.rateLimit.set(limit),

    openIssue: (input) =>
      views.issue(
        createIssue(ctx, {
          title: input.title,
          body: input.body ?? null,
          labels: input.labels ?? [],
          author: person(input.author),
        }),
      ),
    addComment: (issue, input) => views.comment(createComment(ctx, issue, input.body, person(input.author))),
    addLabels(number, labels) {
      const issue = findIssue(ctx, number);
      state.addLabels(issue, labels);
      return views.issueLabels(issue);
    },
    async submitReview(pull, input) {
      const comments: ReviewCommentRecord[] = (input.comments ?? []).map((comment) => ({
        path: comment.path,
        line: comment.line,
        startLine: comment.startLine ?? null,
        side: comment.side ?? 'RIGHT',
        body: comment.body,
      }));
      const review = await createReview(ctx, pull, {
        author: person(input.author),
        event: EVENT_OF_STATE[input.state],
        body: input.body ?? '',
        comments,
      });
      return views.review(review);
    },
    async mergePullRequest(number, input) {
      await mergePull(ctx, number, { by: person(input.by), method: input.method });
      return pullJson(ctx, views, findIssue(ctx, number));
    },
    closeIssue(number, input) {
      const issue = findIssue(ctx, number);
      if (issue.pull) throw new ApiError(422, 'use the pulls API to close a pull request');
      const now = state.timestamp();
      Object.assign(issue, {
        state: 'closed',
        stateReason: 'completed',
        closedAt: now,
        updatedAt: now,
        closedBy: person(input.by),
      });
      return views.issue(issue);
    },

    issue: (number) => views.issue(findIssue(ctx, number)),
    issues: (filter = {}) =>
      [...state.issues.values()]
        .filter((issue) => filter.pulls !== false || issue.pull === undefined)
        .map((issue) => views.issue(issue)),
    pullRequest: (number) => pullJson(ctx, views, findIssue(ctx, number)),
    pullRequests: () => Promise.all(state.pulls().map((issue) => pullJson(ctx, views, issue))),
    comments: (issue) =>
      [...state.comments.values()]
        .filter((comment) => comment.issue === issue)
        .map((comment) => views.comment(comment)),
    reactions: (comment) =>
      state.reactions.filter((reaction) => reaction.comment === comment).map((r) => views.reaction(r)),
    reviews: (pull) =>
      state.reviews.filter((review) => review.pull === pull).map((review) => views.review(review)),
    labels: () => [...state.labels.values()].map((label) => views.label(label)),
    async branches() {
      const refs = await git.listRefs('refs/heads/');
      return Object.fromEntries([...refs].map(([name, sha]) => [name.slice('refs/heads/'.length), sha]));
    },
    async readFile(path, ref = defaultBranch) {
      const commit = await git.resolveCommit(ref);
      if (!commit) return undefined;
      const [entry] = await git.listTree(commit, { path });
      if (!entry || entry.path !== path || entry.type !== 'blob') return undefined;
      return (await git.readBlob(entry.sha)).toString('utf8');
    },
    async listFiles(ref = defaultBranch) {
      const commit = await git.resolveCommit(ref);
      if (!commit) return [];
      const entries = await git.listTree(commit, { recursive: true });
      return entries
        .filter((entry) => entry.type === 'blob')
        .map((entry) => entry.path)
        .sort();
    },
  };
  return fake;
}
