import { IMPORTER_IDS, type ImporterId, MEASURES, type Measure } from './metric-row.js';

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
