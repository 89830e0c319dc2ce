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
 * The leader is found through `LeaderIndex`, not by comparing with every leader: linear in the
 * number of keywords; `options.work` counts the steps.
 */
export function clusterKeywords(
  keywords: readonly RankedKeyword[],
  options: { work?: ClusterWork } = {},
): KeywordCluster[] {
  // Every keyword's stem numbers in one flat list (keyword i's are stems[start[i]..start[i+1]]):
  // 100k small arrays kept alive through the loop would cost the garbage collector more.
  const numbers = new StemNumbers();
  const stems: number[] = [];
  const start = new Int32Array(keywords.length + 1);
  keywords.forEach((k, i) => {
    start[i + 1] = start[i]! + numbers.append(k.keyword, stems);
  });
  const counts = numbers.counts;
  const seeds = seedTerms(counts, keywords.length);
  const topicOf = (i: number): Stems => {
    const all = stems.slice(start[i], start[i + 1]);
    const specific = all.filter((t) => !seeds.has(t));
    const seedsOnly = specific.length === 0 && all.length > 0;
    return { all, specific: seedsOnly ? all : specific, seedsOnly };
  };

  // Rarest stems first makes the index's fallback for very long keywords cheapest.
  const leaders = new LeaderIndex((a, b) => counts[a]! - counts[b]! || a - b, options.work);
  const scores = figures(keywords, (k) => k.score);
  const order = leadershipOrder(keywords, scores);
  const groupOf = new Int32Array(keywords.length);
  const leaderOf: number[] = [];
  for (const i of order) {
    const topic = topicOf(i);
    const match = leaders.best(topic);
    if (match) groupOf[i] = match.group;
    else {
      groupOf[i] = leaderOf.length;
      leaders.add(leaderOf.length, topic);
      leaderOf.push(i);
    }
  }

  // Members of each group in leadership order (the order they joined in).
  const members: number[][] = leaderOf.map(() => []);
  for (const i of order) members[groupOf[i]!]!.push(i);
  return leaderOf
    .map((leader, g) => {
      // The sort is stable: ties on score stay in leadership order.
      const ranked = members[g]!.sort((a, b) => scores[b]! - scores[a]!).map((m) => keywords[m]!);
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
  const volume = figures(keywords, (k) => k.volume ?? 0);
  const impressions = figures(keywords, (k) => k.impressions ?? 0);
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

/** One figure of every keyword, in a typed array (a loop: `Float64Array.from` allocates per element). */
function figures(keywords: readonly RankedKeyword[], figure: (k: RankedKeyword) => number): Float64Array {
  const out = new Float64Array(keywords.length);
  for (let i = 0; i < keywords.length; i++) out[i] = figure(keywords[i]!);
  return out;
}
