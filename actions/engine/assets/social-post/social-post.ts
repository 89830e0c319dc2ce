import { z } from 'zod';
import { SOCIAL_CHANNELS, socialPostLimits } from '../../channels/index.js';
import { trackedLink as tagged, utmContent } from '../../channels/tracking.js';
import type { AssetModule } from '../asset-module.js';
import { checkSlug, checkUrl, checkVariantIds, slugField, variantIdField } from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { postLength, xWeightedLength } from '../shared/text-length.js';

/*
 * A social post is written for one network: its channel (channels/<id>/ declares `socialPost` limits: the
 * maximum length, how the network counts it, and how many hashtags read as spam). The post's network is
 * its channel, never a field of its own.
 */

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
  slug: slugField,
  text: z
    .string()
    .min(1)
    .describe(
      "The post. The whole post (text, hashtags, link) must fit the network's limit given in the prompt",
    ),
  link: z
    .string()
    .optional()
    .describe('Absolute https:// URL to share, appended to the text (X counts any URL as 23 characters)'),
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
  const limits = socialPostLimits(ctx.channel);
  if (!limits) {
    return [
      ...problems,
      error(
        '(context)',
        `${ctx.channel} is not a social network; social posts go to ${SOCIAL_CHANNELS.join(', ')}`,
      ),
    ];
  }
  if (post.link !== undefined) {
    const linkProblems = checkUrl('link', 'link', post.link);
    problems.push(...linkProblems);
    if (linkProblems.length === 0 && limits.counting === 'x-weighted' && xWeightedLength(post.link) !== 23) {
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
  if (post.hashtags.length > limits.recommendedMaxHashtags) {
    problems.push(
      warning(
        'hashtags',
        `there are ${post.hashtags.length} hashtags; the recommended maximum is ${limits.recommendedMaxHashtags}`,
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
    const unit = limits.counting === 'x-weighted' ? 'weighted characters' : 'characters';
    const how = limits.counting === 'x-weighted' ? ', every URL counted as 23' : '';
    problems.push(
      ...checkLength(
        t.where,
        `${t.label} (with hashtags and link${how})`,
        postLength(composed, limits.counting),
        { max: limits.maxLength },
        unit,
      ),
    );
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
  const markdown = `${composedA}\n`;
  return { markdown, extra: [] };
}

export const socialPostModule: AssetModule<SocialPost> = {
  title: (post) => post.text.split('\n')[0]!.slice(0, 80),
  link: (post) => post.link,
  schema: SocialPost,
  check: checkSocialPost,
  render: renderSocialPost,
  slug: (post) => post.slug,
};
