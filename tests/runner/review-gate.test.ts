import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  approvedForDistribution,
  parseReviewFile,
  reviewPath,
} from '../../actions/engine/artifacts/review.js';
import { markClaims } from '../../actions/engine/artifacts/review-claims.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { approve, revise, verifyClaims } from '../../actions/engine/runner/local-actions.js';
import { startCampaign } from '../../actions/engine/runner/run-stage.js';
import { RecordingSampleLlm } from '../fakes/recording-sample-llm.js';
import { smallBriefPath as exampleBriefPath, freshRepo, smallSamplesDir as samplesDir } from '../helpers.js';

const ID = 'q2-2027-launch';
const EMAIL = `content/${ID}/email/2027-04-13-playbook-nurture.md`;
const LANDING = `content/${ID}/landing-page/2027-04-13-b2b-marketing-automation.md`;
const brief = parse(readFileSync(exampleBriefPath, 'utf8'));
const REVIEW_BRANCH = `crescendo/${ID}/review`;

let forge: LocalForge;
let dir: string;
let llm: RecordingSampleLlm;
const deps = () => ({ forge, llm });

const OVERRIDE = { override: 'the targets were agreed with sales' };

/** Repositories built once for the file: the content PR open, and the review PR open. */
const snapshots = { content: '', review: '' };

/** A copy of a snapshot to change freely: its forge, and a fresh model that records what it is asked. */
async function copyOf(snapshot: keyof typeof snapshots): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'crescendo-review-gate-'));
  await cp(snapshots[snapshot], dir, { recursive: true });
  forge = await LocalForge.open(dir);
  llm = new RecordingSampleLlm();
}

beforeAll(async () => {
  ({ forge, dir } = await freshRepo());
  llm = new RecordingSampleLlm();
  // The demo's brand voice: what the samples were written for.
  mkdirSync(join(dir, '.github', 'crescendo'), { recursive: true });
  writeFileSync(
    join(dir, '.github', 'crescendo', 'brand.yml'),
    readFileSync(join(samplesDir, '..', 'brand.yml')),
  );
  await git(dir, ['add', '.github/crescendo/brand.yml']);
  await git(dir, ['commit', '-q', '-m', 'brand']);
  await startCampaign(deps(), brief);
  await approve(deps(), ID, OVERRIDE);
  await approve(deps(), ID, OVERRIDE);
  snapshots.content = await mkdtemp(join(tmpdir(), 'crescendo-review-gate-content-'));
  await cp(dir, snapshots.content, { recursive: true });
  await approve(deps(), ID, OVERRIDE);
  snapshots.review = dir;
}, 120_000);

describe('claims a person must tick before distribution', () => {
  it('an asset whose claims are not all ticked is not distributed; ticking them on main lets it go', async () => {
    await copyOf('review');
    const guide = `content/${ID}/blog/2027-04-13-marketing-automation-software-buyers-guide.md`;
    const file = parseReviewFile((await forge.readFile(reviewPath(ID), REVIEW_BRANCH))!, reviewPath(ID));
    const guideClaims = file.data.claims.filter((c) => c.at.some((p) => p.path === guide)).map((c) => c.id);
    const others = file.data.claims.map((c) => c.id).filter((id) => !guideClaims.includes(id));
    expect(guideClaims.length).toBeGreaterThan(0);
    await verifyClaims(forge, ID, { ids: others });
    const schedule = JSON.parse(readFileSync(join(samplesDir, 'distribution.json'), 'utf8'));
    llm.overrides.set('distribution', {
      schedule: schedule.schedule.filter((e: { slot: string }) => !e.slot.startsWith(`${guide}#`)),
    });
    const lines: string[] = [];
    const result = await approve({ ...deps(), log: (l) => lines.push(l) }, ID);
    const branch = result.next?.pullRequest.branch ?? '';
    expect(branch).toBe(`crescendo/${ID}/distribution`);
    // The distribution pull request says what the ledger schedules and what the review holds back.
    const plan = result.next?.pullRequest.body ?? '';
    const held = plan.slice(plan.indexOf('## Held back'));
    expect(plan.slice(0, plan.indexOf('## Held back'))).not.toContain(guide);
    expect(held).toContain(`\`${guide}\`: claims not verified: ${guideClaims.join(', ')}`);
    expect(held).toContain('/crescendo revise');
    expect(result.next?.pullRequest.body).toContain('Held back by the review');
    expect(lines).toContain(`  held back: ${guide}: claims not verified: ${guideClaims.join(', ')}`);
    // A person ticks the guide's claims in review.md on main; the gate now lets it go.
    const path = join(dir, reviewPath(ID));
    const text = readFileSync(path, 'utf8');
    const { data, body } = parseReviewFile(text, reviewPath(ID));
    writeFileSync(
      path,
      text.slice(0, text.length - body.length) +
        markClaims(body, data.claims, new Set(guideClaims), { state: 'verified' }),
    );
    await git(dir, ['commit', '-q', '-am', 'Verify the guide claims']);
    expect((await approvedForDistribution(forge, ID)).approved).toContain(guide);
    // A revision of the open distribution PR then schedules it.
    llm.overrides.delete('distribution');
    await revise(deps(), ID, 'schedule the released assets');
    expect((await forge.readFile(`campaigns/${ID}/ledger.yml`, branch))!).toContain(guide);
    expect((await forge.findPullRequest(branch))?.body).not.toContain('## Held back (3)');
  });

  it('crescendo verify ticks claims on the review branch, and approval then distributes', async () => {
    await copyOf('review');
    const verified = await verifyClaims(forge, ID, { ids: [], all: true });
    expect(verified.marked.length).toBeGreaterThan(10);
    const after = parseReviewFile((await forge.readFile(reviewPath(ID), REVIEW_BRANCH))!, reviewPath(ID));
    expect(after.body).not.toMatch(/- \[ \] \*\*C\d+\*\*/);
    const result = await approve(deps(), ID);
    expect(result.next?.pullRequest.branch).toBe(`crescendo/${ID}/distribution`);
  });
});

describe('revisions per asset on the review pull request', () => {
  it('revises one asset named by path and line, with the feedback and the words of that line', async () => {
    await copyOf('review');
    const text = (await forge.readFile(EMAIL, REVIEW_BRANCH))!;
    const line =
      text.split('\n').findIndex((l) => l.includes('url: https://www.example.com/automate#programs')) + 1;
    const from = llm.requests.length;
    await revise(deps(), ID, 'link the program templates to the form', { assets: [`${EMAIL}:${line}`] });
    expect(llm.tasksSince(from).sort()).toEqual(['content/email-sequence/1', 'review/email-sequence/1']);
    const prompt = JSON.stringify(llm.requests[from]?.messages);
    expect(prompt).toContain(`On line ${line}`);
    expect(prompt).toContain('automate#programs');
    expect(prompt).toContain('link the program templates to the form');
  });

  it('sends every asset marked changes-requested back to generation in one command', async () => {
    await copyOf('review');
    const from = llm.requests.length;
    await revise(deps(), ID, '', { changesRequested: true });
    expect(llm.tasksSince(from).sort()).toEqual([
      'content/email-sequence/1',
      'content/landing-page/1',
      'review/email-sequence/1',
      'review/landing-page/1',
    ]);
    const prompt = JSON.stringify(
      llm.requests.slice(from).find((r) => r.task === 'content/landing-page/1')?.messages,
    );
    expect(prompt).toMatch(
      /blocker \(sources\): the page shows \\"Source: Cadence Automate product specification/,
    );
    // The other assets' files are the same as before (status lines only against main).
    const post = `content/${ID}/linkedin/2027-05-08-why-sales-ignores-lead-scores.md`;
    expect(await forge.readFile(post, REVIEW_BRANCH)).toContain('status: approved');
    expect(await forge.readFile(LANDING, REVIEW_BRANCH)).toContain('status: changes-requested');
  });
});

describe('revisions per asset on the content pull request', () => {
  it('regenerates only the named asset and keeps every other file of the branch', async () => {
    await copyOf('content');
    const branch = `crescendo/${ID}/content`;
    const before = await forge.listFiles(`content/${ID}`, branch);
    const from = llm.requests.length;
    const run = await revise(deps(), ID, 'shorter subject lines', { assets: [EMAIL] });
    expect(llm.tasksSince(from)).toEqual(['content/email-sequence/1']);
    expect(await forge.listFiles(`content/${ID}`, branch)).toEqual(before);
    expect(run.campaign.state.stages.content.files).toEqual(expect.arrayContaining(before));
  });
});
