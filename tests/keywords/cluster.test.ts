import { describe, expect, it } from 'vitest';
import {
  clusterKeywords,
  type Keyword,
  rankKeywords,
  stem,
  topicSimilarity,
  topicStems,
} from '../../actions/engine/keywords/index.js';

const source = { file: 'hand.csv', format: 'ahrefs', line: 2 } as const;
const kw = (keyword: string, volume: number): Keyword => ({ keyword, volume, sources: [source] });

describe('topic stems', () => {
  it('drops stopwords, modifiers and years, and folds plurals', () => {
    expect(topicStems('Best CRM tools for small businesses 2026')).toEqual([
      'crm',
      'tool',
      'small',
      'business',
    ]);
    expect(topicStems('what is a crm')).toEqual(['crm']);
    expect(topicStems('best free')).toEqual(['best', 'free']);
    expect([stem('companies'), stem('boxes'), stem('analysis'), stem('marketing')]).toEqual([
      'company',
      'box',
      'analysis',
      'marketing',
    ]);
  });

  it('measures similarity as Jaccard of specific stems, or full containment of a multi-word leader', () => {
    const topic = (all: string[], specific = all) => ({ all: new Set(all), specific: new Set(specific) });
    expect(
      topicSimilarity(topic(['crm', 'software'], ['software']), topic(['crm', 'software', 'small'])),
    ).toBe(1);
    expect(topicSimilarity(topic(['crm']), topic(['crm', 'software', 'small']))).toBeCloseTo(1 / 3);
    expect(topicSimilarity(topic(['sales', 'pipeline']), topic(['sales', 'funnel']))).toBeCloseTo(1 / 3);
  });
});

describe('clusterKeywords', () => {
  const keywords = rankKeywords([
    kw('crm', 301_000),
    kw('crm software', 33_100),
    kw('best crm software', 8_100),
    kw('crm software for small business', 1_300),
    kw('what is crm', 27_100),
    kw('crm meaning', 1_900),
    kw('email marketing', 40_500),
    kw('email marketing software for ecommerce', 590),
    kw('sales pipeline', 5_400),
    kw('sales pipeline stages', 2_900),
  ]);

  it('groups shared head terms and names each cluster after its highest-volume keyword', () => {
    const clusters = clusterKeywords(keywords);
    const byName = Object.fromEntries(clusters.map((c) => [c.name, [...c.keywords].sort()]));
    expect(byName).toEqual({
      crm: ['crm', 'crm meaning', 'what is crm'],
      'crm software': ['best crm software', 'crm software', 'crm software for small business'],
      'email marketing': ['email marketing', 'email marketing software for ecommerce'],
      'sales pipeline': ['sales pipeline', 'sales pipeline stages'],
    });
    const crm = clusters.find((c) => c.name === 'crm');
    expect(crm?.totalVolume).toBe(301_000 + 27_100 + 1_900);
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = [...keywords].reverse();
    expect(clusterKeywords(shuffled)).toEqual(clusterKeywords(keywords));
  });

  it('orders clusters by their best member score', () => {
    const scores = clusterKeywords(keywords).map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});
