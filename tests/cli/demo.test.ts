import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBrandVoice } from '../../actions/engine/artifacts/brand.js';
import { ledgerPath, parseLedger } from '../../actions/engine/artifacts/ledger.js';
import { parseReviewFile, REVIEW_COMMENT_MARKER, reviewPath } from '../../actions/engine/artifacts/review.js';
import { StrategyData } from '../../actions/engine/artifacts/strategy.js';
import { parseArtifact } from '../../actions/engine/files/artifact-file.js';
import { readFrontMatter } from '../../actions/engine/files/front-matter.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LOCAL_REVIEWER, LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { STAGE_NAMES } from '../../actions/engine/stages/names.js';
import { changedLines } from '../../actions/engine/stages/review/anchors.js';
import { checkFile } from '../../scripts/cli/check-file.js';
import { DEMO_PUBLISH_AT, demo } from '../../scripts/cli/commands.js';
import { publishCommand } from '../../scripts/cli/publish.js';
import { packageRoot } from '../helpers.js';
import { expectPlanAgreement } from '../stages/strategy/fixtures.js';

const ID = 'q2-2027-launch';

// One demo run for the whole file: it is the slow part, every test reads what it left on main.
let dir = '';
let files: string[] = [];
const lines: string[] = [];
/** A file on main: the demo leaves main checked out and clean, so the work tree is main. */
const show = (path: string) => readFile(join(dir, path), 'utf8');
const contentFiles = (channel: string) =>
  files.filter((f) => f.startsWith(`content/${ID}/${channel}/`) && f.endsWith('.md'));

beforeAll(async () => {
  dir = await demo(
    { packageRoot, out: (l) => lines.push(l) },
    await mkdtemp(join(tmpdir(), 'crescendo-demo-test-')),
  );
  files = (await git(dir, ['ls-files'])).split('\n').filter(Boolean);
  expect(await git(dir, ['status', '--porcelain'])).toBe('');
  expect((await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim()).toBe('main');
}, 300_000); // the whole 60-asset demo; about 30 s on an idle 2-core machine

describe('crescendo demo', () => {
  it('leaves a repository whose main has merged all six stages, artifacts where the README puts them', async () => {
    for (const path of [
      `campaigns/${ID}/campaign.yml`,
      `plans/reports/${ID}-research.md`,
      `plans/${ID}-strategy.md`,
      `content/${ID}/index.md`,
      `campaigns/${ID}/review.md`,
      `campaigns/${ID}/ledger.yml`,
    ]) {
      expect(files).toContain(path);
    }
    expect(files.some((f) => f.startsWith(`campaigns/${ID}/reports/`) && f.endsWith('-report.md'))).toBe(
      true,
    );
    const merges = await git(dir, ['log', '--merges', '--format=%s', 'main']);
    for (const stage of STAGE_NAMES) expect(merges).toContain(`Approve ${stage} for ${ID}`);

    const state = parse(await show(`campaigns/${ID}/campaign.yml`)).state;
    expect(state.sample).toBe(true);
    const forge = await LocalForge.open(dir);
    const views = await stageViews(forge, ID);
    for (const stage of STAGE_NAMES) expect(views[stage].status).toBe('approved');
    expect(lines.join('\n')).toMatch(/sample answers/);
  });

  it('is the workflow’s example at full scale: every asset it asks for, each passing `crescendo check`', async () => {
    const brand = parseBrandVoice(await show('.github/crescendo/brand.yml'));
    const content = files.filter(
      (f) => f.startsWith(`content/${ID}/`) && f.endsWith('.md') && !f.endsWith('index.md'),
    );
    const types = new Map<string, number>();
    for (const file of [
      ...content,
      `plans/${ID}-strategy.md`,
      `plans/reports/${ID}-research.md`,
      `campaigns/${ID}/review.md`,
    ]) {
      const text = await show(file);
      const result = checkFile(file, text, { brand });
      expect(result.problems, file).toEqual([]);
      // Landing pages show no proof: the brand file has no customer quote or sourced figure to show.
      const warnings = (result.warnings ?? []).filter((w) => !/shows no proof/.test(w.message));
      expect(warnings, file).toEqual([]);
      expect(text).toContain('sample: true');
      if (file.startsWith('content/')) types.set(result.kind, (types.get(result.kind) ?? 0) + 1);
    }
    expect(Object.fromEntries(types)).toEqual({
      'blog-post': 8,
      'lead-magnet': 2,
      'landing-page': 2,
      'email-sequence': 4, // welcome, nurture, promotional and the weekly newsletter
      'social-post': 40,
      'google-rsa': 2,
      'linkedin-ad': 2,
    });
    expect(contentFiles('linkedin')).toHaveLength(20);
    expect(contentFiles('x')).toHaveLength(20);
  });

  it('writes blog posts of SEO-grade length, each for its own keyword', async () => {
    const keywords = new Set<string>();
    for (const file of contentFiles('blog')) {
      const doc = readFrontMatter(await show(file), file);
      keywords.add(String(doc.data.keyword));
      const words = doc.body.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
      expect(words, file).toBeGreaterThanOrEqual(1000);
    }
    expect(keywords.size).toBe(8);
  });

  it('plans one set of numbers: expected results, funnel tree and KPI table agree to the unit', async () => {
    const strategyText = await show(`plans/${ID}-strategy.md`);
    const strategy = parseArtifact(strategyText, 'strategy.md', 'strategy', StrategyData);
    expectPlanAgreement(strategy, strategyText);
    expect(strategy.warnings).toEqual([]);
    expect(strategy.objectivePlans.map((p) => p.planned >= p.target)).toEqual([true, true, true]);
  });

  it('reviews per asset: a review PR that changes only status lines, with inline comments and a claims checklist', async () => {
    const forge = await LocalForge.open(dir);
    const pr = await forge.findPullRequest(`crescendo/${ID}/review`);
    expect(pr?.state).toBe('merged');
    // The merge brought in status lines and the review, nothing else of the content.
    const merge = (
      await git(dir, ['log', '--merges', '--format=%H', '--grep', 'Approve review', 'main'])
    ).trim();
    const changed = (await git(dir, ['diff', '--name-only', `${merge}^1`, merge]))
      .split('\n')
      .filter(Boolean);
    const assets = changed.filter((p) => p.startsWith(`content/${ID}/`) && p.endsWith('.md'));
    expect(assets.length).toBe(60);
    for (const path of assets.slice(0, 8)) {
      const before = await git(dir, ['show', `${merge}^1:${path}`]);
      const after = await git(dir, ['show', `${merge}:${path}`]);
      const line = before.split('\n').indexOf('status: draft') + 1;
      expect(changedLines(before, after)).toEqual([line]);
    }
    // One review by Crescendo with its comments on the diff's lines; no blocker in the samples.
    const reviews = (await forge.listReviews(pr!.number)).filter((r) => r.author === LOCAL_REVIEWER);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.state).not.toBe('CHANGES_REQUESTED');
    const comments = reviews[0]?.comments ?? [];
    expect(comments.length).toBeGreaterThan(20);
    for (const comment of comments) expect(comment.body).toContain(REVIEW_COMMENT_MARKER);
    // The claims checklist: in the PR body as written, ticked in review.md by `crescendo verify --all`.
    expect(pr?.body).toMatch(/## Claims to verify[\s\S]*- \[ \] \*\*C1\*\* /);
    const review = parseReviewFile(await show(reviewPath(ID)), reviewPath(ID));
    expect(review.data.claims.length).toBeGreaterThan(10);
    expect(review.body).not.toMatch(/- \[ \] \*\*C\d+\*\*/);
    expect(review.data.assets.every((a) => a.verdict === 'approved')).toBe(true);
    // `crescendo review` (which the demo runs) shows the recorded review.
    expect(lines.join('\n')).toMatch(/Crescendo's review: comments, \d+ inline comments/);
  });

  it('publishes: the blog into the site folder, emails the review let through to the loopback mail server, social and ads as dry runs', async () => {
    const files = (await git(dir, ['ls-files'])).split('\n');
    const ledger = parseLedger(await git(dir, ['show', `main:${ledgerPath(ID)}`]), ledgerPath(ID));
    for (const entry of ledger.entries) {
      const label = `${entry.channel} ${entry.path}#${entry.variant}`;
      if (entry.channel === 'blog' || entry.channel === 'email') {
        expect(entry.status, label).toBe('published');
        if (entry.status === 'published') expect(entry.url ?? entry.remoteId, label).toBeTruthy();
      } else {
        expect(entry.status, label).toBe('dry-run');
        if (entry.status === 'dry-run') expect(files, label).toContain(entry.requests);
      }
    }
    const emails = ledger.entries.filter((e) => e.channel === 'email').length;
    expect(files.filter((f) => f.startsWith('mailbox/') && f.endsWith('.eml'))).toHaveLength(emails);
    const posts = ledger.entries.filter((e) => e.channel === 'blog').length;
    expect(files.filter((f) => f.startsWith('website/content/posts/'))).toHaveLength(posts);

    // `crescendo publish --now` again on the demo repository: nothing is due, nothing changes.
    const tip = await git(dir, ['rev-parse', 'HEAD']);
    const out: string[] = [];
    const code = await publishCommand(['--dir', dir, '--now', DEMO_PUBLISH_AT], {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^Nothing due/m);
    expect(await git(dir, ['rev-parse', 'HEAD'])).toBe(tip);
    expect(await git(dir, ['status', '--porcelain'])).toBe('');
  });

  describe('renders its artifacts as the snapshots show', () => {
    // Only the time a file was generated, the demo's folder and its mail server's port change from run to run.
    const stable = (text: string) =>
      text
        .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/g, '"<generated>"')
        .replaceAll(dir, '<demo>')
        .replace(/smtp:\/\/127\.0\.0\.1:\d+/g, 'smtp://127.0.0.1:<port>');
    const snapshot = async (path: string, name: string) =>
      expect(stable(await show(path))).toMatchFileSnapshot(`./__snapshots__/demo/${name}`);

    it('research', () => snapshot(`plans/reports/${ID}-research.md`, 'research.md'));
    it('strategy', () => snapshot(`plans/${ID}-strategy.md`, 'strategy.md'));
    it('content index', () => snapshot(`content/${ID}/index.md`, 'content-index.md'));
    it('a blog post', () =>
      snapshot(`content/${ID}/blog/2027-04-29-lead-scoring-model-b2b.md`, 'blog-post.md'));
    it('an email sequence and one of its emails', async () => {
      await snapshot(`content/${ID}/email/2027-04-26-nurture.md`, 'email-sequence.md');
      await snapshot(
        `content/${ID}/email/2027-04-26-nurture-email-3.html`,
        'email-sequence-email-3.html.txt',
      );
    });
    it('social posts on LinkedIn and X', async () => {
      await snapshot(
        `content/${ID}/linkedin/2027-04-26-automate-launch-announcement.md`,
        'social-linkedin.md',
      );
      await snapshot(`content/${ID}/x/2027-04-26-automate-launch-x.md`, 'social-x.md');
    });
    it('review', () => snapshot(`campaigns/${ID}/review.md`, 'review.md'));
    it('distribution', () => snapshot(ledgerPath(ID), 'ledger.yml'));
  });
});
