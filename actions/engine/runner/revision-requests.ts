import { contentDir } from '../artifacts/asset.js';
import { REVIEW_COMMENT_MARKER } from '../artifacts/review.js';
import type { Forge, Review, ReviewComment } from '../forge/forge.js';
import type { AssetRevision } from '../stages/stage.js';

/*
 * What a revision asks for, read from its requests: revise commands (`/crescendo revise …`, the CLI's
 * `--feedback`), review bodies, and the inline comments people left on the pull request's lines.
 *
 *   content/<id>/blog/2027-04-13-guide.md shorter intro     → that asset only, with the words as feedback
 *   content/<id>/blog/2027-04-13-guide.md:42 cut this       → the same, about line 42
 *   --changes-requested [more]                              → every asset the review sent back
 *   anything else                                           → feedback for the whole stage
 *
 * An inline comment on an asset's line names that asset, with the comment (and the words of its line, which
 * the stage reads) as its feedback. Crescendo's own comments (they end with a marker) are not requests;
 * comments already applied by an earlier revision are skipped, by id.
 */

export interface RevisionRequests {
  /** Feedback for the whole stage. */
  general: string[];
  assets: AssetRevision[];
  changesRequested: boolean;
  /** Ids to record as applied (`review-comment:<id>`). */
  applied: string[];
}

const ASSET_PATH = /^`?((?:\.\/)?[\w.-]+(?:\/[\w.-]+)+\.(?:md|html))(?::(\d+))?`?(?:\s+|$)([\s\S]*)$/;
const CHANGES_REQUESTED = /^(?:--)?changes-requested\b\s*([\s\S]*)$/i;

export const appliedCommentId = (id: number): string => `review-comment:${id}`;

/** One request's text, read as above. */
export function parseRevisionText(text: string): {
  asset?: { path: string; line?: number };
  changesRequested: boolean;
  rest: string;
} {
  const trimmed = text.trim();
  const all = CHANGES_REQUESTED.exec(trimmed);
  if (all) return { changesRequested: true, rest: (all[1] ?? '').trim() };
  const named = ASSET_PATH.exec(trimmed);
  if (named?.[1]) {
    return {
      asset: { path: named[1].replace(/^\.\//, ''), ...(named[2] ? { line: Number(named[2]) } : {}) },
      changesRequested: false,
      rest: (named[3] ?? '').trim(),
    };
  }
  return { changesRequested: false, rest: trimmed };
}

/** The inline comments of these reviews that no revision has applied yet (Crescendo's own left out). */
export function unappliedLineComments(
  reviews: readonly Pick<Review, 'comments'>[],
  applied: readonly string[],
): ReviewComment[] {
  return reviews
    .flatMap((r) => r.comments ?? [])
    .filter((c) => !c.body.includes(REVIEW_COMMENT_MARKER) && !applied.includes(appliedCommentId(c.id)));
}

/** Inline comments people left on the pull request that no revision has applied yet, oldest first. */
export async function pendingLineComments(
  forge: Pick<Forge, 'listReviews'>,
  pr: number,
  applied: readonly string[],
): Promise<ReviewComment[]> {
  return unappliedLineComments(await forge.listReviews(pr), applied);
}

/** Sorts requests into whole-stage feedback and per-asset revisions (assets only under `content/<id>/`). */
export function revisionRequests(
  campaignId: string,
  feedback: readonly string[],
  comments: readonly ReviewComment[],
): RevisionRequests {
  const requests: RevisionRequests = { general: [], assets: [], changesRequested: false, applied: [] };
  const isAsset = (path: string) =>
    path.startsWith(`${contentDir(campaignId)}/`) && !path.endsWith('/index.md');
  const addAsset = (path: string, note: AssetRevision['notes'][number]) => {
    const have = requests.assets.find((a) => a.path === path);
    if (have) have.notes.push(note);
    else requests.assets.push({ path, notes: [note] });
  };
  for (const text of feedback) {
    const parsed = parseRevisionText(text);
    if (parsed.changesRequested) {
      requests.changesRequested = true;
      if (parsed.rest) requests.general.push(parsed.rest);
    } else if (parsed.asset && isAsset(parsed.asset.path)) {
      addAsset(parsed.asset.path, {
        text: parsed.rest || 'Improve it: the reviewer gave no detail.',
        ...(parsed.asset.line ? { line: parsed.asset.line } : {}),
      });
    } else if (parsed.rest) requests.general.push(text.trim());
  }
  for (const comment of comments) {
    requests.applied.push(appliedCommentId(comment.id));
    if (isAsset(comment.path)) {
      addAsset(comment.path, { text: comment.body.trim(), ...(comment.line ? { line: comment.line } : {}) });
    } else {
      requests.general.push(
        `On ${comment.path}${comment.line ? ` line ${comment.line}` : ''}: ${comment.body.trim()}`,
      );
    }
  }
  return requests;
}

/** The requests as plain feedback, for a stage that cannot revise single assets. */
export const asPlainFeedback = (requests: RevisionRequests): string[] => [
  ...requests.general,
  ...requests.assets.flatMap((a) =>
    a.notes.map((n) => `On ${a.path}${n.line ? ` line ${n.line}` : ''}: ${n.text}`),
  ),
];
