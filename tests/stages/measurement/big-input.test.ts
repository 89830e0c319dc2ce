import { describe, expect, it } from 'vitest';
import type { StrategyData } from '../../../actions/engine/artifacts/strategy.js';
import type { AggregateRow } from '../../../actions/engine/importers/aggregate.js';
import { addDays } from '../../../actions/engine/planning/dates.js';
import { measure } from '../../../actions/engine/stages/measurement/measure.js';

const DAYS = 90;
const ASSETS = 1600;
const CHANNELS = ['google-ads', 'linkedin-ads', 'blog', 'email'] as const;

/**
 * 144,000 distinct (day, channel, asset) rows: beyond the ~130k rows where the old stage died with "Maximum
 * call stack size exceeded". Reading such a file streamed is the importers' test (tests/importers); this is
 * everything the report computes from the rows.
 */
function bigRows(): AggregateRow[] {
  const rows: AggregateRow[] = [];
  for (let d = 0; d < DAYS; d++) {
    const date = addDays('2027-04-01', d);
    for (let a = 0; a < ASSETS; a++) {
      const channel = CHANNELS[a % CHANNELS.length]!;
      const cost = channel.endsWith('-ads') ? (a % 7) + 1 : 0;
      const measures = { impressions: 100 + (a % 13), clicks: a % 5, cost, mqls: a % 3 === 0 ? 1 : 0 };
      rows.push({ date, channel, utm_content: `asset-${a}`, measures, sources: {} });
    }
  }
  return rows;
}

const strategy = {
  allocation: {
    lines: [
      { channel: 'google-ads', amount: 100000, basis: 'paid' },
      { channel: 'linkedin-ads', amount: 100000, basis: 'paid' },
    ],
  },
  kpis: [{ channel: 'google-ads', metric: 'mqls', target: 10000, unit: 'MQLs' }],
  objectives: [{ metric: 'mqls', target: 50000, unit: 'MQLs' }],
  objectivePlans: [{ objective: 0, metric: 'mqls', target: 50000, planned: 52000, unit: 'MQLs' }],
} as unknown as StrategyData;

describe('a large export', () => {
  it('is measured whole: every row counted, no stack overflow', () => {
    const window = { start: '2027-04-01', end: '2027-06-29' };
    const rows = bigRows();
    const m = measure({ strategy, rows, window, now: new Date('2027-06-30T07:00:00Z') });
    // a % 3 === 0 for 534 of 1,600 assets, every day.
    expect(m.totals.mqls).toBe(534 * DAYS);
    expect(m.planVsActual.objectives[0]?.actual).toBe(534 * DAYS);
    expect(m.rankings.paid.length + m.rankings.organic.length).toBe(ASSETS);
  });
});
