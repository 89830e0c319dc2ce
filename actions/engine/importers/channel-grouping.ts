import { normaliseChannel } from '../channels/index.js';
import { METRIC_CHANNELS, type MetricChannel } from './metric-row.js';

/**
 * Source/medium → Crescendo channel, in the order GA4's default channel grouping applies
 * its rules ("[GA4] Default channel group", support.google.com/analytics/answer/9756891),
 * narrowed to the channels Crescendo plans for:
 *
 * | GA4 group | Crescendo channel |
 * | --- | --- |
 * | (Crescendo's own tag) medium `owned`, source a channel id | that channel (blog, landing-page, lead-magnet …) |
 * | Direct: source `(direct)`, medium `(none)`/`(not set)` | `direct` |
 * | Cross-network: campaign contains `cross-network` | `other` |
 * | Paid Search: search site + paid medium (`.*cp.*`, `ppc`, `retargeting`, `paid.*`) | google → `google-ads`, else `paid-search-other` |
 * | Paid Social: social site + paid medium | linkedin → `linkedin-ads`, facebook/instagram → `meta-ads`, else `paid-social-other` |
 * | Display (`display`, `banner`, `expandable`, `interstitial`, `cpm`), Paid Other | `other` |
 * | Organic Social: social site, or medium `social`, `social-network`, `social-media`, `sm` … | linkedin → `linkedin`, x/twitter/t.co → `x`, else `organic-social-other` |
 * | Organic Search: search site, or medium `organic` | `blog` |
 * | Referral: medium `referral`, `app`, `link` | `referral` |
 * | Email: source or medium `email`, `e-mail`, `e_mail`, `e mail` | `email` |
 * | Affiliates, Audio, SMS, Mobile push | `other` |
 * | anything else | `unassigned` |
 *
 * GA4 matches case-sensitively (a medium `Email` is Unassigned there); Crescendo lower-cases
 * first, because exports from other tools capitalise freely and the intent is clear.
 */
export function channelFor(source: string, medium: string, campaign = ''): MetricChannel {
  const s = source.trim().toLowerCase();
  const m = medium.trim().toLowerCase();
  if (m === 'owned') return metricChannel(s) ?? 'unassigned';
  if (s === '(direct)' && (m === '(none)' || m === '(not set)' || m === '')) return 'direct';
  if (campaign.toLowerCase().includes('cross-network')) return 'other';
  const site = siteName(s);
  const paid = PAID_MEDIUM.test(m);
  if (paid && SEARCH_SITES.has(site)) return site === 'google' ? 'google-ads' : 'paid-search-other';
  if (paid && SOCIAL_SITES.has(site)) return paidSocial(site);
  if (DISPLAY_MEDIUMS.has(m) || paid) return 'other';
  if (SOCIAL_SITES.has(site) || SOCIAL_MEDIUMS.has(m)) return organicSocial(site);
  if (SEARCH_SITES.has(site) || m === 'organic') return 'blog';
  if (REFERRAL_MEDIUMS.has(m)) return 'referral';
  if (EMAIL_WORDS.has(s) || EMAIL_WORDS.has(m)) return 'email';
  if (OTHER_MEDIUMS.has(m) || s === 'sms' || m.endsWith('push')) return 'other';
  return 'unassigned';
}

/** "google / cpc" (GA4's `sessionSourceMedium`) → its two halves; GA4's "(not set)" becomes ''. */
export function splitSourceMedium(value: string): { source: string; medium: string } {
  const at = value.indexOf(' / ');
  const source = at < 0 ? value : value.slice(0, at);
  const medium = at < 0 ? '' : value.slice(at + 3);
  return { source: notSet(source), medium: notSet(medium) };
}

/** GA4 writes "(not set)" for a missing value; a report reads it as nothing. */
export function notSet(value: string): string {
  const v = value.trim();
  return v === '(not set)' || v === '(none)' || v === '(not provided)' ? '' : v;
}

/** A channel written as text ("LinkedIn Ads", "lead-magnet", "SEO") → its id, or undefined. */
export function metricChannel(text: string): MetricChannel | undefined {
  const planned = normaliseChannel(text);
  if (planned) return planned;
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_/]+/g, '-');
  return (METRIC_CHANNELS as readonly string[]).includes(key) ? (key as MetricChannel) : undefined;
}

/** utm_source values are hosts as often as names: "www.linkedin.com", "m.facebook.com", "lnkd.in". */
function siteName(source: string): string {
  const host = source.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  if (SITE_ALIASES[host]) return SITE_ALIASES[host];
  const labels = host.replace(/^(www|m|l|lm|mobile)\./, '').split('.');
  return labels[0] ?? host;
}

function paidSocial(site: string): MetricChannel {
  if (site === 'linkedin') return 'linkedin-ads';
  if (META_SITES.has(site)) return 'meta-ads';
  return 'paid-social-other';
}

function organicSocial(site: string): MetricChannel {
  if (site === 'linkedin') return 'linkedin';
  if (site === 'x' || site === 'twitter') return 'x';
  return 'organic-social-other';
}

const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SITE_ALIASES: Record<string, string> = {
  't.co': 'twitter',
  'x.com': 'x',
  'lnkd.in': 'linkedin',
  'fb.com': 'facebook',
  'fb.me': 'facebook',
  'ig.me': 'instagram',
};
const SEARCH_SITES = new Set([
  'google',
  'bing',
  'yahoo',
  'duckduckgo',
  'baidu',
  'yandex',
  'ecosia',
  'naver',
  'ask',
  'aol',
  'startpage',
  'qwant',
  'brave',
  'search',
]);
const META_SITES = new Set(['facebook', 'fb', 'instagram', 'ig', 'meta', 'messenger', 'threads']);
const SOCIAL_SITES = new Set([
  ...META_SITES,
  'linkedin',
  'twitter',
  'x',
  'reddit',
  'pinterest',
  'tiktok',
  'snapchat',
  'quora',
  'mastodon',
  'bluesky',
  'bsky',
]);
const SOCIAL_MEDIUMS = new Set([
  'social',
  'social-network',
  'social-media',
  'sm',
  'social network',
  'social media',
]);
const DISPLAY_MEDIUMS = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const REFERRAL_MEDIUMS = new Set(['referral', 'app', 'link']);
const EMAIL_WORDS = new Set(['email', 'e-mail', 'e_mail', 'e mail']);
const OTHER_MEDIUMS = new Set(['affiliate', 'audio', 'sms', 'notification', 'mobile']);

/** `channelFor` with a memory: exports repeat a few source/medium/campaign triples on every row. */
export function cachedChannelFor(): (source: string, medium: string, campaign: string) => MetricChannel {
  const cache = new Map<string, MetricChannel>();
  return (source, medium, campaign) => {
    const key = `${source}\u0000${medium}\u0000${campaign}`;
    let channel = cache.get(key);
    if (channel === undefined) {
      channel = channelFor(source, medium, campaign);
      cache.set(key, channel);
    }
    return channel;
  };
}

/**
 * The ledger's channel for an asset when the source could not tell (a mangled or missing
 * tag leaves GA4 with "Unassigned"; a CRM export may not say where a lead came from).
 */
export function withLedger(
  channel: MetricChannel,
  utmContent: string,
  ledger: Readonly<Record<string, MetricChannel>> | undefined,
): MetricChannel {
  if (channel !== 'unassigned' || utmContent === '' || !ledger) return channel;
  return ledger[utmContent] ?? channel;
}
