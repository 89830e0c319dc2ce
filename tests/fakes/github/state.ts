/** Repository roles, strongest first; `permission` in the API collapses maintain→write and triage→read. */
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

const ROLE_RANK: Record<Role, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export const roleAtLeast = (role: Role, minimum: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[minimum];

/** The legacy `permission` field of the permission endpoint. */
export const legacyPermission = (role: Role): 'admin' | 'write' | 'read' | 'none' =>
  role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;

export interface Actor {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** What only a pull request has; its issue fields live on the `IssueRecord` that carries it. */
export interface PullFields {
  /** Head branch name (same repository: the fake has no forks). */
  head: string;
  base: string;
  /** Head commit; follows the branch while open, frozen once closed. */
  headSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: Actor | null;
  mergeCommitSha: string | null;
}

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  author: Actor;
  /** Label names, in the order they were added. */
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: Actor | null;
  pull?: PullFields;
}

export interface CommentRecord {
  id: number;
  issue: number;
  body: string;
  author: Actor;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewCommentRecord {
  path: string;
  line: number;
  startLine: number | null;
  side: 'LEFT' | 'RIGHT';
  body: string;
  /** Given when the review is created (the API assigns it). */
  id?: number;
  /** The diff hunk down to the commented line, as `diff_hunk` shows it. */
  diffHunk?: string;
}

/** The reactions GitHub accepts. */
export const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'] as const;
export type ReactionContent = (typeof REACTIONS)[number];

export interface ReactionRecord {
  id: number;
  /** The issue comment reacted to. */
  comment: number;
  content: ReactionContent;
  author: Actor;
  createdAt: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewRecord {
  id: number;
  pull: number;
  author: Actor;
  state: ReviewState;
  body: string;
  commitId: string;
  submittedAt: string | null;
  comments: ReviewCommentRecord[];
}

/**
 * Everything of the repository that is not in git. Issues and pull requests share one number
 * sequence, like GitHub; ids come from one global sequence so they never collide across kinds.
 */
export class RepoState {
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly reviews: ReviewRecord[] = [];
  readonly reactions: ReactionRecord[] = [];
  /** Keyed by lower-cased name: GitHub label names are unique regardless of case. */
  readonly labels = new Map<string, LabelRecord>();
  readonly roles = new Map<string, Role>();
  readonly #users = new Map<string, Actor>();
  #nextNumber = 1;
  #nextId = 1000;

  constructor(readonly now: () => Date) {}

  nextNumber(): number {
    return this.#nextNumber++;
  }

  nextId(): number {
    return this.#nextId++;
  }

  timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** The user with that login, created on first sight; `[bot]` logins are bots. */
  user(login: string, type?: Actor['type']): Actor {
    const known = this.#users.get(login.toLowerCase());
    if (known) return known;
    const actor: Actor = {
      login,
      id: this.nextId(),
      type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    };
    this.#users.set(login.toLowerCase(), actor);
    return actor;
  }

  role(login: string): Role {
    return this.roles.get(login.toLowerCase()) ?? 'none';
  }

  setRole(login: string, role: Role): void {
    this.roles.set(login.toLowerCase(), role);
  }

  label(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase());
  }

  /** The label, created with GitHub's default grey when missing (what adding a label to an issue does). */
  ensureLabel(name: string, color = 'ededed', description: string | null = null): LabelRecord {
    const existing = this.label(name);
    if (existing) return existing;
    const label: LabelRecord = { id: this.nextId(), name, color, description };
    this.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** Adds labels (by any casing) to an issue, keeping the repository's spelling and no duplicates. */
  addLabels(issue: IssueRecord, names: string[]): void {
    for (const name of names) {
      const label = this.ensureLabel(name);
      if (!issue.labels.some((have) => have.toLowerCase() === label.name.toLowerCase()))
        issue.labels.push(label.name);
    }
  }

  pulls(): IssueRecord[] {
    return [...this.issues.values()].filter((issue) => issue.pull !== undefined);
  }
}
