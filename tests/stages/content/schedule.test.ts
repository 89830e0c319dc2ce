import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../../actions/engine/artifacts/brief-parts.js';
import {
  cadenceSlot,
  cadenceSlots,
  evenDates,
  scheduleDates,
} from '../../../actions/engine/stages/content/schedule.js';

const cadence = (c: Omit<Cadence, 'channel'>): Cadence => ({ channel: 'blog', ...c });
const slots = (c: Cadence, n: number, start = '2027-04-26') =>
  Array.from({ length: n }, (_, k) => cadenceSlot(start, c, k));

describe('cadence slots', () => {
  it('spreads several a week evenly inside each week: 2 posts a week from a Monday are Mondays and Thursdays', () => {
    expect(slots(cadence({ times: 2, unit: 'week' }), 4)).toEqual([
      '2027-04-26',
      '2027-04-29',
      '2027-05-03',
      '2027-05-06',
    ]);
  });

  it('daily is every day; daily on weekdays skips Saturdays and Sundays', () => {
    expect(slots(cadence({ times: 1, unit: 'day' }), 3, '2027-04-30')).toEqual([
      '2027-04-30',
      '2027-05-01',
      '2027-05-02',
    ]);
    expect(slots(cadence({ times: 1, unit: 'day', weekdaysOnly: true }), 3, '2027-04-30')).toEqual([
      '2027-04-30',
      '2027-05-03',
      '2027-05-04',
    ]);
  });

  it('fortnightly and monthly keep their periods; a month keeps its day, or the month’s last', () => {
    expect(slots(cadence({ times: 1, every: 2, unit: 'week' }), 3)).toEqual([
      '2027-04-26',
      '2027-05-10',
      '2027-05-24',
    ]);
    expect(slots(cadence({ times: 1, unit: 'month' }), 3, '2027-01-31')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
  });

  it('a weekdays-only weekly slot that falls on a weekend moves to the Monday after', () => {
    expect(cadenceSlot('2027-05-01', cadence({ times: 1, unit: 'week', weekdaysOnly: true }), 0)).toBe(
      '2027-05-03',
    );
  });

  it('lists the slots inside a window, and at most the limit', () => {
    const weekly = cadence({ times: 1, unit: 'week' });
    expect(cadenceSlots({ start: '2027-04-26', end: '2027-05-17' }, weekly)).toEqual([
      '2027-04-26',
      '2027-05-03',
      '2027-05-10',
      '2027-05-17',
    ]);
    expect(cadenceSlots({ start: '2027-01-01', end: '2027-12-31' }, weekly, 20)).toHaveLength(20);
  });
});

describe('schedule dates', () => {
  const window = { start: '2027-04-26', end: '2027-05-09' };

  it('follows the cadence when the items fit the window', () => {
    expect(scheduleDates(window, 3, cadence({ times: 2, unit: 'week' }))).toEqual([
      '2027-04-26',
      '2027-04-29',
      '2027-05-03',
    ]);
  });

  it('spreads evenly when the cadence would run past the window', () => {
    expect(scheduleDates(window, 3, cadence({ times: 1, unit: 'week' }))).toEqual([
      '2027-04-26',
      '2027-05-03',
      '2027-05-09',
    ]);
  });

  it('spreads evenly without a cadence, one item on the first day', () => {
    expect(scheduleDates(window, 2)).toEqual(['2027-04-26', '2027-05-09']);
    expect(evenDates(window, 1)).toEqual(['2027-04-26']);
  });
});
