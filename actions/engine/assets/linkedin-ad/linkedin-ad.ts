import { z } from 'zod';
import type { AssetModule } from '../asset-module.js';
import {
  checkSlug,
  checkUrl,
  checkVariantIds,
  slugField,
  urlField,
  variantIdField,
} from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { oneLine } from '../shared/markdown-text.js';
import { phrasePattern } from '../shared/phrase.js';
import { type ContentProblem, checkLength, error } from '../shared/problems.js';
import { charCount } from '../shared/text-length.js';
import { LINKEDIN_AD_LIMITS } from './limits.js';

/*
 * LinkedIn single image ad text (LinkedIn Help a426534, "Single image ads advertising specifications"):
 * - introductory text: 150 characters show before "see more"; the maximum is 600 (one current version of the
 *   page says 3,000: 600 is accepted under both, so it is the hard limit here);
 * - headline: 70 before truncation, 200 maximum; description: 100 before truncation, 300 maximum;
 * - destination URL: http(s), at most 2,000 characters;
 * - the call to action is picked from LinkedIn's fixed list (no free text);
 * - ad copy may not use the word "LinkedIn" (advertising policy: no implied affiliation).
 */
export { LINKEDIN_AD_LIMITS };

/** LinkedIn's call-to-action buttons, as the Marketing API names them, with the label members see. */
export const LINKEDIN_CTA_LABELS = {
  APPLY: 'Apply',
  DOWNLOAD: 'Download',
  VIEW_QUOTE: 'View Quote',
  LEARN_MORE: 'Learn More',
  SIGN_UP: 'Sign Up',
  SUBSCRIBE: 'Subscribe',
  REGISTER: 'Register',
  JOIN: 'Join',
  ATTEND: 'Attend',
  REQUEST_DEMO: 'Request Demo',
  SEE_MORE: 'See More',
  BUY_NOW: 'Buy Now',
  SHOP_NOW: 'Shop Now',
} as const;
export const LinkedInCallToAction = z.enum(
  Object.keys(LINKEDIN_CTA_LABELS) as [
    keyof typeof LINKEDIN_CTA_LABELS,
    ...(keyof typeof LINKEDIN_CTA_LABELS)[],
  ],
);
export type LinkedInCallToAction = z.infer<typeof LinkedInCallToAction>;

const LinkedInAdVariant = z.object({
  variantId: variantIdField,
  introText: z.string().optional(),
  headline: z.string().optional(),
  callToAction: LinkedInCallToAction.optional(),
});

export const LinkedInAd = z.object({
  slug: slugField,
  introText: z
    .string()
    .min(1)
    .describe('Text above the image: the first 150 characters must carry the message; at most 600'),
  headline: z.string().min(1).describe('Under the image: at most 70 characters to show whole, 200 at most'),
  description: z
    .string()
    .optional()
    .describe('Shown on some placements only: about 100 characters, 300 at most'),
  destinationUrl: urlField,
  callToAction: LinkedInCallToAction.describe("The button, from LinkedIn's fixed list"),
  variants: z
    .array(LinkedInAdVariant)
    .optional()
    .describe('A/B alternatives of intro text, headline or button'),
});
export type LinkedInAd = z.infer<typeof LinkedInAd>;

function checkLinkedInAd(ad: LinkedInAd, _ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [
    ...checkSlug('slug', ad.slug),
    ...checkVariantIds(ad.variants),
    ...checkUrl('destinationUrl', 'destination URL', ad.destinationUrl, LINKEDIN_AD_LIMITS.destinationUrl),
  ];
  const fields: {
    where: string;
    label: string;
    text: string;
    rule: { max: number; recommendedMax: number };
  }[] = [
    {
      where: 'introText',
      label: 'introductory text',
      text: ad.introText,
      rule: LINKEDIN_AD_LIMITS.introText,
    },
    { where: 'headline', label: 'headline', text: ad.headline, rule: LINKEDIN_AD_LIMITS.headline },
  ];
  if (ad.description !== undefined) {
    fields.push({
      where: 'description',
      label: 'description',
      text: ad.description,
      rule: LINKEDIN_AD_LIMITS.description,
    });
  }
  ad.variants?.forEach((v, i) => {
    if (v.introText !== undefined) {
      fields.push({
        where: `variants[${i}].introText`,
        label: `variant ${v.variantId} introductory text`,
        text: v.introText,
        rule: LINKEDIN_AD_LIMITS.introText,
      });
    }
    if (v.headline !== undefined) {
      fields.push({
        where: `variants[${i}].headline`,
        label: `variant ${v.variantId} headline`,
        text: v.headline,
        rule: LINKEDIN_AD_LIMITS.headline,
      });
    }
  });
  for (const f of fields) {
    problems.push(...checkLength(f.where, f.label, charCount(f.text), f.rule));
    if (phrasePattern('LinkedIn').test(f.text)) {
      problems.push(
        error(f.where, `${f.label} uses the word "LinkedIn"; LinkedIn's ad policy forbids it in ad copy`),
      );
    }
  }
  return problems;
}

function renderLinkedInAd(ad: LinkedInAd) {
  const body = [
    ad.introText.trim(),
    '',
    `**${oneLine(ad.headline)}**`,
    '',
    ...(ad.description ? [oneLine(ad.description), ''] : []),
    `Button: ${LINKEDIN_CTA_LABELS[ad.callToAction]} → <${ad.destinationUrl}>`,
    '',
  ];
  const markdown = `${body.join('\n')}`;
  return { markdown, extra: [] };
}

export const linkedInAdModule: AssetModule<LinkedInAd> = {
  title: (ad) => ad.headline,
  link: (ad) => ad.destinationUrl,
  schema: LinkedInAd,
  check: checkLinkedInAd,
  render: renderLinkedInAd,
  slug: (ad) => ad.slug,
};
