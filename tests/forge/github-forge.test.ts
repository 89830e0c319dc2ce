import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrescendoError, formatError } from '../../actions/engine/errors.js';
import { GitHubForge, type GitHubForgeOptions } from '../../actions/engine/forge/github/github-forge.js';
import {
  DEFAULT_TOKEN,
  type FakeGitHub,
  secondaryRateLimit,
  startFakeGitHub,
} from '../fakes/github/index.js';

const OWNER = 'acme';
const REPO = 'site';

let fake: FakeGitHub;
let forge: GitHubForge;
const logged: string[] = [];

function open(options: Partial<GitHubForgeOptions> = {}): Promise<GitHubForge> {
  return GitHubForge.create({
    token: DEFAULT_TOKEN,
    owner: OWNER,
    repo: REPO,
    baseUrl: fake.url,
    // No 1–3 s spacing between writes, and 5xx retries after 10 ms, so the suite stays fast.
    throttle: { minTimeMs: 0, retryBaseMs: 10 },
    log: (line) => logged.push(line),
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<CrescendoError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CrescendoError);
  return error as CrescendoError;
}

const routeCount = (route: string): number =>
  fake.requests.filter((request) => request.route === route).length;

beforeAll(async () => {
  fake = await startFakeGitHub({
    owner: OWNER,
    repo: REPO,
    defaultBranch: 'trunk',
    collaborators: { maria: 'write', tom: 'triage', rita: 'read', mo: 'maintain' },
  });
  await fake.seed(
    { 'README.md': '# site\n', 'campaigns/old/campaign.yml': 'id: old\n', 'campaigns/old/notes.md': 'n\n' },
    'Initial commit',
  );
  forge = await open();
});

afterAll(async () => {
  await fake?.close();
});

describe('GitHubForge: setup', () => {
  it('reads the default branch from the repository when not given', () => {
    expect(forge.defaultBranch).toBe('trunk');
    expect(forge.owner).toBe(OWNER);
    expect(forge.repo).toBe(REPO);
  });

  it('a refused token gives a clear message with what to do, and never the token', async () => {
    const error = await rejection(open({ token: 'ghs_expiredTokenValue' }));
    expect(error.message).toBe('GitHub refused the token (401 Bad credentials)');
    expect(error.fix).toMatch(/one hour/);
    expect(error.fix).toMatch(/contents: write, pull-requests: write, issues: write/);
    expect(error.where).toBe(`GitHub API GET /repos/${OWNER}/${REPO}`);
    expect(formatError(error)).not.toContain('ghs_expiredTokenValue');
    expect(JSON.stringify(logged)).not.toContain('ghs_');
  });

  it('also when the token is revoked after start', async () => {
    fake.addToken('ghs_shortLived', 'github-actions[bot]');
    const shortLived = await open({ token: 'ghs_shortLived', defaultBranch: 'trunk' });
    fake.revokeToken('ghs_shortLived');
    const error = await rejection(shortLived.readFile('README.md'));
    expect(error.message).toMatch(/401 Bad credentials/);
  });

  it('fromEnvironment reads GITHUB_REPOSITORY and GITHUB_API_URL', async () => {
    const viaEnv = await GitHubForge.fromEnvironment(
      { token: DEFAULT_TOKEN, throttle: { minTimeMs: 0 } },
      { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_API_URL: fake.url },
    );
    expect(viaEnv.defaultBranch).toBe('trunk');
    await expect(GitHubForge.fromEnvironment({ token: DEFAULT_TOKEN }, {})).rejects.toThrow(
      /GITHUB_REPOSITORY/,
    );
  });
});

describe('GitHubForge: files and commits', () => {
  it('reads files at a ref; absent files and directories are undefined', async () => {
    expect(await forge.readFile('README.md')).toBe('# site\n');
    expect(await forge.readFile('nope.md')).toBeUndefined();
    expect(await forge.readFile('campaigns/old')).toBeUndefined();
    expect(await forge.readFile('README.md', 'no-such-branch')).toBeUndefined();
  });

  it('reads bytes as committed: a UTF-16LE keyword export keeps its BOM and accented letters', async () => {
    const text = "Keyword\tAvg. monthly searches\r\nlogiciel d'automatisation marketing é\t1,300\r\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const branch = 'bytes-fixture';
    await fake.seed({ 'campaigns/fr/data/kp.csv': utf16 }, 'Add a Keyword Planner export', { branch });
    const bytes = await forge.readBytes('campaigns/fr/data/kp.csv', branch);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes as Uint8Array).equals(utf16)).toBe(true);
    expect(new TextDecoder('utf-16le').decode((bytes as Uint8Array).subarray(2))).toContain(
      "logiciel d'automatisation marketing é",
    );
    expect(await forge.readBytes('README.md')).toEqual(new TextEncoder().encode('# site\n'));
    expect(await forge.readBytes('nope.csv', branch)).toBeUndefined();
    expect(await forge.readBytes('campaigns/fr/data', branch)).toBeUndefined();
    expect(await forge.readBytes('campaigns/fr/data/kp.csv', 'no-such-branch')).toBeUndefined();
  });

  it('commits several files in one commit, creating the branch, then a second commit updates it', async () => {
    const branch = 'crescendo/spring/research';
    expect(await forge.branchExists(branch)).toBe(false);
    const commitsBefore = routeCount('POST /repos/{owner}/{repo}/git/commits');
    const first = await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'Research: spring',
      changes: [
        { path: 'plans/reports/spring-research.md', content: '# Research\n' },
        { path: 'campaigns/spring/campaign.yml', content: 'id: spring\nstage: research\n' },
      ],
    });
    expect(routeCount('POST /repos/{owner}/{repo}/git/commits') - commitsBefore).toBe(1);
    expect(await forge.branchExists(branch)).toBe(true);
    expect((await fake.branches())[branch]).toBe(first.sha);
    expect(await forge.readFile('campaigns/spring/campaign.yml', branch)).toBe(
      'id: spring\nstage: research\n',
    );
    expect(await forge.readFile('campaigns/spring/campaign.yml')).toBeUndefined();

    const second = await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'Research: spring (revised)',
      changes: [{ path: 'plans/reports/spring-research.md', content: '# Research v2\n' }],
    });
    expect(second.sha).not.toBe(first.sha);
    expect((await fake.branches())[branch]).toBe(second.sha);
    expect(await forge.readFile('plans/reports/spring-research.md', branch)).toBe('# Research v2\n');
    // Built on the first commit: its other file is still there.
    expect(await forge.readFile('campaigns/spring/campaign.yml', branch)).toBe(
      'id: spring\nstage: research\n',
    );
    expect(await forge.readFile('plans/reports/spring-research.md', first.sha)).toBe('# Research\n');
  });

  it('committing the same files again makes no empty commit', async () => {
    const branch = 'crescendo/same/research';
    const change = { path: 'plans/same.md', content: 'same\n' };
    const first = await forge.commitFiles({ branch, base: 'trunk', message: 'one', changes: [change] });
    const again = await forge.commitFiles({ branch, base: 'trunk', message: 'two', changes: [change] });
    expect(again.sha).toBe(first.sha);
  });

  it('reset starts the branch afresh from the base', async () => {
    const branch = 'crescendo/reset/strategy';
    await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'cycle 1',
      changes: [{ path: 'plans/reset-strategy.md', content: 'cycle 1\n' }],
    });
    await fake.seed({ 'NEWS.md': 'on trunk\n' }, 'trunk moves on');
    const trunk = (await fake.branches()).trunk;
    await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'cycle 2',
      reset: true,
      changes: [{ path: 'plans/reset-cycle-2.md', content: 'cycle 2\n' }],
    });
    expect(await forge.readFile('plans/reset-strategy.md', branch)).toBeUndefined();
    expect(await forge.readFile('plans/reset-cycle-2.md', branch)).toBe('cycle 2\n');
    expect(await forge.readFile('NEWS.md', branch)).toBe('on trunk\n');
    const { data } = await fetchJson(
      `/repos/${OWNER}/${REPO}/git/commits/${(await fake.branches())[branch]}`,
    );
    expect((data as { parents: Array<{ sha: string }> }).parents.map((parent) => parent.sha)).toEqual([
      trunk,
    ]);
  });

  it('deletes files, and skips deleting a path that does not exist (no 422)', async () => {
    const branch = 'crescendo/old/review';
    await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'drop notes',
      changes: [
        { path: 'campaigns/old/notes.md', content: null },
        { path: 'campaigns/old/never-was.md', content: null },
        { path: 'campaigns/old/review.md', content: 'ok\n' },
      ],
    });
    expect(await forge.listFiles('campaigns/old', branch)).toEqual([
      'campaigns/old/campaign.yml',
      'campaigns/old/review.md',
    ]);
    // Only deletes of paths that are not there: no tree to create, still one commit.
    const only = await forge.commitFiles({
      branch: 'crescendo/old/ghost',
      base: 'trunk',
      message: 'nothing real',
      changes: [{ path: 'ghost.md', content: null }],
    });
    expect((await fake.branches())['crescendo/old/ghost']).toBe(only.sha);
  });

  it('lists files below a directory at a ref, recursively and sorted', async () => {
    await fake.seed(
      { 'content/spring/blog/2026-04-01-a.md': 'a\n', 'content/spring/social/2026-04-02-b.md': 'b\n' },
      'content',
      { branch: 'crescendo/spring/content' },
    );
    expect(await forge.listFiles('content/spring', 'crescendo/spring/content')).toEqual([
      'content/spring/blog/2026-04-01-a.md',
      'content/spring/social/2026-04-02-b.md',
    ]);
    expect(await forge.listFiles('content/spring/', 'crescendo/spring/content')).toHaveLength(2);
    expect(await forge.listFiles('content/spring')).toEqual([]);
    expect(await forge.listFiles('campaigns')).toEqual([
      'campaigns/old/campaign.yml',
      'campaigns/old/notes.md',
    ]);
    expect(await forge.listFiles('campaign')).toEqual([]);
    expect(await forge.listFiles('content', 'no-such-ref')).toEqual([]);
    const sha = (await fake.branches())['crescendo/spring/content']!;
    expect(await forge.listFiles('content/spring/blog', sha)).toEqual([
      'content/spring/blog/2026-04-01-a.md',
    ]);
  });

  it('a missing base branch is a clear error', async () => {
    const error = await rejection(
      forge.commitFiles({ branch: 'x', base: 'nope', message: 'm', changes: [{ path: 'a', content: 'a' }] }),
    );
    expect(error.message).toMatch(/base branch "nope" does not exist/);
  });
});

describe('GitHubForge: pull requests', () => {
  const branch = 'crescendo/summer/research';

  beforeAll(async () => {
    await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'Research: summer',
      changes: [{ path: 'plans/reports/summer-research.md', content: '# Summer\n' }],
    });
  });

  it('opening twice gives one PR, updated, with labels', async () => {
    expect(await forge.findPullRequest(branch)).toBeUndefined();
    const first = await forge.openOrUpdatePullRequest({
      branch,
      base: 'trunk',
      title: 'Research: summer',
      body: 'v1',
      labels: ['crescendo', 'stage:research'],
    });
    expect(first).toMatchObject({
      branch,
      base: 'trunk',
      title: 'Research: summer',
      body: 'v1',
      state: 'open',
    });
    expect(first.labels.sort()).toEqual(['crescendo', 'stage:research']);
    const second = await forge.openOrUpdatePullRequest({
      branch,
      base: 'trunk',
      title: 'Research: summer (revised)',
      body: 'v2',
      labels: ['revised'],
    });
    expect(second.number).toBe(first.number);
    expect(second.labels.sort()).toEqual(['crescendo', 'revised', 'stage:research']);
    const pulls = (await fake.pullRequests()).filter((pull) => pull.head.ref === branch);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title: 'Research: summer (revised)', body: 'v2' });
    const found = await forge.findPullRequest(branch);
    expect(found).toMatchObject({
      number: first.number,
      state: 'open',
      headSha: (await fake.branches())[branch],
    });
    expect(await forge.getPullRequest(first.number)).toMatchObject({ title: 'Research: summer (revised)' });
  });

  it('a parallel run that opened the PR first (422 "already exists") leads to an update, not a failure', async () => {
    const race = 'crescendo/race/research';
    await forge.commitFiles({
      branch: race,
      base: 'trunk',
      message: 'race',
      changes: [{ path: 'race.md', content: 'race\n' }],
    });
    const other = await forge.openOrUpdatePullRequest({
      branch: race,
      base: 'trunk',
      title: 'other run',
      body: 'x',
      labels: [],
    });
    // Our lookup ran before the other run's create; then GitHub refuses our create.
    fake.failNext({ route: 'GET /repos/{owner}/{repo}/pulls', status: 200, body: [] });
    fake.failNext({
      route: 'POST /repos/{owner}/{repo}/pulls',
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${OWNER}:${race}.`,
          },
        ],
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '422',
      },
    });
    const ours = await forge.openOrUpdatePullRequest({
      branch: race,
      base: 'trunk',
      title: 'this run',
      body: 'y',
      labels: ['crescendo'],
    });
    expect(fake.pendingFaults).toBe(0);
    expect(ours.number).toBe(other.number);
    expect(ours).toMatchObject({ title: 'this run', body: 'y', labels: ['crescendo'] });
    expect((await fake.pullRequests()).filter((pull) => pull.head.ref === race)).toHaveLength(1);
  });

  it("the fake's own 422 for a second PR on the same head is handled the same way", async () => {
    const number = (await forge.findPullRequest(branch))!.number;
    fake.failNext({ route: 'GET /repos/{owner}/{repo}/pulls', status: 200, body: [] });
    const again = await forge.openOrUpdatePullRequest({
      branch,
      base: 'trunk',
      title: 'T',
      body: 'B',
      labels: [],
    });
    expect(again.number).toBe(number);
    expect((await fake.pullRequests()).filter((pull) => pull.head.ref === branch)).toHaveLength(1);
  });

  it('a secondary rate limit (403 + retry-after: 1) is retried after its retry-after, with a log line', async () => {
    // GitHub's second lasts 0 ms in these tests (`minTimeMs: 0`): the same logic, no idle waiting.
    const limited = 'crescendo/limited/research';
    await forge.commitFiles({
      branch: limited,
      base: 'trunk',
      message: 'limited',
      changes: [{ path: 'limited.md', content: 'l\n' }],
    });
    fake.failNext({ route: 'POST /repos/{owner}/{repo}/pulls', ...secondaryRateLimit(1) });
    const pull = await forge.openOrUpdatePullRequest({
      branch: limited,
      base: 'trunk',
      title: 'limited',
      body: '',
      labels: [],
    });
    expect(pull.state).toBe('open');
    const attempts = fake.requests.filter((request) => request.route === 'POST /repos/{owner}/{repo}/pulls');
    expect(attempts.slice(-2).map((request) => request.status)).toEqual([403, 201]);
    expect(logged.some((line) => /secondary rate limit on POST .*\/pulls; retrying in 1 s/.test(line))).toBe(
      true,
    );
  });

  it('merges, and reports merged state and who merged', async () => {
    const pull = (await forge.findPullRequest(branch))!;
    const merged = await forge.mergePullRequest(pull.number, 'Approve research: summer');
    expect(merged.state).toBe('merged');
    expect(merged.mergedAt).toBeTruthy();
    expect(merged.mergedBy).toBe('github-actions[bot]');
    expect(await forge.readFile('plans/reports/summer-research.md')).toBe('# Summer\n');
    expect((await forge.findPullRequest(branch))?.state).toBe('merged');
    const again = await rejection(forge.mergePullRequest(pull.number));
    expect(again.message).toMatch(/is merged, not open/);
  });

  it('reads reviews', async () => {
    const reviewed = 'crescendo/autumn/strategy';
    await forge.commitFiles({
      branch: reviewed,
      base: 'trunk',
      message: 'strategy',
      changes: [{ path: 'plans/autumn-strategy.md', content: 's\n' }],
    });
    const pull = await forge.openOrUpdatePullRequest({
      branch: reviewed,
      base: 'trunk',
      title: 'Strategy: autumn',
      body: '',
      labels: [],
    });
    await fake.submitReview(pull.number, {
      state: 'CHANGES_REQUESTED',
      body: 'More budget detail',
      author: 'maria',
    });
    const reviews = await forge.listReviews(pull.number);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      author: 'maria',
      state: 'CHANGES_REQUESTED',
      body: 'More budget detail',
    });
    expect(reviews[0]!.submittedAt).toMatch(/^\d{4}-/);
  });

  it('a repository that forbids Actions to open PRs gives the setting to change', async () => {
    const blocked = 'crescendo/blocked/research';
    await forge.commitFiles({
      branch: blocked,
      base: 'trunk',
      message: 'blocked',
      changes: [{ path: 'blocked.md', content: 'b\n' }],
    });
    fake.settings.actionsCanCreatePullRequests = false;
    try {
      const error = await rejection(
        forge.openOrUpdatePullRequest({ branch: blocked, base: 'trunk', title: 't', body: '', labels: [] }),
      );
      expect(error.message).toBe('GitHub Actions is not permitted to create or approve pull requests');
      expect(error.fix).toMatch(/Allow GitHub Actions to create and approve pull requests/);
      expect(error.fix).toMatch(/GitHub App/);
    } finally {
      fake.settings.actionsCanCreatePullRequests = true;
    }
  });

  it('getPullRequest of a missing number is a clear error', async () => {
    const error = await rejection(forge.getPullRequest(999));
    expect(error.message).toBe(`there is no pull request #999 in ${OWNER}/${REPO}`);
  });
});

describe('GitHubForge: comments, labels, permissions', () => {
  it('upsertComment twice edits the one comment in place', async () => {
    const issue = fake.openIssue({ title: 'Campaign: winter', body: 'b', author: 'maria' });
    fake.addComment(issue.number, { body: 'unrelated', author: 'maria' });
    const marker = '<!-- crescendo:progress -->';
    const first = await forge.upsertComment(issue.number, marker, `${marker}\n- [ ] research`);
    const second = await forge.upsertComment(issue.number, marker, `${marker}\n- [x] research`);
    expect(second.id).toBe(first.id);
    expect(second.url).toMatch(/^https?:\/\//);
    const comments = fake.comments(issue.number);
    expect(comments).toHaveLength(2);
    expect(comments.filter((comment) => comment.body?.includes(marker))).toHaveLength(1);
    expect(comments[1]?.body).toBe(`${marker}\n- [x] research`);

    // A body without the marker gets it appended, so the next run still finds it.
    await forge.upsertComment(issue.number, marker, 'no marker in here');
    expect(fake.comments(issue.number)[1]?.body).toBe(`no marker in here\n\n${marker}`);
  });

  it('knows who it is: GraphQL viewer answers for GITHUB_TOKEN, App installation tokens and people', async () => {
    fake.addToken('ghs_appInstallationToken', 'crescendo-app[bot]');
    fake.setPermission('crescendo-app[bot]', 'write');
    fake.addToken('ghp_personalToken', 'maria');
    expect(await forge.login()).toBe('github-actions[bot]');
    expect(await (await open({ token: 'ghs_appInstallationToken' })).login()).toBe('crescendo-app[bot]');
    expect(await (await open({ token: 'ghp_personalToken' })).login()).toBe('maria');
    // Asked once per forge, and not at all when the caller says.
    const asked = () => fake.requests.filter((r) => r.route === 'POST /graphql').length;
    const before = asked();
    const told = await open({ login: 'someone[bot]' });
    expect(await told.login()).toBe('someone[bot]');
    await forge.login();
    expect(asked()).toBe(before);
  });

  it('lists comments with their authors, and reacts once per reaction', async () => {
    const issue = fake.openIssue({ title: 'Reactions', body: 'b', author: 'maria' });
    const posted = fake.addComment(issue.number, { body: '/crescendo revise shorter', author: 'maria' });
    const [listed] = await forge.listComments(issue.number);
    expect(listed).toMatchObject({ id: posted.id, author: 'maria', authorType: 'User', body: posted.body });
    expect(listed?.url).toContain(`#issuecomment-${posted.id}`);
    await forge.react(posted.id, 'eyes');
    await forge.react(posted.id, 'eyes');
    await forge.react(posted.id, 'rocket');
    expect(fake.reactions(posted.id).map((r) => [r.content, r.user?.login])).toEqual([
      ['eyes', 'github-actions[bot]'],
      ['rocket', 'github-actions[bot]'],
    ]);
  });

  it('writes a pull request once: no update when title and body are the same, labels only when missing', async () => {
    const branch = 'crescendo/once/research';
    await forge.commitFiles({
      branch,
      base: 'trunk',
      message: 'once',
      changes: [{ path: 'once.md', content: '1\n' }],
    });
    const request = {
      branch,
      base: 'trunk',
      title: 'Once',
      body: 'body',
      labels: ['crescendo', 'stage:research'],
    };
    const writes = () =>
      fake.requests.filter((r) => r.method !== 'GET' && r.route !== 'POST /graphql').length;
    let before = writes();
    const pull = await forge.openOrUpdatePullRequest(request);
    expect(writes() - before).toBe(2); // create, labels
    before = writes();
    expect((await forge.openOrUpdatePullRequest(request)).number).toBe(pull.number);
    expect(writes() - before).toBe(0);
    before = writes();
    await forge.openOrUpdatePullRequest({ ...request, body: 'new body' });
    expect(writes() - before).toBe(1); // the update; labels are there
    expect((await fake.pullRequest(pull.number)).body).toBe('new body');
  });

  it('comments and labels', async () => {
    const issue = fake.openIssue({ title: 'Campaign: labels', author: 'maria' });
    await forge.comment(issue.number, 'hello');
    await forge.addLabels(issue.number, ['campaign', 'stage:research']);
    await forge.addLabels(issue.number, []);
    expect(fake.comments(issue.number).map((comment) => comment.body)).toEqual(['hello']);
    expect(
      fake
        .issue(issue.number)
        .labels.map((label) => (typeof label === 'string' ? label : label.name))
        .sort(),
    ).toEqual(['campaign', 'stage:research']);
  });

  it('permissionOf and hasWriteAccess', async () => {
    expect(await forge.permissionOf(OWNER)).toBe('admin');
    expect(await forge.permissionOf('mo')).toBe('maintain');
    expect(await forge.permissionOf('maria')).toBe('write');
    expect(await forge.permissionOf('tom')).toBe('triage');
    expect(await forge.permissionOf('rita')).toBe('read');
    expect(await forge.permissionOf('stranger')).toBe('none');
    expect(await forge.hasWriteAccess('maria')).toBe(true);
    expect(await forge.hasWriteAccess('mo')).toBe(true);
    expect(await forge.hasWriteAccess('tom')).toBe(false);
    expect(await forge.hasWriteAccess('stranger')).toBe(false);
  });
});

async function fetchJson(path: string): Promise<{ status: number; data: unknown }> {
  const response = await fetch(`${fake.url}${path}`, {
    headers: { authorization: `token ${DEFAULT_TOKEN}` },
  });
  return { status: response.status, data: await response.json() };
}
