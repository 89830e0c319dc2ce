import { describe, expect, it } from 'vitest';
import { importKeywordExport } from '../../actions/engine/keywords/index.js';
import { fixture, utf8File } from './fixtures.js';

describe('Semrush import', () => {
  it('reads the Keyword Magic Tool export (UTF-8 BOM, quoted multi-value cells)', () => {
    const file = fixture('semrush-crm.csv');
    const result = importKeywordExport(file.path, file.bytes);
    expect(result.format).toBe('semrush');
    expect(result.encoding).toBe('utf-8');
    expect(result.observations).toHaveLength(6);
    expect(result.observations[0]).toEqual({
      keyword: 'crm software',
      volume: 27100,
      difficulty: 92,
      competition: 0.63,
      cpc: 15.72,
      currency: 'USD',
      intents: ['commercial', 'informational'],
      source: { file: 'semrush-crm.csv', format: 'semrush', line: 2 },
    });
    const smallBusiness = result.observations.find((o) => o.keyword === 'crm for small business');
    expect(smallBusiness?.intents).toEqual(['transactional', 'commercial']);
    // Long-tail rows often have no KD: unknown, not 0.
    const checklist = result.observations.find((o) => o.keyword === 'crm implementation checklist');
    expect(checklist).not.toHaveProperty('difficulty');
  });

  it('takes the currency from the CPC header and reads a column subset', () => {
    const file = utf8File(
      'semrush-uk.csv',
      'Keyword,Volume,Keyword Difficulty,CPC (GBP)\ncrm systems uk,"1,300",58,"4,10"\n',
    );
    expect(importKeywordExport(file.path, file.bytes).observations[0]).toMatchObject({
      keyword: 'crm systems uk',
      volume: 1300,
      difficulty: 58,
      cpc: 4.1,
      currency: 'GBP',
    });
  });

  it('reads API-style semicolon exports with intent codes', () => {
    const file = utf8File(
      'semrush-api.csv',
      'Keyword;Search Volume;Keyword Difficulty Index;Intent\napplicant tracking system;8100;68;1,0\n',
    );
    expect(importKeywordExport(file.path, file.bytes).observations[0]).toMatchObject({
      volume: 8100,
      difficulty: 68,
      intents: ['commercial', 'informational'],
    });
  });
});
