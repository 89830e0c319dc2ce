import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PROBLEMS_MARKER } from '../../actions/engine/action/issue-form/issue-form.js';
import { INVALID_FORM_LABEL } from '../../actions/engine/action/stage-action.js';
import { PROGRESS_MARKER } from '../../actions/engine/runner/progress.js';
import { STAGE_LIST, STAGES } from '../../actions/engine/stages/index.js';
import type { StageName } from '../../actions/engine/stages/names.js';
import { ROOT } from '../../scripts/bundle.js';
import {
  DEFAULT_TOKEN,
  type FakeGitHub,
  type IssueJson,
  type PullJson,
  type RecordedRequest,
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

function opened(issue: IssueJson, action = 'opened') {
  return { action, issue, sender: person(issue.user?.login ?? 'maria') };
}

function merged(pr: PullJson) {
  return { action: 'closed', number: pr.number, pull_request: pr, sender: person('maria') };
}

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

function commented(pr: number, body: string, author: string) {
  const comment = fake.addComment(pr, { body, author });
  return { action: 'created', issue: fake.issue(pr), comment, sender: person(author) };
}

/** The one stage job an event ran (after the job that finds the campaign's concurrency key). */
function only(runs: JobRun[], job: string): JobRun {
  const key = runs.find((r) => r.job === 'campaign');
  if (key) expect(key.exitCode, key.stderr).toBe(0);
  const stages = runs.filter((r) => r.job !== 'campaign');
  expect(stages.map((r) => r.job)).toEqual([job]);
  const [run] = stages;
  if (!run) throw new Error('no run');
  // The runner swallows `::add-mask::` commands (they are how secrets get masked); nothing else may show them.
  const shown = `${run.stdout}${run.stderr}`.replace(/^::add-mask::.*$/gm, '');
  expect(shown).not.toContain(SECRET);
  expect(shown).not.toContain(DEFAULT_TOKEN);
  return run;
}

async function snapshot() {
  return {
    branches: await fake.branches(),
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

/** A write as GitHub counts it: any request but a read (GraphQL queries read), injected faults left out. */
const isWrite = (r: RecordedRequest) => r.method !== 'GET' && r.route !== 'POST /graphql' && !r.injected;

async function writesDuring(work: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const from = fake.requests.length;
  await work();
  return fake.requests.slice(from).filter(isWrite);
}

describe.skipIf(!haveSamples)(
  'on GitHub, issue to report, with the sample answers',
  { timeout: 300_000 },
  () => {
    let issue: IssueJson;
    const events: [string, Record<string, unknown>][] = [];
    const send = async (name: string, event: Record<string, unknown>) => {
      events.push([name, event]);
      return runner.send(name, event);
    };
    /** The newest PR of a stage's branch (reports: one per cycle). */
    const stagePr = async (stage: string, id = ID) => {
      const pr = (await fake.pullRequests())
        .filter((p) => p.head.ref === `crescendo/${id}/${stage}`)
        .sort((a, b) => b.number - a.number)[0];
      if (!pr) throw new Error(`no ${stage} PR`);
      return pr;
    };
    const progress = (number = issue.number) =>
      fake.comments(number).filter((c) => c.body?.includes(PROGRESS_MARKER));
    const progressBody = () => {
      expect(progress()).toHaveLength(1);
      return progress()[0]?.body ?? '';
    };
    const headOf = async (stage: string) => (await stagePr(stage)).head.sha;
    const stateAt = async (stage: string) =>
      (await fake.readFile(`campaigns/${ID}/campaign.yml`, `crescendo/${ID}/${stage}`)) ?? '';

    /** The campaign issue tells the truth: each stage's line says what its newest pull request is. */
    async function expectTruthfulProgress() {
      const lines = progressBody().split('\n');
      for (const stage of STAGE_LIST) {
        const line = lines.find((l) => l.includes(`**${stage.title}**`)) ?? '';
        const pr = await stagePr(stage.name).catch(() => undefined);
        if (pr?.merged) expect(line, stage.name).toMatch(/^- \[x\] .*· merged/);
        else if (pr?.state === 'open') expect(line, stage.name).toMatch(/^- \[ \] .*· in review/);
        else expect(line, stage.name).not.toMatch(/merged|in review/);
        if (pr && (pr.merged || pr.state === 'open')) expect(line).toContain(`/pull/${pr.number}`);
      }
    }

    /** Each PR links its campaign issue and says what merging this particular PR does. */
    async function expectPrBody(stage: StageName) {
      const body = (await stagePr(stage)).body ?? '';
      expect(body).toContain(`${SERVER}/${OWNER}/${REPO}/issues/${issue.number}`);
      expect(body).toContain(`Merging this pull request ${STAGES[stage].onMerge}.`);
    }

    it('the campaign form opens the research PR and the progress comment, in at most 6 writes', async () => {
      issue = fake.openIssue({
        title: 'Campaign: Q2 2027 Product Launch',
        body: formBody(),
        labels: ['crescendo', 'campaign'],
        author: 'maria',
      });
      let run: JobRun | undefined;
      const writes = await writesDuring(async () => {
        run = only(await send('issues', opened(issue)), 'research');
      });
      expect(run?.exitCode, `${run?.stderr}${run?.stdout}`).toBe(0);
      const pr = await stagePr('research');
      expect(run?.outputs).toEqual({ 'campaign-id': ID, 'pull-request-number': String(pr.number) });
      expect(run?.concurrency).toBe(`crescendo-campaign-${ID}`);
      expect(pr.labels.map((l) => l.name).sort()).toEqual([
        'campaign:q2-2027-launch',
        'crescendo',
        'stage:research',
      ]);
      // One commit (tree with contents inline, commit, ref), the PR with its final body, labels once, the comment.
      expect(writes.map((w) => w.route)).toEqual([
        'POST /repos/{owner}/{repo}/git/trees',
        'POST /repos/{owner}/{repo}/git/commits',
        'POST /repos/{owner}/{repo}/git/refs',
        'POST /repos/{owner}/{repo}/pulls',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      ]);
      expect(progressBody()).toContain(`${SERVER}/${OWNER}/${REPO}/pull/${pr.number}`);
      await expectTruthfulProgress();
      await expectPrBody('research');
      expect(run?.summary).toContain('Next:');
    });

    // Before any report exists: research of a new campaign then has no earlier cycle to cite.
    it("a maintainer adopts an outsider's campaign issue by labelling it", async () => {
      const adopted = fake.openIssue({
        title: 'Campaign: from a contractor',
        body: formBody({ 'Campaign id': 'adopted-one' }),
        author: 'olga',
      });
      expect(only(await send('issues', opened(adopted)), 'research').exitCode).toBe(0);
      const access = () => fake.comments(adopted.number).filter((c) => c.body?.includes('crescendo:refused'));
      expect(access()).toHaveLength(1);
      expect(access()[0]?.body).toMatch(/adopt this campaign/);
      expect(Object.keys(await fake.branches())).not.toContain('crescendo/adopted-one/research');

      fake.addLabels(adopted.number, ['campaign']);
      const labelled = {
        action: 'labeled',
        issue: fake.issue(adopted.number),
        label: { name: 'campaign' },
        sender: person('maria'),
      };
      const run = only(await send('issues', labelled), 'research');
      expect(run.exitCode, run.stderr + run.stdout).toBe(0);
      expect(run.outputs['campaign-id']).toBe('adopted-one');
      await stagePr('research', 'adopted-one');
      expect(access()).toHaveLength(1);
      expect(access()[0]?.body).toMatch(
        /@maria \(write access\) adopted this campaign issue, opened by @olga/,
      );
      expect(progress(adopted.number)).toHaveLength(1);

      // The outsider edits the issue afterwards: nothing changes, and the note is not turned back into a refusal.
      const note = access()[0]?.body;
      const edited = { action: 'edited', issue: fake.issue(adopted.number), sender: person('olga') };
      expect(only(await send('issues', edited), 'research').exitCode).toBe(0);
      expect(access()[0]?.body).toBe(note);
    });

    it('/crescendo revise: refused for an outsider; acknowledged and applied once for a writer, replay or not', async () => {
      const pr = await stagePr('research');
      const before = await snapshot();
      const refused = only(
        await runner.send('issue_comment', commented(pr.number, '/crescendo revise more trends', 'olga')),
        'research',
      );
      expect(refused.exitCode).toBe(0);
      expect(await headOf('research')).toBe(pr.head.sha);
      expect(fake.comments(pr.number).some((c) => /Only people with write access/.test(c.body ?? ''))).toBe(
        true,
      );

      const event = commented(pr.number, '/crescendo revise more trends', 'maria');
      const run = only(await send('issue_comment', event), 'research');
      expect(run.exitCode, run.stderr + run.stdout).toBe(0);
      const after = await stagePr('research');
      expect(after.number).toBe(pr.number);
      expect(after.head.sha).not.toBe(pr.head.sha);
      expect((await snapshot()).pulls).toEqual(before.pulls);
      expect(await stateAt('research')).toMatch(/revisions: 1/);
      expect(await stateAt('research')).toContain(`comment:${event.comment.id}`);
      expect(fake.reactions(event.comment.id).map((r) => [r.content, r.user?.login])).toEqual([
        ['eyes', 'github-actions[bot]'],
        ['rocket', 'github-actions[bot]'],
      ]);

      // GitHub delivers the same event again: no second revision commit, no second model call.
      const spend = await fake.readFile(`campaigns/${ID}/spend.jsonl`, after.head.ref);
      const replay = only(await runner.send('issue_comment', event), 'research');
      expect(replay.exitCode, replay.stderr).toBe(0);
      expect(await headOf('research')).toBe(after.head.sha);
      expect(await fake.readFile(`campaigns/${ID}/spend.jsonl`, after.head.ref)).toBe(spend);
      expect(fake.reactions(event.comment.id)).toHaveLength(2);
      await expectTruthfulProgress();
    });

    it('a review requesting changes is applied once and answered; queued requests are applied together', async () => {
      const pr = await stagePr('research');
      const review = await fake.submitReview(pr.number, {
        state: 'CHANGES_REQUESTED',
        body: 'Add a competitor table',
        author: 'maria',
      });
      const reviewed = {
        action: 'submitted',
        review: { ...review, state: 'changes_requested' },
        pull_request: await fake.pullRequest(pr.number),
        sender: person('maria'),
      };
      expect(only(await send('pull_request_review', reviewed), 'research').exitCode).toBe(0);
      const afterReview = await headOf('research');
      expect(afterReview).not.toBe(pr.head.sha);
      expect(await stateAt('research')).toMatch(/revisions: 2/);
      const replies = () =>
        fake.comments(pr.number).filter((c) => c.body?.includes(`pullrequestreview-${review.id}`));
      expect(replies()).toHaveLength(1);
      expect(only(await runner.send('pull_request_review', reviewed), 'research').exitCode).toBe(0);
      expect(await headOf('research')).toBe(afterReview);
      expect(replies()).toHaveLength(1);

      // Two requests while a run was busy; GitHub kept only the newest pending run. It applies both, in order.
      const first = commented(pr.number, '/crescendo revise shorter summary', 'maria');
      const second = commented(pr.number, '/crescendo revise cite sources', 'maria');
      const run = only(await send('issue_comment', second), 'research');
      expect(run.exitCode, run.stderr + run.stdout).toBe(0);
      expect(run.summary).toContain('2 revision requests applied together');
      const state = await stateAt('research');
      expect(state).toMatch(/revisions: 3/);
      expect(state).toContain(`comment:${first.comment.id}`);
      expect(state).toContain(`comment:${second.comment.id}`);
      for (const c of [first, second])
        expect(fake.reactions(c.comment.id).map((r) => r.content)).toContain('rocket');
      // The first one's run arrives late: everything it asked for is in already.
      const head = await headOf('research');
      expect(only(await send('issue_comment', first), 'research').exitCode).toBe(0);
      expect(await headOf('research')).toBe(head);
      await expectTruthfulProgress();
    });

    it('each merge starts the next stage in at most 6 writes (7 for review, whose pull request review is one more), surviving a 422 and a secondary rate limit', async () => {
      // Strategy: PR creation fails once with a 422; the failure is reported, and the re-delivered event works.
      let merge = await fake.mergePullRequest((await stagePr('research')).number, { by: 'maria' });
      fake.failNext({ route: 'POST /repos/{owner}/{repo}/pulls', status: 422 });
      const failed = only(await runner.send('pull_request', merged(merge)), 'strategy');
      expect(failed.exitCode).not.toBe(0);
      expect(fake.comments(issue.number).some((c) => c.body?.includes('could not run strategy'))).toBe(true);
      // Even a failed run leaves the issue saying research is merged.
      await expectTruthfulProgress();
      expect(only(await send('pull_request', merged(merge)), 'strategy').exitCode).toBe(0);
      await expectPrBody('strategy');

      // Content: a secondary rate limit on PR creation is retried after its retry-after (0 s here: no sleeping).
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
        let run: JobRun | undefined;
        const writes = await writesDuring(async () => {
          run = only(await send('pull_request', merged(merge)), to);
        });
        expect(run?.exitCode, `${run?.stderr}${run?.stdout}`).toBe(0);
        expect(run?.concurrency).toBe(`crescendo-campaign-${ID}`);
        // The review stage also posts its review (inline comments and all) on its PR: one write more.
        const reviews = writes.filter(
          (w) => w.route === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        );
        expect(reviews).toHaveLength(to === 'review' ? 1 : 0);
        expect(writes.length, writes.map((w) => w.route).join('\n')).toBeLessThanOrEqual(6 + reviews.length);
        expect(writes.filter((w) => w.route === 'POST /repos/{owner}/{repo}/git/commits')).toHaveLength(1);
        await expectPrBody(to);
        await expectTruthfulProgress();
      }
    });

    it('distribution merged: measurement waits for data, and the issue says what to export, from where, to which path', async () => {
      const merge = await fake.mergePullRequest((await stagePr('distribution')).number, { by: 'maria' });
      const waiting = only(await send('pull_request', merged(merge)), 'measurement');
      expect(waiting.exitCode, waiting.stderr + waiting.stdout).toBe(0);
      expect(waiting.summary).toMatch(/waits/);
      await expectTruthfulProgress();
      const body = progressBody();
      expect(body).not.toContain('review and merge the distribution');
      const next = body.slice(body.indexOf('**Next:**'));
      expect(next).toContain('Waiting on the team');
      for (const words of [
        'GA4',
        'Google Ads',
        'LinkedIn Ads',
        `campaigns/${ID}/data/metrics.csv`,
        'utm_content',
      ]) {
        expect(next).toContain(words);
      }
      // The schedule and a run by hand, before any data: the same truth, nothing rewritten, nothing failed.
      const said = progressBody();
      const writes = await writesDuring(async () => {
        expect(only(await send('schedule', { schedule: '0 7 * * 1' }), 'measurement').exitCode).toBe(0);
        const dispatched = await runner.send(
          'workflow_dispatch',
          { inputs: { campaign: ID, stage: 'measurement' } },
          'campaign.yml',
        );
        expect(only(dispatched, 'measurement').exitCode).toBe(0);
      });
      expect(writes).toEqual([]);
      expect(progressBody()).toBe(said);
    });

    it('the weekly schedule opens a report once data exists; merging the report shows it merged', async () => {
      // The demo's data: the channels' export, the CRM funnel as a HubSpot pull is saved, and its journeys.
      const pulled = 'hubspot-2027-04-01-2027-06-28.csv';
      await fake.seed(
        {
          [`campaigns/${ID}/data/metrics.csv`]: readFileSync(METRICS, 'utf8'),
          [`campaigns/${ID}/data/metrics/${pulled}`]: repoFile('scripts/demo/hubspot.sample.csv'),
          [`campaigns/${ID}/data/touchpoints/${pulled}`]: repoFile('scripts/demo/touchpoints.sample.csv'),
        },
        'Add metrics',
      );
      const run = only(await send('schedule', { schedule: '0 7 * * 1' }), 'measurement');
      expect(run.exitCode, run.stderr + run.stdout).toBe(0);
      const pr = await stagePr('measurement');
      expect(run.outputs['pull-request-number']).toBe(String(pr.number));
      await expectPrBody('measurement');
      expect(pr.body).not.toMatch(/starts the next/i);
      await expectTruthfulProgress();

      const merge = await fake.mergePullRequest(pr.number, { by: 'maria' });
      const report = only(await send('pull_request', merged(merge)), 'measurement');
      expect(report.exitCode, report.stderr + report.stdout).toBe(0);
      await expectTruthfulProgress();
      const body = progressBody();
      expect(body).toMatch(/- \[x\] \*\*Measurement report\*\* · merged/);
      expect(body).toContain('**Next:** Live');
      for (const stage of STAGE_LIST) expect(body).toContain(`/pull/${(await stagePr(stage.name)).number}`);
    });

    it('replaying every event duplicates nothing', async () => {
      const before = await snapshot();
      const reactions = fake
        .issues()
        .flatMap((i) => fake.comments(i.number))
        .reduce((n, c) => n + fake.reactions(c.id).length, 0);
      const said = progressBody();
      // Every webhook again, as GitHub redelivers them. Schedule ticks carry no identity: a re-run after the
      // report was merged is the next report by design, so they are not replayed here.
      for (const [name, event] of events.filter(([name]) => name !== 'schedule')) {
        for (const run of await runner.send(name, event))
          expect(run.exitCode, run.stderr + run.stdout).toBe(0);
      }
      expect(await snapshot()).toEqual(before);
      expect(
        fake
          .issues()
          .flatMap((i) => fake.comments(i.number))
          .reduce((n, c) => n + fake.reactions(c.id).length, 0),
      ).toBe(reactions);
      expect(progressBody()).toBe(said);
    });
  },
);
