import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseReviewFile, REVIEW_COMMENT_MARKER, reviewPath } from '../../actions/engine/artifacts/review.js';
import { StrategyData } from '../../actions/engine/artifacts/strategy.js';
import { parseArtifact } from '../../actions/engine/files/artifact-file.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LOCAL_REVIEWER, LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { STAGE_NAMES } from '../../actions/engine/stages/names.js';
import { changedLines } from '../../actions/engine/stages/review/anchors.js';
import { checkFile } from '../../scripts/cli/check-file.js';
import { demo } from '../../scripts/cli/commands.js';
import { packageRoot } from '../helpers.js';
import { expectPlanAgreement } from '../stages/strategy/fixtures.js';

const ID = 'q2-2027-launch';

// One demo run for the whole file: it is the slowest thing a test does.
const lines: string[] = [];
let dir: string;
beforeAll(async () => {
  dir = await demo(
    { packageRoot, out: (l) => lines.push(l) },
    await mkdtemp(join(tmpdir(), 'crescendo-demo-test-')),
  );
}, 120_000);

describe('crescendo demo', () => {
  it('leaves a repository whose main has merged all six stages, artifacts where the README puts them', async () => {
    const files = (await git(dir, ['ls-files'])).split('\n');
    for (const path of [
      `campaigns/${ID}/campaign.yml`,
      `plans/reports/${ID}-research.md`,
      `plans/${ID}-strategy.md`,
      `content/${ID}/index.md`,
      `campaigns/${ID}/review.md`,
      `campaigns/${ID}/distribution.md`,
    ]) {
      expect(files).toContain(path);
    }
    const reportFile = files.find(
      (f) => f.startsWith(`campaigns/${ID}/reports/`) && f.endsWith('-report.md'),
    );
    expect(reportFile).toBeDefined();
    // The report: plan vs actual with pacing, the funnel, attribution by several models from the sample
    // touchpoint export, week over week; all marked as sample data, and it passes `crescendo check`.
    const report = await git(dir, ['show', `main:${reportFile}`]);
    expect(checkFile(reportFile!, report).problems).toEqual([]);
    for (const part of [
      'sample: true',
      '**Sample data.**',
      '## Plan vs actual',
      '**LinkedIn Ads has spent 198% of its approved USD 6,750**',
      '| Channel | Approved budget | Spent to date | Share spent | Pacing | Status |',
      '## Funnel by channel',
      '| leads | MQLs | SQLs | opportunities | pipeline | revenue |',
      '| Channel | First touch | Last touch | Linear | Position | Time decay | Markov | Shapley | Spread |',
      '## Week over week',
    ])
      expect(report).toContain(part);
    expect(files).toContain(`campaigns/${ID}/data/touchpoints/hubspot-2027-04-01-2027-06-28.csv`);
    const merges = await git(dir, ['log', '--merges', '--format=%s', 'main']);
    for (const stage of STAGE_NAMES) expect(merges).toContain(`Approve ${stage} for ${ID}`);

    const state = parse(await git(dir, ['show', `main:campaigns/${ID}/campaign.yml`])).state;
    expect(state.sample).toBe(true);
    const forge = await LocalForge.open(dir);
    const views = await stageViews(forge, ID);
    for (const stage of STAGE_NAMES) expect(views[stage].status).toBe('approved');

    // Every requested asset type arrived, and every artifact passes `crescendo check` and says it is a sample.
    const content = files.filter(
      (f) => f.startsWith(`content/${ID}/`) && f.endsWith('.md') && !f.endsWith('index.md'),
    );
    const types = new Set<string>();
    for (const file of [
      ...content,
      `plans/${ID}-strategy.md`,
      `plans/reports/${ID}-research.md`,
      `campaigns/${ID}/review.md`,
    ]) {
      const text = await git(dir, ['show', `main:${file}`]);
      const result = checkFile(file, text);
      expect(result.problems).toEqual([]);
      expect(text).toContain('sample: true');
      if (file.startsWith('content/')) types.add(result.kind);
    }
    expect(types).toEqual(
      new Set([
        'blog-post',
        'landing-page',
        'lead-magnet',
        'email-sequence',
        'social-post',
        'google-rsa',
        'linkedin-ad',
      ]),
    );
    expect(lines.join('\n')).toMatch(/sample answers/);

    // One plan of record: the strategy's expected results, funnel tree and KPI table agree to the unit.
    const strategyText = await git(dir, ['show', `main:plans/${ID}-strategy.md`]);
    const strategy = parseArtifact(strategyText, 'strategy.md', 'strategy', StrategyData);
    expectPlanAgreement(strategy, strategyText);
    expect(strategy.warnings).toEqual([]);
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
    const assets = changed.filter((p) => p.startsWith(`content/${ID}/`));
    expect(assets.length).toBe(11);
    for (const path of assets) {
      const before = await git(dir, ['show', `${merge}^1:${path}`]);
      const after = await git(dir, ['show', `${merge}:${path}`]);
      const line = before.split('\n').indexOf('status: draft') + 1;
      expect(changedLines(before, after)).toEqual([line]);
    }
    // One review by Crescendo, its comments on the diff's lines, requesting changes for the blockers.
    const reviews = (await forge.listReviews(pr!.number)).filter((r) => r.author === LOCAL_REVIEWER);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.state).toBe('CHANGES_REQUESTED');
    const comments = reviews[0]?.comments ?? [];
    expect(comments.length).toBeGreaterThan(20);
    for (const comment of comments) {
      const text = await git(dir, ['show', `${merge}:${comment.path}`]);
      expect(
        Math.abs((comment.line ?? 0) - (text.split('\n').findIndex((l) => l.startsWith('status:')) + 1)),
      ).toBeLessThanOrEqual(3);
      expect(comment.body).toContain(REVIEW_COMMENT_MARKER);
    }
    expect(comments.some((c) => c.body.includes('#programs'))).toBe(true);
    // The claims checklist: in the PR body as written, ticked in review.md by `crescendo verify --all`.
    expect(pr?.body).toMatch(/## Claims to verify[\s\S]*- \[ \] \*\*C1\*\* /);
    const review = parseReviewFile(await git(dir, ['show', `main:${reviewPath(ID)}`]), reviewPath(ID));
    expect(review.data.claims.length).toBeGreaterThan(10);
    expect(review.body).not.toMatch(/- \[ \] \*\*C\d+\*\*/);
    // `crescendo review` (which the demo runs) shows the recorded review, each finding at its own line.
    const shown = lines.join('\n');
    expect(shown).toMatch(/Crescendo's review: changes requested, \d+ inline comments/);
    expect(shown).toMatch(
      /email\/2027-04-13-playbook-nurture\.md — changes-requested\n[\s\S]*?:\d+ +│ url: https:\/\/www\.example\.com\/automate#programs\n +blocker · links: /,
    );
    expect(shown).toMatch(/\[ \] C1 .* — content\/q2-2027-launch\//);
    // The sample's false "brand.yml has no postal address" finding was dropped by code.
    expect(lines.some((l) => /dropped a model finding .*postalAddress/.test(l))).toBe(true);
    expect(review.data.assets.flatMap((a) => a.findings).some((f) => /postal/i.test(f.message))).toBe(false);
  });
});
