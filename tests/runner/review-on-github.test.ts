import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { revisePullRequest } from '../../actions/engine/action/revise.js';
import type { RunContext } from '../../actions/engine/action/run-context.js';
import { REVIEW_COMMENT_MARKER } from '../../actions/engine/artifacts/review.js';
import { CONFIG_PATH } from '../../actions/engine/config/config.js';
import { GitHubForge } from '../../actions/engine/forge/github/github-forge.js';
import { runStage, startCampaign } from '../../actions/engine/runner/run-stage.js';
import { changedLines } from '../../actions/engine/stages/review/anchors.js';
import { DEFAULT_TOKEN, type FakeGitHub, startFakeGitHub } from '../fakes/github/index.js';
import { RecordingSampleLlm } from '../fakes/recording-sample-llm.js';
import {
  smallBriefPath as exampleBriefPath,
  packageRoot,
  smallSamplesDir as samplesDir,
  smallDemoDir,
} from '../helpers.js';

const ID = 'q2-2027-launch';
const EMAIL = `content/${ID}/email/2027-04-13-playbook-nurture.md`;
const LANDING = `content/${ID}/landing-page/2027-04-13-b2b-marketing-automation.md`;
const brief = parse(readFileSync(exampleBriefPath, 'utf8'));

let fake: FakeGitHub;
let forge: GitHubForge;
const llm = new RecordingSampleLlm();
const log: string[] = [];
const deps = () => ({ forge, llm, log: (line: string) => log.push(line) });
/** The review action's context on GitHub, with the recording model. */
const context = (): RunContext => ({ stage: 'review', env: {}, forge, dryRun: false, apiKey: '', llm });
const pullOf = async (stage: string) =>
  (await fake.pullRequests()).filter((p) => p.head.ref === `crescendo/${ID}/${stage}`).at(-1)!;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

beforeAll(async () => {
  fake = await startFakeGitHub({
    owner: 'acme',
    repo: 'site',
    collaborators: { maria: 'write', olga: 'read' },
  });
  await fake.seed(
    {
      [CONFIG_PATH]: readFileSync(join(packageRoot, CONFIG_PATH), 'utf8'),
      '.github/crescendo/brand.yml': readFileSync(join(smallDemoDir, 'brand.yml'), 'utf8'),
    },
    'Set up Crescendo',
  );
  forge = await GitHubForge.create({
    token: DEFAULT_TOKEN,
    owner: 'acme',
    repo: 'site',
    baseUrl: fake.url,
    throttle: { minTimeMs: 0, retryBaseMs: 10 },
    log: () => {},
  });
  await startCampaign(deps(), brief);
  for (const [merged, next] of [
    ['research', 'strategy'],
    ['strategy', 'content'],
    ['content', 'review'],
  ] as const) {
    await fake.mergePullRequest((await pullOf(merged)).number, { by: 'maria' });
    await runStage(deps(), { campaignId: ID, stage: next });
  }
}, 120_000);

afterAll(async () => {
  await fake?.close();
});

describe('the review on GitHub (through the fake)', () => {
  it('posts one review whose inline comments sit on lines of the diff, which changes only status lines', async () => {
    const pr = await pullOf('review');
    const reviews = fake.reviews(pr.number);
    expect(reviews).toHaveLength(1);
    // Crescendo opened the PR, and GitHub refuses REQUEST_CHANGES from a PR's author: posted as a comment.
    expect(reviews[0]).toMatchObject({ state: 'COMMENTED', user: { login: 'github-actions[bot]' } });
    expect(reviews[0]?.body).toMatch(/^> \*\*Changes requested\.\*\*/);
    expect(reviews[0]?.body).toMatch(/\| Asset \| Verdict \| Blockers \| Major \| Minor \| Claims \|/);

    const main = await forge.listFiles(`content/${ID}`);
    for (const path of main.filter((p) => p.endsWith('.md') && !p.endsWith('index.md'))) {
      const before = (await fake.readFile(path))!;
      const after = (await fake.readFile(path, pr.head.ref))!;
      expect(changedLines(before, after)).toEqual([lineOf(before, 'status: draft')]);
    }
    const comments = (await forge.listReviews(pr.number))[0]?.comments ?? [];
    expect(comments.length).toBeGreaterThan(10);
    const email = (await fake.readFile(EMAIL, pr.head.ref))!;
    const statusLine = lineOf(email, 'status:');
    const programs = comments.find((c) => c.path === EMAIL && c.body.includes('#programs'));
    expect(programs?.line).toBe(statusLine);
    expect(programs?.body).toContain(
      `Line ${lineOf(email, 'url: https://www.example.com/automate#programs')}`,
    );
    expect(programs?.body).toContain(REVIEW_COMMENT_MARKER);
    // Every comment sits inside its file's one hunk: the status line or the context git shows around it.
    for (const comment of comments) {
      const text = (await fake.readFile(comment.path, pr.head.ref))!;
      const status = lineOf(text, 'status:');
      expect(Math.abs((comment.line ?? 0) - status)).toBeLessThanOrEqual(3);
    }
    expect(pr.body).toMatch(/## Claims to verify/);
    expect(pr.body).toMatch(/- \[ \] \*\*C1\*\* /);
  });

  it('an inline comment regenerates only its asset, its words reaching the model, on the same PR', async () => {
    const pr = await pullOf('review');
    const before = (await fake.readFile(EMAIL, pr.head.ref))!;
    const statusLine = lineOf(before, 'status:');
    const fixed = JSON.parse(readFileSync(join(samplesDir, 'content__email-sequence__1.json'), 'utf8'));
    for (const email of fixed.emails) email.cta.url = 'https://www.example.com/automate#form';
    llm.overrides.set('content/email-sequence/1', fixed);
    // Olga (read access) comments on another asset first: hers is not a request anyone may act on.
    await fake.submitReview(pr.number, {
      state: 'COMMENTED',
      author: 'olga',
      comments: [
        {
          path: LANDING,
          line: lineOf((await fake.readFile(LANDING, pr.head.ref))!, 'status:'),
          body: 'Rewrite the whole page as a poem.',
        },
      ],
    });
    // Maria requests changes with an inline comment on the email's line.
    const review = await fake.submitReview(pr.number, {
      state: 'CHANGES_REQUESTED',
      body: 'One thing before it goes out: see my comment.',
      author: 'maria',
      comments: [
        {
          path: EMAIL,
          line: statusLine,
          body: 'Every button goes to an anchor that does not exist: send them to the form.',
        },
      ],
    });
    const seen = llm.requests.length;
    const result = await revisePullRequest(context(), {
      kind: 'revise',
      pr: pr.number,
      feedback: 'One thing before it goes out: see my comment.',
      actor: 'maria',
      via: 'review',
      revisionId: `review:${review.id}`,
      campaignId: ID,
      stage: 'review',
    });
    expect(result.status).toBe('ran');
    expect(result.pullRequest).toBe(pr.number);
    const asked = llm.requests.slice(seen);
    expect(asked.map((r) => r.task).sort()).toEqual(['content/email-sequence/1', 'review/email-sequence/1']);
    const prompt = JSON.stringify(asked.find((r) => r.task === 'content/email-sequence/1')?.messages);
    expect(prompt).toContain('Every button goes to an anchor that does not exist: send them to the form.');
    expect(prompt).toContain(`On line ${statusLine}`);
    expect(prompt).toContain('One thing before it goes out: see my comment.');
    expect(JSON.stringify(asked)).not.toContain('poem');

    const after = (await fake.readFile(EMAIL, (await pullOf('review')).head.ref))!;
    expect(after).not.toContain('#programs');
    expect(after).toContain('status: approved');
    // The new review comments only on the regenerated asset, now all diff: findings on their own lines.
    const latest = (await forge.listReviews(pr.number)).at(-1);
    expect(latest?.author).toBe('github-actions[bot]');
    expect(new Set(latest?.comments?.map((c) => c.path))).toEqual(new Set([EMAIL]));
    expect(latest?.comments?.some((c) => c.line !== statusLine && !/\nLine \d+/.test(c.body))).toBe(true);

    // The same event again (a re-delivery) regenerates nothing.
    const replay = await revisePullRequest(context(), {
      kind: 'revise',
      pr: pr.number,
      feedback: 'One thing before it goes out: see my comment.',
      actor: 'maria',
      via: 'review',
      revisionId: `review:${review.id}`,
    });
    expect(replay.status).toBe('skipped');
    expect(llm.requests.length - seen).toBe(asked.length);
  });
});
