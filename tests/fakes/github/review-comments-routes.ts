import type { RestEndpointMethodTypes } from '@octokit/rest';
import type { FakeContext } from './context.js';
import { routeNumber } from './input.js';
import { findPull } from './pull-logic.js';
import { page } from './respond.js';
import type { Route } from './router.js';
import type { ReviewCommentRecord, ReviewRecord } from './state.js';
import type { UserJson, Views } from './views.js';

type ReviewCommentData = RestEndpointMethodTypes['pulls']['listReviewComments']['response']['data'][number];
/** A review comment as the list endpoint shows it: Octokit's own type, fields nobody reads left out. */
export type ReviewCommentJson = Pick<
  ReviewCommentData,
  | 'url'
  | 'id'
  | 'node_id'
  | 'pull_request_review_id'
  | 'diff_hunk'
  | 'path'
  | 'commit_id'
  | 'original_commit_id'
  | 'body'
  | 'created_at'
  | 'updated_at'
  | 'html_url'
  | 'pull_request_url'
  | 'author_association'
  | '_links'
  | 'line'
  | 'original_line'
  | 'side'
  | 'start_line'
> & { user: UserJson };

export function reviewCommentJson(
  ctx: FakeContext,
  views: Views,
  review: ReviewRecord,
  comment: ReviewCommentRecord,
): ReviewCommentJson {
  const id = comment.id ?? 0;
  const url = `${views.repoApi}/pulls/comments/${id}`;
  const html = `${ctx.htmlUrl}/pull/${review.pull}#discussion_r${id}`;
  const pull = `${views.repoApi}/pulls/${review.pull}`;
  const at = review.submittedAt ?? ctx.state.timestamp();
  return {
    url,
    id,
    node_id: Buffer.from(`0:PullRequestReviewComment${id}`).toString('base64'),
    pull_request_review_id: review.id,
    diff_hunk: comment.diffHunk ?? '',
    path: comment.path,
    commit_id: review.commitId,
    original_commit_id: review.commitId,
    user: views.user(review.author),
    body: comment.body,
    created_at: at,
    updated_at: at,
    html_url: html,
    pull_request_url: pull,
    author_association: views.association(review.author),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pull } },
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    start_line: comment.startLine,
  };
}

/** Review comments of a pull request (`pulls.listReviewComments`), oldest first; pending reviews' only to their author. */
export function reviewCommentsRoutes(ctx: FakeContext, views: Views): Route[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      async handle(request) {
        const number = routeNumber(request.params.pull_number);
        findPull(ctx, number);
        const comments = ctx.state.reviews
          .filter(
            (review) =>
              review.pull === number &&
              (review.state !== 'PENDING' || review.author.login === request.actor?.login),
          )
          .flatMap((review) =>
            review.comments.map((comment) => reviewCommentJson(ctx, views, review, comment)),
          );
        return page(request, comments);
      },
    },
  ];
}
