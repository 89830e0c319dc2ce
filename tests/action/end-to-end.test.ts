import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PROBLEMS_MARKER } from '../../actions/engine/action/issue-form/issue-form.js';
import { INVALID_FORM_LABEL } from '../../actions/engine/action/stage-action.js';
import { PROGRESS_MARKER } from '../../actions/engine/runner/progress.js';
import { ROOT } from '../../scripts/bundle.js';
import {
  DEFAULT_TOKEN,
  type FakeGitHub,
  type IssueJson,
  type PullJson,
  secondaryRateLimit,
  startFakeGitHub,
} from '../fakes/github/index.js';
import { formBody } from './campaign-issue.js';
import { type JobRun, WorkflowRunner } from './workflow-runner.js';

const OWNER = 'acme';
const REPO = 'site';
const ID = 'q2-2027-launch';
const SERVER = 'https://github.example';
const ANSWERS = join(ROOT, 'scripts', 'demo', 'answers');
const METRICS = join(ROOT, 'scripts', 'demo', 'metrics.sample.csv');
const SECRET = 'sk-ant-never-logged-0123456789';
const haveSamples = existsSync(ANSWERS) && readdirSync(ANSWERS).length > 0 && existsSync(METRICS);

let fake: FakeGitHub;
let runner: WorkflowRunner;

const person = (login: string) => ({ login, type: 'User', id: login.length });
const repoFile = (path: string) => readFileSync(join(ROOT, path), 'utf8');

beforeAll(async () => {
  fake = await startFakeGitHub({ owner: OWNER, repo: REPO, collaborators: { maria: 'write', olga: 'read' } });
  await fake.seed(
    {
      'README.md': '# site\n',
      '.github/crescendo.yml': repoFile('.github/crescendo.yml'),
      '.github/ISSUE_TEMPLATE/campaign.yml': repoFile('.github/ISSUE_TEMPLATE/campaign.yml'),
    },
    'Initial commit',
  );
  runner = new WorkflowRunner({
    root: ROOT,
    apiUrl: fake.url,
    repository: `${OWNER}/${REPO}`,
    token: DEFAULT_TOKEN,
    serverUrl: SERVER,
    secrets: { ANTHROPIC_API_KEY: SECRET },
    env: { CRESCENDO_SAMPLE_ANSWERS: ANSWERS, CRESCENDO_GITHUB_THROTTLE_MS: '0' },
  });
});

afterAll(async () => {
  await fake?.close();
});

/** Maria ticks every claim to verify in the review PR's description, as clicking its checkboxes does. */
async function tickClaims(pr: number): Promise<void> {
  fake.addToken('maria-token', 'maria');
  const body = (await fake.pullRequest(pr)).body ?? '';
  expect(body).toMatch(/- \[ \] \*\*C1\*\*/);
  const response = await fetch(`${fake.url}/repos/${OWNER}/${REPO}/pulls/${pr}`, {
    method: 'PATCH',
    headers: { authorization: 'token maria-token', 'content-type': 'application/json' },
    body: JSON.stringify({ body: body.replaceAll('- [ ] **C', '- [x] **C') }),
  });
  expect(response.status).toBe(200);
}

function opened(issue: IssueJson, action = 'opened') {
  return { action, issue, sender: person(issue.user?.login ?? 'maria') };
}

function merged(pr: PullJson) {
  return { action: 'closed', number: pr.number, pull_request: pr, sender: person('maria') };
}

function commented(pr: number, body: string, author: string) {
  const comment = fake.addComment(pr, { body, author });
  return { action: 'created', issue: fake.issue(pr), comment, sender: person(author) };
}

function only(runs: JobRun[], job: string): JobRun {
  expect(runs.map((r) => r.job)).toEqual([job]);
  const [run] = runs;
  if (!run) throw new Error('no run');
  // The runner swallows `::add-mask::` commands (they are how secrets get masked); nothing else may show them.
  const shown = `${run.stdout}${run.stderr}`.replace(/^::add-mask::.*$/gm, '');
  expect(shown).not.toContain(SECRET);
  expect(shown).not.toContain(DEFAULT_TOKEN);
  return run;
}

async function snapshot() {
  return {
    branches: Object.keys(await fake.branches()).sort(),
    pulls: (await fake.pullRequests()).map((p) => p.number),
    comments: fake.issues().reduce((n, i) => n + fake.comments(i.number).length, 0),
  };
}

describe('on GitHub, without the model', () => {
  it('an invalid form gets one problems comment and a label, and no branch', async () => {
    const issue = fake.openIssue({
      title: 'Campaign: broken',
      body: formBody({ 'Budget amount': 'lots', 'Campaign id': 'broken-one' }),
      labels: ['crescendo', 'campaign'],
      author: 'maria',
    });
    const run = only(await runner.send('issues', opened(issue)), 'research');
    expect(run.exitCode).toBe(0);
    only(await runner.send('issues', opened(fake.issue(issue.number), 'edited')), 'research');
    const comments = fake.comments(issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(FORM_PROBLEMS_MARKER);
    expect(comments[0]?.body).toContain('Budget amount');
    expect(fake.issue(issue.number).labels?.map((l) => (typeof l === 'string' ? l : l.name))).toContain(
      INVALID_FORM_LABEL,
    );
    expect(Object.keys(await fake.branches())).toEqual(['main']);
    expect(run.summary).toContain('needs');
  });

  it("an outsider's campaign issue gets a polite comment and nothing runs", async () => {
    const issue = fake.openIssue({
      title: 'Campaign: x',
      body: formBody({ 'Campaign id': 'outsider-one' }),
      labels: ['campaign'],
      author: 'olga',
    });
    const run = only(await runner.send('issues', opened(issue)), 'research');
    expect(run.exitCode).toBe(0);
    const [comment] = fake.comments(issue.number);
    expect(comment?.body).toMatch(/Only people with write access/);
    expect(Object.keys(await fake.branches())).toEqual(['main']);
  });

  it('a merged PR without the stage label starts nothing', async () => {
    const pr = {
      number: 99,
      merged: true,
      state: 'closed',
      labels: [{ name: 'crescendo' }, { name: `campaign:${ID}` }],
      base: { ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } },
      head: { ref: `crescendo/${ID}/research`, repo: { full_name: `${OWNER}/${REPO}` } },
    };
    expect(await runner.send('pull_request', { action: 'closed', number: 99, pull_request: pr })).toEqual([]);
    // Plain issues, approvals and ordinary comments start nothing either.
    expect(
      await runner.send('issues', opened(fake.openIssue({ title: 'Logo', body: 'blurry', author: 'maria' }))),
    ).toEqual([]);
  });
});

describe.skipIf(!haveSamples)('on GitHub, issue to report, with the sample answers', () => {
  let issue: IssueJson;
  const events: [string, Record<string, unknown>][] = [];
  const send = async (name: string, event: Record<string, unknown>) => {
    events.push([name, event]);
    return runner.send(name, event);
  };
  const stagePr = async (stage: string) => {
    const pr = (await fake.pullRequests()).find((p) => p.head.ref === `crescendo/${ID}/${stage}`);
    if (!pr) throw new Error(`no ${stage} PR`);
    return pr;
  };
  const progress = () => fake.comments(issue.number).filter((c) => c.body?.includes(PROGRESS_MARKER));

  it('the campaign form opens the research PR and the progress comment', async () => {
    issue = fake.openIssue({
      title: 'Campaign: Q2 2027 Product Launch',
      body: formBody(),
      labels: ['crescendo', 'campaign'],
      author: 'maria',
    });
    const run = only(await send('issues', opened(issue)), 'research');
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const pr = await stagePr('research');
    expect(run.outputs).toEqual({ 'campaign-id': ID, 'pull-request-number': String(pr.number) });
    expect(pr.labels.map((l) => l.name).sort()).toEqual([
      'campaign:q2-2027-launch',
      'crescendo',
      'stage:research',
    ]);
    expect(progress()).toHaveLength(1);
    expect(progress()[0]?.body).toContain(`${SERVER}/${OWNER}/${REPO}/pull/${pr.number}`);
    expect(run.summary).toContain('Next:');
  });

  it('/crescendo revise from a writer updates the same PR; from an outsider it is refused', async () => {
    const pr = await stagePr('research');
    const before = await snapshot();
    const refused = only(
      await runner.send('issue_comment', commented(pr.number, '/crescendo revise more trends', 'olga')),
      'research',
    );
    expect(refused.exitCode).toBe(0);
    expect((await stagePr('research')).head.sha).toBe(pr.head.sha);
    expect(fake.comments(pr.number).some((c) => /Only people with write access/.test(c.body ?? ''))).toBe(
      true,
    );

    const run = only(
      await runner.send('issue_comment', commented(pr.number, '/crescendo revise more trends', 'maria')),
      'research',
    );
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const after = await stagePr('research');
    expect(after.number).toBe(pr.number);
    expect(after.head.sha).not.toBe(pr.head.sha);
    expect((await snapshot()).pulls).toEqual(before.pulls);
    expect(await fake.readFile(`campaigns/${ID}/campaign.yml`, after.head.ref)).toMatch(/revisions: 1/);
  });

  it('each merge starts the next stage, surviving a 422 and a secondary rate limit', async () => {
    // Strategy: PR creation fails once with a 422; the failure is reported, and the re-delivered event works.
    let merge = await fake.mergePullRequest((await stagePr('research')).number, { by: 'maria' });
    fake.failNext({ route: 'POST /repos/{owner}/{repo}/pulls', status: 422 });
    const failed = only(await runner.send('pull_request', merged(merge)), 'strategy');
    expect(failed.exitCode).not.toBe(0);
    expect(fake.comments(issue.number).some((c) => c.body?.includes('could not run strategy'))).toBe(true);
    expect(only(await send('pull_request', merged(merge)), 'strategy').exitCode).toBe(0);

    // Content: a secondary rate limit on PR creation is waited out and retried.
    merge = await fake.mergePullRequest((await stagePr('strategy')).number, { by: 'maria' });
    fake.failNext({ route: 'POST /repos/{owner}/{repo}/pulls', ...secondaryRateLimit(1) });
    const content = only(await send('pull_request', merged(merge)), 'content');
    expect(content.exitCode, content.stderr + content.stdout).toBe(0);
    expect(content.stderr).toMatch(/secondary rate limit/);

    for (const [from, to] of [
      ['content', 'review'],
      ['review', 'distribution'],
    ] as const) {
      if (from === 'review') await tickClaims((await stagePr('review')).number);
      merge = await fake.mergePullRequest((await stagePr(from)).number, { by: 'maria' });
      const run = only(await send('pull_request', merged(merge)), to);
      expect(run.exitCode, run.stderr + run.stdout).toBe(0);
      await stagePr(to);
    }
    // Distribution merged: measurement waits for performance data, without failing.
    merge = await fake.mergePullRequest((await stagePr('distribution')).number, { by: 'maria' });
    const waiting = only(await send('pull_request', merged(merge)), 'measurement');
    expect(waiting.exitCode, waiting.stderr + waiting.stdout).toBe(0);
    expect(waiting.summary).toMatch(/waits/);
  });

  it('the weekly schedule opens a measurement report PR once data exists', async () => {
    await fake.seed({ [`campaigns/${ID}/data/metrics.csv`]: readFileSync(METRICS, 'utf8') }, 'Add metrics');
    const run = only(await send('schedule', { schedule: '0 7 * * 1' }), 'measurement');
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const pr = await stagePr('measurement');
    expect(run.outputs['pull-request-number']).toBe(String(pr.number));
    expect(progress()).toHaveLength(1);
    const body = progress()[0]?.body ?? '';
    for (const stage of ['research', 'strategy', 'content', 'review', 'distribution', 'measurement']) {
      expect(body).toContain(`/pull/${(await stagePr(stage)).number}`);
    }
  });

  it('replaying every event duplicates nothing', async () => {
    const before = await snapshot();
    for (const [name, event] of events) {
      for (const run of await runner.send(name, event)) expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    }
    expect(await snapshot()).toEqual(before);
    expect(progress()).toHaveLength(1);
  });
});
