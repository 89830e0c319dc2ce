import type { ClusterWork } from './stem-trie.js';
import { CLUSTER_SIMILARITY, type Topic, topicSimilarity } from './topic.js';

/** A keyword's topic stems as sorted numbers (see `Topic` and `clusterKeywords`). */
export interface Stems {
  all: readonly number[];
  /** Without the seed terms; `all` itself when every stem is a seed term. */
  specific: readonly number[];
  /** Every stem is a seed term (so `specific` is `all`). */
  seedsOnly: boolean;
  /** The same as sets, made when first compared directly. */
  topic?: Topic<number>;
}

export interface Match {
  group: number;
  similarity: number;
}

/**
 * Above this many stems a topic is "wide": indexing all its subsets would cost 2^stems, so it
 * is compared directly instead. Keyword Planner caps keywords at 10 words, and after stopwords
 * and modifiers are dropped nearly every keyword has 5 stems or fewer.
 */
export const WIDE_TOPIC = 8;

export const isWide = (t: Stems) => t.specific.length > WIDE_TOPIC || t.all.length > WIDE_TOPIC;

/**
 * The direct comparisons for wide topics: a narrow keyword against the wide leaders, a wide
 * keyword against the leaders that share one of its rarest stems (Jaccard ≥ ½ needs one of
 * its rarest ⌊k/2⌋+1) or whose rarest stem it holds (containment). The stem lists those
 * look-ups need are built on the first wide keyword, so exports without one never pay for them.
 */
export class WideLeaders {
  private readonly leaders: Stems[] = [];
  readonly wide: number[] = [];
  private postings:
    | { bySpecificStem: Map<number, number[]>; byRarestStem: Map<number, number[]> }
    | undefined;

  constructor(
    /** Stems ordered rarest first (any fixed order is correct; rarest first is fastest). */
    private readonly rarer: (a: number, b: number) => number,
    private readonly work: ClusterWork,
  ) {}

  add(group: number, leader: Stems): void {
    this.leaders[group] = leader;
    if (isWide(leader)) this.wide.push(group);
    if (this.postings) this.post(group, leader);
  }

  /** The best match among the wide leaders (narrow keyword) or among all candidates (wide keyword). */
  best(keyword: Stems): Match | undefined {
    return this.compareAll(isWide(keyword) ? this.candidates(keyword) : this.wide, keyword);
  }

  private candidates(keyword: Stems): number[] {
    if (!this.postings) {
      this.postings = { bySpecificStem: new Map(), byRarestStem: new Map() };
      this.leaders.forEach((leader, group) => {
        this.post(group, leader);
      });
    }
    const { bySpecificStem, byRarestStem } = this.postings;
    const specific = [...keyword.specific].sort(this.rarer);
    const needed = specific.findIndex((_, i) => (i + 1) / specific.length >= CLUSTER_SIMILARITY) + 1;
    const candidates = new Set<number>();
    for (const stem of specific.slice(0, specific.length - needed + 1))
      for (const g of bySpecificStem.get(stem) ?? []) candidates.add(g);
    for (const stem of keyword.all) for (const g of byRarestStem.get(stem) ?? []) candidates.add(g);
    return [...candidates];
  }

  private post(group: number, leader: Stems): void {
    const { bySpecificStem, byRarestStem } = this.postings!;
    for (const stem of leader.specific) push(bySpecificStem, stem, group);
    if (leader.all.length >= 2)
      push(
        byRarestStem,
        leader.all.reduce((a, b) => (this.rarer(a, b) <= 0 ? a : b)),
        group,
      );
  }

  private compareAll(groups: readonly number[], keyword: Stems): Match | undefined {
    let best: Match | undefined;
    for (const group of groups) {
      this.work.comparisons++;
      const similarity = topicSimilarity(asTopic(this.leaders[group]!), asTopic(keyword));
      if (similarity >= CLUSTER_SIMILARITY) best = better(best, { group, similarity });
    }
    return best;
  }
}

/** The better match: higher similarity, then the earlier cluster. */
export function better(a: Match | undefined, b: Match | undefined): Match | undefined {
  if (!a || !b) return a ?? b;
  if (a.similarity !== b.similarity) return a.similarity > b.similarity ? a : b;
  return a.group <= b.group ? a : b;
}

function asTopic(stems: Stems): Topic<number> {
  stems.topic ??= { all: new Set(stems.all), specific: new Set(stems.specific) };
  return stems.topic;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
