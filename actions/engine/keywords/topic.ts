/** Jaccard similarity of topic stems at or above which a keyword joins a cluster. */
export const CLUSTER_SIMILARITY = 0.5;

/** A keyword's topic stems, all of them and without the seed terms. */
export interface Topic<Stem = string> {
  all: ReadonlySet<Stem>;
  specific: ReadonlySet<Stem>;
}

/**
 * 1 when a leader of two or more stems is wholly contained in the keyword (seed terms
 * included: "crm software" contains nothing once "crm" is set aside, but it is still the head
 * of "crm software for small business"); otherwise Jaccard |A∩B| / |A∪B| of the specific stems.
 */
export function topicSimilarity<Stem>(leader: Topic<Stem>, keyword: Topic<Stem>): number {
  if (leader.all.size >= 2 && [...leader.all].every((t) => keyword.all.has(t))) return 1;
  let shared = 0;
  for (const t of leader.specific) if (keyword.specific.has(t)) shared++;
  const union = leader.specific.size + keyword.specific.size - shared;
  return union === 0 ? 0 : shared / union;
}
