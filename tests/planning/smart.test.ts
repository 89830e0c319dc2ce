import { describe, expect, it } from 'vitest';
import { assessSmart, checkSmart, type SmartObjective } from '../../actions/engine/planning/smart.js';
import { roundBenchmarks } from './fixtures.js';

const window = { start: '2025-04-01', end: '2025-06-30' };
const good: SmartObjective = {
  metric: 'MQLs',
  target: 200,
  unit: 'MQLs',
  deadline: '2025-06-30',
  businessGoal: 'Fill Q3 pipeline for the mid-market plan',
  description: 'Generate 200 marketing qualified leads (MQLs) from paid channels',
  channels: [
    { channel: 'google-ads', share: 0.5 },
    { channel: 'linkedin-ads', share: 0.5 },
  ],
};
// Costs 95,000 at the fixture's rates (see funnel.test.ts); cplTolerance 1 keeps LinkedIn's CPL in bounds.
const context = { window, benchmarks: roundBenchmarks(), budget: 100_000, cplTolerance: 1 };

describe('SMART checks', () => {
  it('passes a good objective on every letter', () => {
    const a = assessSmart(good, context, 'objectives[0]');
    expect(Object.values(a).map((l) => l.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(checkSmart([good], context)).toEqual([]);
  });

  it('Specific: unknown metric, missing description, description not naming the metric', () => {
    const unknown = assessSmart({ ...good, metric: 'vibes' }, context, 'objectives[1]').specific;
    expect(unknown.status).toBe('fail');
    expect(unknown.problems[0]?.where).toBe('objectives[1].metric');
    expect(assessSmart({ ...good, description: ' ' }, context, 'o').specific.problems[0]?.where).toBe(
      'o.description',
    );
    const vague = assessSmart({ ...good, description: 'Grow the business a lot' }, context, 'o').specific;
    expect(vague.problems[0]?.message).toBe('Specific: the description should name what is counted (mqls)');
  });

  it('Measurable: target above 0 and a unit', () => {
    const m = assessSmart({ ...good, target: 0, unit: '' }, context, 'objectives[2]').measurable;
    expect(m.problems.map((p) => p.where)).toEqual(['objectives[2].target', 'objectives[2].unit']);
  });

  it('Achievable: fails with numbers when the budget cannot pay for the funnel', () => {
    const a = assessSmart(good, { ...context, budget: 50_000 }, 'objectives[0]').achievable;
    expect(a.status).toBe('fail');
    expect(a.problems[0]?.where).toBe('objectives[0].target');
    expect(a.problems[0]?.message).toMatch(/^Achievable: 200 mqls needs about USD 95,000/);
  });

  it('Achievable: not assessed without benchmarks or channel split', () => {
    expect(assessSmart(good, { window }, 'o').achievable.status).toBe('not-assessed');
    const { channels: _omit, ...noChannels } = good;
    expect(assessSmart(noChannels, context, 'o').achievable.status).toBe('not-assessed');
  });

  it('Relevant: a business goal, and "_No response_" from an issue form is not one', () => {
    const r = assessSmart({ ...good, businessGoal: '_No response_' }, context, 'objectives[0]').relevant;
    expect(r.problems[0]?.where).toBe('objectives[0].businessGoal');
  });

  it('Time-bound: deadline must be a date inside the campaign window', () => {
    expect(
      assessSmart({ ...good, deadline: '2025-07-01' }, context, 'objectives[1]').timeBound.problems[0],
    ).toEqual({
      where: 'objectives[1].deadline',
      message: 'Time-bound: deadline 2025-07-01 is outside the campaign window 2025-04-01 to 2025-06-30',
    });
    expect(assessSmart({ ...good, deadline: 'end of Q2' }, context, 'o').timeBound.status).toBe('fail');
    expect(assessSmart({ ...good, deadline: '2025-04-01' }, context, 'o').timeBound.status).toBe('pass');
  });

  it('checkSmart gives field paths per objective', () => {
    const problems = checkSmart([good, { ...good, deadline: '2026-01-01' }], context);
    expect(problems.map((p) => p.where)).toEqual(['objectives[1].deadline']);
  });
});
