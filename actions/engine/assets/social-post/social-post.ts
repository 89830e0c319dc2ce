import { z } from 'zod';
import { trackedLink as tagged, utmContent } from '../../channels/tracking.js';
import type { AssetModule } from '../asset-module.js';
import { checkSlug, checkUrl, checkVariantIds, slugField, variantIdField } from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { frontMatter } from '../shared/front-matter.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { charCount, X_MAX_WEIGHTED_LENGTH, xWeightedLength } from '../shared/text-length.js';

/*
 * Limits:
 * - X: 280 weighted characters, counted by twitter-text's parseTweet as X documents (docs.x.com,
 *   "Counting characters"): CJK and emoji weigh 2, every URL counts as its t.co length, 23.
 * - LinkedIn: 3,000 characters per post (LinkedIn's composer refuses more).
 * - Hashtags: more than 3 reads as spam on both networks (warning).
 */
export const SOCIAL_LIMITS = {
  x: { max: X_MAX_WEIGHTED_LENGTH },
  linkedin: { max: 3000 },
  recommendedMaxHashtags: 3,
} as const;

const hashtagField = z
  .string()
  .describe('Without "#", letters, digits and underscores only, e.g. "MarketingOps"');

const SocialVariant = z.object({
  variantId: variantIdField,
  text: z
    .string()
    .min(1)
    .describe('Alternative post text (the link and hashtags are added as for the original)'),
});

export const SocialPost = z.object({
  platform: z.enum(['x', 'linkedin']),
  slug: slugField,
  text: z
    .string()
    .min(1)
    .describe(
      'The post. On X the whole post (text, hashtags, link) must fit 280 weighted characters; on LinkedIn 3,000',
    ),
  link: z
    .string()
    .optional()
    .describe('Absolute https:// URL to share, appended to the text; on X it counts as 23 characters'),
  hashtags: z.array(hashtagField).describe('Appended to the text unless already in it; at most 3'),
  variants: z.array(SocialVariant).optional().describe('A/B alternatives of the text'),
});
export type SocialPost = z.infer<typeof SocialPost>;

/**
 * The text as it will be posted: the copy, then hashtags not already in it, then the link (with its UTM
 * parameters when given; on X that does not change the count, every URL is 23).
 */
export function composeSocialText(post: Pick<SocialPost, 'text' | 'hashtags'>, link?: string): string {
  const present = new Set((post.text.match(/#[\p{L}\p{N}_]+/gu) ?? []).map((t) => t.slice(1).toLowerCase()));
  const tags = post.hashtags.filter((t) => !present.has(t.toLowerCase())).map((t) => `#${t}`);
  const parts = [post.text.trim()];
  if (tags.length > 0) parts.push(tags.join(' '));
  if (link) parts.push(link);
  return parts.join('\n\n');
}

function checkSocialPost(post: SocialPost, ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [...checkSlug('slug', post.slug), ...checkVariantIds(post.variants)];
  if (post.link !== undefined) {
    const linkProblems = checkUrl('link', 'link', post.link);
    problems.push(...linkProblems);
    if (linkProblems.length === 0 && post.platform === 'x' && xWeightedLength(post.link) !== 23) {
      // X only shortens URLs whose domain ending it knows; others count in full.
      problems.push(
        warning('link', `X does not recognise "${post.link}" as a link, so it counts every character of it`),
      );
    }
  }
  post.hashtags.forEach((tag, i) => {
    if (!/^[\p{L}\p{N}_]+$/u.test(tag.replace(/^#/, '')) || /^\d+$/.test(tag.replace(/^#/, ''))) {
      problems.push(
        error(
          `hashtags[${i}]`,
          `hashtag ${i + 1} "${tag}" must be letters, digits and underscores, not only digits`,
        ),
      );
    }
  });
  if (post.hashtags.length > SOCIAL_LIMITS.recommendedMaxHashtags) {
    problems.push(
      warning(
        'hashtags',
        `there are ${post.hashtags.length} hashtags; the recommended maximum is ${SOCIAL_LIMITS.recommendedMaxHashtags}`,
      ),
    );
  }
  const texts = [{ where: 'text', label: 'the post', text: post.text, variantId: 'a' }];
  post.variants?.forEach((v, i) => {
    texts.push({
      where: `variants[${i}].text`,
      label: `variant ${v.variantId}`,
      text: v.text,
      variantId: v.variantId,
    });
  });
  for (const t of texts) {
    // Count the text as it will be posted: with the tracked link (UTM parameters added).
    const composed = composeSocialText(
      { text: t.text, hashtags: post.hashtags },
      trackedLink(post, ctx, t.variantId),
    );
    if (post.platform === 'x') {
      problems.push(
        ...checkLength(
          t.where,
          `${t.label} (with hashtags and link, every URL counted as 23)`,
          xWeightedLength(composed),
          SOCIAL_LIMITS.x,
          'weighted characters',
        ),
      );
    } else {
      problems.push(
        ...checkLength(
          t.where,
          `${t.label} (with hashtags and link)`,
          charCount(composed),
          SOCIAL_LIMITS.linkedin,
        ),
      );
    }
  }
  return problems;
}

function trackedLink(post: SocialPost, ctx: AssetContext, variantId: string): string | undefined {
  if (!post.link) return post.link;
  return tagged(post.link, {
    channel: ctx.channel,
    campaignId: ctx.campaignId,
    content: utmContent(post.slug, variantId),
  });
}

function renderSocialPost(post: SocialPost, ctx: AssetContext) {
  const composedA = composeSocialText(post, trackedLink(post, ctx, 'a'));
  const length = post.platform === 'x' ? xWeightedLength(composedA) : charCount(composedA);
  const markdown = `${frontMatter({
    type: 'social-post',
    ctx,
    slug: post.slug,
    title: post.text.split('\n')[0]!.slice(0, 80),
    platform: post.platform,
    linkUrl: post.link,
    variants: [
      { id: 'a' },
      ...(post.variants ?? []).map((v) => ({
        id: v.variantId,
        changes: {
          text: composeSocialText(
            { text: v.text, hashtags: post.hashtags },
            trackedLink(post, ctx, v.variantId),
          ),
        },
      })),
    ],
    extra: { length, length_unit: post.platform === 'x' ? 'weighted characters' : 'characters' },
  })}\n${composedA}\n`;
  return { markdown, extra: [] };
}

export const socialPostModule: AssetModule<SocialPost> = {
  schema: SocialPost,
  check: checkSocialPost,
  render: renderSocialPost,
  slug: (post) => post.slug,
};
