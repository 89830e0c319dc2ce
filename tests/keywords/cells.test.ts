import { describe, expect, it } from 'vitest';
import {
  CellError,
  cellText,
  parseCompetition,
  parseCount,
  parseMoney,
  parseNumber,
  parsePosition,
  parseRate,
  parseScore100,
  parseVolume,
  rangeEstimate,
} from '../../actions/engine/keywords/index.js';

describe('cell parsing', () => {
  it('reads "no data" markers as unknown, never as zero', () => {
    for (const blank of ['', ' ', '—', '–', '-', 'n/a', 'N/A', undefined]) {
      expect(cellText(blank)).toBeUndefined();
      expect(parseNumber(blank)).toBeUndefined();
      expect(parseVolume(blank)).toBeUndefined();
    }
  });

  it('reads thousands separators, decimal commas, suffixes and currency signs', () => {
    expect(parseNumber('12,100')).toBe(12100);
    expect(parseNumber('1,234,567')).toBe(1234567);
    expect(parseNumber('12 100')).toBe(12100);
    expect(parseNumber('12\u00a0100')).toBe(12100);
    expect(parseNumber('0,52')).toBe(0.52);
    expect(parseNumber('1.234,50')).toBe(1234.5);
    expect(parseNumber('1.2K')).toBe(1200);
    expect(parseNumber('3M')).toBe(3_000_000);
    expect(parseNumber('$1.20')).toBe(1.2);
    expect(parseNumber('+15')).toBe(15);
    expect(parseMoney('€0,85')).toBe(0.85);
    expect(parseCount('2400.0')).toBe(2400);
  });

  it('rejects what is not a number, saying what was expected', () => {
    expect(() => parseNumber('lots')).toThrow(CellError);
    expect(() => parseNumber('lots')).toThrow('"lots" is not a number');
    expect(() => parseCount('-5')).toThrow('negative');
    expect(() => parseMoney('-1.00')).toThrow('negative');
  });

  it('reads volume ranges with an en dash, hyphen or em dash as their geometric mean', () => {
    expect(parseVolume('1K – 10K')).toEqual({ volume: 3162, range: { low: 1000, high: 10000 } });
    expect(parseVolume('10K-100K')).toEqual({ volume: 31623, range: { low: 10000, high: 100000 } });
    expect(parseVolume('100 — 1K')).toEqual({ volume: 316, range: { low: 100, high: 1000 } });
    // A low bound of 0 is read as 1, or every "0 – 10" keyword would have no demand at all.
    expect(parseVolume('0 – 10')).toEqual({ volume: 3, range: { low: 0, high: 10 } });
    expect(rangeEstimate(1000, 10000)).toBe(3162);
    expect(parseVolume('12,100')).toEqual({ volume: 12100 });
    expect(() => parseVolume('10K – 1K')).toThrow('range');
    expect(() => parseVolume('many')).toThrow('monthly search volume');
  });

  it('reads percentages as fractions', () => {
    expect(parseRate('3.2%')).toBe(0.032);
    expect(parseRate('45.61%')).toBe(0.4561);
    expect(parseRate('0%')).toBe(0);
    expect(parseRate('3,2 %')).toBe(0.032);
    expect(parseRate('0.05')).toBe(0.05);
    expect(parseRate('12')).toBe(0.12);
    expect(() => parseRate('140%')).toThrow('between 0 and 100');
  });

  it('reads competition as words, a 0–100 index or a 0–1 density', () => {
    expect(parseCompetition('Low')).toBe(0.17);
    expect(parseCompetition('MEDIUM')).toBe(0.5);
    expect(parseCompetition('High')).toBe(0.83);
    expect(parseCompetition('Élevée')).toBe(0.83);
    expect(parseCompetition('74')).toBe(0.74);
    expect(parseCompetition('0.63')).toBe(0.63);
    expect(parseCompetition('—')).toBeUndefined();
    expect(() => parseCompetition('Fierce')).toThrow('Low, Medium, High');
  });

  it('checks difficulty and position ranges', () => {
    expect(parseScore100('85.18')).toBe(85.18);
    expect(parseScore100('67%')).toBe(67);
    expect(() => parseScore100('120')).toThrow('from 0 to 100');
    expect(parsePosition('4.3')).toBe(4.3);
    expect(() => parsePosition('0')).toThrow('position of 1 or more');
  });
});
