import { describe, expect, it } from 'vitest';
import {
  NO_COMMENT_FEEDBACK,
  pendingRequests,
  type RevisionRequest,
  revisionRequests,
} from '../../actions/engine/action/revision-requests.js';
import type { IssueComment } from '../../actions/engine/forge/github/comments.js';
import type { GitHubReview } from '../../actions/engine/forge/github/reviews.js';

const comment = (id: number, body: string, at: string, author = 'maria', type = 'User'): IssueComment => ({
  id,
  author,
  authorType: type,
  body,
  createdAt: at,
  url: `https://github.com/acme/site/pull/7#issuecomment-${id}`,
});
const review = (id: number, state: GitHubReview['state'], body: string, at: string, author = 'maria') =>
  ({
    id,
    author,
    authorType: 'User',
    state,
    body,
    submittedAt: at,
    url: `https://github.com/acme/site/pull/7#pullrequestreview-${id}`,
  }) satisfies GitHubReview;

const T = (minute: number) => `2027-04-01T10:${String(minute).padStart(2, '0')}:00Z`;

describe('revision requests on a pull request', () => {
  it('finds revise comments and change requests, oldest first; bots and other comments are not requests', () => {
    const requests = revisionRequests(
      [
        comment(11, '/crescendo revise shorter', T(5)),
        comment(12, 'looks good', T(6)),
        comment(13, '/crescendo revise', T(9)),
        comment(14, '/crescendo revise from a bot', T(10), 'ci[bot]', 'Bot'),
      ],
      [review(21, 'CHANGES_REQUESTED', 'warmer tone', T(7)), review(22, 'APPROVED', 'ok', T(8))],
    );
    expect(requests.map((r) => [r.id, r.feedback])).toEqual([
      ['comment:11', 'shorter'],
      ['review:21', 'warmer tone'],
      ['comment:13', NO_COMMENT_FEEDBACK],
    ]);
    expect(requests[1]).toMatchObject({ via: 'review', number: 21, author: 'maria' });
  });

  it('a change request with only inline comments asks for what they say, nothing vaguer', () => {
    const inline = { id: 31, path: 'content/c/blog/a.md', line: 4, body: 'cut this', author: 'maria' };
    const [withComments, bare] = revisionRequests(
      [],
      [
        { ...review(23, 'CHANGES_REQUESTED', '', T(1)), comments: [inline] },
        review(24, 'CHANGES_REQUESTED', ' ', T(2)),
      ],
    );
    expect(withComments?.feedback).toBe('');
    expect(bare?.feedback).toBe(NO_COMMENT_FEEDBACK);
  });

  const all = revisionRequests(
    [comment(11, '/crescendo revise a', T(1)), comment(12, '/crescendo revise b', T(2))],
    [review(21, 'CHANGES_REQUESTED', 'c', T(3))],
  );

  it('a replay of an applied request finds nothing to do', () => {
    expect(pendingRequests(all, ['comment:11', 'comment:12', 'review:21'], all[0])).toEqual([]);
  });

  it('requests whose runs were dropped or queued are applied together, in order', () => {
    expect(pendingRequests(all, ['comment:11'], all[2]).map((r) => r.id)).toEqual([
      'comment:12',
      'review:21',
    ]);
    expect(pendingRequests(all, [], all[0]).map((r) => r.id)).toEqual([
      'comment:11',
      'comment:12',
      'review:21',
    ]);
  });

  it('nothing older than the newest applied request comes back', () => {
    expect(pendingRequests(all, ['comment:12'], all[2]).map((r) => r.id)).toEqual(['review:21']);
  });

  it('the request the event names counts even when the listing does not show it yet', () => {
    const named: RevisionRequest = {
      id: 'comment:99',
      via: 'comment',
      number: 99,
      author: 'maria',
      feedback: 'd',
      at: T(30),
      url: '',
    };
    expect(pendingRequests(all, ['comment:11', 'comment:12', 'review:21'], named).map((r) => r.id)).toEqual([
      'comment:99',
    ]);
  });
});
