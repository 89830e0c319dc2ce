import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Brief } from '../../../actions/engine/artifacts/brief.js';
import { type StrategyData, StrategyProposal } from '../../../actions/engine/artifacts/strategy.js';
import { defaultBenchmarks } from '../../../actions/engine/planning/benchmarks.js';
import { renderStrategy } from '../../../actions/engine/stages/strategy/index.js';
import { historyFromReports } from '../../../actions/engine/stages/strategy/inputs.js';
import { decideBudget, planObjectives } from '../../../actions/engine/stages/strategy/plan.js';
import { checkStrategyLock, dataBackedJustifications } from '../../../scripts/cli/strategy-lock.js';
import { exampleBriefPath, samplesDir } from '../../helpers.js';

const brief = Brief.parse(parse(readFileSync(exampleBriefPath, 'utf8')));
const proposal = StrategyProposal.parse(JSON.parse(readFileSync(join(samplesDir, 'strategy.json'), 'utf8')));
const benchmarks = defaultBenchmarks();

function demoStrategy(): StrategyData {
  const { allocation, warnings } = decideBudget(brief, proposal.channels, 'mqls', benchmarks, 'defaults');
  const lines = allocation.lines.map((l) => ({ channel: l.channel, amount: l.amount }));
  const planned = planObjectives(brief, proposal.objectives, lines, benchmarks);
  return {
    ...proposal,
    budget: { currency: 'USD', total: 45000, lines },
    milestones: [
      { date: '2027-04-01', title: 'Kickoff', week: 1 },
      { date: '2027-05-01', title: 'Launch', week: 5 },
      { date: '2027-06-30', title: 'Final report', week: 13 },
    ],
    phases: [],
    allocation,
    objectivePlans: planned.plans,
    warnings: [...warnings, ...planned.warnings],
  };
}

describe('strategy budget: the model proposes, the optimiser decides', () => {
  it('sums exactly to the budget in whole units and honours the bounds around the proposal', () => {
    const { allocation } = decideBudget(brief, proposal.channels, 'mqls', benchmarks, 'defaults');
    expect(allocation.method).toBe('optimiser');
    expect(allocation.lines.reduce((s, l) => s + l.amount, 0)).toBe(45000);
    expect(allocation.lines.every((l) => Number.isInteger(l.amount))).toBe(true);
    // Organic channels keep their proposed share (no curve): 15 %, 10 %, 10 % of 45,000.
    const amount = (c: string) => allocation.lines.find((l) => l.channel === c)?.amount;
    expect([amount('blog'), amount('linkedin'), amount('email')]).toEqual([6750, 4500, 4500]);
    // Paid pool = 45,000 × 65 % = 29,250; linkedin-ads proposed 30/65 of it, bounded at
    // 0.5 × that = 6,750 (min) — its curve is dearer, so the min binds; google-ads gets the rest.
    expect(amount('linkedin-ads')).toBe(6750);
    expect(amount('google-ads')).toBe(22500);
    for (const l of allocation.lines.filter((x) => x.decidedBy === 'optimiser')) {
      expect(l.amount / 45000).toBeGreaterThanOrEqual((l.minShare ?? 0) - 0.001);
      expect(l.amount / 45000).toBeLessThanOrEqual((l.maxShare ?? 1) + 0.001);
      expect(l.expectedResults).toBeGreaterThan(0);
    }
    expect(allocation.expectedResults).toBeGreaterThanOrEqual(allocation.proposalExpectedResults ?? 0);
  });

  it('a max bound binds when one channel is much cheaper', () => {
    const cheap = { ...benchmarks, channels: { ...benchmarks.channels } };
    cheap.channels['google-ads'] = {
      ...cheap.channels['google-ads']!,
      cpc: { ...cheap.channels['google-ads']!.cpc!, value: 0.5 },
    };
    const { allocation } = decideBudget(
      brief,
      [
        { channel: 'google-ads', share: 0.5 },
        { channel: 'linkedin-ads', share: 0.5 },
      ],
      'mqls',
      cheap,
      'test',
    );
    // google-ads may get at most 1.5 × 50 % = 75 % of 45,000.
    expect(allocation.lines.map((l) => l.amount)).toEqual([33750, 11250]);
  });
});

describe('strategy document', () => {
  it('renders the KPI tree, the allocation with expected results, SMART, warnings and the gantt', () => {
    const md = renderStrategy(demoStrategy(), brief);
    expect(md).toContain('## Funnel and KPI tree');
    expect(md).toMatch(/- 500 mqls\n {2}- Blog \/ SEO: 75 mqls/);
    expect(md).toContain('## Budget allocation and expected results');
    expect(md).toMatch(
      /\| Google Ads \| USD 22,500 \| 50\.0 % \| 35\.0 % \| 17\.5–52\.5 % \| optimiser \| \d+ \|/,
    );
    expect(md).toContain('S pass, M pass, A WARNING, R pass, T pass');
    expect(md).toContain('## WARNING');
    expect(md).toContain('```mermaid\ngantt');
    expect(md).toContain('pie showData');
  });

  it('warns, with the numbers, about a target that needs an implausible cost', () => {
    const small = Brief.parse({
      ...parse(readFileSync(exampleBriefPath, 'utf8')),
      budget: { amount: 10000, currency: 'USD' },
    });
    const objective = {
      metric: 'leads' as const,
      target: 1000,
      unit: 'leads',
      deadline: '2027-06-30',
      description: 'Collect 1,000 leads',
      businessGoal: 'pipeline',
    };
    // By hand, default google-ads row: leads ÷ conversionRate 0.0696 = 14,367.8 clicks;
    // × CPC 4.66 = USD 66,954 for 1,000 leads, against USD 10,000: 569.5 % over (shown "570 %").
    const { plans, warnings } = planObjectives(
      small,
      [objective],
      [{ channel: 'google-ads', amount: 10000 }],
      benchmarks,
    );
    expect(plans[0]?.smart.achievable).toBe('warning');
    expect(plans[0]?.modelledCost).toBe(66954);
    expect(warnings[0]?.message).toBe(
      '1000 leads needs about USD 66,954 at benchmark rates, but the budget is USD 10,000 (570 % over); lower the target, raise the budget or move share to cheaper channels',
    );
    const fine = planObjectives(
      small,
      [{ ...objective, target: 100 }],
      [{ channel: 'google-ads', amount: 10000 }],
      benchmarks,
    );
    expect(fine.warnings).toEqual([]);
    expect(fine.plans[0]?.smart.achievable).toBe('pass');
  });
});

describe('measured history from reports', () => {
  it('derives CTR, conversion rate and CPC from the latest report per channel', () => {
    const report = (to: string, clicks: number) =>
      `---\nkind: report\nreport:\n  period: { from: "2027-04-01", to: "${to}" }\n  kpis:\n    - { channel: google-ads, metric: impressions, target: 1, actual: 100000, attainment: 1 }\n    - { channel: google-ads, metric: clicks, target: 1, actual: ${clicks}, attainment: 1 }\n    - { channel: google-ads, metric: leads, target: 1, actual: 200, attainment: 1 }\n    - { channel: google-ads, metric: cost, target: 1, actual: 12000, attainment: 1 }\n---\nbody\n`;
    const history = historyFromReports([
      { path: 'campaigns/a/reports/2027-04-30-report.md', text: report('2027-04-30', 2000) },
      { path: 'campaigns/a/reports/2027-05-31-report.md', text: report('2027-05-31', 4000) },
      { path: 'campaigns/a/reports/broken.md', text: '---\n: [\n---\n' },
    ]);
    expect(history['google-ads']).toEqual({
      ctr: {
        value: 0.04,
        asOf: '2027-05-31',
        source: 'campaigns/a/reports/2027-05-31-report.md',
        sampleSize: 100000,
      },
      conversionRate: {
        value: 0.05,
        asOf: '2027-05-31',
        source: 'campaigns/a/reports/2027-05-31-report.md',
        sampleSize: 4000,
      },
      cpc: {
        value: 3,
        asOf: '2027-05-31',
        source: 'campaigns/a/reports/2027-05-31-report.md',
        sampleSize: 4000,
      },
    });
  });
});

describe('strategy lock', () => {
  const sh = (dir: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@x',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@x',
      },
    });

  async function repo() {
    const dir = await mkdtemp(join(tmpdir(), 'crescendo-lock-'));
    sh(dir, 'init', '-q', '-b', 'main');
    await mkdir(join(dir, 'plans'));
    await writeFile(join(dir, 'plans/q2-strategy.md'), 'v1\n');
    sh(dir, 'add', '.');
    sh(dir, 'commit', '-q', '-m', 'strategy approved');
    return dir;
  }
  async function change(dir: string, branch: string, message: string) {
    sh(dir, 'checkout', '-q', '-b', branch, 'main');
    await writeFile(join(dir, 'plans/q2-strategy.md'), `${branch}\n`);
    sh(dir, 'commit', '-q', '-am', message);
  }

  it('fails a change to a merged strategy outside its strategy branch, without justification', async () => {
    const dir = await repo();
    await change(dir, 'tweak', 'shift budget to linkedin');
    const result = await checkStrategyLock({ dir, base: 'main', head: 'tweak', branch: 'tweak' });
    expect(result.ok).toBe(false);
    expect(result.message).toContain(
      'modifies an approved strategy outside a strategy pull request: plans/q2-strategy.md',
    );
    expect(result.message).toContain('Strategy-Change-Justification:');
  });

  it('allows the strategy branch, a data-backed justification, and new strategies', async () => {
    const dir = await repo();
    await change(dir, 'crescendo/q2/strategy', 'revise strategy');
    expect(
      (await checkStrategyLock({ dir, base: 'main', head: 'HEAD', branch: 'crescendo/q2/strategy' })).ok,
    ).toBe(true);

    await change(
      dir,
      'justified',
      'shift budget\n\nStrategy-Change-Justification: LinkedIn Ads CPL 80 vs 250 planned (campaigns/q2/reports/2027-05-31-report.md)',
    );
    expect((await checkStrategyLock({ dir, base: 'main', head: 'justified' })).ok).toBe(true);

    await change(dir, 'vague', 'shift budget\n\nStrategy-Change-Justification: feels better');
    const vague = await checkStrategyLock({ dir, base: 'main', head: 'vague', body: 'no data here' });
    expect(vague.ok).toBe(false);
    expect(vague.message).toContain('names no data');
    const withBody = await checkStrategyLock({
      dir,
      base: 'main',
      head: 'vague',
      body: 'Strategy-Change-Justification: CTR 0.2 % on linkedin-ads',
    });
    expect(withBody.ok).toBe(true);

    sh(dir, 'checkout', '-q', '-b', 'new-plan', 'main');
    await writeFile(join(dir, 'plans/q3-strategy.md'), 'new\n');
    sh(dir, 'add', '.');
    sh(dir, 'commit', '-q', '-m', 'new campaign');
    expect((await checkStrategyLock({ dir, base: 'main', head: 'new-plan' })).ok).toBe(true);
  });

  it('reads a justification only with a report path or a metric and a number', () => {
    expect(
      dataBackedJustifications('Strategy-Change-Justification: see campaigns/a/reports/x.md'),
    ).toHaveLength(1);
    expect(dataBackedJustifications('Strategy-Change-Justification: MQLs down 30 %')).toHaveLength(1);
    expect(dataBackedJustifications('Strategy-Change-Justification: boss said so')).toEqual([]);
  });
});
