import { describe, expect, it } from 'vitest';
import { CrescendoError, formatError } from '../../actions/engine/errors.js';
import { importKeywordExport, keywordsReport } from '../../actions/engine/keywords/index.js';
import { fixture, utf8File } from './fixtures.js';

function failure(run: () => unknown): CrescendoError {
  try {
    run();
  } catch (error) {
    if (error instanceof CrescendoError) return error;
    throw error;
  }
  throw new Error('expected a CrescendoError');
}

describe('import errors', () => {
  it('lists every malformed row with file, line, column and what was expected', () => {
    const file = fixture('semrush-malformed.csv');
    const error = failure(() => importKeywordExport(file.path, file.bytes));
    expect(error.message).toBe(
      '2 rows could not be read as a Semrush (Keyword Magic Tool / Keyword Overview export)',
    );
    expect(error.where).toBe('semrush-malformed.csv');
    expect(error.problems).toEqual([
      {
        where: 'semrush-malformed.csv',
        line: 3,
        message:
          'Volume: "lots" is not a monthly search volume such as 1200, "12,100" or a range such as "1K – 10K"',
      },
      {
        where: 'semrush-malformed.csv',
        line: 5,
        message: 'Keyword Difficulty: "120" is not keyword difficulty from 0 to 100',
      },
    ]);
    expect(error.fix).toMatch(/correct those cells/);
    expect(formatError(error)).toContain('semrush-malformed.csv:3: Volume: "lots"');
  });

  it('names the supported formats when the header is not recognised', () => {
    const file = fixture('moz-keyword-list.csv');
    const error = failure(() => importKeywordExport(file.path, file.bytes));
    expect(error.message).toBe('no known keyword export header in the first lines (read as utf-8)');
    const text = formatError(error);
    expect(text).toContain('moz-keyword-list.csv:1: reads: Keyword,Monthly Volume,Difficulty');
    for (const tool of ['Google Keyword Planner', 'Semrush', 'Ahrefs', 'Google Search Console']) {
      expect(text).toContain(`expected for ${tool}`);
    }
    expect(text).toContain('Keyword, Avg. monthly searches');
  });

  it('reports a quote that is never closed at its line', () => {
    const file = utf8File(
      'broken.csv',
      'Top queries,Clicks,Impressions,CTR,Position\ncrm,1,10,10%,3\n"crm tools,1,10,10%,3\n',
    );
    const error = failure(() => importKeywordExport(file.path, file.bytes));
    expect(error.problems[0]).toMatchObject({ where: 'broken.csv', line: 3 });
    expect(error.problems[0]?.message).toMatch(/cannot be split into cells/);
  });

  it('rejects a recognised export without keyword rows', () => {
    const file = utf8File('empty.csv', 'Top queries,Clicks,Impressions,CTR,Position\n\n');
    const error = failure(() => importKeywordExport(file.path, file.bytes));
    expect(error.where).toBe('empty.csv:1');
    expect(error.message).toMatch(/no keyword rows/);
  });

  it('rejects an empty file list and an empty file', () => {
    expect(failure(() => keywordsReport([])).message).toBe('no keyword files given');
    expect(failure(() => keywordsReport([utf8File('blank.csv', '')])).message).toMatch(
      /no known keyword export/,
    );
  });

  it('reports every unreadable file at once, file by file', () => {
    const error = failure(() =>
      keywordsReport([
        fixture('semrush-crm.csv'),
        fixture('semrush-malformed.csv'),
        fixture('moz-keyword-list.csv'),
      ]),
    );
    expect(error.message).toBe('2 of 3 keyword files could not be read');
    expect(
      error.problems.map((p) => `${p.where}${p.line === undefined ? '' : `:${p.line}`}`).slice(0, 4),
    ).toEqual([
      'semrush-malformed.csv',
      'semrush-malformed.csv:3',
      'semrush-malformed.csv:5',
      'moz-keyword-list.csv',
    ]);
  });
});
