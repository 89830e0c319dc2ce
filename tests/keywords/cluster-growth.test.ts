import { describe, expect, it } from 'vitest';
import {
  CLUSTER_SIMILARITY,
  type ClusterWork,
  clusterKeywords,
  type Keyword,
  noWork,
  type RankedKeyword,
  rankKeywords,
  type Topic,
  topicSimilarity,
  topicStems,
} from '../../actions/engine/keywords/index.js';
import { generatedKeywords, random } from './generated-export.js';

const source = { file: 'generated.csv', format: 'semrush', line: 2 } as const;
const ranked = (rows: { keyword: string; volume: number }[]): RankedKeyword[] =>
  rankKeywords(rows.map((r): Keyword => ({ ...r, sources: [source] })));

/**
 * The definition, compared the slow way: each keyword with every leader so far. The index in
 * clusterKeywords must pick exactly the same leader (most similar, earliest on ties).
 */
function leadersByDefinition(keywords: readonly RankedKeyword[]): string[][] {
  const stems = keywords.map((k) => topicStems(k.keyword));
  const counts = new Map<string, number>();
  for (const s of stems) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
  const seeds = new Set(
    stems.length < 6 ? [] : [...counts].filter(([, n]) => n / stems.length >= 0.5).map(([t]) => t),
  );
  const topics: Topic[] = stems.map((s) => {
    const specific = s.filter((t) => !seeds.has(t));
    return { all: new Set(s), specific: new Set(specific.length > 0 ? specific : s) };
  });
  const order = keywords
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (keywords[b]!.volume ?? 0) - (keywords[a]!.volume ?? 0) ||
        keywords[b]!.score - keywords[a]!.score ||
        (keywords[a]!.keyword < keywords[b]!.keyword ? -1 : 1),
    );
  const groups: number[][] = [];
  for (const i of order) {
    let best: { group: number[]; similarity: number } | undefined;
    for (const group of groups) {
      const similarity = topicSimilarity(topics[group[0]!]!, topics[i]!);
      if (similarity >= CLUSTER_SIMILARITY && (!best || similarity > best.similarity))
        best = { group, similarity };
    }
    if (best) best.group.push(i);
    else groups.push([i]);
  }
  return groups
    .map((g) => g.map((i) => keywords[i]!.keyword).sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

const asGroups = (keywords: readonly RankedKeyword[]) =>
  clusterKeywords(keywords)
    .map((c) => [...c.keywords].sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

/** Keywords from a tiny vocabulary, up to 12 words: many overlaps, ties and wide topics. */
function denseKeywords(count: number, seed: number): { keyword: string; volume: number }[] {
  const words = 'crm sales lead email tool app cloud free best pipeline deal team form chat bot api'.split(
    ' ',
  );
  const rng = random(seed);
  const seen = new Set<string>();
  const out: { keyword: string; volume: number }[] = [];
  while (out.length < count) {
    const length = 1 + Math.floor(rng() * rng() * 12);
    const keyword = Array.from({ length }, () => words[Math.floor(rng() * words.length)]).join(' ');
    if (seen.has(keyword)) continue;
    seen.add(keyword);
    out.push({ keyword, volume: Math.floor(rng() * 20) * 100 });
  }
  return out;
}

describe('clusterKeywords at scale', () => {
  it('forms exactly the clusters of the definition (every keyword against every leader)', () => {
    for (const seed of [1]) {
      const keywords = ranked(generatedKeywords(1200, seed));
      expect(asGroups(keywords)).toEqual(leadersByDefinition(keywords));
    }
  });

  it('agrees with the definition on dense, tied and very long keywords', () => {
    for (const seed of [4, 5]) {
      const keywords = ranked(denseKeywords(800, seed));
      expect(keywords.some((k) => topicStems(k.keyword).length > 8)).toBe(true);
      expect(asGroups(keywords)).toEqual(leadersByDefinition(keywords));
    }
  });

  it('does work that grows linearly with the number of keywords', () => {
    const workFor = (count: number): number => {
      const work: ClusterWork = noWork();
      clusterKeywords(ranked(generatedKeywords(count)), { work });
      return work.probes + work.comparisons + work.keys;
    };
    const [small, double] = [workFor(10_000), workFor(20_000)];
    expect(double / small).toBeLessThanOrEqual(2.2);
    // A few steps per keyword, set by its own stems: comparing with every leader so far, as
    // the definition does, would take thousands.
    expect(double / 20_000).toBeLessThan(10);
  });
});
