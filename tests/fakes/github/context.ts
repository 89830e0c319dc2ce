import type { GitRepo } from './git.js';
import type { Actor, RepoState } from './state.js';

/** What every route module shares: the repository's identity, its git store and its other state. */
export interface FakeContext {
  readonly owner: string;
  readonly repo: string;
  readonly fullName: string;
  readonly defaultBranch: string;
  readonly repoId: number;
  readonly private: boolean;
  /** API base, e.g. `http://127.0.0.1:1234`, known once the server listens. */
  apiUrl(): string;
  /** `https://github.com/<owner>/<repo>`: links in bodies look like the real ones. */
  readonly htmlUrl: string;
  readonly git: GitRepo;
  readonly state: RepoState;
  readonly settings: RepoSettings;
  /** Serialises writes that read-then-move refs, so concurrent requests cannot interleave them. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export interface RepoSettings {
  /** "Allow GitHub Actions to create and approve pull requests"; off → 403 for `github-actions[bot]`. */
  actionsCanCreatePullRequests: boolean;
  /** "Automatically delete head branches" after a merge. */
  deleteBranchOnMerge: boolean;
}

export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

export const isActionsBot = (actor: Actor | undefined): boolean => actor?.login === GITHUB_ACTIONS_LOGIN;
