import { describe, expect, it } from 'vitest';
import {
  type Keyword,
  opportunityScore,
  rankKeywords,
  scoreParts,
} from '../../actions/engine/keywords/index.js';

const source = { file: 'hand.csv', format: 'semrush', line: 2 } as const;

/**
 * Hand-checked with score = 100 × D × (0.45·E + 0.25·I + 0.15·V + 0.15·S),
 * D = min(1, log10(1 + volume) / 5), V = min(1, log10(1 + cpc) / log10(21)).
 */
const set: Keyword[] = [
  // D = log10(100000)/5 = 1; E = 0.1; I = 0.5; V = 0; S = 0 → 100 × (0.045 + 0.125) = 17.0
  { keyword: 'crm', volume: 99_999, difficulty: 90, intents: ['informational'], sources: [source] },
  // D = 4/5 = 0.8; E = 0.8; I = 1; V = 1; S = 0 → 80 × (0.36 + 0.25 + 0.15) = 60.8
  {
    keyword: 'crm pricing',
    volume: 9_999,
    difficulty: 20,
    intents: ['transactional'],
    cpc: 20,
    sources: [source],
  },
  // D = 0.6 (impressions stand in); E = 0.5 (unknown); I = 0.5; V = 0; S = 1 → 60 × 0.5 = 30.0
  { keyword: 'crm onboarding', impressions: 999, position: 8, sources: [source] },
  // D = 0.6; E = 0.75 − 0.5/2 = 0.5; I = 0.8; V = 1; S = 0 → 60 × (0.225 + 0.2 + 0.15) = 34.5
  {
    keyword: 'crm tools',
    volume: 999,
    competition: 0.5,
    intents: ['commercial'],
    cpc: 20,
    sources: [source],
  },
  // D = 0.4; E = 1; I = 1; V = 1; S = 0 (position 3 is already won) → 40 × 0.85 = 34.0
  {
    keyword: 'buy crm license',
    volume: 99,
    difficulty: 0,
    intents: ['transactional'],
    cpc: 20,
    position: 3,
    sources: [source],
  },
  // D = 0 → 0, however easy and valuable.
  {
    keyword: 'crm for cats',
    volume: 0,
    difficulty: 0,
    intents: ['transactional'],
    cpc: 50,
    sources: [source],
  },
];

describe('opportunity score', () => {
  it('matches the hand-checked figures', () => {
    expect(set.map((k) => [k.keyword, opportunityScore(k)])).toEqual([
      ['crm', 17],
      ['crm pricing', 60.8],
      ['crm onboarding', 30],
      ['crm tools', 34.5],
      ['buy crm license', 34],
      ['crm for cats', 0],
    ]);
  });

  it('ranks in the expected order', () => {
    expect(rankKeywords(set).map((k) => k.keyword)).toEqual([
      'crm pricing',
      'crm tools',
      'buy crm license',
      'crm onboarding',
      'crm',
      'crm for cats',
    ]);
  });

  it('gives the striking-distance bonus for positions 4 to 20 only', () => {
    const at = (position: number) => scoreParts({ ...set[2]!, position }).striking;
    expect([at(3.9), at(4), at(20), at(20.1)]).toEqual([0, 1, 1, 0]);
  });

  it('weighs transactional over commercial over informational over navigational', () => {
    const base: Keyword = { keyword: 'x', volume: 1000, sources: [source] };
    const scores = (['transactional', 'commercial', 'informational', 'navigational'] as const).map((i) =>
      opportunityScore({ ...base, intents: [i] }),
    );
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
  });

  it('breaks ties by volume, then alphabetically', () => {
    const tie: Keyword[] = [
      { keyword: 'b', volume: 0, sources: [source] },
      { keyword: 'a', volume: 0, sources: [source] },
    ];
    expect(rankKeywords(tie).map((k) => k.keyword)).toEqual(['a', 'b']);
  });
});
