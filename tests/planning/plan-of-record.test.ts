import { describe, expect, it } from 'vitest';
import type { Channel } from '../../actions/engine/channels/index.js';
import { type YieldModel, yieldModel } from '../../actions/engine/planning/channel-yield.js';
import {
  attainmentCurve,
  type PlanObjective,
  planOfRecord,
} from '../../actions/engine/planning/plan-of-record.js';
import { curveResults } from '../../actions/engine/planning/response-curve.js';
import { funnelFixture } from './fixtures.js';

// A 30-day window; Google Ads at its reference spend (3,000) buys 1,500 clicks (CPC 2); email brings
// 80,000 delivered emails a month (2.5 % click: 2,000 visits a month); LinkedIn Ads has no spend curve.
const DAYS = 30;
const benchmarks = funnelFixture({ emailMonthlyImpressions: 80_000 });
const lines = [
  { channel: 'google-ads' as const, amount: 3000 },
  { channel: 'email' as const, amount: 500 },
  { channel: 'linkedin-ads' as const, amount: 1500 },
];
const models = new Map<Channel, YieldModel>(
  lines.map((l) => [l.channel, yieldModel(l.channel, benchmarks, { days: DAYS, currency: 'USD' })]),
);
const objectives: PlanObjective[] = [
  { metric: 'mqls', target: 100 },
  { metric: 'sessions', target: 2000, channel: 'email', period: 'month' },
  { metric: 'clicks', target: 5000 },
];
const plan = planOfRecord({ objectives, lines, models, benchmarks, windowDays: DAYS, currency: 'USD' });
const shares = (i: number) =>
  Object.fromEntries(plan.objectives[i]!.channels.map((s) => [s.channel, s.planned]));

describe('planOfRecord: every channel’s share of every objective, computed once', () => {
  it('rounds each share once and sums the rounded shares, so the plan adds up as printed', () => {
    // Google: 1,500 clicks × 5 % × 20 % = 15 MQLs. Email over 30 days: 80,000 × 30 / 30.4375 = 78,850
    // delivered × 2.5 % = 1,971 visits × 5 % × 20 % = 19.7 → 20 MQLs. LinkedIn Ads: not modelled.
    expect(shares(0)).toEqual({ 'google-ads': 15, email: 20, 'linkedin-ads': 0 });
    expect(plan.objectives[0]).toMatchObject({ planned: 35, gap: 65 });
    expect(plan.objectives[0]!.channels.find((s) => s.channel === 'linkedin-ads')?.note).toBe(
      'no referenceMonthlySpend in the benchmarks to shape its spend curve',
    );
    expect(shares(2)).toEqual({ 'google-ads': 1500, email: 1971, 'linkedin-ads': 0 });
    expect(plan.objectives[2]).toMatchObject({ planned: 3471, gap: 1529 });
  });

  it('plans a channel objective through that channel only, and a rate per period as the average', () => {
    // 80,000 a month × 2.5 % = 2,000 sessions a month, whatever the window: exactly the target.
    expect(shares(1)).toEqual({ email: 2000 });
    expect(plan.objectives[1]).toMatchObject({ planned: 2000, gap: 0 });
    expect(plan.objectives[1]!.tree.children.map((c) => c.id)).toEqual(['email']);
  });

  it('the funnel tree carries the same numbers: each branch is the channel’s share', () => {
    for (const p of plan.objectives) {
      expect(p.tree.value).toBe(p.objective.target);
      expect(p.tree.children.map((n) => n.value)).toEqual(p.channels.map((s) => s.planned));
    }
    const google = plan.objectives[0]!.tree.children[0]!;
    // 15 MQLs ← 75 leads ← 1,500 visits ← 1,500 clicks ← 75,000 impressions (CTR 2 %).
    const chain: number[] = [];
    for (let n = google.children[0]; n; n = n.children[0]) chain.push(n.value);
    expect(chain).toEqual([75, 1500, 1500, 75_000]);
    const traffic = plan.channels.find((c) => c.channel === 'google-ads')?.traffic;
    expect(traffic?.impressions).toBeCloseTo(75_000, 6);
    expect(traffic?.clicks).toBeCloseTo(1500, 6);
    expect(traffic?.visits).toBeCloseTo(1500, 6);
  });

  it('an objective on a channel the plan does not use is planned at zero, with the reason', () => {
    const other = planOfRecord({
      objectives: [{ metric: 'sessions', target: 10, channel: 'blog' }],
      lines,
      models,
      benchmarks,
      windowDays: DAYS,
      currency: 'USD',
    });
    expect(other.objectives[0]).toMatchObject({ planned: 0, gap: 10 });
    expect(other.objectives[0]!.channels).toEqual([
      { channel: 'blog', planned: 0, exact: 0, note: "Blog / SEO is not one of the strategy's channels" },
    ]);
  });
});

describe('attainmentCurve: what the optimiser maximises', () => {
  it('is the spend’s results as shares of their targets, over the objectives the channel serves', () => {
    const google = models.get('google-ads') as Extract<YieldModel, { basis: 'paid' }>;
    const curve = attainmentCurve(google, objectives, benchmarks, DAYS);
    // At 3,000: 15 / 100 MQLs + 1,500 / 5,000 clicks = 0.45 (the email sessions objective is not Google's).
    expect(curveResults(curve, 3000)).toBeCloseTo(0.45, 6);
    expect(curveResults(curve, 3000)).toBeCloseTo(15 / 100 + 1500 / 5000, 6);
  });
});
