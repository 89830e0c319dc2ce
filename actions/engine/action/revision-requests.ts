import type { IssueComment } from '../forge/github/comments.js';
import type { GitHubReview } from '../forge/github/reviews.js';
import { reviseFeedback } from './event-route.js';

/**
 * One request to revise a stage pull request: a `/crescendo revise …` comment, or a review requesting
 * changes. Its id (`comment:<id>`, `review:<id>`) is what the stage's state records once it is applied.
 */
export interface RevisionRequest {
  id: string;
  via: 'comment' | 'review';
  /** The comment's id (for reactions) or the review's. */
  number: number;
  author: string;
  feedback: string;
  /** ISO time it was posted or submitted. */
  at: string;
  url: string;
}

export const NO_COMMENT_FEEDBACK =
  'The reviewer requested changes without a comment: improve the weakest parts.';

export const byBot = (login: string, type: string): boolean => type === 'Bot' || login.endsWith('[bot]');

/** The revise requests among a pull request's comments and reviews, oldest first. Bots never ask. */
export function revisionRequests(
  comments: readonly IssueComment[],
  reviews: readonly GitHubReview[],
): RevisionRequest[] {
  const fromComments = comments.flatMap((c): RevisionRequest[] => {
    const feedback = reviseFeedback(c.body);
    if (feedback === undefined || byBot(c.author, c.authorType)) return [];
    return [
      {
        id: `comment:${c.id}`,
        via: 'comment',
        number: c.id,
        author: c.author,
        feedback: feedback || NO_COMMENT_FEEDBACK,
        at: c.createdAt,
        url: c.url,
      },
    ];
  });
  const fromReviews = reviews.flatMap((r): RevisionRequest[] =>
    r.state !== 'CHANGES_REQUESTED' || byBot(r.author, r.authorType)
      ? []
      : [
          {
            id: `review:${r.id}`,
            via: 'review',
            number: r.id,
            author: r.author,
            // A review whose words are all in its inline comments asks for nothing more than they say.
            feedback: r.body.trim() || (r.comments?.length ? '' : NO_COMMENT_FEEDBACK),
            at: r.submittedAt,
            url: r.url,
          },
        ],
  );
  return [...fromComments, ...fromReviews].sort((a, b) => a.at.localeCompare(b.at) || a.number - b.number);
}

/**
 * The requests still to apply: not applied yet, and posted after the newest one that was (older ones were
 * either applied or superseded by a revision that came after them). A request the event named is always in,
 * unless it was applied: the event is proof it exists even if a listing lags behind.
 */
export function pendingRequests(
  requests: readonly RevisionRequest[],
  applied: readonly string[],
  named?: RevisionRequest,
): RevisionRequest[] {
  const done = new Set(applied);
  const lastApplied = requests
    .filter((r) => done.has(r.id))
    .map((r) => r.at)
    .sort()
    .at(-1);
  const all = named && !requests.some((r) => r.id === named.id) ? [...requests, named] : [...requests];
  return all
    .filter((r) => !done.has(r.id))
    .filter((r) => r === named || r.id === named?.id || lastApplied === undefined || r.at >= lastApplied)
    .sort((a, b) => a.at.localeCompare(b.at) || a.number - b.number);
}
