import type { ResearchReport } from '../artifacts/research.js';
import type { StrategyData } from '../artifacts/strategy.js';

/*
 * What an ad entry carries beyond its copy, computed by code so the reviewer of the distribution sees it:
 * the ad group's keywords (from the asset's target keyword and the research) and a daily budget (from the
 * approved strategy's budget line). Ads are created paused or as drafts either way; a person starts them.
 */

const MAX_KEYWORDS = 20;

/** The asset's keyword, its research cluster, then the research's commercial and transactional keywords. */
export function adKeywords(keyword: string | undefined, research: ResearchReport | undefined): string[] {
  const out: string[] = [];
  const add = (k: string) => {
    const clean = k.trim().toLowerCase();
    if (clean && !out.includes(clean) && out.length < MAX_KEYWORDS) out.push(clean);
  };
  if (keyword) add(keyword);
  const cluster = keyword
    ? research?.keywordData?.clusters.find((c) =>
        c.keywords.some((k) => k.toLowerCase() === keyword.toLowerCase()),
      )
    : undefined;
  for (const k of cluster?.keywords ?? []) add(k);
  for (const k of research?.keywords ?? []) {
    if (k.intent === 'commercial' || k.intent === 'transactional') add(k.keyword);
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * The daily budget of one ad asset: its channel's budget line shared by the channel's ad assets, spread over
 * the days from its start to the end of the campaign, rounded down to the cent.
 */
export function dailyBudget(
  strategy: StrategyData | undefined,
  channel: string,
  assetsOnChannel: number,
  start: string,
  windowEnd: string,
): number | undefined {
  const amount = strategy?.budget.lines.find((line) => line.channel === channel)?.amount;
  if (!amount || assetsOnChannel === 0) return undefined;
  const days = Math.max(
    1,
    Math.round(
      (Date.parse(`${windowEnd}T00:00:00Z`) - Date.parse(`${start.slice(0, 10)}T00:00:00Z`)) / DAY_MS,
    ) + 1,
  );
  const value = Math.floor((amount / assetsOnChannel / days) * 100) / 100;
  return value > 0 ? value : undefined;
}
