import { compareText } from './compare.js';
import { withoutUndefined } from './defined.js';
import { inferIntents, sortIntents } from './intent.js';
import { displayKeyword, keywordKey } from './normalise.js';
import type { Observation } from './observation.js';
import type { ExportFormat, Keyword } from './schema.js';

/**
 * Which tool's figure wins when several give one: Google's own data first (Keyword Planner
 * volumes, competition and bids come from Google Ads), then the third-party tools in a fixed
 * order, so the result never depends on the order files were given in. Search Console only
 * gives site figures (clicks, impressions, CTR, position), which no other tool has.
 */
export const SOURCE_PRIORITY: readonly ExportFormat[] = [
  'keyword-planner',
  'semrush',
  'ahrefs',
  'search-console',
];

/**
 * Joins rows about the same search (case-, whitespace- and quote-insensitive, see
 * `keywordKey`) across and within files, keeping each figure from its best source:
 * - volume: an exact figure beats a range from any tool; then `SOURCE_PRIORITY`;
 * - difficulty, competition, CPC (with its currency): `SOURCE_PRIORITY`; between two files
 *   of one tool, the first by file path (not the order given, so the result is the same
 *   whichever order the files come in);
 * - intents: the union of what the tools said; guessed from the words only when none did;
 * - traffic potential, parent keyword: the first Ahrefs row;
 * - clicks, impressions, CTR, position: the Search Console row with the most impressions
 *   (two GSC files for one query are two periods or properties; adding them would double-count).
 * Every contributing row is listed in `sources`. The keyword is shown as first seen;
 * keywords keep first-seen order (they are ranked afterwards).
 */
export function mergeObservations(observations: readonly Observation[]): Keyword[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = keywordKey(o.keyword);
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  }
  return [...groups.values()].map(mergeGroup);
}

function mergeGroup(group: Observation[]): Keyword {
  const ranked = group.length > 1 ? [...group].sort(byPriority) : group;
  // An exact volume from any tool beats a range; among equals the better source.
  const volume =
    ranked.find((o) => o.volume !== undefined && o.volumeRange === undefined) ??
    ranked.find((o) => o.volume !== undefined);
  const difficulty = ranked.find((o) => o.difficulty !== undefined);
  const competition = ranked.find((o) => o.competition !== undefined);
  const cpc = ranked.find((o) => o.cpc !== undefined);
  const ahrefs = ranked.find((o) => o.trafficPotential !== undefined || o.parentKeyword !== undefined);
  // The Search Console row with the most impressions; the first of those in file order.
  let site: Observation | undefined;
  for (const o of group) {
    if (o.impressions === undefined && o.position === undefined) continue;
    if (!site || (o.impressions ?? 0) > (site.impressions ?? 0)) site = o;
  }
  const stated = sortIntents(
    group.length > 1 ? group.flatMap((o) => o.intents ?? []) : (group[0]!.intents ?? []),
  );
  const first = group[0]!;
  const keyword = displayKeyword(first.keyword);
  const inferred = stated.length === 0 ? inferIntents(keyword) : undefined;

  const merged: Keyword = {
    keyword,
    volume: volume?.volume,
    volumeRange: volume?.volumeRange,
    volumeSource: volume?.source.format,
    difficulty: difficulty?.difficulty,
    difficultySource: difficulty?.source.format,
    competition: competition?.competition,
    cpc: cpc?.cpc,
    currency: cpc?.currency,
    intents: stated.length > 0 ? stated : inferred,
    intentInferred: inferred ? true : undefined,
    trafficPotential: ahrefs?.trafficPotential,
    parentKeyword: ahrefs?.parentKeyword,
    clicks: site?.clicks,
    impressions: site?.impressions,
    ctr: site?.ctr,
    position: site?.position,
    sources: group.map((o) => o.source),
  };
  return withoutUndefined(merged);
}

/** Tool priority; within one tool, file path then line, so file order never changes a figure. */
function byPriority(a: Observation, b: Observation): number {
  return (
    SOURCE_PRIORITY.indexOf(a.source.format) - SOURCE_PRIORITY.indexOf(b.source.format) ||
    compareText(a.source.file, b.source.file) ||
    a.source.line - b.source.line
  );
}
