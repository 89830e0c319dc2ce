import { z } from 'zod';
import { CHANNELS } from '../channels/index.js';

/**
 * Where traffic can come from that Crescendo does not plan for, named after GA4's default
 * channel groups (see `channel-grouping.ts`). `lead-magnet` is here because the asset plan
 * gives lead magnets their own content folder and tracking source (`source=lead-magnet,
 * medium=owned`), so exports report it as a channel.
 */
export const OUTSIDE_PLAN_CHANNELS = [
  'lead-magnet',
  'direct',
  'referral',
  'paid-search-other',
  'paid-social-other',
  'organic-social-other',
  'other',
  'unassigned',
] as const;

export const METRIC_CHANNELS = [...CHANNELS, ...OUTSIDE_PLAN_CHANNELS] as const;
export const MetricChannel = z.enum(METRIC_CHANNELS);
export type MetricChannel = z.infer<typeof MetricChannel>;

/** One id per folder of `importers/` (the registry test keeps the three lists equal). */
export const IMPORTER_IDS = [
  'ga4',
  'google-ads',
  'linkedin-ads',
  'search-console',
  'mailchimp',
  'hubspot',
  'metrics-csv',
] as const;
export const ImporterId = z.enum(IMPORTER_IDS);
export type ImporterId = z.infer<typeof ImporterId>;

/** What a row can measure. A measure a source does not report is absent, never 0. */
export const MEASURES = [
  'impressions',
  'clicks',
  'cost',
  'sessions',
  'conversions',
  'leads',
  'mqls',
  'sqls',
  'opportunities',
  'pipeline',
  'revenue',
  'emailsSent',
  'opens',
  'unsubscribes',
] as const;
export type Measure = (typeof MEASURES)[number];

const count = z.number().int().nonnegative().optional();
const amount = z.number().nonnegative().optional();

/**
 * One day of one source's numbers for one (channel, source/medium, campaign, utm_content,
 * record): the contract the measurement report reads. Rows with the same identity
 * (importer, date, channel, source, medium, campaign, utm_content, record) are the same
 * observation; the aggregator refuses two that disagree and counts two that agree once.
 */
export const MetricRow = z.object({
  date: z.iso.date(),
  channel: MetricChannel,
  /** utm_source or the platform's name for it; '' when the source does not say. */
  source: z.string(),
  medium: z.string(),
  /** utm_campaign or the platform's campaign name; '' when unknown. */
  campaign: z.string(),
  /** The asset (utm_content); '' when the row is not about one asset. */
  utm_content: z.string(),
  /** The source's own id of the row's record (ad, creative, page, contact, deal, email campaign); '' for none. */
  record: z.string(),
  impressions: count,
  clicks: count,
  cost: amount,
  sessions: count,
  /** Fractional with data-driven attribution (Google Ads, GA4 key events). */
  conversions: amount,
  leads: count,
  mqls: count,
  sqls: count,
  opportunities: count,
  /** Amount of deals opened that day. */
  pipeline: amount,
  revenue: amount,
  emailsSent: count,
  /** Unique opens (inflated by mail privacy protection; read with care). */
  opens: count,
  unsubscribes: count,
  importer: ImporterId,
  /** Where the row was read: a file path, or an API request named by `describePull`. */
  file: z.string().min(1),
  /** 1-based line of the file (or row of the API answer). */
  row: z.number().int().positive(),
});
export type MetricRow = z.infer<typeof MetricRow>;

/** The columns a row is identified by besides its measures. */
export interface RowDimensions {
  date: string;
  channel: MetricChannel;
  source: string;
  medium: string;
  campaign: string;
  utm_content: string;
  record: string;
}

export type Measures = Partial<Record<Measure, number>>;

/**
 * Builds a row with every field in one fixed order, absent measures as `undefined`: rows of
 * every importer then share one object shape, which keeps the aggregator's hot loop fast.
 */
export function metricRow(
  d: RowDimensions,
  m: Measures,
  origin: { importer: ImporterId; file: string; row: number },
): MetricRow {
  return {
    date: d.date,
    channel: d.channel,
    source: d.source,
    medium: d.medium,
    campaign: d.campaign,
    utm_content: d.utm_content,
    record: d.record,
    impressions: m.impressions,
    clicks: m.clicks,
    cost: m.cost,
    sessions: m.sessions,
    conversions: m.conversions,
    leads: m.leads,
    mqls: m.mqls,
    sqls: m.sqls,
    opportunities: m.opportunities,
    pipeline: m.pipeline,
    revenue: m.revenue,
    emailsSent: m.emailsSent,
    opens: m.opens,
    unsubscribes: m.unsubscribes,
    importer: origin.importer,
    file: origin.file,
    row: origin.row,
  };
}

/** The measures a row has (for messages and tests). */
export function measuresOf(row: MetricRow): Measures {
  const out: Measures = {};
  for (const m of MEASURES) if (row[m] !== undefined) out[m] = row[m];
  return out;
}

/** Campaign dates, inclusive, as yyyy-mm-dd. */
export const DateWindow = z.object({ from: z.iso.date(), to: z.iso.date() });
export type DateWindow = z.infer<typeof DateWindow>;
