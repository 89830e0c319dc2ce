import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Brief } from '../../../actions/engine/artifacts/brief.js';
import { type StrategyData, StrategyProposal } from '../../../actions/engine/artifacts/strategy.js';
import { CHANNEL_LABELS } from '../../../actions/engine/channels/index.js';
import {
  type Benchmarks,
  defaultBenchmarks,
  parseBenchmarks,
} from '../../../actions/engine/planning/benchmarks.js';
import { METRIC_LABELS } from '../../../actions/engine/planning/metrics.js';
import { buildStrategy } from '../../../actions/engine/stages/strategy/build.js';
import { strategyFileCheckpoints } from '../../../actions/engine/stages/strategy/index.js';
import { exampleBrief, exampleBriefData, packageRoot, samplesDir } from '../../helpers.js';

export const demoBrief = exampleBrief();
export const demoProposal = StrategyProposal.parse(
  JSON.parse(readFileSync(join(samplesDir, 'strategy.json'), 'utf8')),
);
/** The demo repository's benchmarks file (sample numbers with organic volumes). */
export const demoBenchmarks = parseBenchmarks(
  readFileSync(join(packageRoot, 'scripts', 'demo', 'benchmarks.sample.yml'), 'utf8'),
  'benchmarks.sample.yml',
);

/**
 * The workflow's reference scenario (seed/marketing-workflow.md, "Starting Point"): 500 MQLs, 50K
 * website visitors and 5 % blog growth in a quarter, on USD 45,000, with content marketing and SEO
 * (the blog), LinkedIn Ads and email.
 */
export const referenceBrief = Brief.parse({
  ...exampleBriefData(),
  id: 'q2-reference',
  objectives: [
    { metric: 'mqls', target: 500, unit: 'MQLs', deadline: '2027-06-30' },
    { metric: 'visitors', target: 50_000, unit: 'visitors', deadline: '2027-06-30' },
    {
      metric: 'sessions',
      target: 21_000,
      unit: 'sessions',
      deadline: '2027-06-30',
      channel: 'blog',
      baseline: 20_000,
      growth: 5,
      period: 'month',
    },
  ],
  channels: ['blog', 'linkedin-ads', 'email'],
  budget: { amount: 45_000, currency: 'USD' },
});

export const referenceProposal: StrategyProposal = {
  positioning: 'Marketing automation a lean B2B team can run itself, from nurture to pipeline reporting.',
  objectives: [
    {
      metric: 'mqls',
      target: 500,
      unit: 'MQLs',
      deadline: '2027-06-30',
      description: 'Generate 500 MQLs in Q2',
      businessGoal: 'Q3 pipeline',
    },
    {
      metric: 'visitors',
      target: 50_000,
      unit: 'visitors',
      deadline: '2027-06-30',
      description: 'Drive 50,000 website visitors in Q2',
      businessGoal: 'Awareness',
    },
    {
      metric: 'sessions',
      target: 21_000,
      unit: 'sessions',
      deadline: '2027-06-30',
      description: 'Grow blog sessions 5 % to 21,000 a month',
      businessGoal: 'Durable organic reach',
    },
  ],
  channels: [
    { channel: 'blog', share: 0.3, rationale: 'SEO content', researchFindings: ['keywords[0]'] },
    { channel: 'linkedin-ads', share: 0.5, rationale: 'lead magnets', researchFindings: ['trends[1]'] },
    { channel: 'email', share: 0.2, rationale: 'nurture', researchFindings: ['trends[2]'] },
  ],
};

export function strategyOf(
  brief: Brief,
  proposal: StrategyProposal,
  benchmarks: Benchmarks = defaultBenchmarks(),
): StrategyData {
  return buildStrategy(brief, proposal, { benchmarks, source: 'test benchmarks' });
}

/** The three renderings of the plan of record, read back from the markdown as numbers. */
export interface RenderedPlan {
  /** Per objective column of "Plan of record: expected results per channel": channel label → number. */
  expected: Map<string, number>[];
  planned: number[];
  targets: number[];
  gaps: string[];
  /** "KPIs" table: `${channel label}|${kpi}` → target. */
  kpis: Map<string, number>;
  /** Per objective tree: channel label → its branch's number. */
  trees: Map<string, number>[];
}

const num = (text: string): number => Number(text.replaceAll(',', '').trim());
const cells = (line: string): string[] =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const next = md.indexOf('\n## ', start + 4);
  return md.slice(start, next < 0 ? undefined : next);
}

export function readRenderedPlan(md: string): RenderedPlan {
  const rows = (text: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
      .map(cells);
  const [header, ...body] = rows(section(md, 'Plan of record'));
  const columns = (header?.length ?? 2) - 2;
  const expected = Array.from({ length: columns }, () => new Map<string, number>());
  const planned: number[] = [];
  const targets: number[] = [];
  const gaps: string[] = [];
  for (const row of body) {
    const [name = '', , ...values] = row;
    values.forEach((v, i) => {
      if (name === '**Planned**') planned[i] = num(v);
      else if (name === '**Target**') targets[i] = num(v);
      else if (name === '**Gap**') gaps[i] = v;
      else if (/^[\d,]+$/.test(v)) expected[i]?.set(name, num(v));
    });
  }
  const kpis = new Map<string, number>();
  for (const [channel = '', kpi = '', target = ''] of rows(section(md, 'KPIs')).slice(1)) {
    kpis.set(`${channel}|${kpi}`, num(target.split(' ')[0] ?? ''));
  }
  const trees = section(md, 'Funnel and KPI tree')
    .split('\n### ')
    .slice(1)
    .map((tree) => {
      const branches = new Map<string, number>();
      for (const m of tree.matchAll(/^ {2}- ([^:\n]+): ([\d,]+) /gm))
        branches.set(m[1] ?? '', num(m[2] ?? ''));
      return branches;
    });
  return { expected, planned, targets, gaps, kpis, trees };
}

/**
 * The acceptance test of the plan of record: read the rendered strategy back and check that the
 * expected results, the funnel tree and the KPI table print the same number for every channel and
 * objective, that the expected results add up to the planned total, and the gap is the difference.
 */
export function expectPlanAgreement(data: StrategyData, md: string): void {
  const r = readRenderedPlan(md);
  data.objectivePlans.forEach((p, i) => {
    const heading = `${METRIC_LABELS[p.metric]}${p.period ? ` a ${p.period}` : ''}`;
    let sum = 0;
    for (const share of p.channels) {
      const label = CHANNEL_LABELS[share.channel];
      if (share.note) {
        expect(r.expected[i]?.has(label)).toBe(false); // shown as "not modelled (why)"
        continue;
      }
      sum += share.planned;
      expect(r.expected[i]?.get(label)).toBe(share.planned);
      expect(r.trees[i]?.get(label)).toBe(share.planned);
      if (share.planned > 0) expect(r.kpis.get(`${label}|${heading}`)).toBe(share.planned);
    }
    expect(r.planned[i]).toBe(sum);
    expect(r.planned[i]).toBe(p.planned);
    expect(r.targets[i]).toBe(p.target);
    const gap = p.target - p.planned;
    expect(r.gaps[i]).toBe(
      gap > 0
        ? `${gap.toLocaleString('en-US')} short`
        : gap === 0
          ? 'on target'
          : `${(-gap).toLocaleString('en-US')} above`,
    );
  });
  // The traffic KPIs are the same numbers as the traffic in every campaign-total tree.
  for (const line of data.allocation.lines) {
    const label = CHANNEL_LABELS[line.channel];
    for (const stage of ['impressions', 'clicks'] as const) {
      const value = line.traffic[stage];
      if (value) expect(r.kpis.get(`${label}|${stage}`)).toBe(value);
    }
  }
  expect(strategyFileCheckpoints(data)).toEqual([]);
}
