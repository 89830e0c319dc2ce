import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
// A dependency of both Octokit plugins: the throttling plugin takes its own Bottleneck groups, which
// lets the test lift the plugin's 1 s / 3 s spacing of writes and still exercise its retry logic.
import Bottleneck from 'bottleneck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, type FakeGitHub, secondaryRateLimit, startFakeGitHub } from './github/index.js';

const OWNER = 'acme';
const REPO = 'launchpad';
const repo = { owner: OWNER, repo: REPO };

const TestOctokit = Octokit.plugin(retry, throttling);
/** Octokit logs every failed request; the failures here are on purpose. */
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** plugin-retry retries 405 and 409 too; these tests want the first answer. */
const once = { request: { retries: 0 } };

/** Retries 5xx as in production, but after 10 ms instead of 1 s; no throttling (it spaces writes 1–3 s). */
function client(fake: FakeGitHub, auth: string = DEFAULT_TOKEN) {
  return new TestOctokit({
    auth,
    baseUrl: fake.url,
    retry: { retryAfterBaseValue: 10 },
    throttle: { enabled: false },
    log: quiet,
  });
}

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

async function loadOpenApi(): Promise<OpenApi> {
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  return JSON.parse(await readFile(file, 'utf8')) as OpenApi;
}

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as {
      status: number;
      response: { data: Record<string, unknown>; headers: Record<string, string> };
    };
  }
  throw new Error('expected the request to fail');
};

let fake: FakeGitHub;
let octokit: ReturnType<typeof client>;
/** Every fake of this file, for the closing check of answered statuses against the description. */
const fakes: FakeGitHub[] = [];

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: OWNER, repo: REPO, collaborators: { maria: 'write' } });
  fakes.push(fake);
  octokit = client(fake);
  await fake.seed(
    {
      'README.md': '# Launchpad\n',
      'campaigns/spring/campaign.yml': 'id: spring\nstage: research\n',
      'plans/old.md': 'outdated\n',
    },
    'Initial commit',
  );
});
afterAll(async () => {
  await Promise.all(fakes.map((each) => each.close()));
});

describe('the fake against the OpenAPI description', () => {
  it('serves only method+path pairs that GitHub documents', async () => {
    const spec = await loadOpenApi();
    const undocumented = fake.routes.filter((name) => {
      const [method = '', path = ''] = name.split(' ');
      return spec.paths[path]?.[method.toLowerCase()] === undefined;
    });
    expect(fake.routes.length).toBeGreaterThan(30);
    expect(undocumented).toEqual([]);
  });
});

describe('authentication and headers', () => {
  it('refuses an unknown token with 401 Bad credentials', async () => {
    const error = await errorOf(client(fake, 'expired-token').repos.get(repo));
    expect(error.status).toBe(401);
    expect(error.response.data).toMatchObject({
      message: 'Bad credentials',
      documentation_url: expect.any(String),
    });
  });

  it('accepts "token" and "Bearer" schemes and sends rate-limit headers', async () => {
    const bearer = await fetch(`${fake.url}/repos/${OWNER}/${REPO}`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    });
    expect(bearer.status).toBe(200);
    const response = await octokit.repos.get(repo);
    expect(response.data).toMatchObject({
      full_name: `${OWNER}/${REPO}`,
      default_branch: 'main',
      private: true,
    });
    expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    expect(response.headers['x-ratelimit-limit']).toBe('5000');
  });

  it('hides a private repository from anonymous callers and refuses writes to readers', async () => {
    const anonymous = await fetch(`${fake.url}/repos/${OWNER}/${REPO}`);
    expect(anonymous.status).toBe(404);
    fake.addToken('reader-token', 'rita');
    fake.setPermission('rita', 'read');
    const error = await errorOf(
      client(fake, 'reader-token').issues.createLabel({ ...repo, name: 'x', color: 'ffffff' }),
    );
    expect(error.status).toBe(403);
    fake.revokeToken('reader-token');
  });
});

describe('git data API', () => {
  it('commits several files at once and moves the branch, forcing when asked', async () => {
    const { data: main } = await octokit.git.getRef({ ...repo, ref: 'heads/main' });
    const { data: baseCommit } = await octokit.git.getCommit({ ...repo, commit_sha: main.object.sha });
    const { data: blob } = await octokit.git.createBlob({
      ...repo,
      content: Buffer.from('binary-ish\n').toString('base64'),
      encoding: 'base64',
    });
    const { data: tree } = await octokit.git.createTree({
      ...repo,
      base_tree: baseCommit.tree.sha,
      tree: [
        { path: 'plans/reports/spring-research.md', mode: '100644', type: 'blob', content: '# Research\n' },
        {
          path: 'campaigns/spring/campaign.yml',
          mode: '100644',
          type: 'blob',
          content: 'id: spring\nstage: strategy\n',
        },
        { path: 'assets/raw.txt', mode: '100644', type: 'blob', sha: blob.sha },
        { path: 'plans/old.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    const { data: commit } = await octokit.git.createCommit({
      ...repo,
      message: 'research: spring',
      tree: tree.sha,
      parents: [main.object.sha],
    });
    expect(commit.parents.map((parent) => parent.sha)).toEqual([main.object.sha]);
    expect(commit.author.name).toBe('github-actions[bot]');
    expect(commit.message).toBe('research: spring');

    const created = await octokit.git.createRef({
      ...repo,
      ref: 'refs/heads/crescendo/spring/research',
      sha: commit.sha,
    });
    expect(created.status).toBe(201);
    const again = await errorOf(
      octokit.git.createRef({ ...repo, ref: 'refs/heads/crescendo/spring/research', sha: commit.sha }),
    );
    expect(again.status).toBe(422);
    expect(again.response.data.message).toBe('Reference already exists');

    const { data: listed } = await octokit.git.getTree({ ...repo, tree_sha: commit.sha, recursive: '1' });
    const paths = listed.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path);
    expect(paths.sort()).toEqual([
      'README.md',
      'assets/raw.txt',
      'campaigns/spring/campaign.yml',
      'plans/reports/spring-research.md',
    ]);
    expect(await fake.readFile('campaigns/spring/campaign.yml', 'crescendo/spring/research')).toContain(
      'strategy',
    );

    // A fresh commit on main (not a descendant of the branch) needs force.
    const { data: rewritten } = await octokit.git.createCommit({
      ...repo,
      message: 'research: spring (regenerated)',
      tree: tree.sha,
      parents: [main.object.sha],
    });
    const ff = await errorOf(
      octokit.git.updateRef({ ...repo, ref: 'heads/crescendo/spring/research', sha: rewritten.sha }),
    );
    expect(ff.status).toBe(422);
    expect(ff.response.data.message).toBe('Update is not a fast forward');
    const forced = await octokit.git.updateRef({
      ...repo,
      ref: 'heads/crescendo/spring/research',
      sha: rewritten.sha,
      force: true,
    });
    expect(forced.data.object.sha).toBe(rewritten.sha);
    expect((await fake.branches())['crescendo/spring/research']).toBe(rewritten.sha);

    const { data: readBack } = await octokit.git.getBlob({ ...repo, file_sha: blob.sha });
    expect(Buffer.from(readBack.content, 'base64').toString()).toBe('binary-ish\n');
  });

  it('refuses to delete a path the base tree lacks, and a tree entry with both sha and content', async () => {
    const { data: main } = await octokit.git.getRef({ ...repo, ref: 'heads/main' });
    const { data: commit } = await octokit.git.getCommit({ ...repo, commit_sha: main.object.sha });
    const missing = await errorOf(
      octokit.git.createTree({
        ...repo,
        base_tree: commit.tree.sha,
        tree: [{ path: 'nope.md', mode: '100644', type: 'blob', sha: null }],
      }),
    );
    expect(missing.status).toBe(422);
    const both = await errorOf(
      octokit.git.createTree({
        ...repo,
        tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: main.object.sha, content: 'x' }],
      }),
    );
    expect(both.response.data.message).toMatch(/Must supply either tree.sha or tree.content/);
  });

  it('answers 404 for a missing ref and deletes refs with 204', async () => {
    expect((await errorOf(octokit.git.getRef({ ...repo, ref: 'heads/none' }))).status).toBe(404);
    const { data: main } = await octokit.git.getRef({ ...repo, ref: 'heads/main' });
    await octokit.git.createRef({ ...repo, ref: 'refs/heads/tmp', sha: main.object.sha });
    expect((await octokit.git.deleteRef({ ...repo, ref: 'heads/tmp' })).status).toBe(204);
    expect((await errorOf(octokit.git.deleteRef({ ...repo, ref: 'heads/tmp' }))).status).toBe(422);
  });
});

describe('contents API', () => {
  it('reads a file at a ref as base64, a directory as a list, and 404s the absent', async () => {
    const { data: file } = await octokit.repos.getContent({
      ...repo,
      path: 'plans/reports/spring-research.md',
      ref: 'crescendo/spring/research',
    });
    if (Array.isArray(file) || file.type !== 'file') throw new Error('expected a file');
    expect(file.encoding).toBe('base64');
    expect(Buffer.from(file.content, 'base64').toString()).toBe('# Research\n');

    const { data: dir } = await octokit.repos.getContent({ ...repo, path: 'campaigns/spring' });
    expect(Array.isArray(dir) && dir.map((entry) => [entry.name, entry.type])).toEqual([
      ['campaign.yml', 'file'],
    ]);

    const { data: raw } = await octokit.repos.getContent({
      ...repo,
      path: 'README.md',
      mediaType: { format: 'raw' },
    });
    expect(raw).toBe('# Launchpad\n');

    expect(
      (await errorOf(octokit.repos.getContent({ ...repo, path: 'plans/reports/spring-research.md' }))).status,
    ).toBe(404);
    expect(
      (await errorOf(octokit.repos.getContent({ ...repo, path: 'README.md', ref: 'no-such' }))).status,
    ).toBe(404);
  });
});

describe('pull requests', () => {
  const head = 'crescendo/spring/research';

  it('opens one PR per head, refuses a duplicate with the real 422 body, and finds it by owner:branch', async () => {
    const { data: pull, status } = await octokit.pulls.create({
      ...repo,
      title: 'Research: spring',
      head,
      base: 'main',
      body: 'Findings',
    });
    expect(status).toBe(201);
    expect(pull).toMatchObject({
      state: 'open',
      merged: false,
      merged_at: null,
      head: { ref: head, repo: { full_name: `${OWNER}/${REPO}` } },
      base: { ref: 'main' },
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${pull.number}`,
    });
    expect(pull.head.sha).toBe((await fake.branches())[head]);

    const duplicate = await errorOf(octokit.pulls.create({ ...repo, title: 'again', head, base: 'main' }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${OWNER}:${head}.`,
        },
      ],
    });

    const byHead = await octokit.pulls.list({ ...repo, head: `${OWNER}:${head}`, state: 'all' });
    expect(byHead.data.map((each) => each.number)).toEqual([pull.number]);
    const none = await octokit.pulls.list({ ...repo, head: `${OWNER}:nothing`, state: 'all' });
    expect(none.data).toEqual([]);
    // Like GitHub, a head without `owner:` is ignored rather than matched.
    await fake.seed({ 'x.md': 'x\n' }, 'other', { branch: 'other' });
    const other = await octokit.pulls.create({ ...repo, title: 'Other', head: 'other', base: 'main' });
    const unfiltered = await octokit.pulls.list({ ...repo, head, state: 'all' });
    expect(unfiltered.data).toHaveLength(2);
    const closed = await octokit.pulls.update({ ...repo, pull_number: other.data.number, state: 'closed' });
    expect(closed.data).toMatchObject({ state: 'closed', merged: false });

    const { data: updated } = await octokit.pulls.update({
      ...repo,
      pull_number: pull.number,
      body: 'Findings v2',
    });
    expect(updated.body).toBe('Findings v2');

    const { data: labels } = await octokit.issues.addLabels({
      ...repo,
      issue_number: pull.number,
      labels: ['crescendo', 'stage:research'],
    });
    expect(labels.map((label) => label.name)).toEqual(['crescendo', 'stage:research']);
  });

  it('merges through the API: the base moves, the PR reports merged', async () => {
    const [pull] = (await octokit.pulls.list({ ...repo, head: `${OWNER}:${head}` })).data;
    if (!pull) throw new Error('no PR');
    const stale = await errorOf(
      octokit.pulls.merge({ ...repo, pull_number: pull.number, sha: 'f'.repeat(40), ...once }),
    );
    expect(stale.status).toBe(409);
    const { data: merge } = await octokit.pulls.merge({
      ...repo,
      pull_number: pull.number,
      merge_method: 'squash',
    });
    expect(merge).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    const { data: after } = await octokit.pulls.get({ ...repo, pull_number: pull.number });
    expect(after).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merge.sha });
    expect(await fake.readFile('plans/reports/spring-research.md')).toBe('# Research\n');
    expect(await fake.readFile('plans/old.md')).toBeUndefined();
    expect((await errorOf(octokit.pulls.merge({ ...repo, pull_number: pull.number, ...once }))).status).toBe(
      405,
    );
  });

  it('lets a human merge, review and comment, and shares numbers between issues and PRs', async () => {
    const issue = fake.openIssue({
      title: 'Campaign: autumn',
      body: 'brief',
      labels: ['campaign'],
      author: OWNER,
    });
    await fake.seed({ 'plans/autumn-strategy.md': '# Strategy\nline 2\nline 3\n' }, 'strategy', {
      branch: 'crescendo/autumn/strategy',
      author: 'github-actions[bot]',
    });
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Strategy: autumn',
      head: 'crescendo/autumn/strategy',
      base: 'main',
    });
    expect(pull.number).toBe(issue.number + 1);

    const review = await fake.submitReview(pull.number, {
      state: 'CHANGES_REQUESTED',
      body: 'Tighten the positioning',
      author: 'maria',
      comments: [{ path: 'plans/autumn-strategy.md', line: 2, body: 'vague' }],
    });
    expect(review.state).toBe('CHANGES_REQUESTED');
    const { data: reviews } = await octokit.pulls.listReviews({ ...repo, pull_number: pull.number });
    expect(reviews.map((each) => [each.user?.login, each.state, each.body])).toEqual([
      ['maria', 'CHANGES_REQUESTED', 'Tighten the positioning'],
    ]);
    const outside = await errorOf(
      octokit.pulls.createReview({
        ...repo,
        pull_number: pull.number,
        event: 'COMMENT',
        body: 'note',
        comments: [{ path: 'README.md', line: 1, side: 'RIGHT', body: 'not in diff' }],
      }),
    );
    expect(outside.status).toBe(422);
    const own = await errorOf(
      octokit.pulls.createReview({ ...repo, pull_number: pull.number, event: 'APPROVE' }),
    );
    expect(own.response.data.errors).toEqual(['Review Can not approve your own pull request']);

    fake.addComment(pull.number, { body: '/crescendo revise shorter', author: 'maria' });
    const merged = await fake.mergePullRequest(pull.number, { by: 'maria' });
    expect(merged).toMatchObject({ merged: true, state: 'closed', merged_by: { login: 'maria' } });
    expect(merged.merged_at).toEqual(expect.any(String));
    const mergeCommit = await octokit.git.getCommit({ ...repo, commit_sha: merged.merge_commit_sha ?? '' });
    expect(mergeCommit.data.parents).toHaveLength(2);
    expect(mergeCommit.data.message).toMatch(
      `Merge pull request #${pull.number} from ${OWNER}/crescendo/autumn/strategy`,
    );
    expect(fake.issue(issue.number).labels.map((label) => label.name)).toEqual(['campaign']);
  });
});

describe('review comments', () => {
  it('takes inline comments on diff lines (changed or context), lists them with their review and hunk', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`);
    await fake.seed({ 'content/w/post.md': `${lines.join('\n')}\n` }, 'post');
    const changed = lines.map((l, i) => (i === 5 ? 'line 6 changed' : l));
    await fake.seed({ 'content/w/post.md': `${changed.join('\n')}\n` }, 'review', {
      branch: 'crescendo/w/review',
      author: 'github-actions[bot]',
    });
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Review: w',
      head: 'crescendo/w/review',
      base: 'main',
    });
    const review = await fake.submitReview(pull.number, {
      state: 'COMMENTED',
      body: 'see lines',
      author: 'maria',
      comments: [
        { path: 'content/w/post.md', line: 6, body: 'the changed line' },
        { path: 'content/w/post.md', line: 9, body: 'a context line' },
      ],
    });
    const outside = await errorOf(
      octokit.pulls.createReview({
        ...repo,
        pull_number: pull.number,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'content/w/post.md', line: 11, side: 'RIGHT', body: 'too far' }],
      }),
    );
    expect(outside.response.data.errors).toEqual([
      'Pull request review thread line must be part of the diff',
    ]);
    const { data: comments } = await octokit.pulls.listReviewComments({ ...repo, pull_number: pull.number });
    expect(comments.map((c) => [c.path, c.line, c.side, c.body, c.pull_request_review_id])).toEqual([
      ['content/w/post.md', 6, 'RIGHT', 'the changed line', review.id],
      ['content/w/post.md', 9, 'RIGHT', 'a context line', review.id],
    ]);
    expect(comments[0]?.user?.login).toBe('maria');
    expect(comments[0]?.diff_hunk).toMatch(/^@@ -3,7 \+3,7 @@[\s\S]*\+line 6 changed$/);
    expect(new Set(comments.map((c) => c.id)).size).toBe(2);
  });
});

describe('issues, comments, labels, permissions', () => {
  it('creates and edits a comment in place, found again through pagination', async () => {
    const issue = fake.openIssue({ title: 'Campaign: winter', author: 'maria' });
    for (let index = 0; index < 3; index += 1)
      fake.addComment(issue.number, { body: `chatter ${index}`, author: 'maria' });
    const { data: progress, status } = await octokit.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: '<!-- crescendo:progress -->\n- [ ] research',
    });
    expect(status).toBe(201);
    const all = await octokit.paginate(octokit.issues.listComments, {
      ...repo,
      issue_number: issue.number,
      per_page: 2,
    });
    const mine = all.find((comment) => comment.body?.includes('<!-- crescendo:progress -->'));
    expect(mine?.id).toBe(progress.id);
    const { data: edited } = await octokit.issues.updateComment({
      ...repo,
      comment_id: progress.id,
      body: '<!-- crescendo:progress -->\n- [x] research',
    });
    expect(edited.body).toContain('[x]');
    expect(fake.comments(issue.number)).toHaveLength(4);
    const blank = await errorOf(
      octokit.issues.createComment({ ...repo, issue_number: issue.number, body: ' ' }),
    );
    expect(blank.status).toBe(422);
  });

  it('creates labels, refuses duplicates, and lists them', async () => {
    const { status } = await octokit.issues.createLabel({ ...repo, name: 'needs-review', color: 'fbca04' });
    expect(status).toBe(201);
    const duplicate = await errorOf(
      octokit.issues.createLabel({ ...repo, name: 'Needs-Review', color: 'fbca04' }),
    );
    expect(duplicate.response.data.errors).toEqual([
      { resource: 'Label', code: 'already_exists', field: 'name' },
    ]);
    const labels = await octokit.paginate(octokit.issues.listLabelsForRepo, repo);
    expect(labels.map((label) => label.name)).toContain('needs-review');
    expect(fake.labels().map((label) => label.name)).toContain('needs-review');
  });

  it('reports collaborator permission levels', async () => {
    fake.setPermission('tom', 'maintain');
    const permission = async (username: string) =>
      (await octokit.repos.getCollaboratorPermissionLevel({ ...repo, username })).data;
    expect(await permission(OWNER)).toMatchObject({ permission: 'admin', role_name: 'admin' });
    expect(await permission('maria')).toMatchObject({ permission: 'write', user: { login: 'maria' } });
    expect(await permission('tom')).toMatchObject({ permission: 'write', role_name: 'maintain' });
    expect(await permission('stranger')).toMatchObject({ permission: 'none' });
  });

  it('lists issues by label and state, pull requests included as GitHub does', async () => {
    const issues = await octokit.paginate(octokit.issues.listForRepo, {
      ...repo,
      state: 'all',
      labels: 'campaign',
    });
    expect(issues.map((issue) => issue.title)).toEqual(['Campaign: autumn']);
    const withPulls = await octokit.paginate(octokit.issues.listForRepo, { ...repo, state: 'all' });
    expect(withPulls.some((issue) => issue.pull_request !== undefined)).toBe(true);
  });
});

describe('fault injection', () => {
  it('fails the next matching request; plugin-retry retries 500 and 502', async () => {
    fake.failNext({ route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}', status: 500 });
    fake.failNext({ route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}', status: 502 });
    const before = fake.requests.length;
    const { data } = await octokit.pulls.get({ ...repo, pull_number: 1 });
    expect(data.number).toBe(1);
    expect(fake.requests.slice(before).map((request) => request.status)).toEqual([500, 502, 200]);
    expect(fake.pendingFaults).toBe(0);
  });

  it('answers a scripted 422 without retry', async () => {
    fake.failNext({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom' }] },
    });
    const error = await errorOf(octokit.issues.createComment({ ...repo, issue_number: 1, body: 'hi' }));
    expect(error.status).toBe(422);
    expect(fake.requests.at(-1)?.route).toBe('POST /repos/{owner}/{repo}/issues/{issue_number}/comments');
  });

  it('refuses to script a route it does not serve', () => {
    expect(() => fake.failNext({ route: 'POST /repos/{owner}/{repo}/pull', status: 500 })).toThrow(
      /serves no route/,
    );
  });

  it('a secondary rate limit (403 + retry-after: 1) is retried once by plugin-throttling', async () => {
    const onSecondaryRateLimit = (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
      retryCount < 1;
    const seen: number[] = [];
    const throttled = new TestOctokit({
      auth: DEFAULT_TOKEN,
      baseUrl: fake.url,
      log: quiet,
      throttle: {
        onSecondaryRateLimit: (after, options, kit, count) => {
          seen.push(after);
          return onSecondaryRateLimit(after, options, kit, count);
        },
        onRateLimit: () => false,
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      },
    });
    await fake.seed({ 'content/spring/x.md': 'x\n' }, 'content', { branch: 'crescendo/spring/content' });
    fake.failNext({ route: 'POST /repos/{owner}/{repo}/pulls', ...secondaryRateLimit(1) });
    const started = Date.now();
    const { data: pull } = await throttled.pulls.create({
      ...repo,
      title: 'Content: spring',
      head: 'crescendo/spring/content',
      base: 'main',
    });
    expect(pull.state).toBe('open');
    expect(seen).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const attempts = fake.requests.filter((request) => request.route === 'POST /repos/{owner}/{repo}/pulls');
    expect(attempts.slice(-2).map((request) => request.status)).toEqual([403, 201]);
  });

  it('runs out of primary rate limit with 403 and x-ratelimit-remaining: 0', async () => {
    const limited = await startFakeGitHub({ owner: OWNER, repo: REPO });
    fakes.push(limited);
    limited.setRateLimit({ remaining: 0, resetInSeconds: 60 });
    const error = await errorOf(client(limited).repos.get(repo));
    expect(error.status).toBe(403);
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(String(error.response.data.message)).toMatch(/API rate limit exceeded/);
  });
});

describe('answered statuses against the OpenAPI description', () => {
  it('every status a route answered in this file (besides auth, not-found and injected faults) is documented', async () => {
    const spec = await loadOpenApi();
    // 401/403/404 can come from any route (token, permission, missing resource).
    const generic = new Set([401, 403, 404]);
    const undocumented = new Set<string>();
    for (const request of fakes.flatMap((each) => each.requests)) {
      if (!request.route || request.status === undefined || request.injected || generic.has(request.status))
        continue;
      const [method = '', path = ''] = request.route.split(' ');
      const responses = spec.paths[path]?.[method.toLowerCase()]?.responses ?? {};
      if (!(String(request.status) in responses)) undocumented.add(`${request.route} → ${request.status}`);
    }
    expect([...undocumented]).toEqual([]);
  });
});
