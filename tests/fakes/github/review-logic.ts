import { ApiError } from './api-error.js';
import { type FakeContext, isActionsBot } from './context.js';
import { hunkOf, hunkText, parseHunks } from './diff.js';
import { findPull, refreshHead } from './pull-logic.js';
import type { Actor, ReviewCommentRecord, ReviewRecord, ReviewState } from './state.js';

export type ReviewEvent = 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT';

const STATE_OF_EVENT: Record<ReviewEvent, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

export interface NewReview {
  author: Actor;
  /** No event: a pending review, as the API creates it. */
  event?: ReviewEvent;
  body: string;
  commitId?: string;
  comments: ReviewCommentRecord[];
}

// Review refusals come as 422 "Unprocessable Entity" with bare strings in `errors`.
const unprocessable = (...errors: string[]) => new ApiError(422, 'Unprocessable Entity', errors);

export async function createReview(
  ctx: FakeContext,
  number: number,
  input: NewReview,
): Promise<ReviewRecord> {
  const issue = findPull(ctx, number);
  await refreshHead(ctx, issue);
  const ownPull = issue.author.login.toLowerCase() === input.author.login.toLowerCase();
  if (input.event === 'APPROVE' && isActionsBot(input.author) && !ctx.settings.actionsCanCreatePullRequests) {
    throw unprocessable('GitHub Actions is not permitted to approve pull requests.');
  }
  if (ownPull && input.event === 'APPROVE')
    throw unprocessable('Review Can not approve your own pull request');
  if (ownPull && input.event === 'REQUEST_CHANGES') {
    throw unprocessable('Review Can not request changes on your own pull request');
  }
  if (input.event === 'REQUEST_CHANGES' && input.body.trim() === '') {
    throw unprocessable('Review body is required when requesting changes');
  }
  if (input.event === 'COMMENT' && input.body.trim() === '' && input.comments.length === 0) {
    throw unprocessable('Review body is required when commenting');
  }
  const hunks = await assertCommentsInDiff(ctx, issue.pull.base, issue.pull.headSha, input.comments);
  const review: ReviewRecord = {
    id: ctx.state.nextId(),
    pull: number,
    author: input.author,
    state: input.event ? STATE_OF_EVENT[input.event] : 'PENDING',
    body: input.body,
    commitId: input.commitId ?? issue.pull.headSha,
    submittedAt: input.event ? ctx.state.timestamp() : null,
    comments: input.comments.map((comment, i) => ({
      ...comment,
      id: ctx.state.nextId(),
      diffHunk: hunks[i] ?? '',
    })),
  };
  ctx.state.reviews.push(review);
  return review;
}

/** GitHub anchors review comments on diff hunks; a line outside them is refused. Answers each `diff_hunk`. */
async function assertCommentsInDiff(
  ctx: FakeContext,
  base: string,
  head: string,
  comments: ReviewCommentRecord[],
): Promise<string[]> {
  const texts: string[] = [];
  if (comments.length === 0) return texts;
  const baseSha = (await ctx.git.refSha(`refs/heads/${base}`)) ?? head;
  const changed = new Set(await ctx.git.changedFiles(baseSha, head));
  for (const comment of comments) {
    if (!changed.has(comment.path)) throw unprocessable('Path could not be resolved');
    const diff = await ctx.git.fileDiff(baseSha, head, comment.path);
    const hunks = parseHunks(diff);
    const hunk = hunkOf(hunks, comment.side, comment.line);
    if (hunk === -1) throw unprocessable('Pull request review thread line must be part of the diff');
    if (comment.startLine !== null && hunkOf(hunks, comment.side, comment.startLine) !== hunk) {
      throw unprocessable('Pull request review thread start line must be part of the same hunk as the line.');
    }
    texts.push(hunkText(diff, hunk, comment.side, comment.line));
  }
  return texts;
}
