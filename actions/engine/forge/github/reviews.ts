import type { PostedReview, Review, ReviewComment, ReviewDraft } from '../forge.js';
import type { RepoApi } from './client.js';
import { isHttpError, messageOf } from './errors.js';
import { isAuthoredBy } from './identity.js';

/*
 * Pull request reviews over REST: `POST /repos/{owner}/{repo}/pulls/{n}/reviews` with `comments` (each
 * `path`, `line`, `side: RIGHT`, `body`), and their reading back with `GET …/reviews` plus
 * `GET …/pulls/{n}/comments` (review comments carry `pull_request_review_id`).
 *
 * GitHub's rules the review must live with:
 * - a comment's line must be in the pull request's diff (a changed line or a context line of a hunk), or the
 *   whole review fails with 422 "Pull request review thread line must be part of the diff"; the review
 *   endpoint has no file-level comments (`subject_type` exists only on single review comments);
 * - the pull request's author can neither approve nor request changes on it (422 "Can not request changes
 *   on your own pull request"), and Crescendo opened the pull request.
 * So REQUEST_CHANGES on a pull request the token opened is posted as COMMENT from the start (one write, not
 * a refused one and a retry), a refused REQUEST_CHANGES is posted as COMMENT, and comments GitHub cannot
 * anchor are folded into the body: the review is never lost.
 */

const OWN_PULL = /can not request changes on your own pull request/i;
const NOT_IN_DIFF =
  /part of the diff|could not be resolved|review comments is invalid|review threads is invalid/i;

/** Why a 422 refused the review, when it is one we can work around. */
function refusal(error: unknown): 'own-pull' | 'anchors' | undefined {
  if (!isHttpError(error) || error.status !== 422) return undefined;
  const message = messageOf(error);
  if (OWN_PULL.test(message)) return 'own-pull';
  if (NOT_IN_DIFF.test(message)) return 'anchors';
  return undefined;
}

const OWN_PULL_NOTE =
  '> **Changes requested.** GitHub does not let the identity that opened a pull request request changes on it, so this review is posted as a comment. Assets with a blocker stay `changes-requested` when this pull request is merged.';

const foldedComments = (comments: ReviewDraft['comments']): string =>
  [
    '### Comments GitHub could not place on a line',
    ...comments.map((c) => `- \`${c.path}:${c.line}\`: ${c.body.replace(/\s*\n\s*/g, ' ')}`),
  ].join('\n');

/**
 * Posts one review. `me` is the login the token acts as (undefined when GitHub would not say: then a bot
 * author is taken as us, see identity.ts).
 */
export async function createPullReview(
  api: RepoApi,
  number: number,
  draft: ReviewDraft,
  me: string | undefined,
): Promise<PostedReview> {
  const { octokit, owner, repo } = api;
  let event = draft.event;
  let body = draft.body;
  let comments = draft.comments;
  if (event === 'REQUEST_CHANGES') {
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    if (isAuthoredBy(pull.user, me)) {
      event = 'COMMENT';
      body = `${OWN_PULL_NOTE}\n\n${body}`;
    }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: number,
        event,
        body,
        comments: comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT', body: c.body })),
      });
      return { id: data.id, event, inlineComments: comments.length, url: data.html_url };
    } catch (error) {
      const why = refusal(error);
      if (!why || attempt >= 2) throw error;
      if (why === 'own-pull' && event === 'REQUEST_CHANGES') {
        event = 'COMMENT';
        body = `${OWN_PULL_NOTE}\n\n${body}`;
      } else if (why === 'anchors' && comments.length > 0) {
        body = `${body}\n\n${foldedComments(comments)}`;
        comments = [];
      } else throw error;
    }
  }
}

const REVIEW_STATES = new Set<Review['state']>(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED']);

/** A submitted review as GitHub has it: the engine's `Review` plus what identifies and links it. */
export interface GitHubReview extends Review {
  id: number;
  /** `User` or `Bot`. */
  authorType: string;
  url: string;
}

/** Submitted reviews, oldest first (pending and dismissed ones left out), each with its inline comments. */
export async function listPullReviews(api: RepoApi, number: number): Promise<GitHubReview[]> {
  const { octokit, owner, repo } = api;
  const [reviews, comments] = await Promise.all([
    octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 }),
    octokit.paginate(octokit.rest.pulls.listReviewComments, {
      owner,
      repo,
      pull_number: number,
      per_page: 100,
    }),
  ]);
  const byReview = new Map<number, ReviewComment[]>();
  for (const comment of comments) {
    const reviewId = comment.pull_request_review_id;
    if (reviewId === null || reviewId === undefined) continue;
    const list = byReview.get(reviewId) ?? [];
    list.push({
      id: comment.id,
      path: comment.path,
      ...(typeof comment.line === 'number' ? { line: comment.line } : {}),
      body: comment.body,
      author: comment.user?.login ?? 'ghost',
    });
    byReview.set(reviewId, list);
  }
  return reviews.flatMap((review): GitHubReview[] =>
    REVIEW_STATES.has(review.state as Review['state'])
      ? [
          {
            id: review.id,
            author: review.user?.login ?? 'ghost',
            authorType: review.user?.type ?? 'User',
            state: review.state as Review['state'],
            body: review.body ?? '',
            submittedAt: review.submitted_at ?? '',
            url: review.html_url,
            comments: byReview.get(review.id) ?? [],
          },
        ]
      : [],
  );
}
