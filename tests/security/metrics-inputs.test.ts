import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrescendoError, hasCode } from '../../actions/engine/errors.js';
import { readMetricsFiles } from '../../actions/engine/stages/measurement/metrics-file.js';
import { ScriptedLlm } from '../fakes/scripted-llm.js';
import { packageRoot } from '../helpers.js';

const HEADER = 'date,channel,utm_content,impressions,clicks,cost,conversions,revenue';
const CAMPAIGN = { start: '2027-04-01', end: '2027-06-30' };

function failure(files: { path: string; text: string }[]): CrescendoError {
  try {
    readMetricsFiles(files, CAMPAIGN);
  } catch (error) {
    if (error instanceof CrescendoError) return error;
    throw error;
  }
  throw new Error('expected a CrescendoError');
}

const lines = (error: CrescendoError) => error.problems.map((p) => `${p.where}:${p.line} ${p.message}`);

describe('performance exports that would make a wrong report are refused, located', () => {
  it('reads the shipped sample export', () => {
    const text = readFileSync(join(packageRoot, 'scripts/demo/metrics.sample.csv'), 'utf8');
    expect(readMetricsFiles([{ path: 'metrics.csv', text }], CAMPAIGN).length).toBeGreaterThan(100);
  });

  it('blank and non-numeric cells, clicks above impressions, days outside the campaign', () => {
    const error = failure([
      {
        path: 'campaigns/c/data/metrics.csv',
        text: [
          HEADER,
          '2027-04-02,google-ads,ad-a,100,10,,1,0',
          '2027-04-03,google-ads,ad-a,100,120,5.5,1,0',
          '2027-03-01,blog,post-a,100,1,0,0,0',
          '2027-04-04,blog,post-a,"1,200",1,0,0,0',
          '04/05/2027,blog,post-a,10,1,0,0,0',
        ].join('\n'),
      },
    ]);
    expect(lines(error)).toEqual([
      'campaigns/c/data/metrics.csv:2 cost is blank: write 0 when there were none (a blank is not read as 0)',
      'campaigns/c/data/metrics.csv:5 impressions is "1,200", not a number: write plain numbers such as 1234.5 (no separators, signs or currency)',
      'campaigns/c/data/metrics.csv:6 date is "04/05/2027", not a day written yyyy-mm-dd',
      'campaigns/c/data/metrics.csv:3 clicks (120) are more than impressions (100): every click follows an impression; check the two columns are not swapped',
      "campaigns/c/data/metrics.csv:4 2027-03-01 is outside the campaign (2027-04-01 – 2027-06-30): export only the campaign's days, or remove this row",
    ]);
    expect(error.fix).toMatch(/correct the rows listed/);
  });

  it('a row repeated within a file or across files', () => {
    const row = '2027-04-02,linkedin,post-a,100,10,0,1,0';
    const error = failure([
      { path: 'metrics.csv', text: `${HEADER}\n${row}\n${row}\n` },
      { path: 'metrics-may.csv', text: `${HEADER}\n${row}\n` },
    ]);
    expect(lines(error)).toEqual([
      'metrics.csv:3 repeats metrics.csv:2 (same date, channel and utm_content), so it would be counted twice: keep one row, or add them into one',
      'metrics-may.csv:2 repeats metrics.csv:2 (same date, channel and utm_content), so it would be counted twice: keep one row, or add them into one',
    ]);
  });

  it('a missing column, a broken quote and an empty file name the file, the line and what was expected', () => {
    expect(lines(failure([{ path: 'a.csv', text: 'date,channel,clicks\n2027-04-02,blog,1\n' }]))).toEqual([
      expect.stringMatching(/^a\.csv:1 has no column impressions, cost, conversions, revenue; expected date/),
    ]);
    expect(lines(failure([{ path: 'b.csv', text: `${HEADER}\n2027-04-02,blog,"x,1,1,0,0,0\n` }]))).toEqual([
      expect.stringMatching(/^b\.csv:2 cannot be read as CSV \(.*\); expected the columns date/),
    ]);
    expect(lines(failure([{ path: 'c.csv', text: '' }]))).toEqual([
      expect.stringMatching(/^c\.csv:1 is empty; expected a header: date/),
    ]);
  });

  it('a header with no rows waits for data', () => {
    const error = failure([{ path: 'campaigns/c/data/metrics.csv', text: `${HEADER}\n\n` }]);
    expect(hasCode(error, 'waiting')).toBe(true);
    expect(error.where).toBe('campaigns/c/data/metrics.csv');
  });
});

describe('a metrics file with no rows never calls the model', () => {
  // The whole example campaign (60 assets) runs up to distribution first: slow, so it gets two minutes.
  it('measurement waits before any model call, saying which file and what to add', {
    timeout: 120_000,
  }, async () => {
    const { demoUntilMeasurement } = await import('./measurement-setup.js');
    const { forge, id, runMeasurement } = await demoUntilMeasurement(`${HEADER}\n`);
    const llm = new ScriptedLlm(() => ({}));
    const error = await runMeasurement(llm).catch((e: unknown) => e);
    expect(hasCode(error, 'waiting')).toBe(true);
    expect((error as CrescendoError).where).toBe(`campaigns/${id}/data/metrics.csv`);
    expect(llm.requests).toHaveLength(0);
    expect(await forge.findPullRequest(`crescendo/${id}/measurement`)).toBeUndefined();
  });
});
