import { describe, expect, it } from 'vitest';
import type { AggregateRow } from '../../../actions/engine/importers/aggregate.js';
import type { MetricChannel } from '../../../actions/engine/importers/metric-row.js';
import { addDays } from '../../../actions/engine/planning/dates.js';
import { findAnomalies, median, modifiedZ } from '../../../actions/engine/stages/measurement/anomalies.js';
import { isFirstMondayOfMonth, planReport } from '../../../actions/engine/stages/measurement/cadence.js';
import { rankAssets } from '../../../actions/engine/stages/measurement/rankings.js';
import { compare, monthlyRollUp, weeklyBuckets } from '../../../actions/engine/stages/measurement/trends.js';

const row = (
  date: string,
  channel: MetricChannel,
  measures: AggregateRow['measures'],
  utm = '',
): AggregateRow => ({
  date,
  channel,
  utm_content: utm,
  measures,
  sources: {},
});
const window = { start: '2027-04-01', end: '2027-06-30' };

describe('weekly or monthly', () => {
  it('is monthly on the first Monday of a month (the month before), weekly otherwise, final at the end', () => {
    expect(isFirstMondayOfMonth('2027-05-03')).toBe(true);
    expect(isFirstMondayOfMonth('2027-05-10')).toBe(false);
    const monthly = planReport(new Date('2027-05-03T07:00:00Z'), '2027-05-02', window);
    expect(monthly).toMatchObject({
      cadence: 'monthly',
      current: { from: '2027-04-01', to: '2027-04-30' },
      previous: { from: '2027-03-01', to: '2027-03-31' },
      comparison: 'month over month',
      final: false,
    });
    const weekly = planReport(new Date('2027-05-10T07:00:00Z'), '2027-05-09', window);
    expect(weekly).toMatchObject({
      cadence: 'weekly',
      current: { from: '2027-05-03', to: '2027-05-09' },
      previous: { from: '2027-04-26', to: '2027-05-02' },
    });
    expect(planReport(new Date('2027-07-05T07:00:00Z'), '2027-06-30', window).final).toBe(true);
  });
});

describe('week over week and the monthly roll-up', () => {
  const rows = [
    row('2027-05-01', 'google-ads', { cost: 100, mqls: 4 }),
    row('2027-05-08', 'google-ads', { cost: 150, mqls: 3 }),
    row('2027-05-09', 'blog', { clicks: 40 }),
    row('2027-04-30', 'google-ads', { cost: 50 }),
  ];

  it('compares this period with the one before, in total and per channel', () => {
    const c = compare(
      rows,
      'week over week',
      { from: '2027-05-03', to: '2027-05-09' },
      { from: '2027-04-26', to: '2027-05-02' },
    );
    expect(c.total.find((x) => x.measure === 'cost')).toEqual({
      measure: 'cost',
      current: 150,
      previous: 150,
      change: 0,
    });
    expect(c.total.find((x) => x.measure === 'mqls')).toEqual({
      measure: 'mqls',
      current: 3,
      previous: 4,
      change: -0.25,
    });
    // Nothing to compare with: no change, never +∞.
    expect(c.channels.find((x) => x.channel === 'blog')?.changes).toEqual([
      { measure: 'clicks', current: 40 },
    ]);
  });

  it('rolls the data up by calendar month and buckets weeks ending on the last day of data', () => {
    expect(monthlyRollUp(rows).map((m) => [m.month, m.from, m.to, m.totals.cost])).toEqual([
      ['2027-04', '2027-04-30', '2027-04-30', 50],
      ['2027-05', '2027-05-01', '2027-05-09', 250],
    ]);
    expect(weeklyBuckets('2027-04-30', '2027-05-09')).toEqual([
      { from: '2027-04-30', to: '2027-05-02' },
      { from: '2027-05-03', to: '2027-05-09' },
    ]);
  });
});

describe('anomalies in the daily series', () => {
  it('computes the modified z-score against the median absolute deviation', () => {
    expect(median([5, 1, 3])).toBe(3);
    // median 10, |deviations| 0,1,1,2,2 → MAD 1; (20 − 10) × 0.6745 = 6.745.
    expect(modifiedZ(20, [10, 9, 11, 8, 12])).toBeCloseTo(6.745, 9);
    expect(modifiedZ(5, [])).toBeUndefined();
    expect(modifiedZ(6, Array(20).fill(5))).toBe(Number.POSITIVE_INFINITY);
  });

  it('flags a day that stands out from the 28 before it, in the report period only', () => {
    const rows: AggregateRow[] = [];
    for (let i = 0; i < 30; i++)
      rows.push(row(addDays('2027-04-01', i), 'google-ads', { clicks: 30 + (i % 3), cost: 100 }));
    rows.push(row('2027-05-01', 'google-ads', { clicks: 5, cost: 100 }));
    const found = findAnomalies(
      rows,
      ['clicks', 'cost'],
      { from: '2027-04-25', to: '2027-05-01' },
      '2027-05-01',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      date: '2027-05-01',
      channel: 'google-ads',
      measure: 'clicks',
      value: 5,
      median: 31,
      direction: 'low',
    });
  });
});

describe('rankings adjusted for cost and days live', () => {
  it('ranks paid assets by cost per result and organic ones by results per day live; new ones wait', () => {
    const rows = [
      row('2027-05-01', 'google-ads', { cost: 1000, mqls: 10 }, 'ad-a'), // USD 100 per MQL
      row('2027-05-01', 'google-ads', { cost: 1000, mqls: 20 }, 'ad-b'), // USD 50
      row('2027-05-01', 'blog', { mqls: 30 }, 'post-old'), // 30 over 31 days live
      row('2027-05-25', 'blog', { mqls: 20 }, 'post-new'), // 20 over 7 days live: more per day
      row('2027-05-29', 'blog', { mqls: 50 }, 'post-too-new'),
    ];
    const r = rankAssets(rows, 'mqls', '2027-05-31');
    expect(r.paid.map((x) => [x.utmContent, x.costPerResult])).toEqual([
      ['ad-b', 50],
      ['ad-a', 100],
    ]);
    expect(r.organic.map((x) => x.utmContent)).toEqual(['post-new', 'post-old']);
    expect(r.top.map((x) => x.utmContent)).toEqual(['ad-b', 'post-new']);
    expect(r.bottom.map((x) => x.utmContent)).toEqual(['ad-a', 'post-old']);
    expect(r.tooNew).toEqual(['post-too-new']);
  });
});
