import { compareText } from './compare.js';
import type { KeywordCluster, RankedKeyword } from './schema.js';
import { topicStems } from './tokens.js';

/** Jaccard similarity of topic stems at or above which a keyword joins a cluster. */
export const CLUSTER_SIMILARITY = 0.5;
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
export function clusterKeywords(keywords: readonly RankedKeyword[]): KeywordCluster[] {
  const stems = keywords.map((k) => topicStems(k.keyword));
  const seeds = seedTerms(stems);
  const topics: Topic[] = stems.map((s) => {
    const specific = s.filter((t) => !seeds.has(t));
    return { all: new Set(s), specific: new Set(specific.length > 0 ? specific : s) };
  });

  const order = keywords.map((_, i) => i).sort((a, b) => compareForLeadership(keywords[a]!, keywords[b]!));
  const groups: { leader: number; members: number[] }[] = [];
  for (const i of order) {
    let best: { group: (typeof groups)[number]; similarity: number } | undefined;
    for (const group of groups) {
      const similarity = topicSimilarity(topics[group.leader]!, topics[i]!);
      if (similarity >= CLUSTER_SIMILARITY && (!best || similarity > best.similarity))
        best = { group, similarity };
    }
    if (best) best.group.members.push(i);
    else groups.push({ leader: i, members: [i] });
  }

  return groups
    .map(({ leader, members }) => {
      const ranked = members
        .map((m) => keywords[m]!)
        .sort((a, b) => b.score - a.score || compareForLeadership(a, b));
      return {
        name: keywords[leader]!.keyword,
        keywords: ranked.map((k) => k.keyword),
        totalVolume: ranked.reduce((sum, k) => sum + (k.volume ?? 0), 0),
        score: Math.max(...ranked.map((k) => k.score)),
      };
    })
    .sort((a, b) => b.score - a.score || b.totalVolume - a.totalVolume || compareText(a.name, b.name));
}

/** A keyword's topic stems, all of them and without the seed terms. */
export interface Topic {
  all: ReadonlySet<string>;
  specific: ReadonlySet<string>;
}

/**
 * 1 when a leader of two or more stems is wholly contained in the keyword (seed terms
 * included: "crm software" contains nothing once "crm" is set aside, but it is still the head
 * of "crm software for small business"); otherwise Jaccard |A∩B| / |A∪B| of the specific stems.
 */
export function topicSimilarity(leader: Topic, keyword: Topic): number {
  if (leader.all.size >= 2 && [...leader.all].every((t) => keyword.all.has(t))) return 1;
  let shared = 0;
  for (const t of leader.specific) if (keyword.specific.has(t)) shared++;
  const union = leader.specific.size + keyword.specific.size - shared;
  return union === 0 ? 0 : shared / union;
}

function seedTerms(stems: readonly string[][]): Set<string> {
  if (stems.length < SEED_TERM_MIN_KEYWORDS) return new Set();
  const counts = new Map<string, number>();
  for (const s of stems) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n / stems.length >= SEED_TERM_SHARE).map(([t]) => t));
}

/** Highest volume first; then most impressions, best score, and alphabetical for a stable order. */
function compareForLeadership(a: RankedKeyword, b: RankedKeyword): number {
  return (
    (b.volume ?? 0) - (a.volume ?? 0) ||
    (b.impressions ?? 0) - (a.impressions ?? 0) ||
    b.score - a.score ||
    compareText(a.keyword, b.keyword)
  );
}
