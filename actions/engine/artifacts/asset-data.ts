import type { AssetType } from '../assets/asset-type.js';
import { AssetContext } from '../assets/shared/context.js';
import type { BrandVoice } from './brand.js';

/** The context the checks need, rebuilt from an asset file's front matter; undefined when it is incomplete. */
export function contextFromFrontMatter(
  type: AssetType,
  front: Record<string, unknown>,
  brand: BrandVoice,
): AssetContext | undefined {
  const parsed = AssetContext.safeParse({
    type,
    channel: front.channel,
    keyword: front.keyword,
    date: front.date,
    message: '(from file)',
    brand,
    campaignId: front.campaign,
    landingUrl: front.landingUrl,
  });
  return parsed.success ? parsed.data : undefined;
}
