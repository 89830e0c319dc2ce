import { compareText } from './compare.js';
import type { Intent, Keyword, RankedKeyword } from './schema.js';

/** How much each intent is worth to a marketing program: buyers over browsers. */
export const INTENT_WEIGHT: Record<Intent, number> = {
  transactional: 1,
  commercial: 0.8,
  informational: 0.5,
  // Mostly someone else's brand name: hard to win and rarely yours to take.
  navigational: 0.2,
};

/** Monthly searches at which demand counts fully (log-scaled: 1K → 0.6, 100K → 1). */
export const FULL_DEMAND = 100_000;
/** CPC at which commercial value counts fully (log-scaled: 1 → 0.23, 5 → 0.59, 20 → 1). */
export const FULL_CPC = 20;
/** Search Console "striking distance": close enough to the top that work pays off quickly. */
export const STRIKING_DISTANCE = { from: 4, to: 20 } as const;

/** The score's components, each 0–1, for explaining a rank. */
export interface ScoreParts {
  demand: number;
  ease: number;
  intent: number;
  value: number;
  striking: number;
}

/**
 * The parts of the opportunity score (see `opportunityScore`):
 * - demand D = min(1, log10(1 + volume) / 5), 5 being log10(100 000); without a volume, Search
 *   Console impressions stand in (a lower bound of demand the site already sees);
 * - ease E = 1 − difficulty / 100; else 0.75 − competition / 2 (advertiser competition
 *   is only a weak proxy for how hard it is to rank, so it moves E at most 0.25 either side
 *   of the neutral 0.5); else 0.5 (unknown);
 * - intent I = the highest weight among the keyword's intents (transactional 1,
 *   commercial 0.8, informational 0.5, navigational 0.2); 0.5 when unknown;
 * - value V = min(1, log10(1 + CPC) / log10(1 + 20)); 0 when unknown (no evidence that
 *   advertisers pay for it);
 * - striking S = 1 when the Search Console position is 4–20, else 0.
 */
export function scoreParts(k: Keyword): ScoreParts {
  const demandFigure = k.volume ?? k.impressions ?? 0;
  const ease =
    k.difficulty !== undefined
      ? 1 - k.difficulty / 100
      : k.competition !== undefined
        ? 0.75 - k.competition / 2
        : 0.5;
  const intent =
    k.intents && k.intents.length > 0 ? Math.max(...k.intents.map((i) => INTENT_WEIGHT[i])) : 0.5;
  const striking =
    k.position !== undefined && k.position >= STRIKING_DISTANCE.from && k.position <= STRIKING_DISTANCE.to
      ? 1
      : 0;
  return {
    demand: Math.min(1, Math.log10(1 + demandFigure) / Math.log10(FULL_DEMAND)),
    ease,
    intent,
    value: k.cpc === undefined ? 0 : Math.min(1, Math.log10(1 + k.cpc) / Math.log10(1 + FULL_CPC)),
    striking,
  };
}

/**
 * Opportunity score, 0–100:
 *
 *   score = 100 × D × (0.45·E + 0.25·I + 0.15·V + 0.15·S)
 *
 * Demand multiplies everything because a keyword nobody searches is no opportunity however
 * easy; it is log-scaled because the 10th thousand searches matter less than the first.
 * Within the bracket, ease weighs most (a page that cannot rank earns nothing), then intent,
 * then the commercial value advertisers put on a click, and a bonus for queries the site
 * already ranks 4–20 for. Rounded to one decimal. Pure: same keyword, same score.
 */
export function opportunityScore(k: Keyword): number {
  const p = scoreParts(k);
  const score = 100 * p.demand * (0.45 * p.ease + 0.25 * p.intent + 0.15 * p.value + 0.15 * p.striking);
  return Math.round(score * 10) / 10;
}

/** Keywords with scores, best first; ties by volume (higher first), then alphabetically. */
export function rankKeywords(keywords: readonly Keyword[]): RankedKeyword[] {
  return rankOwnKeywords(keywords.map((k) => Object.assign({}, k)));
}

/**
 * `rankKeywords` for keyword objects nobody else holds (fresh from `mergeObservations`): the
 * score is added to each object rather than to a copy, which on 100k keywords saves as many
 * objects for the garbage collector.
 */
export function rankOwnKeywords(keywords: Keyword[]): RankedKeyword[] {
  const ranked = keywords as RankedKeyword[];
  for (const k of ranked) k.score = opportunityScore(k);
  // Sort keys in arrays: reading fields of differently shaped objects in a comparator is slow.
  const score = Float64Array.from(ranked, (k) => k.score);
  const volume = Float64Array.from(ranked, (k) => k.volume ?? 0);
  return ranked
    .map((_, i) => i)
    .sort(
      (a, b) =>
        score[b]! - score[a]! ||
        volume[b]! - volume[a]! ||
        compareText(ranked[a]!.keyword, ranked[b]!.keyword),
    )
    .map((i) => ranked[i]!);
}
