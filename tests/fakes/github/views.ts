import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { FakeContext } from './context.js';
import type {
  Actor,
  CommentRecord,
  IssueRecord,
  LabelRecord,
  ReactionRecord,
  ReviewRecord,
} from './state.js';

// Response shapes are Picks of Octokit's own response types, so every field the fake sends has the
// name and type the real API documents (the compiler checks it); fields nobody reads are left out.
type Data<T extends { response: { data: unknown } }> = T['response']['data'];
type Rest = RestEndpointMethodTypes;
type PullData = Data<Rest['pulls']['get']>;
type IssueData = Data<Rest['issues']['get']>;

export type UserJson = Pick<
  NonNullable<PullData['user']>,
  'login' | 'id' | 'node_id' | 'type' | 'site_admin' | 'url' | 'html_url' | 'avatar_url'
>;
export type LabelJson = Pick<
  Data<Rest['issues']['getLabel']>,
  'id' | 'node_id' | 'url' | 'name' | 'color' | 'default' | 'description'
>;
export type RepoJson = Pick<
  Data<Rest['repos']['get']>,
  | 'id'
  | 'node_id'
  | 'name'
  | 'full_name'
  | 'private'
  | 'html_url'
  | 'url'
  | 'default_branch'
  | 'fork'
  | 'visibility'
> & { owner: UserJson };
export type BranchJson = Pick<PullData['head'], 'label' | 'ref' | 'sha'> & { user: UserJson; repo: RepoJson };
export type PullJson = Pick<
  PullData,
  | 'url'
  | 'id'
  | 'node_id'
  | 'html_url'
  | 'diff_url'
  | 'patch_url'
  | 'issue_url'
  | 'number'
  | 'state'
  | 'locked'
  | 'title'
  | 'body'
  | 'created_at'
  | 'updated_at'
  | 'closed_at'
  | 'merged_at'
  | 'merge_commit_sha'
  | 'draft'
  | 'merged'
  | 'mergeable'
  | 'mergeable_state'
  | 'comments'
  | 'review_comments'
  | 'commits'
  | 'additions'
  | 'deletions'
  | 'changed_files'
  | 'maintainer_can_modify'
  | 'author_association'
  | 'auto_merge'
  | 'assignees'
  | 'milestone'
> & {
  user: UserJson;
  labels: LabelJson[];
  head: BranchJson;
  base: BranchJson;
  merged_by: UserJson | null;
};
export type IssueJson = Pick<
  IssueData,
  | 'id'
  | 'node_id'
  | 'url'
  | 'repository_url'
  | 'html_url'
  | 'number'
  | 'state'
  | 'state_reason'
  | 'title'
  | 'body'
  | 'locked'
  | 'comments'
  | 'created_at'
  | 'updated_at'
  | 'closed_at'
  | 'author_association'
  | 'assignees'
  | 'milestone'
> & {
  user: UserJson;
  labels: LabelJson[];
  closed_by: UserJson | null;
  pull_request?: {
    url: string;
    html_url: string;
    diff_url: string;
    patch_url: string;
    merged_at: string | null;
  };
};
export type CommentJson = Pick<
  Data<Rest['issues']['getComment']>,
  | 'id'
  | 'node_id'
  | 'url'
  | 'html_url'
  | 'issue_url'
  | 'body'
  | 'created_at'
  | 'updated_at'
  | 'author_association'
> & { user: UserJson };
export type ReviewJson = Pick<
  Data<Rest['pulls']['getReview']>,
  | 'id'
  | 'node_id'
  | 'body'
  | 'state'
  | 'html_url'
  | 'pull_request_url'
  | 'commit_id'
  | 'submitted_at'
  | 'author_association'
> & { user: UserJson };

export type ReactionJson = Pick<
  Data<Rest['reactions']['createForIssueComment']>,
  'id' | 'node_id' | 'content' | 'created_at'
> & { user: UserJson };

const nodeId = (kind: string, id: number): string => Buffer.from(`0:${kind}${id}`).toString('base64');

/** JSON as the API returns it, built from the state records. */
export class Views {
  constructor(private readonly ctx: FakeContext) {}

  get repoApi(): string {
    return `${this.ctx.apiUrl()}/repos/${this.ctx.fullName}`;
  }

  user(actor: Actor): UserJson {
    return {
      login: actor.login,
      id: actor.id,
      node_id: nodeId('User', actor.id),
      type: actor.type,
      site_admin: false,
      url: `${this.ctx.apiUrl()}/users/${encodeURIComponent(actor.login)}`,
      html_url: `https://github.com/${actor.type === 'Bot' ? `apps/${actor.login.replace('[bot]', '')}` : actor.login}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${actor.id}?v=4`,
    };
  }

  repo(): RepoJson {
    const { ctx } = this;
    return {
      id: ctx.repoId,
      node_id: nodeId('Repository', ctx.repoId),
      name: ctx.repo,
      full_name: ctx.fullName,
      private: ctx.private,
      visibility: ctx.private ? 'private' : 'public',
      fork: false,
      html_url: ctx.htmlUrl,
      url: this.repoApi,
      default_branch: ctx.defaultBranch,
      owner: this.user(ctx.state.user(ctx.owner)),
    };
  }

  label(label: LabelRecord): LabelJson {
    return {
      id: label.id,
      node_id: nodeId('Label', label.id),
      url: `${this.repoApi}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      default: false,
      description: label.description,
    };
  }

  issueLabels(issue: IssueRecord): LabelJson[] {
    return issue.labels.map((name) => this.label(this.ctx.state.ensureLabel(name)));
  }

  association(actor: Actor): 'OWNER' | 'COLLABORATOR' | 'NONE' {
    if (actor.login.toLowerCase() === this.ctx.owner.toLowerCase()) return 'OWNER';
    return this.ctx.state.role(actor.login) === 'none' ? 'NONE' : 'COLLABORATOR';
  }

  commentCount(issue: number): number {
    return [...this.ctx.state.comments.values()].filter((comment) => comment.issue === issue).length;
  }

  issue(issue: IssueRecord): IssueJson {
    const pull = issue.pull;
    const json: IssueJson = {
      id: issue.id,
      node_id: nodeId(pull ? 'PullRequest' : 'Issue', issue.id),
      url: `${this.repoApi}/issues/${issue.number}`,
      repository_url: this.repoApi,
      html_url: `${this.ctx.htmlUrl}/${pull ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.author),
      labels: this.issueLabels(issue),
      assignees: [],
      milestone: null,
      locked: false,
      comments: this.commentCount(issue.number),
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      closed_by: issue.closedBy ? this.user(issue.closedBy) : null,
      author_association: this.association(issue.author),
    };
    if (pull) {
      json.pull_request = {
        url: `${this.repoApi}/pulls/${issue.number}`,
        html_url: `${this.ctx.htmlUrl}/pull/${issue.number}`,
        diff_url: `${this.ctx.htmlUrl}/pull/${issue.number}.diff`,
        patch_url: `${this.ctx.htmlUrl}/pull/${issue.number}.patch`,
        merged_at: pull.mergedAt,
      };
    }
    return json;
  }

  /** `stats` are the diff numbers that need git; the caller computes them. */
  pull(issue: IssueRecord, stats: PullStats): PullJson {
    const pull = issue.pull;
    if (!pull) throw new Error(`#${issue.number} is an issue, not a pull request`);
    const owner = this.user(this.ctx.state.user(this.ctx.owner));
    const branch = (ref: string, sha: string): BranchJson => ({
      label: `${this.ctx.owner}:${ref}`,
      ref,
      sha,
      user: owner,
      repo: this.repo(),
    });
    return {
      url: `${this.repoApi}/pulls/${issue.number}`,
      id: issue.id,
      node_id: nodeId('PullRequest', issue.id),
      html_url: `${this.ctx.htmlUrl}/pull/${issue.number}`,
      diff_url: `${this.ctx.htmlUrl}/pull/${issue.number}.diff`,
      patch_url: `${this.ctx.htmlUrl}/pull/${issue.number}.patch`,
      issue_url: `${this.repoApi}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      locked: false,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.author),
      labels: this.issueLabels(issue),
      assignees: [],
      milestone: null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      merged_at: pull.mergedAt,
      merge_commit_sha: pull.mergeCommitSha,
      head: branch(pull.head, pull.headSha),
      base: branch(pull.base, stats.baseSha),
      draft: pull.draft,
      merged: pull.merged,
      // GitHub computes mergeability in the background; the fake knows at once.
      mergeable: pull.merged || issue.state === 'closed' ? null : stats.mergeable,
      mergeable_state:
        pull.merged || issue.state === 'closed' ? 'unknown' : stats.mergeable ? 'clean' : 'dirty',
      merged_by: pull.mergedBy ? this.user(pull.mergedBy) : null,
      comments: this.commentCount(issue.number),
      review_comments: this.ctx.state.reviews
        .filter((review) => review.pull === issue.number)
        .reduce((sum, review) => sum + review.comments.length, 0),
      commits: stats.commits,
      additions: 0,
      deletions: 0,
      changed_files: stats.changedFiles,
      maintainer_can_modify: false,
      author_association: this.association(issue.author),
      auto_merge: null,
    };
  }

  comment(comment: CommentRecord): CommentJson {
    return {
      id: comment.id,
      node_id: nodeId('IssueComment', comment.id),
      url: `${this.repoApi}/issues/comments/${comment.id}`,
      html_url: `${this.ctx.htmlUrl}/issues/${comment.issue}#issuecomment-${comment.id}`,
      issue_url: `${this.repoApi}/issues/${comment.issue}`,
      body: comment.body,
      user: this.user(comment.author),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: this.association(comment.author),
    };
  }

  reaction(reaction: ReactionRecord): ReactionJson {
    return {
      id: reaction.id,
      node_id: nodeId('Reaction', reaction.id),
      user: this.user(reaction.author),
      content: reaction.content,
      created_at: reaction.createdAt,
    };
  }

  review(review: ReviewRecord): ReviewJson {
    return {
      id: review.id,
      node_id: nodeId('PullRequestReview', review.id),
      user: this.user(review.author),
      body: review.body,
      state: review.state,
      html_url: `${this.ctx.htmlUrl}/pull/${review.pull}#pullrequestreview-${review.id}`,
      pull_request_url: `${this.repoApi}/pulls/${review.pull}`,
      commit_id: review.commitId,
      ...(review.submittedAt ? { submitted_at: review.submittedAt } : {}),
      author_association: this.association(review.author),
    };
  }
}

export interface PullStats {
  baseSha: string;
  mergeable: boolean;
  commits: number;
  changedFiles: number;
}
