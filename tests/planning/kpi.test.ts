import { describe, expect, it } from 'vitest';
import {
  conversionRate,
  cpa,
  cpc,
  cpl,
  cpm,
  ctr,
  elapsedShare,
  pacing,
  roas,
  roi,
} from '../../actions/engine/planning/kpi.js';

describe('KPIs', () => {
  it('computes the reference definitions', () => {
    expect(ctr(50, 10_000)).toBeCloseTo(0.005); // 50 / 10,000
    expect(cpc(233, 50)).toBeCloseTo(4.66); // 233 / 50
    expect(cpm(350, 10_000)).toBeCloseTo(35); // 350 / 10,000 × 1000
    expect(cpa(1000, 20)).toBe(50);
    expect(cpl(1000, 20)).toBe(50);
    expect(roas(3000, 1000)).toBe(3);
    expect(roi(3000, 2000)).toBeCloseTo(0.5); // (3000 − 2000) / 2000
    expect(conversionRate(38, 1000)).toBeCloseTo(0.038);
    // 4,500 spent of 45,000 when 20 % of the period is gone: 4,500 / (45,000 × 0.2) = 0.5
    expect(pacing(4500, 45_000, 0.2)).toBeCloseTo(0.5);
  });

  it('returns undefined, never NaN or Infinity, on zero denominators', () => {
    expect(ctr(0, 0)).toBeUndefined();
    expect(ctr(5, 0)).toBeUndefined();
    expect(cpc(100, 0)).toBeUndefined();
    expect(cpm(100, 0)).toBeUndefined();
    expect(cpa(100, 0)).toBeUndefined();
    expect(cpl(0, 0)).toBeUndefined();
    expect(roas(100, 0)).toBeUndefined();
    expect(roi(100, 0)).toBeUndefined();
    expect(conversionRate(1, 0)).toBeUndefined();
    expect(pacing(100, 0, 0.5)).toBeUndefined();
    expect(pacing(100, 1000, 0)).toBeUndefined();
    expect(cpc(Number.NaN, 3)).toBeUndefined();
    expect(ctr(0, 100)).toBe(0); // zero numerator is a real zero
  });

  it('measures the elapsed share of an inclusive window', () => {
    const window = { start: '2025-04-01', end: '2025-04-10' };
    expect(elapsedShare(window, '2025-04-05')).toBeCloseTo(0.5); // 5 of 10 days
    expect(elapsedShare(window, '2025-03-01')).toBe(0);
    expect(elapsedShare(window, '2025-05-01')).toBe(1);
    expect(elapsedShare({ start: '2025-04-10', end: '2025-04-01' }, '2025-04-05')).toBeUndefined();
  });
});
