import { describe, expect, it } from 'vitest';
import { importKeywordExport } from '../../actions/engine/keywords/index.js';
import { fixture } from './fixtures.js';

function load(name: string) {
  const file = fixture(name);
  return importKeywordExport(file.path, file.bytes);
}

describe('Ahrefs import', () => {
  it('reads the Keywords Explorer UTF-16 (tab) export', () => {
    const result = load('ahrefs-keywords-explorer-utf16.csv');
    expect(result.format).toBe('ahrefs');
    expect(result.encoding).toBe('utf-16le');
    expect(result.observations).toHaveLength(6);
    expect(result.observations[0]).toEqual({
      keyword: 'crm software',
      // "Global volume" (96000) is all countries and must not be taken as the volume.
      volume: 24000,
      difficulty: 89,
      cpc: 18,
      currency: 'USD',
      intents: ['commercial'],
      trafficPotential: 38000,
      parentKeyword: 'crm',
      source: { file: 'ahrefs-keywords-explorer-utf16.csv', format: 'ahrefs', line: 2 },
    });
    const login = result.observations.find((o) => o.keyword === 'hubspot crm login');
    expect(login).toMatchObject({ intents: ['navigational'], parentKeyword: 'hubspot login' });
    expect(login).not.toHaveProperty('cpc');
  });

  it('reads the Site Explorer UTF-8 export with a KD column and true/false intent columns', () => {
    const result = load('ahrefs-organic-keywords.csv');
    expect(result.format).toBe('ahrefs');
    expect(result.observations.map((o) => [o.keyword, o.volume, o.difficulty, o.intents])).toEqual([
      ['crm onboarding checklist', 450, 8, ['informational']],
      ['crm data migration', 700, 22, ['commercial', 'informational']],
      ['buy crm license', 90, 5, ['transactional']],
    ]);
  });
});
