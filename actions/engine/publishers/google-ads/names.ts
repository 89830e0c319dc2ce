import type { PublishItem } from '../publisher.js';
import { clip, keyTag } from '../remote-key.js';

/*
 * How Crescendo names what it creates in Google Ads, so `find` recognises it. One campaign per asset
 * (its variants are ads side by side in one ad group, as Google rotates them); the campaign name ends
 * with a tag of campaign, asset and channel. A variant's ad is recognised by its final URL suffix,
 * whose utm_content names the asset and variant.
 */

export const assetTag = (item: PublishItem): string => keyTag(item.campaign, item.path, item.channel);

export const campaignName = (item: PublishItem): string =>
  `${clip(item.campaign, 60)} | ${clip(item.slug, 80)} | crescendo-${assetTag(item)}`;

export const budgetName = (item: PublishItem): string => `${campaignName(item)} | budget`;

export const adGroupName = (item: PublishItem): string => clip(item.slug, 200);

/** A GAQL string literal. */
export const gaqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * The ad's final URL suffix: the tracked link's UTM parameters, with `utm_term={keyword}` so Google
 * writes the keyword that matched (ValueTrack) instead of one hard-coded term. The landing page itself
 * stays clean in `finalUrls`.
 */
export function finalUrlSuffix(item: PublishItem): string {
  const params = new URLSearchParams();
  if (item.link) {
    for (const [name, value] of new URL(item.link).searchParams) {
      if (name.startsWith('utm_') && name !== 'utm_term') params.set(name, value);
    }
  }
  if (!params.has('utm_source')) params.set('utm_source', 'google');
  if (!params.has('utm_medium')) params.set('utm_medium', 'cpc');
  if (!params.has('utm_campaign')) params.set('utm_campaign', item.campaign);
  if (!params.has('utm_content')) params.set('utm_content', `${item.slug}-${item.variant}`);
  return `${params.toString()}&utm_term={keyword}`;
}

/** The `utm_content` that tells this variant's ad apart. */
export const variantMark = (item: PublishItem): string =>
  new URLSearchParams(finalUrlSuffix(item).replace('{keyword}', '')).get('utm_content') ?? '';
