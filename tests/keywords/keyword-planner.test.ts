import { describe, expect, it } from 'vitest';
import { importKeywordExport } from '../../actions/engine/keywords/index.js';
import { fixture, utf16File } from './fixtures.js';

function load(name: string) {
  const file = fixture(name);
  return importKeywordExport(file.path, file.bytes);
}

describe('Google Keyword Planner import', () => {
  it('reads the UTF-16 Keyword Stats export with title lines and volume ranges', () => {
    const result = load('keyword-planner-ranges.csv');
    expect(result.format).toBe('keyword-planner');
    expect(result.encoding).toBe('utf-16le');
    expect(result.warnings).toEqual([]);
    expect(result.observations).toHaveLength(8);
    const [crmSoftware] = result.observations;
    expect(crmSoftware).toEqual({
      keyword: 'crm software',
      volume: 31623,
      volumeRange: { low: 10000, high: 100000 },
      competition: 0.81,
      cpc: 33.45,
      currency: 'USD',
      // Title on line 1, date range on line 2, header on line 3.
      source: { file: 'keyword-planner-ranges.csv', format: 'keyword-planner', line: 4 },
    });
  });

  it('leaves out figures the export left empty instead of reading them as zero', () => {
    const { observations } = load('keyword-planner-ranges.csv');
    const template = observations.find((o) => o.keyword === 'sales pipeline template');
    expect(template).toMatchObject({ volume: 3162, competition: 0.12 });
    expect(template).not.toHaveProperty('cpc');
    expect(template).not.toHaveProperty('currency');
    const demo = observations.find((o) => o.keyword === 'crm demo video');
    expect(demo).toEqual({
      keyword: 'crm demo video',
      volume: 3,
      volumeRange: { low: 0, high: 10 },
      source: { file: 'keyword-planner-ranges.csv', format: 'keyword-planner', line: 11 },
    });
  });

  it('reads exact volumes with thousands separators and the competition index', () => {
    const { observations } = load('keyword-planner-exact.csv');
    expect(observations.map((o) => [o.keyword, o.volume, o.competition])).toEqual([
      ['marketing automation', 12100, 0.67],
      ['marketing automation software', 2900, 0.91],
      ['email marketing automation', 1600, 0.55],
      ['what is marketing automation', 880, 0.09],
      ['crm software', 33100, 0.83],
    ]);
    expect(observations.every((o) => o.volumeRange === undefined)).toBe(true);
  });

  it('falls back to the competition word when there is no index', () => {
    const file = utf16File(
      'kp.csv',
      'Keyword Stats 2026-01-05 at 09_00_00\r\n"December 1, 2024 - November 30, 2025"\r\n' +
        'Keyword\tCurrency\tAvg. monthly searches\tCompetition\r\nlead scoring\tEUR\t1K – 10K\tMedium\r\n',
    );
    expect(importKeywordExport(file.path, file.bytes).observations[0]).toMatchObject({
      keyword: 'lead scoring',
      volume: 3162,
      competition: 0.5,
    });
  });

  it('warns when every volume looks like a bucket written as one round number', () => {
    const rows = ['a\t50', 'b\t500', 'c\t5000', 'd\t50', 'e\t0'].join('\n');
    const file = utf16File(
      'buckets.csv',
      `Keyword Stats\nJan 1, 2025 - Dec 31, 2025\nKeyword\tAvg. monthly searches\n${rows}\n`,
    );
    const { warnings } = importKeywordExport(file.path, file.bytes);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^buckets\.csv: every volume is 0, 50, 500/);
  });
});
