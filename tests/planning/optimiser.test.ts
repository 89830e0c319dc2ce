import { describe, expect, it } from 'vitest';
import { CrescendoError } from '../../actions/engine/errors.js';
import {
  allocateBudget,
  type BudgetChannel,
  evaluateAllocation,
  splitByShares,
} from '../../actions/engine/planning/optimiser.js';
import {
  curveFromBenchmark,
  curveResults,
  type ResponseCurve,
} from '../../actions/engine/planning/response-curve.js';
import { roundBenchmarks } from './fixtures.js';

const sat = (maxResults: number, scale: number): ResponseCurve => ({ kind: 'saturating', maxResults, scale });
const linear = (perUnit: number): ResponseCurve => ({ kind: 'power', coefficient: perUnit, exponent: 1 });
const amounts = (r: ReturnType<typeof allocateBudget>) => r.channels.map((c) => c.amount);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocateBudget', () => {
  it('one channel gets the whole budget', () => {
    const r = allocateBudget({
      budget: 12_345,
      channels: [{ channel: 'google-ads', curve: sat(1000, 5000) }],
    });
    expect(amounts(r)).toEqual([12_345]);
    expect(r.expectedResults).toBeCloseTo(1000 * (1 - Math.exp(-12_345 / 5000)));
  });

  it('two identical channels split evenly', () => {
    const r = allocateBudget({
      budget: 10_000,
      channels: [
        { channel: 'google-ads', curve: sat(500, 4000) },
        { channel: 'linkedin-ads', curve: sat(500, 4000) },
      ],
    });
    expect(amounts(r)).toEqual([5000, 5000]);
  });

  it('matches the analytic optimum: equal first slopes, scales 1,000 and 3,000 → 2,000 / 6,000', () => {
    // Marginals (a/s)·e^(−x/s) are equal when a1/s1 = a2/s2 and x1/s1 = x2/s2:
    // x1 = 8,000 × 1,000 / 4,000 = 2,000 and x2 = 6,000.
    const r = allocateBudget({
      budget: 8000,
      channels: [
        { channel: 'google-ads', curve: sat(100, 1000) },
        { channel: 'linkedin-ads', curve: sat(300, 3000) },
      ],
    });
    expect(Math.abs((r.channels[0]?.amount ?? 0) - 2000)).toBeLessThanOrEqual(1);
    expect(sum(amounts(r))).toBe(8000);
  });

  it('equals brute force on a small budget', () => {
    const channels: BudgetChannel[] = [
      { channel: 'google-ads', curve: sat(40, 30) },
      { channel: 'linkedin-ads', curve: { kind: 'power', coefficient: 2, exponent: 0.5 } },
    ];
    const r = allocateBudget({ budget: 100, channels, step: 1 });
    let best = 0;
    for (let x = 0; x <= 100; x++) {
      best = Math.max(best, curveResults(channels[0]!.curve, x) + curveResults(channels[1]!.curve, 100 - x));
    }
    expect(r.expectedResults).toBeCloseTo(best, 9);
  });

  it('a binding max share caps the better channel', () => {
    const r = allocateBudget({
      budget: 10_000,
      channels: [
        { channel: 'google-ads', curve: linear(3), maxShare: 0.6 },
        { channel: 'email', curve: linear(1) },
      ],
    });
    expect(amounts(r)).toEqual([6000, 4000]);
  });

  it('a min share guarantees the weaker channel its floor, and no more', () => {
    const r = allocateBudget({
      budget: 10_000,
      channels: [
        { channel: 'google-ads', curve: linear(3) },
        { channel: 'email', curve: linear(1), minShare: 0.3 },
      ],
    });
    expect(amounts(r)).toEqual([7000, 3000]);
  });

  it('a fixed-cost channel is either off or at least its fixed cost', () => {
    const channels: BudgetChannel[] = [
      { channel: 'google-ads', curve: linear(1) },
      { channel: 'events', curve: linear(3), fixedCost: 5000 },
    ];
    // 6,000: on would give 3 × (6,000 − 5,000) = 3,000 results < 6,000 off → off.
    expect(amounts(allocateBudget({ budget: 6000, channels }))).toEqual([6000, 0]);
    // 20,000: on gives 3 × 15,000 = 45,000 > 20,000 → all to events.
    const on = allocateBudget({ budget: 20_000, channels });
    expect(amounts(on)).toEqual([0, 20_000]);
    expect(on.expectedResults).toBe(45_000);
  });

  it('says clearly when the budget is below every fixed cost', () => {
    const request = {
      budget: 800,
      currency: 'USD',
      channels: [
        { channel: 'events' as const, curve: linear(1), fixedCost: 5000 },
        { channel: 'webinar' as const, curve: linear(1), fixedCost: 1000 },
      ],
    };
    expect(() => allocateBudget(request)).toThrow(CrescendoError);
    expect(() => allocateBudget(request)).toThrow(
      'the budget USD 800 is below the fixed cost of every channel (cheapest: webinar at USD 1,000)',
    );
  });

  it('explains infeasible max shares and rejects bad input', () => {
    expect(() =>
      allocateBudget({ budget: 1000, channels: [{ channel: 'email', curve: linear(1), maxShare: 0.5 }] }),
    ).toThrow(/maxShare values allow only/);
    expect(() =>
      allocateBudget({ budget: 10.5, channels: [{ channel: 'email', curve: linear(1) }] }),
    ).toThrow(CrescendoError);
  });

  it('always sums exactly to the budget', () => {
    let seed = 42; // deterministic pseudo-random cases (LCG)
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pool = ['google-ads', 'linkedin-ads', 'email', 'blog', 'webinar'] as const;
    for (let n = 0; n < 40; n++) {
      const budget = Math.floor(rand() * 200_000) + 1;
      const channels: BudgetChannel[] = pool.map((channel, i) => ({
        channel,
        curve:
          i % 2 === 0
            ? sat(rand() * 1000 + 1, rand() * 50_000 + 100)
            : { kind: 'power', coefficient: rand() * 5, exponent: 0.3 + rand() * 0.7 },
        maxShare: 0.3 + rand() * 0.7,
        ...(i === 4 ? { fixedCost: Math.floor(rand() * 3000) } : {}),
      }));
      const r = allocateBudget({ budget, channels });
      expect(sum(amounts(r))).toBe(budget);
      for (const c of r.channels) expect(Number.isInteger(c.amount)).toBe(true);
    }
  });

  it('builds curves from benchmarks whose average cost per result at the reference spend is the benchmark', () => {
    // google-ads fixture: 1 MQL ÷ 0.2 ÷ 0.05 = 100 clicks × 2 = 200 per MQL; 30 days → scale 3,000.
    const made = curveFromBenchmark('google-ads', roundBenchmarks().channels['google-ads']!, 'mqls', 30, {});
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.costPerResult).toBeCloseTo(200);
    expect(3000 / curveResults(made.curve, 3000)).toBeCloseTo(200); // average CPL at the reference spend
    const organic = curveFromBenchmark('email', roundBenchmarks().channels.email!, 'mqls', 30, {});
    expect(organic.ok).toBe(false);
  });

  it('evaluates a proposal for comparison', () => {
    const channels: BudgetChannel[] = [{ channel: 'google-ads', curve: linear(2) }];
    expect(evaluateAllocation(channels, { 'google-ads': 500 })[0]?.expectedResults).toBe(1000);
  });
});

describe('splitByShares', () => {
  it('rounds proposed shares to whole units that sum exactly (largest remainder)', () => {
    const thirds = splitByShares(100, [
      { channel: 'google-ads', share: 1 / 3 },
      { channel: 'linkedin-ads', share: 1 / 3 },
      { channel: 'email', share: 1 / 3 },
    ]);
    expect(thirds.map((x) => x.amount)).toEqual([34, 33, 33]);
    const split = splitByShares(45_000, [
      { channel: 'google-ads', share: 0.45 },
      { channel: 'linkedin-ads', share: 0.35 },
      { channel: 'email', share: 0.2 },
    ]);
    expect(split.map((x) => x.amount)).toEqual([20_250, 15_750, 9000]);
  });
});
