import type { AssetType } from '../assets/asset-type.js';

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
 * Where traffic from an asset comes from, in values GA4's default channel grouping maps right: medium
 * `email` → Email, `cpc` from google → Paid Search, `paid_social` → Paid Social, `social` → Organic Social.
 * Pages on the brand's own site (blog, landing page, lead magnet) get none: UTM on internal links would
 * start a new session and lose the real source.
 */
export function utmSourceMedium(
  type: AssetType,
  platform?: string,
): { source: string; medium: string } | undefined {
  switch (type) {
    case 'email-sequence':
      return { source: 'email', medium: 'email' };
    case 'social-post':
      return { source: platform ?? 'social', medium: 'social' };
    case 'linkedin-ad':
      return { source: 'linkedin', medium: 'paid_social' };
    case 'google-rsa':
      return { source: 'google', medium: 'cpc' };
    default:
      return undefined;
  }
}

/** The URL with UTM parameters set (existing ones replaced, other query parameters and the hash kept). */
export function withUtm(url: string, utm: UtmParameters): string {
  const parsed = new URL(url);
  parsed.searchParams.set('utm_source', utm.source);
  parsed.searchParams.set('utm_medium', utm.medium);
  parsed.searchParams.set('utm_campaign', utm.campaign);
  parsed.searchParams.set('utm_content', utm.content);
  if (utm.term) parsed.searchParams.set('utm_term', utm.term);
  return parsed.toString();
}
