import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubForge } from '../../actions/engine/forge/github/github-forge.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../fakes/github/index.js';

let fake: FakeGitHub;
const open = (token: string, login?: string) =>
  GitHubForge.create({
    token,
    ...(login ? { login } : {}),
    owner: 'acme',
    repo: 'site',
    baseUrl: fake.url,
    throttle: { minTimeMs: 0, retryBaseMs: 10 },
    log: () => {},
  });

const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
let pull: number;

beforeAll(async () => {
  fake = await startFakeGitHub({
    owner: 'acme',
    repo: 'site',
    collaborators: { maria: 'write' },
    tokens: { [DEFAULT_TOKEN]: 'github-actions[bot]', 'maria-token': 'maria' },
  });
  await fake.seed({ 'content/c/a.md': `${lines.join('\n')}\n` }, 'asset');
  const forge = await open(DEFAULT_TOKEN);
  await forge.commitFiles({
    branch: 'crescendo/c/review',
    base: 'main',
    message: 'review',
    changes: [
      {
        path: 'content/c/a.md',
        content: `${lines.map((l, i) => (i === 4 ? 'status: approved' : l)).join('\n')}\n`,
      },
    ],
  });
  pull = (
    await forge.openOrUpdatePullRequest({
      branch: 'crescendo/c/review',
      base: 'main',
      title: 'Review',
      body: '',
      labels: [],
    })
  ).number;
});

afterAll(async () => {
  await fake?.close();
});

describe('posting a review on GitHub', () => {
  it('posts inline comments on changed and context lines, and lists them back with their review', async () => {
    const forge = await open('maria-token');
    const posted = await forge.createReview(pull, {
      body: 'Two notes.',
      event: 'REQUEST_CHANGES',
      comments: [
        { path: 'content/c/a.md', line: 5, body: 'on the change' },
        { path: 'content/c/a.md', line: 8, body: 'on a context line' },
      ],
    });
    expect(posted).toMatchObject({ event: 'REQUEST_CHANGES', inlineComments: 2 });
    const [review] = await forge.listReviews(pull);
    expect(review).toMatchObject({ author: 'maria', state: 'CHANGES_REQUESTED', id: posted.id });
    expect(review?.comments?.map((c) => [c.path, c.line, c.body, c.author])).toEqual([
      ['content/c/a.md', 5, 'on the change', 'maria'],
      ['content/c/a.md', 8, 'on a context line', 'maria'],
    ]);
  });

  const reviewPosts = () =>
    fake.requests.filter((r) => r.route === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews');

  it('posts changes requested on the PR Crescendo opened as a comment, saying so, in one write', async () => {
    const forge = await open(DEFAULT_TOKEN);
    const before = reviewPosts().length;
    const posted = await forge.createReview(pull, {
      body: 'A blocker.',
      event: 'REQUEST_CHANGES',
      comments: [{ path: 'content/c/a.md', line: 5, body: 'blocker here' }],
    });
    expect(posted.event).toBe('COMMENT');
    expect(
      reviewPosts()
        .slice(before)
        .map((r) => r.status),
    ).toEqual([200]);
    const review = fake.reviews(pull).find((r) => r.id === posted.id);
    expect(review?.state).toBe('COMMENTED');
    expect(review?.body).toMatch(/^> \*\*Changes requested\.\*\*[\s\S]*A blocker\.$/);
  });

  it("posts as a comment when GitHub refuses REQUEST_CHANGES from the PR's author it did not know", async () => {
    // Told it acts as someone else, the forge asks for changes; GitHub's 422 turns it into a comment.
    const forge = await open(DEFAULT_TOKEN, 'someone-else');
    const before = reviewPosts().length;
    const posted = await forge.createReview(pull, {
      body: 'A blocker.',
      event: 'REQUEST_CHANGES',
      comments: [{ path: 'content/c/a.md', line: 5, body: 'blocker here' }],
    });
    expect(posted.event).toBe('COMMENT');
    expect(
      reviewPosts()
        .slice(before)
        .map((r) => r.status),
    ).toEqual([422, 200]);
    expect(fake.reviews(pull).find((r) => r.id === posted.id)?.body).toMatch(/^> \*\*Changes requested/);
  });

  it('folds comments GitHub cannot place on a line into the body, so the review is not lost', async () => {
    const forge = await open(DEFAULT_TOKEN);
    const posted = await forge.createReview(pull, {
      body: 'Findings.',
      event: 'COMMENT',
      comments: [{ path: 'content/c/a.md', line: 18, body: 'far from the change' }],
    });
    expect(posted.inlineComments).toBe(0);
    const review = fake.reviews(pull).find((r) => r.id === posted.id);
    expect(review?.body).toContain('- `content/c/a.md:18`: far from the change');
    const refused = fake.requests.filter(
      (r) => r.route === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews' && r.status === 422,
    );
    expect(refused.length).toBeGreaterThan(0);
  });
});
