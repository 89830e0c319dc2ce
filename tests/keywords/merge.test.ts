import { describe, expect, it } from 'vitest';
import { importKeywordExport, keywordKey, mergeObservations } from '../../actions/engine/keywords/index.js';
import { fixture } from './fixtures.js';

function observationsOf(...names: string[]) {
  return names.flatMap((name) => {
    const file = fixture(name);
    return importKeywordExport(file.path, file.bytes).observations;
  });
}

describe('merging keywords across files', () => {
  it('treats case, whitespace and curly quotes as the same keyword', () => {
    expect(keywordKey('  Best   CRM Software ')).toBe('best crm software');
    expect(keywordKey('what’s a crm')).toBe(keywordKey("What's a CRM"));
  });

  it('joins Semrush and Ahrefs rows for one keyword, keeping the best-sourced figures', () => {
    const merged = mergeObservations(observationsOf('ahrefs-keywords-explorer-utf16.csv', 'semrush-crm.csv'));
    const best = merged.filter((k) => keywordKey(k.keyword) === 'best crm software');
    expect(best).toHaveLength(1);
    expect(best[0]).toEqual({
      // First seen wins the display form: Ahrefs was given first.
      keyword: 'best crm software',
      // Semrush outranks Ahrefs in SOURCE_PRIORITY, whatever the file order.
      volume: 8100,
      volumeSource: 'semrush',
      difficulty: 78,
      difficultySource: 'semrush',
      competition: 0.71,
      cpc: 18.95,
      currency: 'USD',
      intents: ['commercial'],
      trafficPotential: 38000,
      parentKeyword: 'crm software',
      sources: [
        { file: 'ahrefs-keywords-explorer-utf16.csv', format: 'ahrefs', line: 3 },
        { file: 'semrush-crm.csv', format: 'semrush', line: 3 },
      ],
    });
  });

  it('prefers an exact volume to a range and adds Search Console figures', () => {
    const merged = mergeObservations(
      observationsOf('keyword-planner-ranges.csv', 'keyword-planner-exact.csv', 'search-console-queries.csv'),
    );
    const crm = merged.find((k) => k.keyword === 'crm software');
    expect(crm).toMatchObject({
      volume: 33100,
      volumeSource: 'keyword-planner',
      clicks: 12,
      impressions: 9830,
      ctr: 0.0012,
      position: 23.6,
    });
    expect(crm).not.toHaveProperty('volumeRange');
    expect(crm?.sources.map((s) => s.file)).toEqual([
      'keyword-planner-ranges.csv',
      'keyword-planner-exact.csv',
      'search-console-queries.csv',
    ]);
  });

  it('unites intents from tools and guesses them only when no tool gave any', () => {
    const merged = mergeObservations(observationsOf('semrush-crm.csv', 'keyword-planner-ranges.csv'));
    expect(merged.find((k) => k.keyword === 'crm for small business')).toMatchObject({
      intents: ['transactional', 'commercial'],
    });
    expect(merged.find((k) => k.keyword === 'crm for small business')).not.toHaveProperty('intentInferred');
    expect(merged.find((k) => k.keyword === 'what is crm')).toMatchObject({
      intents: ['informational'],
      intentInferred: true,
    });
  });
});
