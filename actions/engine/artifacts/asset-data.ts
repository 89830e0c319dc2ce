import { stringify } from 'yaml';
import type { AssetType } from '../assets/asset-type.js';
import { AssetContext } from '../assets/shared/context.js';
import type { BrandVoice } from './brand.js';

/**
 * Adds the validated answer (`asset:`) and the landing URL the checks used (`landing_url:`) to the end of a
 * rendered asset's front matter, so `crescendo check` can run the same limits on a hand-edited file.
 */
export function withAssetData(markdown: string, data: unknown, landingUrl?: string): string {
  const end = markdown.indexOf('\n---', 3);
  if (!markdown.startsWith('---\n') || end < 0) return markdown;
  const extra = stringify(
    { ...(landingUrl ? { landing_url: landingUrl } : {}), asset: data },
    { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 },
  );
  return `${markdown.slice(0, end)}\n${extra.trimEnd()}${markdown.slice(end)}`;
}

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
    message: typeof front.title === 'string' && front.title.trim() ? front.title : '(from file)',
    brand,
    campaignId: front.campaign,
    landingUrl: front.landing_url,
  });
  return parsed.success ? parsed.data : undefined;
}
