import { Channel, channelOf } from './index.js';

export interface UtmParameters {
  source: string;
  medium: string;
  campaign: string;
  content: string;
  term?: string;
}

/** `utm_content` of one variant: the asset's slug and the variant letter, e.g. `spring-sale-b`. */
export const utmContent = (slug: string, variantId: string): string => `${slug}-${variantId}`;

/**
 * `utm_content` of one email of a sequence: each email its own, so a report tells which email brought the
 * visit, e.g. `trial-onboarding-email-2-a`.
 */
export const emailUtmContent = (slug: string, email: number, variantId: string): string =>
  utmContent(`${slug}-email-${email}`, variantId);

/** Google Ads fills `{keyword}` (a ValueTrack parameter) with the keyword that matched, at click time. */
export const KEYWORD_VALUETRACK = '{keyword}';

/** The URL with UTM parameters set (existing ones replaced, other query parameters and the hash kept). */
export function withUtm(url: string, utm: UtmParameters): string {
  const parsed = new URL(url);
  parsed.searchParams.set('utm_source', utm.source);
  parsed.searchParams.set('utm_medium', utm.medium);
  parsed.searchParams.set('utm_campaign', utm.campaign);
  parsed.searchParams.set('utm_content', utm.content);
  if (utm.term) parsed.searchParams.set('utm_term', utm.term);
  // ValueTrack braces must reach Google Ads as written, not percent-encoded.
  return parsed.toString().replace('%7Bkeyword%7D', KEYWORD_VALUETRACK);
}

/**
 * The link an asset on `channel` carries to `url`: tagged with the channel's source and medium, the campaign
 * and the variant's `utm_content` — one place decides this for every channel. Links from the brand's own
 * pages (channels without tracking) and links to other sites stay as written: UTM parameters on internal
 * links start a new GA4 session and hide the visit's real source.
 */
export function trackedLink(
  url: string,
  options: { channel: string; campaignId: string; content: string; siteHosts?: readonly string[] },
): string {
  const channel = Channel.safeParse(options.channel);
  const tracking = channel.success ? channelOf(channel.data).tracking : undefined;
  if (!tracking) return url;
  if (options.siteHosts?.length && !options.siteHosts.includes(new URL(url).hostname)) return url;
  return withUtm(url, {
    ...tracking,
    campaign: options.campaignId,
    content: options.content,
    term: options.channel === 'google-ads' ? KEYWORD_VALUETRACK : undefined,
  });
}
