import { type ClusterWork, noWork, StemTrie, type Visitor } from './stem-trie.js';
import { CLUSTER_SIMILARITY } from './topic.js';
import { better, isWide, type Match, type Stems, WideLeaders } from './wide-leaders.js';

export { type ClusterWork, noWork } from './stem-trie.js';
export { type Match, type Stems, WIDE_TOPIC } from './wide-leaders.js';

/** What the index keeps under one set T of specific stems. */
interface Entry {
  /** Leader size m → the earliest leader of m specific stems that holds T. */
  bySize: number[];
  /** Leaders whose specific stems are exactly T (two or more stems in all): their seed terms, the earliest of each. */
  whole: { seeds: readonly number[]; group: number }[] | undefined;
}

/**
 * Finds, for a keyword, the cluster leader `clusterKeywords` would pick — the most similar at
 * or above CLUSTER_SIMILARITY, the earliest on ties — without comparing it with every leader.
 *
 * Jaccard |L∩K| / |L∪K| ≥ ½ needs L and K to share s ≥ |L|/2 stems. So each narrow leader L
 * of m specific stems is stored under every subset of them with s/m ≥ ½, by its size m. A
 * keyword of k stems looks up every stored subset T of its own specific stems: a hit (T, m)
 * scores s/(m+k−s), s = |T|. The best score over the hits is the best similarity: a leader
 * sharing exactly T is hit under T itself, and a hit never scores above its leader's real
 * similarity. Each (T, m) keeps only its earliest leader, which is enough for the earliest of
 * the best: an earlier leader under the same key is at least as similar.
 *
 * Similarity 1 also comes from containment: every stem of a leader of two or more is in the
 * keyword. Such a leader's specific stems are then a subset of the keyword's, so it is found
 * in the same walk, where its seed terms are checked; a leader made only of seed terms (at
 * most a few distinct ones) is checked against every keyword.
 *
 * Work per keyword depends on its own stems, not on how many leaders exist. Wide topics (more
 * than WIDE_TOPIC stems, rare) are compared directly (`WideLeaders`).
 */
export class LeaderIndex {
  private readonly bySubset: StemTrie<Entry>;
  /** Leaders of two or more stems, all seed terms: the earliest per stem set. */
  private readonly seedOnly: { all: readonly number[]; group: number }[] = [];
  private readonly wide: WideLeaders;
  private readonly search = new BestLeader();
  private readonly store = new StoreLeader();

  constructor(
    /** Stems ordered rarest first (any fixed order is correct; rarest first is fastest). */
    rarer: (a: number, b: number) => number,
    work: ClusterWork = noWork(),
  ) {
    this.bySubset = new StemTrie(work);
    this.wide = new WideLeaders(rarer, work);
  }

  /** Adds the leader of cluster `group` (groups are numbered in creation order). */
  add(group: number, leader: Stems): void {
    this.wide.add(group, leader);
    if (isWide(leader)) return;
    const { all, specific } = leader;
    const m = specific.length;
    let min = 1;
    while (min / m < CLUSTER_SIMILARITY) min++;
    const seeds = all.length >= 2 && !leader.seedsOnly ? all.filter((t) => !specific.includes(t)) : undefined;
    this.store.start(group, m, seeds);
    this.bySubset.addSubsets(specific, min, newEntry, this.store);
    if (leader.seedsOnly && all.length >= 2 && !this.seedOnly.some((l) => sameStems(l.all, all)))
      this.seedOnly.push({ all, group });
  }

  /** The leader this keyword joins, or undefined when it starts a cluster of its own. */
  best(keyword: Stems): Match | undefined {
    if (isWide(keyword)) return this.wide.best(keyword);
    const search = this.search;
    search.start(keyword);
    for (const leader of this.seedOnly)
      if (containsAll(keyword.all, leader.all)) search.consider(leader.group, 1);
    this.bySubset.subsetsOf(keyword.specific, search);
    const indexed = search.found();
    return this.wide.wide.length === 0 ? indexed : better(indexed, this.wide.best(keyword));
  }
}

const newEntry = (): Entry => ({ bySize: [], whole: undefined });

/** Records one leader under each subset the trie walk reaches (one object, reused). */
class StoreLeader implements Visitor<Entry> {
  private group = 0;
  private size = 0;
  private seeds: readonly number[] | undefined;

  start(group: number, size: number, seeds: readonly number[] | undefined): void {
    this.group = group;
    this.size = size;
    this.seeds = seeds;
  }

  visit(s: number, entry: Entry): void {
    entry.bySize[this.size] ??= this.group;
    const seeds = this.seeds;
    if (s < this.size || !seeds) return;
    entry.whole ??= [];
    if (!entry.whole.some((w) => sameStems(w.seeds, seeds))) entry.whole.push({ seeds, group: this.group });
  }
}

/** The best leader among the entries a keyword's walk visits (one object, reused). */
class BestLeader implements Visitor<Entry> {
  private keyword: Stems = { all: [], specific: [], seedsOnly: false };
  private group = -1;
  private similarity = 0;

  start(keyword: Stems): void {
    this.keyword = keyword;
    this.group = -1;
    this.similarity = 0;
  }

  visit(s: number, entry: Entry): void {
    const { all, specific } = this.keyword;
    if (entry.whole) for (const w of entry.whole) if (containsAll(all, w.seeds)) this.consider(w.group, 1);
    const k = specific.length;
    const { bySize } = entry;
    for (let m = s; m < bySize.length; m++) {
      const group = bySize[m];
      const similarity = s / (m + k - s);
      if (group !== undefined && similarity >= CLUSTER_SIMILARITY) this.consider(group, similarity);
    }
  }

  consider(group: number, similarity: number): void {
    if (similarity > this.similarity || (similarity === this.similarity && group < this.group)) {
      this.group = group;
      this.similarity = similarity;
    }
  }

  found(): Match | undefined {
    return this.group < 0 ? undefined : { group: this.group, similarity: this.similarity };
  }
}

const sameStems = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Whether sorted `set` holds every stem of sorted `part`. */
function containsAll(set: readonly number[], part: readonly number[]): boolean {
  let i = 0;
  for (const t of part) {
    while (i < set.length && set[i]! < t) i++;
    if (set[i] !== t) return false;
  }
  return true;
}
