import { describe, expect, it } from 'vitest';
import { CrescendoError, formatError } from '../../actions/engine/errors.js';
import { importKeywordExport } from '../../actions/engine/keywords/index.js';
import { fixture, utf8File } from './fixtures.js';

describe('Google Search Console import', () => {
  it('reads the Queries export with percent CTR and average position', () => {
    const file = fixture('search-console-queries.csv');
    const result = importKeywordExport(file.path, file.bytes);
    expect(result.format).toBe('search-console');
    expect(result.observations[0]).toEqual({
      keyword: 'crm for small business',
      clicks: 41,
      impressions: 1282,
      ctr: 0.032,
      position: 8.4,
      source: { file: 'search-console-queries.csv', format: 'search-console', line: 2 },
    });
    const quoted = result.observations.find((o) => o.keyword === 'crm, erp integration');
    expect(quoted).toMatchObject({ ctr: 0.0183, position: 11 });
    expect(result.warnings).toEqual([]);
  });

  it('warns that a 1,000-row export is probably cut off', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `query ${i},1,10,10%,5`).join('\n');
    const file = utf8File('Queries.csv', `Top queries,Clicks,Impressions,CTR,Position\n${rows}\n`);
    expect(importKeywordExport(file.path, file.bytes).warnings[0]).toMatch(/probably cut off/);
  });

  it('points to Queries.csv when given the Pages export', () => {
    const file = utf8File(
      'Pages.csv',
      'Top pages,Clicks,Impressions,CTR,Position\nhttps://example.com/,3,40,7.5%,2.1\n',
    );
    let error: unknown;
    try {
      importKeywordExport(file.path, file.bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrescendoError);
    expect(formatError(error)).toMatch(/Pages export; keywords are in the Queries export/);
    expect((error as CrescendoError).fix).toBe('use Queries.csv from the same Search Console download');
  });
});
