import {
  LINKEDIN_AD_LIMITS,
  LinkedInAd,
  type LinkedInCallToAction,
} from '../../assets/linkedin-ad/linkedin-ad.js';
import { charCount } from '../../assets/shared/text-length.js';
import type { Problem } from '../../errors.js';
import type { PublishItem } from '../publisher.js';
import { PublishError } from '../publisher.js';
import { clip, keyTag } from '../remote-key.js';

/*
 * What the LinkedIn Ads publisher reads from a `linkedin-ad` item: `item.data` is the asset's `LinkedInAd`;
 * `item.variant` picks `variants[]` overrides of intro text, headline and button; `item.link` is the
 * tracked destination (utm_medium=paid_social), else `data.destinationUrl`; `item.image` becomes the
 * single image. One campaign per asset (named with a tag of campaign, asset and channel), one creative
 * per variant (named with a tag of the publish key): that is how `find` recognises them.
 */

export interface AdCopy {
  introText: string;
  headline: string;
  description?: string;
  callToAction: LinkedInCallToAction;
  link: string;
}

export function readAd(item: PublishItem): AdCopy | Problem[] {
  if (item.type !== 'linkedin-ad')
    return [{ where: item.path, message: `asset type "${item.type}" is not a LinkedIn ad` }];
  const parsed = LinkedInAd.safeParse(item.data);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      where: `${item.path}: asset.${i.path.join('.')}`,
      message: i.message,
    }));
  }
  const ad = parsed.data;
  const variant = item.variant === 'a' ? undefined : ad.variants?.find((v) => v.variantId === item.variant);
  if (item.variant !== 'a' && !variant) {
    return [{ where: `${item.path}: asset.variants`, message: `the asset has no variant "${item.variant}"` }];
  }
  const copy: AdCopy = {
    introText: variant?.introText ?? ad.introText,
    headline: variant?.headline ?? ad.headline,
    description: ad.description,
    callToAction: variant?.callToAction ?? ad.callToAction,
    link: item.link ?? ad.destinationUrl,
  };
  const problems: Problem[] = [];
  if (charCount(copy.introText) > LINKEDIN_AD_LIMITS.introText.max) {
    problems.push({
      where: `${item.path}: asset.introText`,
      message: `longer than LinkedIn's ${LINKEDIN_AD_LIMITS.introText.max} characters`,
    });
  }
  if (charCount(copy.headline) > LINKEDIN_AD_LIMITS.headline.max) {
    problems.push({
      where: `${item.path}: asset.headline`,
      message: `longer than LinkedIn's ${LINKEDIN_AD_LIMITS.headline.max} characters`,
    });
  }
  if (copy.link.length > LINKEDIN_AD_LIMITS.destinationUrl) {
    problems.push({
      where: `${item.path}: link`,
      message: `the destination is longer than ${LINKEDIN_AD_LIMITS.destinationUrl} characters`,
    });
  }
  return problems.length > 0 ? problems : copy;
}

export function adOrThrow(item: PublishItem): AdCopy {
  const read = readAd(item);
  if (!Array.isArray(read)) return read;
  throw new PublishError('invalid', `${item.path} cannot be published on LinkedIn Ads`, {
    problems: read,
    fix: 'fix the asset file and approve it again',
  });
}

export const campaignName = (item: PublishItem): string =>
  `${clip(item.campaign, 60)} | ${clip(item.slug, 80)} | crescendo-${keyTag(item.campaign, item.path, item.channel)}`;

export const creativeName = (item: PublishItem): string =>
  `${clip(item.slug, 80)} ${item.variant} | crescendo-${keyTag(item.key)}`;
