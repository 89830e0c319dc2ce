import { type PlannedEntry, publishKey } from '../artifacts/ledger.js';
import type { AssetType } from '../assets/asset-type.js';
import { assetVariants } from '../assets/index.js';
import { Channel } from '../channels/index.js';
import { emailUtmContent, trackedLink } from '../channels/tracking.js';
import { type PublishingConfig, publisherIdFor } from '../config/publishing.js';
import type { AssetFile } from './approved-assets.js';

/*
 * From approved assets to the ledger. A slot is one thing the model times: an asset's variant (an email
 * sequence's start). Code then expands a slot into entries (one per email of a sequence) with their keys
 * and tracked links. Which variants go out is decided per asset type, because an A/B variant only makes
 * sense where the platform shows the variants side by side.
 */

export const VARIANT_POLICY: Record<AssetType, { sideBySide: boolean; why: string }> = {
  'social-post': { sideBySide: true, why: 'each variant is a post of its own, at its own time' },
  'google-rsa': { sideBySide: true, why: 'each variant is an ad in the same ad group; Google rotates them' },
  'linkedin-ad': {
    sideBySide: true,
    why: 'each variant is a creative of the same campaign; LinkedIn rotates them',
  },
  'blog-post': {
    sideBySide: false,
    why: "a post has one URL: the other variants' titles and descriptions are for an on-page test, not second posts",
  },
  'email-sequence': {
    sideBySide: false,
    why: 'each email goes to the whole list: sending another variant too would send every reader both',
  },
  'landing-page': { sideBySide: false, why: 'a page on your site: your site splits its traffic' },
  'lead-magnet': { sideBySide: false, why: 'offered through the landing page form' },
};

export interface Slot {
  /** `path#variant`: what the model gives a time to. */
  id: string;
  asset: AssetFile;
  variant: string;
  publisher: string;
  /** Email sequences: each email's day offset from the start. */
  emailOffsets?: number[];
}

/** An approved asset, or one of its variants, that no ledger entry sends, and why. */
export interface NotSent {
  path: string;
  variant?: string;
  reason: string;
}

function ownSiteReason(type: AssetType, channel: string, landingUrl: string | undefined): string {
  if (type === 'landing-page')
    return `a page of your own site: put it live${landingUrl ? ` at ${landingUrl}` : ''} before the first entry that links to it (its HTML is next to the asset)`;
  if (type === 'lead-magnet')
    return 'delivered through the landing page form: make it available there before the first entry';
  return `Crescendo has no publisher for ${channel}: publish it by hand`;
}

export const slotId = (path: string, variant: string): string => `${path}#${variant}`;

export function planSlots(
  assets: readonly AssetFile[],
  publishing: PublishingConfig,
  campaign: string,
): { slots: Slot[]; notSent: NotSent[] } {
  const slots: Slot[] = [];
  const notSent: NotSent[] = [];
  for (const asset of assets) {
    const { type, channel } = asset.front;
    const publisher = publisherIdFor(publishing, channel);
    if (!publisher) {
      notSent.push({ path: asset.path, reason: ownSiteReason(type, channel, asset.front.landingUrl) });
      continue;
    }
    const variants = assetVariants(type, asset.data as never, {
      channel,
      campaignId: campaign,
      landingUrl: asset.front.landingUrl,
    });
    const policy = VARIANT_POLICY[type];
    for (const variant of variants) {
      if (variant.id !== 'a' && !policy.sideBySide) {
        notSent.push({ path: asset.path, variant: variant.id, reason: `not sent: ${policy.why}` });
        continue;
      }
      const emails =
        type === 'email-sequence' ? (asset.data as { emails: { sendOffsetDays: number }[] }).emails : [];
      slots.push({
        id: slotId(asset.path, variant.id),
        asset,
        variant: variant.id,
        publisher,
        ...(type === 'email-sequence' ? { emailOffsets: emails.map((e) => e.sendOffsetDays) } : {}),
      });
    }
  }
  return { slots, notSent };
}

/** The same wall-clock time and offset, `days` calendar days later: `2027-04-13T07:30:00-04:00` + 3. */
export function shiftDays(iso: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T.*)$/.exec(iso);
  if (!match) throw new Error(`not an ISO 8601 time: ${iso}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return `${date.toISOString().slice(0, 10)}${match[4]}`;
}

export interface EntryExtras {
  /** Search ads: the ad group's keywords. */
  keywords?: string[];
  /** Ads: the proposed daily budget. */
  dailyBudget?: number;
}

/** The entries of one timed slot: one, or one per email of a sequence, each with its key and link. */
export function entriesOfSlot(
  slot: Slot,
  publishAt: string,
  campaign: string,
  extras: EntryExtras = {},
): PlannedEntry[] {
  const { asset, variant, publisher } = slot;
  const { type } = asset.front;
  // A slot exists only for a channel that has a publisher, so its channel is a registered one.
  const channel = Channel.parse(asset.front.channel);
  const base = { path: asset.path, type, channel, variant, publisher };
  if (slot.emailOffsets) {
    const { slug, emails } = asset.data as { slug: string; emails: { cta: { url: string } }[] };
    return slot.emailOffsets.map((offset, i) => {
      const email = i + 1;
      const cta = emails[i]?.cta.url;
      const link = cta
        ? trackedLink(cta, { channel, campaignId: campaign, content: emailUtmContent(slug, email, variant) })
        : undefined;
      return {
        ...base,
        key: publishKey({ campaign, path: asset.path, variant, channel, email }),
        email,
        publishAt: shiftDays(publishAt, offset),
        ...(link ? { link } : {}),
      };
    });
  }
  const link = assetVariants(type, asset.data as never, {
    channel,
    campaignId: campaign,
    landingUrl: asset.front.landingUrl,
  }).find((v) => v.id === variant)?.link;
  return [
    {
      ...base,
      key: publishKey({ campaign, path: asset.path, variant, channel }),
      publishAt,
      ...(link ? { link } : {}),
      ...(extras.keywords?.length ? { keywords: extras.keywords } : {}),
      ...(extras.dailyBudget ? { dailyBudget: extras.dailyBudget } : {}),
    },
  ];
}
