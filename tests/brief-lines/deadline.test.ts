import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../actions/engine/brief-lines/deadline.js';

const Q2 = { start: '2027-04-01', end: '2027-06-30' };
const ACROSS_NEW_YEAR = { start: '2026-11-01', end: '2027-02-28' };

function dateOf(text: string, timeframe = Q2): string | undefined {
  const found = findDeadlines(text, timeframe);
  expect(found).toHaveLength(1);
  return found[0]?.date ?? found[0]?.question;
}

describe('findDeadlines', () => {
  it('reads ISO dates and month names, with or without the year', () => {
    expect(dateOf('by 2027-06-30')).toBe('2027-06-30');
    expect(dateOf('by June 30')).toBe('2027-06-30');
    expect(dateOf('by June 30th, 2027')).toBe('2027-06-30');
    expect(dateOf('before 15 May')).toBe('2027-05-15');
    expect(dateOf('until the 1st of June 2027')).toBe('2027-06-01');
    expect(dateOf('by 06/30/2027')).toBe('2027-06-30');
    expect(dateOf('by 30/06/2027')).toBe('2027-06-30');
  });

  it('resolves quarters, halves and month ends against the time frame', () => {
    expect(dateOf('by end of Q2')).toBe('2027-06-30');
    expect(dateOf('in Q2 2027')).toBe('2027-06-30');
    expect(dateOf('by Q1 2028')).toBe('2028-03-31');
    expect(dateOf('by the end of June')).toBe('2027-06-30');
    expect(dateOf('by H1')).toBe('2027-06-30');
    expect(dateOf('by end of Q1', ACROSS_NEW_YEAR)).toBe('2027-03-31');
    expect(dateOf('by January 31', ACROSS_NEW_YEAR)).toBe('2027-01-31');
    expect(dateOf('by Dec 15', ACROSS_NEW_YEAR)).toBe('2026-12-15');
  });

  it('reads deadlines relative to the campaign', () => {
    expect(dateOf('this quarter')).toBe('2027-06-30');
    expect(dateOf('by the end of the quarter')).toBe('2027-06-30');
    expect(dateOf('in a quarter')).toBe('2027-06-30');
    expect(dateOf('within 6 weeks')).toBe('2027-05-12');
    expect(dateOf('by the end of the campaign')).toBe('2027-06-30');
  });

  it('marks deadlines written after by/before/until as sure, periods after "for" as not', () => {
    const found = findDeadlines('500 MQLs for Q3 pipeline by 2027-06-30', Q2);
    expect(found.map((d) => [d.raw, d.strong])).toEqual([
      ['Q3', false],
      ['2027-06-30', true],
    ]);
  });

  it('asks when a date reads two ways, has no year to take, or is not on the calendar', () => {
    expect(dateOf('by 06/07/2027')).toBe(
      'is `06/07/2027` 6 July or June 7? Write it as 2027-07-06 or 2027-06-07',
    );
    expect(dateOf('by June')).toMatch(/^the start or the end of June\?/);
    expect(findDeadlines('by end of Q2')[0]?.question).toBe(
      'which year is `end of Q2`? Write the date as yyyy-mm-dd',
    );
    expect(dateOf('by 2027-02-30')).toMatch(/is not a day on the calendar/);
  });

  it('finds no deadline in numbers and percentages', () => {
    expect(findDeadlines('Grow organic sessions by 30% from 12,000', Q2)).toEqual([]);
    expect(findDeadlines('2 posts/week', Q2)).toEqual([]);
  });
});
