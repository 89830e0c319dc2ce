import { describe, expect, it } from 'vitest';
import type { StrategyData } from '../../../actions/engine/artifacts/strategy.js';
import type { Measure, Measures } from '../../../actions/engine/importers/metric-row.js';
import { columnFor, sumMeasures } from '../../../actions/engine/stages/measurement/measures.js';
import { planVsActual, resultColumn } from '../../../actions/engine/stages/measurement/plan.js';

/** The parts of a strategy plan-vs-actual reads: budget lines, KPIs, objectives. */
const strategy = {
  allocation: {
    lines: [
      { channel: 'google-ads', amount: 3000, basis: 'paid' },
      { channel: 'linkedin-ads', amount: 1000, basis: 'paid' },
      { channel: 'blog', amount: 500, basis: 'organic' },
      { channel: 'email', amount: 900, basis: 'paid' },
    ],
  },
  kpis: [
    { channel: 'google-ads', metric: 'mqls', target: 60, unit: 'MQLs' },
    { channel: 'blog', metric: 'sessions', target: 3000, unit: 'sessions', period: 'month' },
    { channel: 'linkedin-ads', metric: 'demos', target: 10, unit: 'demos' },
  ],
  objectives: [
    { metric: 'mqls', target: 100, unit: 'MQLs' },
    { metric: 'visitors', target: 9000, unit: 'visitors' },
  ],
  objectivePlans: [
    { objective: 0, metric: 'mqls', target: 100, planned: 110, unit: 'MQLs' },
    { objective: 1, metric: 'visitors', target: 9000, planned: 9500, unit: 'visitors' },
  ],
} as unknown as StrategyData;

const totals: Record<string, Measures> = {
  // 30-day window, 10 days elapsed: elapsed share 1/3.
  'google-ads': { cost: 1200, clicks: 800, mqls: 24 }, // pacing 1200 ÷ (3000 × 1/3) = 1.2
  'linkedin-ads': { cost: 300, clicks: 100, mqls: 6 }, // 300 ÷ (1000 × 1/3) = 0.9
  blog: { clicks: 1500, mqls: 5 },
};
const window = { start: '2027-04-01', end: '2027-04-30' };
const measured = new Set<Measure>(['cost', 'clicks', 'mqls']);

describe('plan of record against actuals, by hand', () => {
  const p = planVsActual(strategy, new Map(Object.entries(totals)), measured, window, '2027-04-10');

  it('paces each paid line: spend ÷ (budget × elapsed share), ±10% on pace', () => {
    expect(p.daysElapsed).toBe(10);
    expect(p.windowDays).toBe(30);
    expect(p.elapsed).toBeCloseTo(1 / 3, 12);
    const [google, linkedin, blog, email] = p.budget;
    expect(google).toMatchObject({ spend: 1200, spentShare: 0.4, status: 'overspending' });
    expect(google?.pacing).toBeCloseTo(1.2, 12);
    expect(linkedin?.pacing).toBeCloseTo(0.9, 12);
    expect(linkedin?.status).toBe('on pace');
    // Organic budgets are production money, which ad data does not carry.
    expect(blog).toEqual({ channel: 'blog', budget: 500, basis: 'organic', status: 'not tracked' });
    // A paid line with no cost in the data is not tracked, never 0 % paced.
    expect(email).toEqual({ channel: 'email', budget: 900, basis: 'paid', status: 'not tracked' });
  });

  it('reads each KPI from its own funnel column, prorated to the days elapsed', () => {
    const [mqls, sessions, demos] = p.kpis;
    expect(mqls).toMatchObject({ actual: 24, attainment: 0.4, expectedToDate: 20, pace: 1.2 });
    expect(mqls?.column).toEqual({ measure: 'mqls' });
    // A monthly rate: 1,500 clicks (the plan's visits) in 10 days is 1,500 ÷ 10 × 30.4375 a month.
    expect(sessions?.column?.measure).toBe('clicks');
    expect(sessions?.column?.proxy).toContain('no source measures sessions');
    expect(sessions?.actual).toBeCloseTo(4565.625, 9);
    expect(sessions?.attainment).toBeCloseTo(4565.625 / 3000, 9);
    // Demos are not MQLs: no column measures them, so no number stands in.
    expect(demos).toMatchObject({ target: 10 });
    expect(demos?.actual).toBeUndefined();
    expect(demos?.column).toBeUndefined();
  });

  it('sums an objective over every channel in the data', () => {
    const [mqls, visitors] = p.objectives;
    expect(mqls).toMatchObject({ actual: 35, attainment: 0.35, target: 100, planned: 110 });
    expect(mqls?.pace).toBeCloseTo(1.05, 12);
    expect(visitors).toMatchObject({ actual: 2400 });
  });

  it('judges the campaign by its first objective with a funnel column', () => {
    expect(resultColumn(strategy, measured)).toEqual({ measure: 'mqls', label: 'MQLs' });
    expect(resultColumn(strategy, new Set<Measure>(['clicks', 'leads']))).toEqual({
      measure: 'leads',
      label: 'leads',
    });
    expect(resultColumn(strategy, new Set<Measure>(['clicks']))).toBeUndefined();
  });
});

describe('measured columns', () => {
  it('keeps a measure no row measured absent (not measured), never 0, and sums money without float noise', () => {
    expect(sumMeasures([{ measures: { cost: 0.1 } }, { measures: { cost: 0.2, clicks: 3 } }])).toEqual({
      cost: 0.3,
      clicks: 3,
    });
    expect(sumMeasures([{ measures: { clicks: 1 } }]).mqls).toBeUndefined();
  });

  it('gives MQLs, leads and form conversions their own columns', () => {
    const all = new Set<Measure>(['mqls', 'leads', 'conversions', 'sessions', 'clicks']);
    expect(columnFor('mqls', all)).toEqual({ measure: 'mqls' });
    expect(columnFor('leads', all)).toEqual({ measure: 'leads' });
    expect(columnFor('trials', all)).toEqual({ measure: 'conversions' });
    expect(columnFor('visitors', all)).toEqual({ measure: 'sessions' });
    expect(columnFor('mqls', new Set<Measure>(['conversions']))).toBeUndefined();
  });
});
