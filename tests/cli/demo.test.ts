import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { StrategyData } from '../../actions/engine/artifacts/strategy.js';
import { parseArtifact } from '../../actions/engine/files/artifact-file.js';
import { git } from '../../actions/engine/forge/local/git.js';
import { LocalForge } from '../../actions/engine/forge/local/local-forge.js';
import { stageViews } from '../../actions/engine/runner/stage-status.js';
import { STAGE_NAMES } from '../../actions/engine/stages/names.js';
import { checkFile } from '../../scripts/cli/check-file.js';
import { demo } from '../../scripts/cli/commands.js';
import { packageRoot } from '../helpers.js';
import { expectPlanAgreement } from '../stages/strategy/fixtures.js';

const ID = 'q2-2027-launch';

describe('crescendo demo', () => {
  it('leaves a repository whose main has merged all six stages, artifacts where the README puts them', async () => {
    const lines: string[] = [];
    const dir = await demo(
      { packageRoot, out: (l) => lines.push(l) },
      await mkdtemp(join(tmpdir(), 'crescendo-demo-test-')),
    );
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
});
