import { describe, expect, it } from 'vitest';
import type { Benchmarks } from '../../actions/engine/planning/benchmarks.js';
import {
  anchorVolume,
  forwardFunnel,
  ORGANIC_WITHOUT_VOLUME,
  yieldModel,
} from '../../actions/engine/planning/channel-yield.js';
import { funnelFixture, roundBenchmarks } from './fixtures.js';

const b = roundBenchmarks();
const google = b.channels['google-ads']!;
const linkedin = b.channels['linkedin-ads']!;

describe('forwardFunnel: from what a channel buys down to every metric', () => {
  it('reads a CPC channel forwards, rate by rate (checked by hand)', () => {
    // 1,000 clicks at CTR 2 % came from 50,000 impressions; 1 click = 1 visit; 5 % convert to 50 leads;
    // 20 % of leads are MQLs: 10; 5 % of MQLs win at 10,000 each: 5,000 revenue.
    const f = forwardFunnel(google, 'clicks', 1000, 'revenue', b);
    expect(f.volumes).toEqual({
      impressions: 50_000,
      clicks: 1000,
      visits: 1000,
      conversions: 50,
      mqls: 10,
      revenue: 5000,
    });
    expect(f.result).toBe(5000);
    expect(f.assumptions.map((a) => a.name)).toEqual([
      'ctr',
      'conversionRate',
      'leadToMql',
      'mqlToWon',
      'averageDealValue',
    ]);
  });

  it('uses a metric’s own conversion rate, and the generic one for leads and MQLs', () => {
    // 100,000 impressions × 0.4 % = 400 visits; demos convert at 1 % (4), leads at 4 % (16 → 4 MQLs).
    expect(forwardFunnel(linkedin, 'impressions', 100_000, 'demos', b).result).toBeCloseTo(4, 9);
    expect(forwardFunnel(linkedin, 'impressions', 100_000, 'mqls', b).volumes).toMatchObject({
      clicks: 400,
      conversions: 16,
    });
    expect(forwardFunnel(linkedin, 'impressions', 100_000, 'mqls', b).result).toBeCloseTo(4, 9);
  });

  it('says which rate is missing instead of inventing one', () => {
    const noMql = { ...google, leadToMql: undefined };
    const f = forwardFunnel(noMql, 'clicks', 100, 'mqls', b);
    expect(f.result).toBeUndefined();
    expect(f.reason).toBe('no leadToMql benchmark for this channel');
    expect(forwardFunnel(google, 'clicks', 100, 'revenue', { revenue: undefined }).reason).toMatch(/revenue/);
  });
});

describe('yieldModel: how a channel’s volume is decided', () => {
  it('a paid channel at its reference spend buys clicks at the benchmark CPC; below its fixed cost nothing', () => {
    // 30 days: scale = 3,000 × 30 / 30 = 3,000; at that spend the average cost per click is the CPC (2).
    const model = yieldModel('google-ads', b, { days: 30, currency: 'USD' });
    expect(model.basis).toBe('paid');
    expect(anchorVolume(model, 3000)).toBeCloseTo(1500, 6);
    expect(anchorVolume(model, 6000)).toBeLessThan(3000); // diminishing returns: dearer above the scale
    const fixed: Benchmarks = structuredClone(b);
    fixed.channels['google-ads']!.fixedCost = { value: 1000, source: 't', asOf: '2025-01-01' };
    const withFee = yieldModel('google-ads', fixed, { days: 30, currency: 'USD' });
    expect(anchorVolume(withFee, 999)).toBe(0);
    expect(anchorVolume(withFee, 4000)).toBeCloseTo(1500, 6);
  });

  it('an organic channel yields its monthly volume over the window, or is not modelled', () => {
    const withVolume = funnelFixture({ emailMonthlyImpressions: 80_000 });
    const email = yieldModel('email', withVolume, { days: 61, currency: 'USD' });
    expect(email).toMatchObject({ basis: 'organic', anchor: 'impressions', perMonth: 80_000 });
    expect(anchorVolume(email, 0)).toBeCloseTo((80_000 * 61) / (365.25 / 12), 6);
    expect(yieldModel('email', b, { days: 61, currency: 'USD' })).toMatchObject({
      basis: 'none',
      reason: ORGANIC_WITHOUT_VOLUME,
    });
    // A brief's baseline stands in when the benchmarks give no volume.
    const fromBrief = yieldModel('email', b, {
      days: 61,
      currency: 'USD',
      organicVisits: { perMonth: 3000, source: 'the brief' },
    });
    expect(fromBrief).toMatchObject({ basis: 'organic', anchor: 'visits', source: 'the brief' });
  });

  it('no row, no reference spend, or another currency: not modelled, with the reason', () => {
    expect(yieldModel('x', b, { days: 30, currency: 'USD' })).toMatchObject({
      basis: 'none',
      reason: 'no benchmark row for this channel',
    });
    expect(yieldModel('linkedin-ads', b, { days: 30, currency: 'USD' })).toMatchObject({
      basis: 'none',
      reason: 'no referenceMonthlySpend in the benchmarks to shape its spend curve',
    });
    expect(yieldModel('google-ads', b, { days: 30, currency: 'EUR' })).toMatchObject({
      basis: 'none',
      reason: 'the benchmarks are in USD, the budget in EUR',
    });
  });
});
