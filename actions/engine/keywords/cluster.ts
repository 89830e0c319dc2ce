import { compareText } from './compare.js';
import { type ClusterWork, LeaderIndex, type Stems } from './leader-index.js';
import type { KeywordCluster, RankedKeyword } from './schema.js';
import { StemNumbers } from './tokens.js';

export { type ClusterWork, noWork, WIDE_TOPIC } from './leader-index.js';
export { CLUSTER_SIMILARITY, type Topic, topicSimilarity } from './topic.js';

/** A stem in at least this share of all keywords is the research seed, not a topic. */
export const SEED_TERM_SHARE = 0.5;
/** Below this many keywords no stem is treated as a seed (too few to tell). */
export const SEED_TERM_MIN_KEYWORDS = 6;

/**
 * Groups keywords into topic clusters, deterministically and without models:
 * 1. Each keyword's topic stems: words minus stopwords and modifiers ("best", "free", years),
 *    plurals folded (`topicStems`).
 * 2. Seed terms are set aside: a stem found in half or more of the keywords (with 6 or more
 *    keywords) is what the export was searched for ("crm" in a "crm" export), so it says
 *    nothing about which topic a keyword belongs to. A keyword made only of seed terms keeps them.
 * 3. Leader clustering: keywords in order of volume (highest first) either join the cluster
 *    whose leader is most similar, or start a new one. Similar means Jaccard similarity of
 *    specific stems ≥ 0.5, or containing all of a leader's stems (seed terms included) when
 *    the leader has two or more ("email marketing software for ecommerce" joins "email
 *    marketing"). Comparing with the
 *    leader only (not every member) stops clusters from drifting through chains of
 *    near-neighbours; ties go to the earlier, higher-volume cluster.
 * The leader is the highest-volume keyword, and names the cluster. Clusters are returned best
 * score first (a cluster's score is its best member's).
 */
export function clusterKeywords(
  keywords: readonly RankedKeyword[],
  options: { work?: ClusterWork } = {},
): KeywordCluster[] {
  const numbers = new StemNumbers();
  const stems = keywords.map((k) => numbers.of(k.keyword));
  const counts = numbers.counts;
  const seeds = seedTerms(counts, keywords.length);
  const topics: Stems[] = stems.map((all) => {
    const specific = all.filter((t) => !seeds.has(t));
    const seedsOnly = specific.length === 0 && all.length > 0;
    return { all, specific: seedsOnly ? all : specific, seedsOnly };
  });

  // Rarest stems first makes the index's fallback for very long keywords cheapest.
  const leaders = new LeaderIndex((a, b) => counts[a]! - counts[b]! || a - b, options.work);
  const scores = Float64Array.from(keywords, (k) => k.score);
  const order = leadershipOrder(keywords, scores);
  const groups: { leader: number; members: number[] }[] = [];
  for (const i of order) {
    const match = leaders.best(topics[i]!);
    if (match) groups[match.group]!.members.push(i);
    else {
      leaders.add(groups.length, topics[i]!);
      groups.push({ leader: i, members: [i] });
    }
  }

  return groups
    .map(({ leader, members }) => {
      // Members joined in leadership order, and the sort is stable: ties on score stay in it.
      const ranked = members.sort((a, b) => scores[b]! - scores[a]!).map((m) => keywords[m]!);
      return {
        name: keywords[leader]!.keyword,
        keywords: ranked.map((k) => k.keyword),
        totalVolume: ranked.reduce((sum, k) => sum + (k.volume ?? 0), 0),
        score: ranked[0]!.score,
      };
    })
    .sort((a, b) => b.score - a.score || b.totalVolume - a.totalVolume || compareText(a.name, b.name));
}

/** Stems in at least SEED_TERM_SHARE of the keywords (none below SEED_TERM_MIN_KEYWORDS). */
function seedTerms(counts: readonly number[], keywords: number): Set<number> {
  const seeds = new Set<number>();
  if (keywords < SEED_TERM_MIN_KEYWORDS) return seeds;
  counts.forEach((n, id) => {
    if (n / keywords >= SEED_TERM_SHARE) seeds.add(id);
  });
  return seeds;
}

/**
 * Indices of `keywords`, highest volume first; then most impressions, best score, and
 * alphabetical for a stable order. The figures are copied into arrays first: keywords carry
 * different sets of fields, and reading them inside the comparator is what made sorting slow.
 */
function leadershipOrder(keywords: readonly RankedKeyword[], score: Float64Array): number[] {
  const volume = Float64Array.from(keywords, (k) => k.volume ?? 0);
  const impressions = Float64Array.from(keywords, (k) => k.impressions ?? 0);
  const text = keywords.map((k) => k.keyword);
  return keywords
    .map((_, i) => i)
    .sort(
      (a, b) =>
        volume[b]! - volume[a]! ||
        impressions[b]! - impressions[a]! ||
        score[b]! - score[a]! ||
        compareText(text[a]!, text[b]!),
    );
}
