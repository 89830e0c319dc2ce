import { describe, expect, it } from 'vitest';
import { attribute, pathTableFromTouchpoints } from '../../actions/engine/attribution/index.js';
import { positionShare } from '../../actions/engine/attribution/models/position.js';
import { creditOf, pathsTable, WORKED_EXAMPLE } from './helpers.js';

describe('the worked example in attribution/README.md', () => {
  const result = attribute(pathsTable(WORKED_EXAMPLE));

  it('has P(conversion) = 1/3 and removal effects C1 0.5, C2 1, C3 1', () => {
    expect(result.markov?.conversionProbability).toBeCloseTo(1 / 3, 12);
    expect(result.removalEffects.C1).toBeCloseTo(0.5, 12);
    expect(result.removalEffects.C2).toBeCloseTo(1, 12);
    expect(result.removalEffects.C3).toBeCloseTo(1, 12);
  });

  it('gives Markov credit 0.2 / 0.4 / 0.4 and value 200 / 400 / 400', () => {
    const conversions = creditOf(result, 'markov');
    const value = creditOf(result, 'markov', 'value');
    for (const [channel, expected] of Object.entries({ C1: 0.2, C2: 0.4, C3: 0.4 }))
      expect(conversions[channel]).toBeCloseTo(expected, 12);
    for (const [channel, expected] of Object.entries({ C1: 200, C2: 400, C3: 400 }))
      expect(value[channel]).toBeCloseTo(expected, 9);
  });

  it('gives the heuristic models their textbook answers', () => {
    expect(creditOf(result, 'first')).toEqual({ C1: 1, C2: 0, C3: 0 });
    expect(creditOf(result, 'last')).toEqual({ C1: 0, C2: 0, C3: 1 });
    expect(creditOf(result, 'position')).toEqual({ C1: 0.4, C2: 0.2, C3: 0.4 });
    expect(creditOf(result, 'linear', 'value')).toEqual({ C1: 1000 / 3, C2: 1000 / 3, C3: 1000 / 3 });
    expect(creditOf(result, 'shapley')).toEqual({ C1: 1 / 3, C2: 1 / 3, C3: 1 / 3 });
  });

  it('says why time decay is missing instead of inventing it', () => {
    expect(result.models['time-decay']).toBeUndefined();
    expect(result.unavailable['time-decay']).toMatch(/without timestamps/);
  });
});

describe('Markov on the removal-effect example of Puzyrov (2019)', () => {
  // Google Ads 2 conversions, Mailing 1, Google Ads > Mailing 1, Google Ads 0 (one null): the article's
  // transitions are start→GA 4/5, start→M 1/5, GA→conv 2/4, GA→M 1/4, GA→null 1/4, M→conv 1.
  const result = attribute(
    pathsTable([
      ['Google Ads', 2, 0, 0],
      ['Mailing', 1, 0, 0],
      ['Google Ads > Mailing', 1, 0, 0],
      ['Google Ads', 0, 0, 1],
    ]),
    { models: ['markov'] },
  );

  it('has P(conversion) 0.8, removal effects 0.75 and 0.5, credit 2.4 and 1.6', () => {
    expect(result.markov?.conversionProbability).toBeCloseTo(0.8, 12);
    expect(result.removalEffects['Google Ads']).toBeCloseTo(0.75, 12);
    expect(result.removalEffects.Mailing).toBeCloseTo(0.5, 12);
    expect(creditOf(result, 'markov')['Google Ads']).toBeCloseTo(2.4, 12);
    expect(creditOf(result, 'markov').Mailing).toBeCloseTo(1.6, 12);
  });
});

describe('linear and position count repeated touches', () => {
  const result = attribute(pathsTable([['A > A > B', 3, 30, 0]]), {
    models: ['linear', 'position', 'shapley'],
  });

  it('linear: each touch gets conversions ÷ path length', () => {
    expect(creditOf(result, 'linear')).toEqual({ A: 2, B: 1 });
  });

  it('position: 40 / 20 / 40 over touches, so the repeated first channel gets 60 %', () => {
    expect(creditOf(result, 'position').A).toBeCloseTo(1.8, 12);
    expect(creditOf(result, 'position').B).toBeCloseTo(1.2, 12);
  });

  it('shapley counts each distinct channel once', () => {
    expect(creditOf(result, 'shapley')).toEqual({ A: 1.5, B: 1.5 });
  });
});

describe('position-based shares', () => {
  it('is 100 % for one touch, 50/50 for two, 40/20/40 from three on', () => {
    expect(positionShare(1, 0)).toBe(1);
    expect([0, 1].map((i) => positionShare(2, i))).toEqual([0.5, 0.5]);
    expect([0, 1, 2].map((i) => positionShare(3, i))).toEqual([0.4, 0.2, 0.4]);
    expect([0, 1, 2, 3].map((i) => positionShare(4, i))).toEqual([0.4, 0.1, 0.1, 0.4]);
  });
});

describe('time decay', () => {
  const day = 86_400_000;
  const t0 = Date.UTC(2024, 4, 1);
  const events = (halfLifeDays?: number) =>
    pathTableFromTouchpoints(
      [
        { userId: 'u', time: t0, event: 'touch', channel: 'Email' },
        { userId: 'u', time: t0 + 7 * day, event: 'touch', channel: 'Search' },
        { userId: 'u', time: t0 + 7 * day, event: 'conversion', value: 90 },
      ],
      { halfLifeDays },
    ).table;

  it('weighs a touch one half-life before the conversion half as much as one at the conversion', () => {
    const result = attribute(events(), { models: ['time-decay'] });
    expect(creditOf(result, 'time-decay').Email).toBeCloseTo(1 / 3, 12);
    expect(creditOf(result, 'time-decay').Search).toBeCloseTo(2 / 3, 12);
    expect(creditOf(result, 'time-decay', 'value').Email).toBeCloseTo(30, 9);
  });

  it('follows the half-life: 14 days makes the older touch weigh 2^(−1/2)', () => {
    const result = attribute(events(14), { models: ['time-decay'] });
    const w = 2 ** -0.5;
    expect(creditOf(result, 'time-decay').Email).toBeCloseTo(w / (1 + w), 12);
  });
});

describe('every model', () => {
  it('distributes exactly the total conversions and value', () => {
    const table = pathsTable([
      ['A > B > C > A', 5, 500, 3],
      ['B', 2, 40, 9],
      ['C > B', 1, 10, 4],
      ['A > A', 0, 0, 6],
    ]);
    const result = attribute(table);
    expect(result.totalConversions).toBe(8);
    for (const credit of Object.values(result.models)) {
      const sum = Object.values(credit).reduce((s, c) => s + c.conversions, 0);
      const value = Object.values(credit).reduce((s, c) => s + c.value, 0);
      expect(sum).toBeCloseTo(8, 9);
      expect(value).toBeCloseTo(550, 9);
    }
  });
});
