import { utcDay } from '../cells.js';
import { channelFor, withLedger } from '../channel-grouping.js';
import {
  type DateWindow,
  type Measures,
  type MetricChannel,
  type MetricRow,
  metricRow,
} from '../metric-row.js';
import type { Touchpoint } from '../touchpoint.js';

export const FUNNEL_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** The lifecycle stage ids HubSpot uses, and the contact properties holding when each was entered. */
export const STAGE_IDS: Record<FunnelStage, string> = {
  lead: 'lead',
  mql: 'marketingqualifiedlead',
  sql: 'salesqualifiedlead',
  opportunity: 'opportunity',
  customer: 'customer',
};
const MEASURE_OF: Partial<Record<FunnelStage, keyof Measures>> = {
  lead: 'leads',
  mql: 'mqls',
  sql: 'sqls',
  opportunity: 'opportunities',
};

/** Where a contact came from, as HubSpot records a visit: its source, drill-downs, URL and time. */
export interface Visit {
  /** `hs_analytics_source` / `hs_latest_source`, e.g. PAID_SOCIAL (or its label, "Paid Social"). */
  source?: string;
  /** Drill-down 1: the site, engine or campaign ("LinkedIn", "Google"). */
  detail?: string;
  /** The page's URL, with its UTM parameters when it had them. */
  url?: string;
  /** Epoch milliseconds. */
  time?: number;
}

/** A contact as both the API and the contacts export describe it. */
export interface Contact {
  id: string;
  first: Visit;
  latest: Visit;
  /** A `utm_content` contact property, when the portal keeps one (hidden form field). */
  utmContent?: string;
  /** When the contact entered each stage (epoch milliseconds). */
  stages: Partial<Record<FunnelStage, number>>;
}

/** HubSpot's source (enum or label) and drill-down → channel, when the visit URL carries no UTM tags. */
export function hubspotChannel(source: string | undefined, detail = ''): MetricChannel {
  const key = (source ?? '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  const site = detail.toLowerCase();
  switch (key) {
    case 'ORGANIC_SEARCH':
      return 'blog';
    case 'PAID_SEARCH':
      return site.includes('google') ? 'google-ads' : 'paid-search-other';
    case 'EMAIL_MARKETING':
      return 'email';
    case 'SOCIAL_MEDIA':
      if (site.includes('linkedin')) return 'linkedin';
      return site.includes('twitter') || site === 'x' ? 'x' : 'organic-social-other';
    case 'PAID_SOCIAL':
      if (site.includes('linkedin')) return 'linkedin-ads';
      return /facebook|instagram|meta/.test(site) ? 'meta-ads' : 'paid-social-other';
    case 'REFERRALS':
    case 'AI_REFERRALS':
      return 'referral';
    case 'DIRECT_TRAFFIC':
      return 'direct';
    case 'OTHER_CAMPAIGNS':
      return 'other';
    default:
      return 'unassigned';
  }
}

interface Attribution {
  channel: MetricChannel;
  source: string;
  medium: string;
  campaign: string;
  utm: string;
}

/** A visit's channel and tags: the URL's UTM parameters when it has them, else HubSpot's source. */
export function attribute(
  visit: Visit,
  utmContent: string | undefined,
  ledger?: Readonly<Record<string, MetricChannel>>,
): Attribution {
  const params = utmParams(visit.url);
  const utm = utmContent?.trim() || params.content;
  const source = params.source || (visit.source ?? '').toLowerCase();
  const channel =
    params.source || params.medium
      ? channelFor(params.source, params.medium, params.campaign)
      : hubspotChannel(visit.source, visit.detail);
  return {
    channel: withLedger(channel, utm, ledger),
    source,
    medium: params.medium,
    campaign: params.campaign,
    utm,
  };
}

function utmParams(url: string | undefined) {
  const empty = { source: '', medium: '', campaign: '', content: '' };
  const at = url?.indexOf('?') ?? -1;
  if (!url || at < 0) return empty;
  try {
    const q = new URLSearchParams(url.slice(at + 1).replace(/#.*$/, ''));
    return {
      source: q.get('utm_source') ?? '',
      medium: q.get('utm_medium') ?? '',
      campaign: q.get('utm_campaign') ?? '',
      content: q.get('utm_content') ?? '',
    };
  } catch {
    return empty;
  }
}

/**
 * A contact's funnel rows: one per day on which it entered lead, MQL, SQL or opportunity
 * (stages entered the same day share a row), credited to its first visit's channel and
 * utm_content — the funnel by where people came from. Days outside `window` are left out.
 */
export function contactRows(
  contact: Contact,
  file: string,
  row: number,
  window: DateWindow | undefined,
  ledger?: Readonly<Record<string, MetricChannel>>,
): MetricRow[] {
  const a = attribute(contact.first, contact.utmContent, ledger);
  const byDay = new Map<string, Measures>();
  for (const stage of FUNNEL_STAGES) {
    const measure = MEASURE_OF[stage];
    const time = contact.stages[stage];
    if (!measure || time === undefined) continue;
    const day = utcDay(time);
    if (window && (day < window.from || day > window.to)) continue;
    const measures = byDay.get(day) ?? {};
    measures[measure] = 1;
    byDay.set(day, measures);
  }
  return [...byDay].map(([date, measures]) =>
    metricRow(
      {
        date,
        channel: a.channel,
        source: a.source,
        medium: a.medium,
        campaign: a.campaign,
        utm_content: a.utm,
        record: `contact:${contact.id}`,
      },
      measures,
      { importer: 'hubspot', file, row },
    ),
  );
}

/**
 * A contact's journey for the attribution engine: its first visit and its latest one (HubSpot
 * keeps these two, not every visit), then the conversion: entering `conversionStage`.
 */
export function contactTouches(
  contact: Contact,
  conversionStage: FunnelStage,
  ledger?: Readonly<Record<string, MetricChannel>>,
): Touchpoint[] {
  const user = `hubspot:${contact.id}`;
  const touches: Touchpoint[] = [];
  const first = attribute(contact.first, contact.utmContent, ledger);
  if (contact.first.time !== undefined) {
    touches.push({
      user_id: user,
      timestamp: iso(contact.first.time),
      event: 'touch',
      channel: first.channel,
      value: 0,
    });
  }
  const latest = contact.latest;
  if (latest.time !== undefined && latest.time !== contact.first.time && (latest.source || latest.url)) {
    const channel = attribute(latest, undefined, ledger).channel;
    touches.push({ user_id: user, timestamp: iso(latest.time), event: 'touch', channel, value: 0 });
  }
  const converted = contact.stages[conversionStage];
  if (converted !== undefined && touches.length > 0) {
    // The channel of the last visit before the conversion (a later visit is the next journey's).
    const before = touches.filter((t) => Date.parse(t.timestamp) <= converted);
    const last = (before.at(-1) ?? touches[0]) as Touchpoint;
    touches.push({
      user_id: user,
      timestamp: iso(converted),
      event: 'conversion',
      channel: last.channel,
      value: 0,
    });
  }
  return touches;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A HubSpot date or datetime as exported or answered: epoch milliseconds, ISO, or "2027-04-14 10:21". */
export function hubspotTime(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{10,13}$/.test(text)) return Number(text.length === 10 ? `${text}000` : text);
  const normalised = /^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
    ? `${text.replace(' ', 'T')}Z`
    : /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? `${text}T00:00:00Z`
      : text;
  const ms = Date.parse(normalised);
  return Number.isFinite(ms) ? ms : undefined;
}
