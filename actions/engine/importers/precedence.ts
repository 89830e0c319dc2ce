import {
  IMPORTER_IDS,
  type ImporterId,
  MEASURES,
  type Measure,
  type Measures,
  type MetricChannel,
} from './metric-row.js';

/**
 * Which source's number a report uses when several measure the same thing for a channel.
 * Summing them would count the same clicks or conversions twice (Google Ads and GA4 both
 * report conversions for google-ads traffic), so per channel and measure one source wins:
 * the first in this list that measured it for that channel anywhere in the data.
 *
 * - impressions, clicks, cost: the ad platform that served and billed them; Search Console
 *   for organic search; Mailchimp for email clicks.
 * - sessions: GA4, the only source of sessions.
 * - conversions: GA4 first — one definition across every channel, counted on the site —
 *   then the ad platforms, which count their own way (view-through, their own windows) and
 *   would each claim the same conversion.
 * - leads … pipeline: the CRM, where people are qualified; revenue: the CRM's closed-won
 *   deals, then GA4's ecommerce revenue, then the ad platforms' conversion values.
 * - email sends, opens, unsubscribes: Mailchimp.
 * - the hand-made metrics CSV last: it fills in what no connected source measures.
 */
const PREFERRED: Record<Measure, readonly ImporterId[]> = {
  impressions: ['google-ads', 'linkedin-ads', 'search-console'],
  clicks: ['google-ads', 'linkedin-ads', 'search-console', 'mailchimp'],
  cost: ['google-ads', 'linkedin-ads'],
  sessions: ['ga4'],
  conversions: ['ga4', 'google-ads', 'linkedin-ads'],
  leads: ['hubspot', 'linkedin-ads'],
  mqls: ['hubspot'],
  sqls: ['hubspot'],
  opportunities: ['hubspot'],
  pipeline: ['hubspot'],
  revenue: ['hubspot', 'ga4', 'google-ads'],
  emailsSent: ['mailchimp'],
  opens: ['mailchimp'],
  unsubscribes: ['mailchimp'],
};

/** Every importer, best first, for each measure (the preferred ones, then the rest, hand-made last). */
export const MEASURE_PRECEDENCE: Readonly<Record<Measure, readonly ImporterId[]>> = Object.fromEntries(
  MEASURES.map((m) => {
    const rest = IMPORTER_IDS.filter((id) => !PREFERRED[m].includes(id) && id !== 'metrics-csv');
    return [m, [...PREFERRED[m], ...rest, 'metrics-csv']];
  }),
) as unknown as Record<Measure, readonly ImporterId[]>;

/** Rank of an importer for a measure: lower wins. */
export function rank(measure: Measure, importer: ImporterId): number {
  return MEASURE_PRECEDENCE[measure].indexOf(importer);
}

/** One key of the aggregate: each importer's sums per measure (in `MEASURES` order, NaN = not measured). */
export interface AggregateEntry {
  date: string;
  channel: MetricChannel;
  utm_content: string;
  sums: { importer: ImporterId; values: ArrayLike<number> }[];
}

/** One day of one asset on one channel: each measure from the source that wins it. */
export interface AggregateRow {
  date: string;
  channel: MetricChannel;
  utm_content: string;
  measures: Measures;
  /** Which importer each measure came from. */
  sources: Partial<Record<Measure, ImporterId>>;
}

/**
 * Resolves every key's measures: per channel and measure, the best-ranked importer that
 * measured it anywhere for that channel wins, and only its numbers are used — so a day it has
 * no row for is not filled from a lower-ranked source that counts differently.
 */
export function resolveRows(entries: Iterable<AggregateEntry>): AggregateRow[] {
  const all = [...entries];
  const winners = new Map<string, ImporterId>();
  for (const entry of all) {
    for (const { importer, values } of entry.sums) {
      MEASURES.forEach((measure, i) => {
        if (Number.isNaN(values[i])) return;
        const key = `${entry.channel}\u0000${measure}`;
        const current = winners.get(key);
        if (current === undefined || rank(measure, importer) < rank(measure, current))
          winners.set(key, importer);
      });
    }
  }
  return all.map((entry) => {
    const measures: Measures = {};
    const sources: Partial<Record<Measure, ImporterId>> = {};
    MEASURES.forEach((measure, i) => {
      const winner = winners.get(`${entry.channel}\u0000${measure}`);
      const value = entry.sums.find((s) => s.importer === winner)?.values[i];
      if (winner === undefined || value === undefined || Number.isNaN(value)) return;
      measures[measure] = Math.round(value * 1e6) / 1e6;
      sources[measure] = winner;
    });
    return { date: entry.date, channel: entry.channel, utm_content: entry.utm_content, measures, sources };
  });
}
