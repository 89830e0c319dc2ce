import { describe, expect, it } from 'vitest';
import { REVIEW_COMMENT_MARKER } from '../../actions/engine/artifacts/review.js';
import type { ReviewComment } from '../../actions/engine/forge/forge.js';
import {
  appliedCommentId,
  asPlainFeedback,
  parseRevisionText,
  revisionRequests,
  unappliedLineComments,
} from '../../actions/engine/runner/revision-requests.js';

const ID = 'q2-2027-launch';
const EMAIL = `content/${ID}/email/2027-04-13-playbook-nurture.md`;
const comment = (id: number, path: string, body: string, line?: number): ReviewComment => ({
  id,
  path,
  body,
  author: 'maria',
  ...(line ? { line } : {}),
});

describe('what a revision asks for', () => {
  it('reads an asset path (with a line) at the start of a request, or every asset sent back', () => {
    expect(parseRevisionText(`${EMAIL}:42 cut this`)).toEqual({
      asset: { path: EMAIL, line: 42 },
      changesRequested: false,
      rest: 'cut this',
    });
    expect(parseRevisionText(`\`./${EMAIL}\` shorter subject lines`)).toMatchObject({
      asset: { path: EMAIL },
      rest: 'shorter subject lines',
    });
    expect(parseRevisionText('changes-requested keep the tone')).toEqual({
      changesRequested: true,
      rest: 'keep the tone',
    });
    expect(parseRevisionText('Lean harder on LinkedIn Ads')).toEqual({
      changesRequested: false,
      rest: 'Lean harder on LinkedIn Ads',
    });
  });

  it("sorts requests into per-asset notes (an inline comment's line included) and whole-stage feedback", () => {
    const requests = revisionRequests(
      ID,
      [`${EMAIL} link the buttons to the form`, 'warmer overall', '--changes-requested'],
      [
        comment(7, EMAIL, 'this anchor does not exist', 23),
        comment(8, `plans/${ID}-strategy.md`, 'not an asset', 4),
        comment(9, `content/${ID}/index.md`, 'the index is not an asset'),
      ],
    );
    expect(requests.assets).toEqual([
      {
        path: EMAIL,
        notes: [{ text: 'link the buttons to the form' }, { text: 'this anchor does not exist', line: 23 }],
      },
    ]);
    expect(requests.general).toEqual([
      'warmer overall',
      `On plans/${ID}-strategy.md line 4: not an asset`,
      `On content/${ID}/index.md: the index is not an asset`,
    ]);
    expect(requests.changesRequested).toBe(true);
    expect(requests.applied).toEqual([7, 8, 9].map(appliedCommentId));
    // A stage that cannot revise single assets gets every request as plain feedback.
    expect(asPlainFeedback(requests)).toContain(`On ${EMAIL} line 23: this anchor does not exist`);
  });

  it("leaves out Crescendo's own comments and those a revision already applied", () => {
    const reviews = [
      {
        comments: [
          comment(1, EMAIL, `blocker · links ${REVIEW_COMMENT_MARKER}`, 8),
          comment(2, EMAIL, 'applied before', 8),
          comment(3, EMAIL, 'new', 9),
        ],
      },
      {},
    ];
    expect(unappliedLineComments(reviews, [appliedCommentId(2)]).map((c) => c.id)).toEqual([3]);
  });
});
