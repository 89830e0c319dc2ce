import type { AssetType } from '../assets/asset-type.js';
import { utmSourceMedium, withUtm } from './tracking.js';

/**
 * The tracking link for one scheduled asset: the campaign's landing URL with UTM
 * parameters naming the campaign id (utm_campaign), the asset (utm_content) and where
 * the click came from. Assets that live on the brand's own site (blog, landing page,
 * lead magnet) are tagged with medium `owned` for the links that announce them.
 */
export function trackingLink(options: {
  landingUrl: string;
  campaignId: string;
  type: AssetType;
  channel: string;
  slug: string;
  variant?: string;
  keyword?: string;
}): string {
  const platform = options.channel === 'x' || options.channel === 'linkedin' ? options.channel : undefined;
  const sm = utmSourceMedium(options.type, platform) ?? { source: options.channel, medium: 'owned' };
  return withUtm(options.landingUrl, {
    ...sm,
    campaign: options.campaignId,
    content: `${options.slug}-${options.variant ?? 'a'}`,
    term: options.type === 'google-rsa' ? options.keyword : undefined,
  });
}
