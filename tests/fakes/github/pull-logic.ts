import { ApiError, validationFailed } from './api-error.js';
import { type FakeContext, isActionsBot } from './context.js';
import { identity } from './identity.js';
import type { Actor, IssueRecord, PullFields } from './state.js';
import type { PullJson, PullStats, Views } from './views.js';

// Pull request behaviour shared by the REST routes and the helpers tests use to act as humans.

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface NewPull {
  title: string;
  /** `branch` or `owner:branch`. */
  head: string;
  base: string;
  body: string | null;
  draft: boolean;
}

export function findPull(ctx: FakeContext, number: number): IssueRecord & { pull: PullFields } {
  const issue = ctx.state.issues.get(number);
  if (!issue?.pull) throw new ApiError(404, 'Not Found');
  return issue as IssueRecord & { pull: PullFields };
}

/** An open PR's head follows its branch (pushes update it); closed ones keep the sha they ended on. */
export async function refreshHead(ctx: FakeContext, issue: IssueRecord): Promise<void> {
  if (!issue.pull || issue.state !== 'open') return;
  const sha = await ctx.git.refSha(`refs/heads/${issue.pull.head}`);
  if (sha) issue.pull.headSha = sha;
}

export async function pullStats(ctx: FakeContext, pull: PullFields): Promise<PullStats> {
  const baseSha = (await ctx.git.refSha(`refs/heads/${pull.base}`)) ?? pull.headSha;
  const mergeable =
    (await ctx.git.isAncestor(baseSha, pull.headSha)) ||
    (await ctx.git.mergeTrees(baseSha, pull.headSha)) !== undefined;
  // After a merge the base contains the head, so count against the merge commit's first parent.
  const countFrom = pull.mergeCommitSha
    ? ((await ctx.git.readCommit(pull.mergeCommitSha)).parents[0] ?? baseSha)
    : baseSha;
  return {
    baseSha,
    mergeable,
    commits: await ctx.git.commitCount(countFrom, pull.headSha),
    changedFiles: (await ctx.git.changedFiles(countFrom, pull.headSha)).length,
  };
}

export async function pullJson(ctx: FakeContext, views: Views, issue: IssueRecord): Promise<PullJson> {
  await refreshHead(ctx, issue);
  if (!issue.pull) throw new ApiError(404, 'Not Found');
  return views.pull(issue, await pullStats(ctx, issue.pull));
}

/** The branch a `head` names, refusing other owners (the fake has no forks). */
export function headBranch(ctx: FakeContext, head: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  return head.slice(0, colon).toLowerCase() === ctx.owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

export async function createPull(ctx: FakeContext, actor: Actor, input: NewPull): Promise<IssueRecord> {
  if (isActionsBot(actor) && !ctx.settings.actionsCanCreatePullRequests) {
    throw new ApiError(403, 'GitHub Actions is not permitted to create or approve pull requests.');
  }
  const branch = headBranch(ctx, input.head);
  const headSha = branch ? await ctx.git.refSha(`refs/heads/${branch}`) : undefined;
  const baseSha = await ctx.git.refSha(`refs/heads/${input.base}`);
  if (!branch || !headSha)
    throw validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' });
  if (!baseSha) throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
  const duplicate = ctx.state.pulls().find((issue) => issue.state === 'open' && issue.pull?.head === branch);
  if (duplicate) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      message: `A pull request already exists for ${ctx.owner}:${branch}.`,
    });
  }
  if ((await ctx.git.commitCount(baseSha, headSha)) === 0) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      message: `No commits between ${input.base} and ${branch}`,
    });
  }
  const now = ctx.state.timestamp();
  const issue: IssueRecord = {
    number: ctx.state.nextNumber(),
    id: ctx.state.nextId(),
    title: input.title,
    body: input.body,
    state: 'open',
    stateReason: null,
    author: actor,
    labels: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    pull: {
      head: branch,
      base: input.base,
      headSha,
      draft: input.draft,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
    },
  };
  ctx.state.issues.set(issue.number, issue);
  return issue;
}

export interface MergeRequest {
  by: Actor;
  method?: MergeMethod;
  commitTitle?: string;
  commitMessage?: string;
  /** The head sha the merger saw; a different current head → 409. */
  sha?: string;
}

/** Merges like the merge button: the base branch moves, the PR is closed and marked merged. */
export async function mergePull(ctx: FakeContext, number: number, request: MergeRequest): Promise<string> {
  return ctx.exclusive(async () => {
    const issue = findPull(ctx, number);
    await refreshHead(ctx, issue);
    const pull = issue.pull;
    if (issue.state !== 'open' || pull.merged) throw new ApiError(405, 'Pull Request is not mergeable');
    if (pull.draft) throw new ApiError(405, 'Pull Request is still a draft');
    if (request.sha !== undefined && request.sha !== pull.headSha) {
      throw new ApiError(409, 'Head branch was modified. Review and try the merge again.');
    }
    const baseRef = `refs/heads/${pull.base}`;
    const baseSha = await ctx.git.refSha(baseRef);
    if (!baseSha) throw new ApiError(405, 'Pull Request is not mergeable');
    const now = ctx.state.timestamp();
    const author = identity(request.by, now);
    const committer = { name: 'GitHub', email: 'noreply@github.com', date: now };
    const method = request.method ?? 'merge';
    let mergeSha: string;
    if (method === 'rebase') {
      // Only the fast-forward case: replaying commits needs `merge-tree --merge-base` (git ≥ 2.40).
      if (!(await ctx.git.isAncestor(baseSha, pull.headSha)))
        throw new ApiError(405, "This branch can't be rebased");
      mergeSha = pull.headSha;
    } else {
      const tree = (await ctx.git.isAncestor(baseSha, pull.headSha))
        ? (await ctx.git.readCommit(pull.headSha)).tree
        : await ctx.git.mergeTrees(baseSha, pull.headSha);
      if (!tree) throw new ApiError(405, 'Pull Request is not mergeable');
      const title =
        request.commitTitle ??
        (method === 'merge'
          ? `Merge pull request #${number} from ${ctx.owner}/${pull.head}`
          : `${issue.title} (#${number})`);
      const message = request.commitMessage ?? (method === 'merge' ? issue.title : (issue.body ?? ''));
      const parents = method === 'merge' ? [baseSha, pull.headSha] : [baseSha];
      mergeSha = await ctx.git.commitTree(
        tree,
        parents,
        message ? `${title}\n\n${message}` : title,
        author,
        committer,
      );
    }
    await ctx.git.setRef(baseRef, mergeSha, baseSha);
    Object.assign(pull, { merged: true, mergedAt: now, mergedBy: request.by, mergeCommitSha: mergeSha });
    Object.assign(issue, { state: 'closed', closedAt: now, updatedAt: now, closedBy: request.by });
    if (ctx.settings.deleteBranchOnMerge) await ctx.git.deleteRef(`refs/heads/${pull.head}`);
    return mergeSha;
  });
}

/** GitHub closes open pull requests whose head branch is deleted. */
export function closePullsOfDeletedBranch(ctx: FakeContext, branch: string): void {
  const now = ctx.state.timestamp();
  for (const issue of ctx.state.pulls()) {
    if (issue.state === 'open' && issue.pull?.head === branch) {
      Object.assign(issue, { state: 'closed', closedAt: now, updatedAt: now });
    }
  }
}
