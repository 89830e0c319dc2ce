import { z } from 'zod';

/**
 * Objective metrics Crescendo can plan backwards from. Each maps to one stage of the
 * funnel `impressions → clicks → visits → conversions → mqls → revenue`.
 */
export const OBJECTIVE_METRICS = [
  'impressions',
  'clicks',
  'visitors',
  'sessions',
  'leads',
  'signups',
  'email-subscribers',
  'trials',
  'demos',
  'mqls',
  'revenue',
] as const;

export const ObjectiveMetric = z.enum(OBJECTIVE_METRICS);
export type ObjectiveMetric = z.infer<typeof ObjectiveMetric>;

export type FunnelStage = 'impressions' | 'clicks' | 'visits' | 'conversions' | 'mqls' | 'revenue';

/** Metrics that are a form conversion on a landing page; their rate may differ per metric. */
export const CONVERSION_METRICS = ['leads', 'signups', 'email-subscribers', 'trials', 'demos'] as const;
export const ConversionMetric = z.enum(CONVERSION_METRICS);
export type ConversionMetric = z.infer<typeof ConversionMetric>;

export const METRIC_STAGE: Readonly<Record<ObjectiveMetric, FunnelStage>> = {
  impressions: 'impressions',
  clicks: 'clicks',
  visitors: 'visits',
  sessions: 'visits',
  leads: 'conversions',
  signups: 'conversions',
  'email-subscribers': 'conversions',
  trials: 'conversions',
  demos: 'conversions',
  mqls: 'mqls',
  revenue: 'revenue',
};

/** How a person names each metric in a sentence or a table heading ("500 MQLs", "Expected visitors"). */
export const METRIC_LABELS: Readonly<Record<ObjectiveMetric, string>> = {
  impressions: 'impressions',
  clicks: 'clicks',
  visitors: 'visitors',
  sessions: 'sessions',
  leads: 'leads',
  signups: 'sign-ups',
  'email-subscribers': 'email subscribers',
  trials: 'trials',
  demos: 'demos',
  mqls: 'MQLs',
  revenue: 'revenue',
};

export function isConversionMetric(metric: ObjectiveMetric): metric is ConversionMetric {
  return (CONVERSION_METRICS as readonly string[]).includes(metric);
}

/** Other words for each metric, used to read free text and to check a description names its metric. */
export const METRIC_SYNONYMS: Readonly<Record<ObjectiveMetric, readonly string[]>> = {
  impressions: ['impressions', 'impression', 'reach', 'ad impressions'],
  clicks: ['clicks', 'click', 'link clicks', 'ad clicks'],
  visitors: [
    'visitors',
    'visitor',
    'visits',
    'traffic',
    'users',
    'website visitors',
    'site visitors',
    'web visitors',
    'unique visitors',
    'website traffic',
    'site traffic',
    'web traffic',
  ],
  sessions: ['sessions', 'session', 'website sessions', 'site sessions'],
  leads: ['leads', 'lead', 'new leads', 'inbound leads', 'form fills', 'form submissions'],
  signups: [
    'signups',
    'signup',
    'sign-ups',
    'sign-up',
    'sign ups',
    'registrations',
    'new accounts',
    'account signups',
  ],
  'email-subscribers': [
    'email subscribers',
    'email-subscribers',
    'subscribers',
    'subscriber',
    'list growth',
    'newsletter subscribers',
    'newsletter signups',
    'newsletter sign-ups',
    'email signups',
    'email list',
  ],
  trials: [
    'trials',
    'trial',
    'free trials',
    'trial signups',
    'trial sign-ups',
    'free trial signups',
    'trial starts',
  ],
  demos: [
    'demos',
    'demo',
    'demo requests',
    'demo-requests',
    'sales demos',
    'demo bookings',
    'booked demos',
    'demos booked',
    'demo calls',
    'product demos',
    'sales meetings',
    'meetings booked',
  ],
  mqls: [
    'mqls',
    'mql',
    'marketing qualified leads',
    'marketing-qualified leads',
    'marketing qualified lead',
    'marketing-qualified lead',
  ],
  revenue: ['revenue', 'sales', 'bookings', 'new revenue', 'closed-won revenue', 'new arr', 'arr'],
};

/** Maps free text ("MQLs", "demo requests") to a metric, or undefined when unknown. */
export function normaliseMetric(text: string): ObjectiveMetric | undefined {
  const key = text.trim().toLowerCase().replace(/_/g, '-');
  for (const metric of OBJECTIVE_METRICS) {
    if (metric === key || METRIC_SYNONYMS[metric].includes(key)) return metric;
  }
  return undefined;
}
