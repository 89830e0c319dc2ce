/** A file to write (`content`) or delete (`content: null`) in one stage commit. */
export interface FileChange {
  path: string;
  content: string | null;
}

export type PullRequestState = 'open' | 'closed' | 'merged';

export interface PullRequest {
  number: number;
  branch: string;
  base: string;
  title: string;
  body: string;
  state: PullRequestState;
  labels: string[];
  url: string;
  mergedAt?: string;
  mergedBy?: string;
  headSha: string;
}

export interface CommitRequest {
  branch: string;
  /** Branch the stage branch starts from when it does not exist yet (or after its PR was merged). */
  base: string;
  message: string;
  changes: FileChange[];
  /** Start the branch afresh from `base`, dropping earlier commits (a new cycle on a reused branch). */
  reset?: boolean;
}

/**
 * A commit that lands only if the branch has not moved since it was read: the compare-and-swap that lets two
 * runs share a file (the publication ledger) without either overwriting the other.
 */
export interface GuardedCommitRequest {
  branch: string;
  /** The tip the branch must still have; undefined: the branch must not exist yet (it starts empty). */
  expected: string | undefined;
  message: string;
  changes: FileChange[];
}

export type GuardedCommitResult = { sha: string; conflict?: undefined } | { conflict: true };

export interface PullRequestRequest {
  branch: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
}

/** An issue Crescendo opens once (the next cycle's): `marker` (an HTML comment) finds it again. */
export interface IssueRequest {
  title: string;
  body: string;
  labels: string[];
  marker: string;
}

export interface OpenedIssue {
  number: number;
  url: string;
  /** False when an issue with the marker existed already (its body was brought up to date if open). */
  created: boolean;
}

export interface Review {
  /** The forge's id of the review, where it has one. */
  id?: number;
  author: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
  body: string;
  submittedAt: string;
  /** Comments left with the review on lines of the pull request's files. */
  comments?: ReviewComment[];
}

/** A comment on one line of a file in a pull request (an inline review comment). */
export interface ReviewComment {
  id: number;
  path: string;
  /** The line in the file at the pull request's head; undefined when a later commit made it outdated. */
  line?: number;
  body: string;
  author: string;
}

/** A review Crescendo posts on a pull request: a body, and comments on lines of its diff. */
export interface ReviewDraft {
  body: string;
  /**
   * `REQUEST_CHANGES` when a blocker was found. GitHub refuses it from the pull request's own author (the
   * identity that opened it); the forge then posts the same review as `COMMENT` and says so in its body.
   */
  event: 'REQUEST_CHANGES' | 'COMMENT';
  /** Each on the RIGHT side at `line`, which must be a line of the pull request's diff (hunk or context). */
  comments: { path: string; line: number; body: string }[];
}

/** What was posted: the event the forge accepted and how many comments sit on lines. */
export interface PostedReview {
  id: number;
  event: ReviewDraft['event'];
  inlineComments: number;
  url?: string;
}

/**
 * Everything the engine needs from where the repository lives. The engine never
 * knows which forge it talks to (GitHub over REST, or a git repository on disk).
 */
export interface Forge {
  readonly defaultBranch: string;
  /** File text at a ref (default branch when omitted), or undefined when absent. */
  readFile(path: string, ref?: string): Promise<string | undefined>;
  /**
   * File bytes at a ref exactly as committed (no text decoding), or undefined when absent:
   * for inputs such as UTF-16 keyword exports that are not UTF-8 text.
   */
  readBytes(path: string, ref?: string): Promise<Uint8Array | undefined>;
  /**
   * A committed file's bytes at a ref as a stream of chunks, for inputs of any size (performance exports):
   * never buffered whole in one answer. Fails while streaming when the file is absent.
   */
  readStream(path: string, ref?: string): AsyncIterable<Uint8Array>;
  /** Paths of all files below `dir` at a ref, recursively, sorted. */
  listFiles(dir: string, ref?: string): Promise<string[]>;
  branchExists(branch: string): Promise<boolean>;
  /** The commit a branch points to, or undefined when there is no such branch. */
  branchTip(branch: string): Promise<string | undefined>;
  /** One commit holding every change; creates the branch from `base` when needed. */
  commitFiles(request: CommitRequest): Promise<{ sha: string }>;
  /**
   * One commit on top of `expected`, moved onto `branch` only if the branch still points there (a new branch
   * starts with no parent). `{ conflict: true }` when another writer got there first: read again and retry.
   * Nothing changed: no commit, `{ sha: expected }`.
   */
  commitIfUnchanged(request: GuardedCommitRequest): Promise<GuardedCommitResult>;
  /** The newest pull request whose head is `branch`, in any state. */
  findPullRequest(branch: string): Promise<PullRequest | undefined>;
  getPullRequest(number: number): Promise<PullRequest>;
  /** Opens a PR for the branch, or updates title/body/labels of the open one. Never a second. */
  openOrUpdatePullRequest(request: PullRequestRequest): Promise<PullRequest>;
  /** Approval: merges the PR into its base. */
  mergePullRequest(number: number, message?: string): Promise<PullRequest>;
  /** Submitted reviews, oldest first, each with its inline comments. */
  listReviews(number: number): Promise<Review[]>;
  /** Posts one review with inline comments (see `ReviewDraft`). */
  createReview(number: number, review: ReviewDraft): Promise<PostedReview>;
  /**
   * Creates or edits in place the one comment on an issue/PR that contains `marker`
   * (an HTML comment), so re-runs never duplicate it.
   */
  upsertComment(issue: number, marker: string, body: string): Promise<{ id: number; url: string }>;
  comment(issue: number, body: string): Promise<void>;
  /** Opens an issue, or finds the one whose body holds `request.marker` (re-runs open no second). */
  openIssue(request: IssueRequest): Promise<OpenedIssue>;
  addLabels(issue: number, labels: string[]): Promise<void>;
}
