import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import { Channel, SocialChannel } from '../channels/index.js';
import { strictObject } from '../files/strict-object.js';
import { ObjectiveMetric } from '../planning/metrics.js';
import { atMost, atMostChars, atMostItems, BRIEF_LIMITS as L } from './brief-limits.js';

/** Campaign ids are stable slugs: they name folders, branches and UTM campaigns. */
export const CAMPAIGN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
export const CampaignId = z
  .string()
  .regex(
    CAMPAIGN_ID_PATTERN,
    'must be a lowercase slug of 3–64 letters, digits and dashes, e.g. "q2-2025-launch"',
  );

export const IsoDate = z.iso.date({ message: 'must be a date written yyyy-mm-dd' });
export const HttpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(L.url, atMostChars(L.url));

/** Free text of at most `max` characters. */
export const Text = (max: number) => z.string().trim().max(max, atMostChars(max));
/** An amount, target or baseline: a finite number below the brief's bound. */
const Amount = z.number({ message: 'must be a number' }).max(L.amount, atMost(L.amount));

/** A rate's period: "20,000 visitors a month" is per month, not a campaign total. */
export const Period = z.enum(['day', 'week', 'month', 'quarter', 'year']);
export type Period = z.infer<typeof Period>;

export const Objective = strictObject({
  metric: ObjectiveMetric.describe('What is counted, from the known vocabulary'),
  target: Amount.positive('must be greater than 0'),
  unit: Text(L.unit).min(1).default('count'),
  deadline: IsoDate,
  description: Text(L.objectiveText).min(1).optional(),
  businessGoal: Text(L.objectiveText).min(1).optional(),
  /** Counted on one channel only: "organic sessions" and "blog growth" are the blog's. */
  channel: Channel.optional(),
  /** The value today, in the target's unit and period; a growth goal is measured from it. */
  baseline: Amount.nonnegative('must be 0 or more').optional(),
  /** Growth asked for, in percent of the baseline: target = baseline × (1 + growth / 100). */
  growth: z
    .number({ message: 'must be a number' })
    .positive('must be greater than 0')
    .max(L.growthPercent, atMost(L.growthPercent))
    .optional(),
  /** Set when target and baseline are rates per period (a month's visitors), not campaign totals. */
  period: Period.optional(),
});
export type Objective = z.infer<typeof Objective>;

/** A network social posts can be written for: any channel that declares social post limits. */
export const SocialPlatform = SocialChannel;
export type SocialPlatform = SocialChannel;

/** How many of a social-post line go to one network. */
export const PlatformShare = strictObject({
  platform: SocialPlatform,
  count: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(L.amount, atMost(L.amount)),
});
export type PlatformShare = z.infer<typeof PlatformShare>;

export const AssetRequestLine = strictObject({
  type: AssetType,
  count: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(L.amount, atMost(L.amount)),
  /** Longest main text wanted, in the platform's characters; must fit the platform's own limit. */
  maxLength: z.number().int().positive().max(L.maxLength, atMost(L.maxLength)).optional(),
  /** For social posts on one network: which (their limits differ). */
  platform: SocialPlatform.optional(),
  /** For social posts split across networks: how many on each; the counts add up to `count`. */
  platforms: z.array(PlatformShare).min(1).max(L.items, atMostItems(L.items)).optional(),
  /**
   * One name per item, in order: an email sequence's name (welcome, nurture), a lead magnet's kind
   * (ebook, template), a landing page's purpose (trial, demo), or what each ad promotes.
   */
  names: z.array(Text(L.item).min(1)).min(1).max(L.items, atMostItems(L.items)).optional(),
  /** Each item promotes one asset of this type ("LinkedIn ads for both lead magnets"). */
  promotes: AssetType.optional(),
  /** What the requester added that is not a name or a platform ("SEO-optimized"), as written. */
  notes: z.array(Text(L.note).min(1)).min(1).max(L.items, atMostItems(L.items)).optional(),
});
export type AssetRequestLine = z.infer<typeof AssetRequestLine>;

/** One of the campaign's landing pages: where traffic for one purpose lands. */
export const LandingPage = strictObject({
  purpose: Text(L.item).min(1, 'say what the page is for, such as trial or demo'),
  url: HttpUrl,
});
export type LandingPage = z.infer<typeof LandingPage>;

/**
 * How often a channel publishes: `times` per `every` × `unit` ("2 posts/week": 2 per 1 week; "fortnightly":
 * 1 per 2 weeks). `weekdaysOnly` skips Saturdays and Sundays.
 */
export const Cadence = strictObject({
  channel: Channel,
  times: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(L.cadence, atMost(L.cadence)),
  every: z
    .number()
    .int('must be a whole number')
    .positive('must be at least 1')
    .max(L.cadence, atMost(L.cadence))
    .optional(),
  unit: z.enum(['day', 'week', 'month']),
  weekdaysOnly: z.boolean().optional(),
  /** What goes out, when the line says ("newsletter", "posts"). */
  what: Text(L.item).min(1).optional(),
});
export type Cadence = z.infer<typeof Cadence>;

/** ISO 4217 currency codes as the runtime knows them (Node 20 ships the full list). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
export const isIsoCurrency = (code: string): boolean => CURRENCIES.has(code);

export const Currency = z.string().superRefine((code, ctx) => {
  if (!isIsoCurrency(code))
    ctx.addIssue({
      code: 'custom',
      message: `${code} is not an ISO 4217 currency code; write one such as USD, EUR, GBP or JPY`,
    });
});

/** An IANA time zone name such as `America/New_York`, as the runtime knows it. */
export const TimeZone = z.string().refine(isTimeZone, {
  message: 'must be a time zone name such as America/New_York, Europe/London or UTC',
});

export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
