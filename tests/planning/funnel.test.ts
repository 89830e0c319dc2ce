import { describe, expect, it } from 'vitest';
import { achievability } from '../../actions/engine/planning/achievability.js';
import { defaultBenchmarks } from '../../actions/engine/planning/benchmarks.js';
import { planFunnel, renderKpiTree } from '../../actions/engine/planning/funnel.js';
import { roundBenchmarks } from './fixtures.js';

describe('planFunnel', () => {
  const b = roundBenchmarks();

  it('works back from MQLs to impressions and cost per channel', () => {
    const plan = planFunnel(
      { metric: 'mqls', target: 200 },
      [
        { channel: 'google-ads', share: 0.5 },
        { channel: 'linkedin-ads', share: 0.5 },
      ],
      b,
    );
    expect(plan.problems).toEqual([]);
    const [google, linkedin] = plan.channels;
    // google-ads: 100 MQLs ÷ 0.2 = 500 leads; ÷ 0.05 = 10,000 visits = 10,000 clicks;
    // ÷ 0.02 = 500,000 impressions; cost 10,000 clicks × 2 = 20,000; CPL 20,000 ÷ 500 = 40.
    expect(google?.volumes.mqls).toBe(100);
    expect(google?.volumes.conversions).toBeCloseTo(500);
    expect(google?.volumes.visits).toBeCloseTo(10_000);
    expect(google?.volumes.clicks).toBeCloseTo(10_000);
    expect(google?.volumes.impressions).toBeCloseTo(500_000);
    expect(google?.cost).toBeCloseTo(20_000);
    expect(google?.costPerResult).toBeCloseTo(200); // 20,000 ÷ 100 MQLs
    expect(google?.costPerLead).toBeCloseTo(40);
    // linkedin-ads: 100 MQLs ÷ 0.25 = 400 leads; ÷ 0.04 = 10,000 clicks; ÷ 0.004 = 2,500,000
    // impressions; cost 2,500,000 ÷ 1000 × 30 = 75,000; CPL 75,000 ÷ 400 = 187.5.
    expect(linkedin?.volumes.conversions).toBeCloseTo(400);
    expect(linkedin?.volumes.impressions).toBeCloseTo(2_500_000);
    expect(linkedin?.cost).toBeCloseTo(75_000);
    expect(linkedin?.costPerLead).toBeCloseTo(187.5);
    // total 20,000 + 75,000 = 95,000; per MQL 95,000 ÷ 200 = 475.
    expect(plan.totalCost).toBeCloseTo(95_000);
    expect(plan.costPerResult).toBeCloseTo(475);
    expect(linkedin?.assumptions.map((a) => a.name)).toEqual(['leadToMql', 'conversionRate', 'ctr', 'cpm']);
  });

  it('builds a KPI tree objective → channel → leads → visits → clicks → impressions', () => {
    const plan = planFunnel({ metric: 'mqls', target: 100 }, [{ channel: 'google-ads', share: 1 }], b);
    const channel = plan.tree.children[0];
    expect(channel?.id).toBe('google-ads');
    const ids: string[] = [];
    for (let node = channel?.children[0]; node; node = node.children[0]) ids.push(`${node.id}=${node.value}`);
    expect(ids).toEqual([
      'google-ads.conversions=500',
      'google-ads.visits=10000',
      'google-ads.clicks=10000',
      'google-ads.impressions=500000',
    ]);
    expect(renderKpiTree(plan.tree)).toContain('10,000 visits — at conversionRate 5.0 % (test, 2025-01-01)');
  });

  it('uses the per-metric conversion rate, rounds counts up in the tree', () => {
    // 30 demos ÷ 0.01 = 3,000 clicks; ÷ 0.004 = 750,000 impressions; cost 750 × 30 = 22,500.
    const plan = planFunnel({ metric: 'demos', target: 30 }, [{ channel: 'linkedin-ads', share: 1 }], b);
    expect(plan.channels[0]?.volumes.clicks).toBeCloseTo(3000);
    expect(plan.totalCost).toBeCloseTo(22_500);
    // 7 leads from google-ads: 7 ÷ 0.05 = 140 clicks; 140 ÷ 0.02 = 7,000 impressions
    const small = planFunnel({ metric: 'leads', target: 7 }, [{ channel: 'google-ads', share: 1 }], b);
    expect(small.tree.children[0]?.children[0]?.value).toBe(140);
  });

  it('models revenue through mqlToWon and deal value', () => {
    // 100,000 revenue ÷ (0.05 × 10,000) = 200 MQLs; ÷ 0.2 = 1,000 leads; ÷ 0.05 = 20,000 clicks × 2 = 40,000.
    const plan = planFunnel({ metric: 'revenue', target: 100_000 }, [{ channel: 'google-ads', share: 1 }], b);
    expect(plan.channels[0]?.volumes.mqls).toBeCloseTo(200);
    expect(plan.totalCost).toBeCloseTo(40_000);
  });

  it('organic channels: volumes yes, media cost only when a fixed cost is stated', () => {
    const plan = planFunnel(
      { metric: 'leads', target: 100 },
      [
        { channel: 'email', share: 0.5 },
        { channel: 'webinar', share: 0.5 },
      ],
      b,
    );
    // email: 50 leads ÷ 0.05 = 1,000 clicks ÷ 0.025 = 40,000 emails delivered; cost not modelled.
    expect(plan.channels[0]?.volumes.impressions).toBeCloseTo(40_000);
    expect(plan.channels[0]?.cost).toBeUndefined();
    expect(plan.channels[0]?.gaps.join()).toMatch(/organic/);
    // webinar: 50 registrations ÷ 0.25 = 200 visits; no CTR so no impressions; cost = fixed 1,000.
    expect(plan.channels[1]?.volumes.visits).toBeCloseTo(200);
    expect(plan.channels[1]?.volumes.impressions).toBeUndefined();
    expect(plan.channels[1]?.cost).toBe(1000);
    expect(plan.unmodelledCost).toEqual(['email']);
    expect(plan.costPerResult).toBeUndefined();
  });

  it('reports bad shares and unknown channels with field paths', () => {
    const plan = planFunnel(
      { metric: 'mqls', target: 100 },
      [
        { channel: 'google-ads', share: 0.5 },
        { channel: 'x', share: 0.3 },
      ],
      b,
      { where: 'objectives[1]' },
    );
    expect(plan.problems.map((p) => p.where)).toEqual([
      'objectives[1].channels',
      'objectives[1].channels[1].channel',
    ]);
    expect(plan.problems[0]?.message).toContain('80 %');
  });

  it('plans against the shipped defaults', () => {
    // google-ads defaults: 60 MQLs ÷ 0.25 = 240 leads ÷ 0.0696 = 3,448.3 clicks × 4.66 = 16,069.0
    const plan = planFunnel(
      { metric: 'mqls', target: 60 },
      [{ channel: 'google-ads', share: 1 }],
      defaultBenchmarks(),
    );
    expect(plan.totalCost).toBeCloseTo((240 / 0.0696) * 4.66, 6);
  });
});

describe('achievability', () => {
  const b = roundBenchmarks();
  const plan = planFunnel(
    { metric: 'mqls', target: 200 },
    [
      { channel: 'google-ads', share: 0.5 },
      { channel: 'linkedin-ads', share: 0.5 },
    ],
    b,
    { where: 'objectives[0]' },
  );

  it('warns with numbers when the budget is short', () => {
    const problems = achievability(plan, b, { budget: 50_000, where: 'objectives[0]', cplTolerance: 1 });
    expect(problems).toHaveLength(1);
    // 95,000 needed vs 50,000: 90 % over
    expect(problems[0]?.where).toBe('objectives[0].target');
    expect(problems[0]?.message).toContain('USD 95,000');
    expect(problems[0]?.message).toContain('USD 50,000 (90 % over)');
  });

  it('flags an implied CPL above the benchmark ceiling by more than the tolerance', () => {
    // linkedin-ads implied CPL 187.5 vs benchmark 100: 87.5 % above; tolerance 50 % → flagged.
    const problems = achievability(plan, b, { budget: 100_000, where: 'objectives[0]' });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toBe('objectives[0].channels[1]');
    expect(problems[0]?.message).toContain('USD 188 is 88 % above the benchmark USD 100');
    expect(achievability(plan, b, { budget: 100_000, cplTolerance: 0.9 })).toEqual([]);
  });

  it('checks each channel against its allocated budget', () => {
    const problems = achievability(plan, b, { allocation: { 'google-ads': 15_000 }, cplTolerance: 1 });
    expect(problems.map((p) => p.where)).toEqual(['objective.channels[0]']);
    expect(problems[0]?.message).toContain('USD 20,000');
  });
});
