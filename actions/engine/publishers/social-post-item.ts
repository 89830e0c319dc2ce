import { composeSocialText, SocialPost } from '../assets/social-post/social-post.js';
import type { Problem } from '../errors.js';
import type { PublishItem } from './publisher.js';
import { PublishError } from './publisher.js';

/*
 * What the LinkedIn and X publishers read from a `social-post` item: `item.data` is the asset's validated
 * `SocialPost`; `item.variant` picks the text (`a` is `text`, others `variants[].text`); `item.link` is the
 * variant's tracked link (UTM applied), else `data.link` as written. The post is composed exactly as the
 * content stage rendered it (`composeSocialText`): text, missing hashtags, link.
 */

export interface SocialPostText {
  post: SocialPost;
  /** The whole post as it is sent. */
  text: string;
  /** The link inside it, if any. */
  link?: string;
}

export function readSocialPost(item: PublishItem, platform: 'linkedin' | 'x'): SocialPostText | Problem[] {
  if (item.type !== 'social-post') {
    return [{ where: item.path, message: `asset type "${item.type}" is not a social post` }];
  }
  const parsed = SocialPost.safeParse(item.data);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      where: `${item.path}: asset.${issue.path.join('.')}`,
      message: issue.message,
    }));
  }
  const post = parsed.data;
  if (item.channel !== platform) {
    return [{ where: `${item.path}: channel`, message: `this post is for ${item.channel}, not ${platform}` }];
  }
  const variant = item.variant === 'a' ? undefined : post.variants?.find((v) => v.variantId === item.variant);
  if (item.variant !== 'a' && !variant) {
    return [{ where: `${item.path}: asset.variants`, message: `the asset has no variant "${item.variant}"` }];
  }
  const link = item.link ?? post.link;
  return {
    post,
    link,
    text: composeSocialText({ text: variant?.text ?? post.text, hashtags: post.hashtags }, link),
  };
}

/** `readSocialPost`, for `publish` and `plan`: a bad item is a `PublishError` of code `invalid`. */
export function socialPostOrThrow(item: PublishItem, platform: 'linkedin' | 'x'): SocialPostText {
  const read = readSocialPost(item, platform);
  if (!Array.isArray(read)) return read;
  throw new PublishError('invalid', `${item.path} cannot be published on ${platform}`, {
    problems: read,
    fix: 'fix the asset file and approve it again',
  });
}

/**
 * Whether `found` is the tracked link `ours`: same host and path, and the same `utm_campaign` and
 * `utm_content` (campaign, asset and variant); without UTM parameters, the same URL. Platforms may
 * reorder the query or add a trailing "/", so the strings are not compared as they are.
 */
export function sameTrackedLink(found: string, ours: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(found);
    b = new URL(ours);
  } catch {
    return false;
  }
  const path = (u: URL) => `${u.hostname.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  if (path(a) !== path(b)) return false;
  const campaign = b.searchParams.get('utm_campaign');
  const content = b.searchParams.get('utm_content');
  if (campaign && content) {
    return a.searchParams.get('utm_campaign') === campaign && a.searchParams.get('utm_content') === content;
  }
  return a.search === b.search;
}

/** Whitespace runs collapsed, ends trimmed: how two renderings of one post are compared. */
export const normaliseSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();
