import { describe, expect, it } from 'vitest';
import {
  CellError,
  pageKey,
  parseDay,
  parseQuantity,
  splitWindow,
  utmContentOf,
} from '../../actions/engine/importers/cells.js';

describe('cells', () => {
  it.each([
    ['2027-04-13', '2027-04-13'],
    ['20270413', '2027-04-13'],
    ['4/13/2027', '2027-04-13'],
    ['Apr 13, 2027', '2027-04-13'],
    ['Tue, Apr 13, 2027', '2027-04-13'],
    ['Apr 13, 2027 09:00 am', '2027-04-13'],
    ['13 Apr 2027', '2027-04-13'],
    ['September 3, 2027', '2027-09-03'],
    ['2027-04-13 09:15', '2027-04-13'],
    ['2027-04-13T09:15:00Z', '2027-04-13'],
  ])('reads the date %s', (text, day) => {
    expect(parseDay(text, 'Day')).toBe(day);
  });

  it('reads slash dates day first when the layout says so', () => {
    expect(parseDay('13/4/2027', 'Date', 'dmy')).toBe('2027-04-13');
  });

  it.each(['2027-02-30', '13/13/2027', 'yesterday', '2027-4'])('refuses %s, naming the column', (text) => {
    expect(() => parseDay(text, 'Day')).toThrow(CellError);
    try {
      parseDay(text, 'Day');
    } catch (error) {
      expect((error as CellError).column).toBe('Day');
      expect((error as CellError).message).toContain(text);
    }
  });

  it('reads counts and amounts as exports write them, "no data" as undefined', () => {
    expect(parseQuantity('1,234', 'Impr.', 'count')).toBe(1234);
    expect(parseQuantity('$1,234.50', 'Cost', 'amount')).toBe(1234.5);
    expect(parseQuantity('€12,50', 'Cost', 'amount')).toBe(12.5);
    expect(parseQuantity('--', 'Cost', 'amount')).toBeUndefined();
    expect(parseQuantity('', 'Cost', 'amount')).toBeUndefined();
  });

  it('refuses negative amounts and fractional counts with a fix', () => {
    expect(() => parseQuantity('-12.00', 'Cost', 'amount')).toThrow(/negative/);
    expect(() => parseQuantity('12.5', 'Clicks', 'count')).toThrow(/whole number/);
    expect(() => parseQuantity('lots', 'Clicks', 'count')).toThrow(/"lots" is not/);
  });

  it('finds utm_content in a tracking link and matches pages without query or trailing slash', () => {
    expect(utmContentOf('https://x.example/p?utm_source=a&utm_content=launch-a#top')).toBe('launch-a');
    expect(utmContentOf('https://x.example/p')).toBe('');
    expect(pageKey('https://WWW.Example.com/blog/post/?utm_source=x')).toBe(
      'https://www.example.com/blog/post',
    );
  });

  it('splits a window into two halves that cover it', () => {
    expect(splitWindow({ from: '2027-04-01', to: '2027-04-10' })).toEqual([
      { from: '2027-04-01', to: '2027-04-05' },
      { from: '2027-04-06', to: '2027-04-10' },
    ]);
  });
});
