import { stringify } from 'yaml';
import { trackedLink, utmContent } from '../../channels/tracking.js';
import type { AssetType } from '../asset-type.js';
import type { AssetContext } from './context.js';

export interface VariantFrontMatter {
  id: string;
  utm_content: string;
  /** The tracked link, for assets that send people to a page (ads, emails, social posts). */
  link?: string;
  /** What this variant changes (snake_case keys), so the reviewer sees every alternative. */
  changes?: Record<string, unknown>;
}

export interface VariantInput {
  id: string;
  changes?: Record<string, unknown>;
}

export interface FrontMatterInput {
  type: AssetType;
  ctx: AssetContext;
  slug: string;
  title: string;
  /** `a` (the asset as written) first, then the alternatives. */
  variants: readonly VariantInput[];
  /** Where the asset links to; gets UTM parameters per variant when the asset is off-site. */
  linkUrl?: string;
  platform?: string;
  /** Type-specific fields (snake_case), appended after the common ones. */
  extra?: Record<string, unknown>;
}

/**
 * The YAML front matter every asset file starts with. Every string is double-quoted so that YAML 1.1
 * readers (gray-matter's js-yaml) read `2026-03-02` as a string, not a Date, and `no` as a word, not false.
 */
export function frontMatter(input: FrontMatterInput): string {
  const { ctx, slug } = input;
  const variants: VariantFrontMatter[] = input.variants.map(({ id, changes }) => {
    const variant: VariantFrontMatter = { id, utm_content: utmContent(slug, id) };
    if (input.linkUrl) {
      const link = trackedLink(input.linkUrl, {
        channel: ctx.channel,
        campaignId: ctx.campaignId,
        content: variant.utm_content,
      });
      if (link !== input.linkUrl) variant.link = link;
    }
    if (changes && Object.keys(changes).length > 0) variant.changes = dropUndefined(changes);
    return variant;
  });
  const data: Record<string, unknown> = {
    title: input.title,
    type: input.type,
    channel: ctx.channel,
    date: ctx.date,
    status: 'draft',
    campaign: ctx.campaignId,
    slug,
  };
  if (ctx.keyword) data.keyword = ctx.keyword;
  if (input.platform) data.platform = input.platform;
  data.variants = variants;
  Object.assign(data, input.extra ?? {});
  const yaml = stringify(data, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  return `---\n${yaml}---\n`;
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
