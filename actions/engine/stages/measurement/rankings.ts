import type { AggregateRow } from '../../importers/aggregate.js';
import type { Measure, Measures } from '../../importers/metric-row.js';
import { daysBetween } from '../../planning/dates.js';
import { roundMeasures } from './measures.js';

/** An asset needs this many days live before it is ranked: a new one has had no chance yet. */
export const MIN_DAYS_LIVE = 7;
/** How many assets the top and bottom lists hold. */
export const RANKED = 3;

export interface AssetRank {
  utmContent: string;
  channel: string;
  /** From its first day with data to the last day of the data. */
  daysLive: number;
  results: number;
  cost?: number;
  /** Results per day live: comparable across assets that started on different days. */
  resultsPerDay: number;
  /** Spend per result, for assets with spend; undefined with no result (worst) or no spend. */
  costPerResult?: number;
}

export interface Rankings {
  /** Assets with spend, best (cheapest result) first. */
  paid: AssetRank[];
  /** Assets without spend in the data, best (most results per day live) first. */
  organic: AssetRank[];
  top: AssetRank[];
  bottom: AssetRank[];
  /** Live for fewer than MIN_DAYS_LIVE days: listed, not ranked. */
  tooNew: string[];
}

/**
 * Assets (utm_content) ranked fairly: what each brought is divided by the days it has been live, so an
 * asset launched last week is not ranked below one that ran all quarter; an asset with spend is ranked by
 * what a result cost (results with no spend are not cheaper than results bought: they are ranked apart).
 * Top and bottom take the best and worst of each list in turn.
 */
export function rankAssets(rows: readonly AggregateRow[], result: Measure, asOf: string): Rankings {
  // One pass: per asset, its first day and the two sums ranking needs (a large export has many assets).
  const groups = new Map<string, { channel: string; utmContent: string; first: string; totals: Measures }>();
  for (const row of rows) {
    if (!row.utm_content) continue;
    const key = `${row.channel}\u0000${row.utm_content}`;
    let g = groups.get(key);
    if (!g) {
      g = { channel: row.channel, utmContent: row.utm_content, first: row.date, totals: {} };
      groups.set(key, g);
    }
    if (row.date < g.first) g.first = row.date;
    for (const m of [result, 'cost'] as const) {
      const v = row.measures[m];
      if (v !== undefined) g.totals[m] = (g.totals[m] ?? 0) + v;
    }
  }
  const ranks: AssetRank[] = [];
  const tooNew: string[] = [];
  for (const { channel, utmContent, first, totals: sums } of groups.values()) {
    const daysLive = daysBetween(first, asOf) + 1;
    if (daysLive < MIN_DAYS_LIVE) {
      tooNew.push(utmContent);
      continue;
    }
    const totals = roundMeasures(sums);
    const results = totals[result] ?? 0;
    const cost = totals.cost !== undefined && totals.cost > 0 ? totals.cost : undefined;
    ranks.push({
      utmContent,
      channel,
      daysLive,
      results,
      ...(cost === undefined ? {} : { cost }),
      resultsPerDay: results / daysLive,
      ...(cost !== undefined && results > 0 ? { costPerResult: cost / results } : {}),
    });
  }
  const byName = (a: AssetRank, b: AssetRank) => a.utmContent.localeCompare(b.utmContent);
  const paid = ranks
    .filter((r) => r.cost !== undefined)
    .sort(
      (a, b) =>
        (a.costPerResult ?? Number.POSITIVE_INFINITY) - (b.costPerResult ?? Number.POSITIVE_INFINITY) ||
        b.resultsPerDay - a.resultsPerDay ||
        byName(a, b),
    );
  const organic = ranks
    .filter((r) => r.cost === undefined)
    .sort((a, b) => b.resultsPerDay - a.resultsPerDay || byName(a, b));
  // With few assets, top and bottom split them: the best half at most is "top".
  const ranked = [paid, organic].filter((l) => l.length > 1).reduce((n, l) => n + l.length, 0);
  const limit = Math.min(RANKED, Math.floor(ranked / 2));
  const top: AssetRank[] = [];
  const bottom: AssetRank[] = [];
  for (let i = 0; top.length < limit && i < Math.max(paid.length, organic.length); i++) {
    for (const list of [paid, organic])
      if (list[i] && top.length < limit && list.length > 1) top.push(list[i]!);
  }
  for (let i = 1; bottom.length < limit && i <= Math.max(paid.length, organic.length); i++) {
    for (const list of [paid, organic]) {
      const r = list[list.length - i];
      if (r && bottom.length < limit && list.length > 1 && !top.includes(r)) bottom.push(r);
    }
  }
  return { paid, organic, top, bottom, tooNew: tooNew.sort() };
}
