import { describe, expect, it } from 'vitest';
import { ResearchData } from '../../actions/engine/artifacts/research.js';
import type { ReviewData } from '../../actions/engine/artifacts/review.js';
import type { StrategyData } from '../../actions/engine/artifacts/strategy.js';
import { CHANNEL_LABELS } from '../../actions/engine/channels/index.js';
import { planAssets } from '../../actions/engine/stages/content/asset-plan.js';
import { analysisCheckpoints } from '../../actions/engine/stages/measurement/index.js';
import { researchCheckpoints } from '../../actions/engine/stages/research/index.js';
import { reviewCheckpoints } from '../../actions/engine/stages/review/index.js';
import { strategyArtifact, strategyCheckpoints } from '../../actions/engine/stages/strategy/index.js';
import { exampleBrief } from '../helpers.js';
import { strategyOf } from './strategy/fixtures.js';

const brief = exampleBrief();
const cite = ['S1'];
const competitor = (name: string) => ({
  name,
  positioning: 'p',
  offer: 'o',
  channels: ['seo'],
  strengths: ['s'],
  weaknesses: ['w'],
  sources: cite,
});
const trend = (title: string) => ({ title, whyItMatters: 'because', sources: cite });

function research(overrides: Partial<ResearchData> = {}): ResearchData {
  return ResearchData.parse({
    summary: 'A market summary long enough to pass the minimum length rule.',
    sources: [{ id: 'S1', title: 'Analyst note', kind: 'model-knowledge' }],
    competitors: ['A', 'B', 'C'].map(competitor),
    audience: {
      painPoints: [{ text: 'manual work', sources: cite }],
      motivations: [{ text: 'pipeline', sources: cite }],
    },
    trends: ['t1', 't2', 't3', 't4', 't5'].map(trend),
    keywords: [
      {
        keyword: 'marketing automation',
        monthlySearchVolume: 9900,
        volumeSource: 'estimate',
        intent: 'commercial',
      },
      { keyword: 'lead scoring', monthlySearchVolume: 2400, volumeSource: 'S1', intent: 'informational' },
      {
        keyword: 'b2b email nurture',
        monthlySearchVolume: 880,
        volumeSource: 'estimate',
        intent: 'informational',
      },
    ],
    insights: [
      { insight: 'i1', action: 'a1', basedOn: ['trends[0]'] },
      { insight: 'i2', action: 'a2', basedOn: ['competitors[2]'] },
      { insight: 'i3', action: 'a3', basedOn: ['audience.painPoints[0]'] },
    ],
    ...overrides,
  });
}

describe('research checkpoints', () => {
  it('passes a complete report', () => {
    expect(researchCheckpoints(research())).toEqual([]);
  });

  it('asks for 3–5 competitors and 5–10 trends', () => {
    const problems = researchCheckpoints(
      research({
        competitors: [competitor('A')],
        trends: Array.from({ length: 11 }, (_, i) => trend(`t${i}`)),
      }),
    );
    expect(problems.map((p) => p.message).slice(0, 2)).toEqual([
      'has 1 competitor profiles; the checkpoint asks for 3–5',
      'has 11 trends; the checkpoint asks for 5–10',
    ]);
  });

  it('fails a citation of a source that was never listed, and an unsourced volume', () => {
    const r = research();
    r.trends[1]!.sources = ['S9'];
    r.keywords[0]!.volumeSource = 'Semrush';
    expect(researchCheckpoints(r).map((p) => p.where)).toEqual([
      'trends[1].sources',
      'keywords[0].volumeSource',
    ]);
  });

  it('fails an insight resting on a finding that does not exist', () => {
    const r = research();
    r.insights[0]!.basedOn = ['trends[7]'];
    expect(researchCheckpoints(r)[0]).toMatchObject({ where: 'insights[0].basedOn[0]' });
  });
});

const proposal = {
  positioning: 'The automation tier for lean B2B marketing teams.',
  objectives: [
    {
      metric: 'mqls' as const,
      target: 500,
      unit: 'MQLs',
      deadline: '2027-06-30',
      description: 'Generate 500 mqls',
      businessGoal: 'Q3 pipeline',
    },
    {
      metric: 'visitors' as const,
      target: 50000,
      unit: 'visitors',
      deadline: '2027-06-30',
      description: 'Drive 50,000 visitors',
      businessGoal: 'Awareness',
    },
    {
      metric: 'visitors' as const,
      target: 12600,
      unit: 'visitors',
      deadline: '2027-06-30',
      description: 'Grow blog visitors 5% to 12,600 a month',
      businessGoal: 'Durable organic reach',
    },
  ],
  channels: [
    { channel: 'blog' as const, share: 0.4, rationale: 'search demand', researchFindings: ['keywords[0]'] },
    {
      channel: 'linkedin-ads' as const,
      share: 0.6,
      rationale: 'audience is there',
      researchFindings: ['trends[1]'],
    },
  ],
};

describe('strategy checkpoints', () => {
  it('passes SMART objectives that keep the brief’s, with justified channels', () => {
    expect(strategyCheckpoints(proposal, { brief, research: research() })).toEqual([]);
  });

  it('flags, by name, a deadline outside the window, an unjustified channel, a channel outside the brief, a dropped objective', () => {
    const bad = {
      ...proposal,
      objectives: [{ ...proposal.objectives[0]!, deadline: '2027-09-30' }],
      channels: [
        ...proposal.channels,
        { channel: 'meta-ads' as const, share: 0.1, rationale: 'r', researchFindings: ['trends[42]'] },
      ],
    };
    const problems = strategyCheckpoints(bad, { brief, research: research() });
    expect(problems.map((p) => p.where)).toEqual(
      expect.arrayContaining([
        'Objective 1 (500 MQLs) deadline',
        'Meta Ads',
        'Meta Ads research findings 1',
        'Objectives',
      ]),
    );
    expect(problems.find((p) => p.where === 'Objectives')?.message).toBe(
      'the brief asks for 50,000 visitors by 2027-06-30: keep it as an objective with metric visitors and target 50000; a plan that falls short shows the gap, it does not change the target',
    );
  });

  it('rejects budget lines that do not add up, and a plan of record edited out of agreement', () => {
    const data = strategyOf(brief, proposal);
    expect(strategyArtifact.checkpoints(data)).toEqual([]);
    const lines = data.budget.lines.map((l, i) => (i === 0 ? { ...l, amount: l.amount - 1 } : l));
    expect(strategyArtifact.checkpoints({ ...data, budget: { ...data.budget, lines } })).toEqual(
      expect.arrayContaining([
        {
          where: 'Budget',
          message: 'the channel budgets add up to 44,999, not the budget 45,000; they must add up exactly',
        },
      ]),
    );
    // A KPI raised by hand no longer matches the plan of record it is derived from.
    const kpis = data.kpis.map((k, i) => (i === 0 ? { ...k, target: k.target + 1 } : k));
    const first = data.kpis[0]!;
    expect(strategyArtifact.checkpoints({ ...data, kpis })).toEqual([
      {
        where: 'KPIs',
        message: `${CHANNEL_LABELS[first.channel]} mqls has the target ${first.target + 1}, but the plan of record says ${first.target}`,
      },
    ]);
  });
});

describe('review, distribution and measurement checkpoints', () => {
  const review = (paths: string[]): ReviewData => ({
    summary: 's',
    assets: paths.map((path) => ({ path, verdict: 'approved', findings: [] })),
    claims: [],
  });

  it('review: every asset exactly once, no blocker approved', () => {
    expect(reviewCheckpoints(review(['a.md', 'b.md']), ['a.md', 'b.md'])).toEqual([]);
    expect(reviewCheckpoints(review(['a.md']), ['a.md', 'b.md'])[0]?.message).toBe('b.md has no review');
    const blocked = review(['a.md']);
    blocked.assets[0]!.findings.push({
      check: 'accuracy',
      severity: 'blocker',
      by: 'model',
      message: 'unverifiable claim',
    });
    expect(reviewCheckpoints(blocked, ['a.md'])[0]?.where).toBe('assets[0].verdict');
  });

  it('measurement: recommendations must rest on measured channels or assets', () => {
    const analysis = {
      headline: 'h',
      attribution: 'a',
      recommendations: [{ recommendation: 'r', basedOn: ['linkedin-ads', 'made-up'], expectedImpact: 'e' }],
    };
    expect(analysisCheckpoints(analysis, new Set(['linkedin-ads']))).toEqual([
      {
        where: 'recommendations[0].basedOn',
        message: '"made-up" is not a channel or utm_content in the data',
      },
    ]);
  });
});

describe('asset plan', () => {
  it('plans every requested asset by channel and date inside the distribution phase', () => {
    const strategy: StrategyData = {
      ...strategyOf(brief, proposal),
      phases: [{ id: 'distribution', name: 'Distribution', start: '2027-05-01', end: '2027-06-20' }],
    };
    const plan = planAssets(brief, strategy, research());
    // Every requested asset, plus the weekly newsletter the email cadence asks for.
    expect(plan).toHaveLength(brief.assets.reduce((s, a) => s + a.count, 0) + 1);
    expect(plan.every((a) => a.date >= '2027-05-01' && a.date <= '2027-06-20')).toBe(true);
    // "Blog: 2 posts/week" from the first day of distribution.
    expect(plan.filter((a) => a.type === 'blog-post').map((a) => a.date)).toEqual([
      '2027-05-01',
      '2027-05-04',
      '2027-05-08',
      '2027-05-11',
      '2027-05-15',
      '2027-05-18',
      '2027-05-22',
      '2027-05-25',
    ]);
    expect(plan.find((a) => a.type === 'blog-post')?.keyword).toBe('marketing automation');
    expect(new Set(plan.filter((a) => a.type === 'social-post').map((a) => a.channel))).toEqual(
      new Set(['linkedin', 'x']),
    );
  });
});
