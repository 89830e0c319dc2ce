/**
 * The content asset model: for each asset type, the zod schema the model fills, the checks that decide
 * whether it may ship, and the renderers that turn it into files. The content stage asks for one asset at a
 * time, then calls `checkAsset`, then `renderAsset`, and writes to `assetPath(...)`.
 */
import type { z } from 'zod';
import { trackedLink, utmContent } from '../channels/tracking.js';
import type { AssetModule, RenderedAsset } from './asset-module.js';
import type { AssetType } from './asset-type.js';
import { blogPostModule } from './blog-post/blog-post.js';
import { emailSequenceModule } from './email-sequence/email-sequence.js';
import { googleRsaModule } from './google-rsa/google-rsa.js';
import { landingPageModule } from './landing-page/landing-page.js';
import { leadMagnetModule } from './lead-magnet/lead-magnet.js';
import { linkedInAdModule } from './linkedin-ad/linkedin-ad.js';
import { checkBrand } from './shared/brand-checks.js';
import type { AssetContext } from './shared/context.js';
import { type ContentProblem, error, schemaProblems } from './shared/problems.js';
import { socialPostModule } from './social-post/social-post.js';

export { assetPath } from '../artifacts/asset.js';
export { BrandVoice, parseBrandVoice } from '../artifacts/brand.js';
export { utmContent, withUtm } from '../channels/tracking.js';
export type { AssetModule, ExtraFile, RenderedAsset } from './asset-module.js';
export { AssetType } from './asset-type.js';
export { BLOG_LIMITS, BlogPost } from './blog-post/blog-post.js';
export { UNSUBSCRIBE_PLACEHOLDER } from './email-sequence/email-html.js';
export { EMAIL_LIMITS, EmailSequence } from './email-sequence/email-sequence.js';
export { GoogleRsa, RSA_LIMITS } from './google-rsa/google-rsa.js';
export { LANDING_LIMITS, LandingPage } from './landing-page/landing-page.js';
export { LEAD_MAGNET_LIMITS, LeadMagnet } from './lead-magnet/lead-magnet.js';
export {
  LINKEDIN_AD_LIMITS,
  LINKEDIN_CTA_LABELS,
  LinkedInAd,
  LinkedInCallToAction,
} from './linkedin-ad/linkedin-ad.js';
export { copyTexts } from './shared/brand-checks.js';
export { CallToAction } from './shared/common.js';
export { AssetContext } from './shared/context.js';
export { escapeHtml, safeUrl } from './shared/html.js';
export { markdownToHtml } from './shared/markdown-html.js';
export { blockingProblems, type ContentProblem, type Severity } from './shared/problems.js';
export { AssetRequest, checkAssetRequest, MAX_ASSETS_PER_PLAN } from './shared/request.js';
export { slugify } from './shared/slug.js';
export { charCount, googleAdsLength, xWeightedLength } from './shared/text-length.js';
export { composeSocialText, SocialPost } from './social-post/social-post.js';

/** The schema of the model's answer for each asset type. */
export const assetSchemas = {
  'blog-post': blogPostModule.schema,
  'landing-page': landingPageModule.schema,
  'email-sequence': emailSequenceModule.schema,
  'social-post': socialPostModule.schema,
  'google-rsa': googleRsaModule.schema,
  'linkedin-ad': linkedInAdModule.schema,
  'lead-magnet': leadMagnetModule.schema,
} as const satisfies Record<AssetType, z.ZodType>;

/** The parsed answer for asset type `T`. */
export type AssetData<T extends AssetType> = z.infer<(typeof assetSchemas)[T]>;

type AssetModules = { [K in AssetType]: AssetModule<AssetData<K>> };

const assetModules: AssetModules = {
  'blog-post': blogPostModule,
  'landing-page': landingPageModule,
  'email-sequence': emailSequenceModule,
  'social-post': socialPostModule,
  'google-rsa': googleRsaModule,
  'linkedin-ad': linkedInAdModule,
  'lead-magnet': leadMagnetModule,
};

/**
 * Every broken rule of a model's answer: first its shape (schema), then the type's limits, the variant ids
 * and the brand rules. Errors block shipping; warnings are reported. Paths are 0-based (`headlines[2]`),
 * messages count from 1 ("headline 3 is 34 characters; the limit is 30").
 */
export function checkAsset<T extends AssetType>(type: T, data: unknown, ctx: AssetContext): ContentProblem[] {
  const assetModule: AssetModules[T] = assetModules[type];
  const parsed = assetModule.schema.safeParse(data);
  if (!parsed.success) return schemaProblems(parsed.error.issues);
  const problems: ContentProblem[] = [];
  if (ctx.type !== type) problems.push(error('(context)', `the context is for a ${ctx.type}, not a ${type}`));
  problems.push(...assetModule.check(parsed.data, ctx), ...checkBrand(type, parsed.data, ctx.brand));
  return problems;
}

/** The asset's copy as markdown and its ready-to-ship companions (HTML pages and emails). */
export function renderAsset<T extends AssetType>(
  type: T,
  data: AssetData<T>,
  ctx: AssetContext,
): RenderedAsset {
  const assetModule: AssetModules[T] = assetModules[type];
  return assetModule.render(data, ctx);
}

/** The slug an asset's file is named after (see `assetPath`). */
export function assetSlug<T extends AssetType>(type: T, data: AssetData<T>): string {
  const assetModule: AssetModules[T] = assetModules[type];
  return assetModule.slug(data);
}

/** How a person names the asset in lists and pull requests. */
export function assetTitle<T extends AssetType>(type: T, data: AssetData<T>): string {
  const assetModule: AssetModules[T] = assetModules[type];
  return assetModule.title(data);
}

/** One way an asset goes out: `a` as written, then its A/B alternatives, each with its own `utm_content`. */
export interface AssetVariant {
  id: string;
  utmContent: string;
  /** The tracked link people click, for assets that send people to a page from off the brand's site. */
  link?: string;
}

/** Every variant of an asset with its tracked link, derived from the data and the channel's tracking. */
export function assetVariants<T extends AssetType>(
  type: T,
  data: AssetData<T>,
  ctx: Pick<AssetContext, 'channel' | 'campaignId' | 'landingUrl'>,
): AssetVariant[] {
  const assetModule: AssetModules[T] = assetModules[type];
  const slug = assetModule.slug(data);
  const target = assetModule.link?.(data) ?? ctx.landingUrl;
  const ids = [
    'a',
    ...((data as { variants?: { variantId: string }[] }).variants ?? []).map((v) => v.variantId),
  ];
  return ids.map((id) => {
    const content = utmContent(slug, id);
    const link = target
      ? trackedLink(target, { channel: ctx.channel, campaignId: ctx.campaignId, content })
      : undefined;
    return { id, utmContent: content, ...(link && link !== target ? { link } : {}) };
  });
}
