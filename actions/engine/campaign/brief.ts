import { z } from 'zod';
import { AssetType } from '../content/asset-type.js';
import { checkAssetRequest } from '../content/request.js';
import { Channel } from '../marketing/channels.js';
import { ObjectiveMetric } from '../marketing/metrics.js';
import { checkBriefExtras, checkObjectiveGrowth } from './brief-checks.js';

/** Campaign ids are stable slugs: they name folders, branches and UTM campaigns. */
export const CAMPAIGN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
export const CampaignId = z
  .string()
  .regex(
    CAMPAIGN_ID_PATTERN,
    'must be a lowercase slug of 3–64 letters, digits and dashes, e.g. "q2-2025-launch"',
  );

const IsoDate = z.iso.date({ message: 'must be a date written yyyy-mm-dd' });
const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

/** A rate's period: "20,000 visitors a month" is per month, not a campaign total. */
export const Period = z.enum(['day', 'week', 'month', 'quarter', 'year']);
export type Period = z.infer<typeof Period>;

export const Objective = z.object({
  metric: ObjectiveMetric.describe('What is counted, from the known vocabulary'),
  target: z.number({ message: 'must be a number' }).positive('must be greater than 0'),
  unit: z.string().min(1).default('count'),
  deadline: IsoDate,
  description: z.string().min(1).optional(),
  businessGoal: z.string().min(1).optional(),
  /** Counted on one channel only: "organic sessions" and "blog growth" are the blog's. */
  channel: Channel.optional(),
  /** The value today, in the target's unit and period; a growth goal is measured from it. */
  baseline: z.number({ message: 'must be a number' }).nonnegative('must be 0 or more').optional(),
  /** Growth asked for, in percent of the baseline: target = baseline × (1 + growth / 100). */
  growth: z.number({ message: 'must be a number' }).positive('must be greater than 0').optional(),
  /** Set when target and baseline are rates per period (a month's visitors), not campaign totals. */
  period: Period.optional(),
});
export type Objective = z.infer<typeof Objective>;

export const SocialPlatform = z.enum(['x', 'linkedin']);
export type SocialPlatform = z.infer<typeof SocialPlatform>;

/** How many of a social-post line go to one network. */
export const PlatformShare = z.object({
  platform: SocialPlatform,
  count: z.number().int('must be a whole number').positive('must be at least 1'),
});
export type PlatformShare = z.infer<typeof PlatformShare>;

export const AssetRequestLine = z.object({
  type: AssetType,
  count: z.number().int('must be a whole number').positive('must be at least 1'),
  /** Longest main text wanted, in the platform's characters; must fit the platform's own limit. */
  maxLength: z.number().int().positive().optional(),
  /** For social posts on one network: which (their limits differ). */
  platform: SocialPlatform.optional(),
  /** For social posts split across networks: how many on each; the counts add up to `count`. */
  platforms: z.array(PlatformShare).min(1).optional(),
  /**
   * One name per item, in order: an email sequence's name (welcome, nurture), a lead magnet's kind
   * (ebook, template), a landing page's purpose (trial, demo), or what each ad promotes.
   */
  names: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Each item promotes one asset of this type ("LinkedIn ads for both lead magnets"). */
  promotes: AssetType.optional(),
  /** What the requester added that is not a name or a platform ("SEO-optimized"), as written. */
  notes: z.array(z.string().trim().min(1)).min(1).optional(),
});
export type AssetRequestLine = z.infer<typeof AssetRequestLine>;

/** One of the campaign's landing pages: where traffic for one purpose lands. */
export const LandingPage = z.object({
  purpose: z.string().trim().min(1, 'say what the page is for, such as trial or demo'),
  url: HttpUrl,
});
export type LandingPage = z.infer<typeof LandingPage>;

/**
 * How often a channel publishes: `times` per `every` × `unit` ("2 posts/week": 2 per 1 week; "fortnightly":
 * 1 per 2 weeks). `weekdaysOnly` skips Saturdays and Sundays.
 */
export const Cadence = z.object({
  channel: Channel,
  times: z.number().int('must be a whole number').positive('must be at least 1'),
  every: z.number().int('must be a whole number').positive('must be at least 1').optional(),
  unit: z.enum(['day', 'week', 'month']),
  weekdaysOnly: z.boolean().optional(),
  /** What goes out, when the line says ("newsletter", "posts"). */
  what: z.string().trim().min(1).optional(),
});
export type Cadence = z.infer<typeof Cadence>;

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

export const Brief = z
  .object({
    id: CampaignId,
    name: z.string().trim().min(3, 'must be at least 3 characters'),
    product: z.string().trim().min(1).optional(),
    landingUrl: HttpUrl,
    /** Landing pages by purpose (trial, demo); `landingUrl` stays the default destination. */
    landingPages: z.array(LandingPage).min(1).optional(),
    objectives: z
      .array(Objective)
      .min(1, 'list at least one objective with a metric, a number and a deadline'),
    audience: z.string().trim().min(10, 'describe who the campaign is for (roles, company size, situation)'),
    industries: z.array(z.string().min(1)).default([]),
    channels: z.array(Channel).min(1, 'choose at least one channel'),
    budget: z.object({
      amount: z.number({ message: 'must be a number' }).positive('must be greater than 0'),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or EUR'),
    }),
    timeframe: z.object({ start: IsoDate, end: IsoDate }),
    tone: z.string().trim().min(3),
    competitors: z.array(z.string().min(1)).default([]),
    assets: z.array(AssetRequestLine).min(1, 'request at least one asset'),
    /** How often each channel publishes during distribution. */
    cadence: z.array(Cadence).min(1).optional(),
    /** Where the audience is ("North America", "DACH"), as the team says it. */
    region: z.string().trim().min(2, 'name the region, such as North America').optional(),
    /** The audience's time zone, for send and post times. */
    timeZone: TimeZone.optional(),
    /** What the team counts as a marketing-qualified lead. */
    mqlDefinition: z
      .string()
      .trim()
      .min(10, 'say what makes a lead an MQL, such as a lead score or a fit and an action')
      .optional(),
    /** Most the model may cost for this campaign, in USD; overrides the repository default. */
    spendCapUsd: z.number().positive().optional(),
  })
  .superRefine((brief, ctx) => {
    const { start, end } = brief.timeframe;
    if (start && end && end <= start) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeframe', 'end'],
        message: `ends ${end}, before it starts ${start}`,
      });
    }
    brief.objectives.forEach((objective, i) => {
      for (const problem of checkObjectiveGrowth(objective)) {
        ctx.addIssue({ code: 'custom', path: ['objectives', i, ...problem.path], message: problem.message });
      }
      if (objective.deadline < start || objective.deadline > end) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i, 'deadline'],
          message: `${objective.deadline} is outside the time frame ${start} – ${end}`,
        });
      }
    });
    const seen = new Set<string>();
    brief.assets.forEach((line, i) => {
      if (seen.has(line.type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['assets', i, 'type'],
          message: `${line.type} is listed twice`,
        });
      }
      seen.add(line.type);
      // A request no asset could satisfy (a 400-character tweet, more assets than anyone reviews) is refused up front.
      for (const problem of checkAssetRequest(line)) {
        if (problem.severity === 'error') {
          ctx.addIssue({ code: 'custom', path: ['assets', i, problem.where], message: problem.message });
        }
      }
    });
    for (const problem of checkBriefExtras(brief)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });
export type Brief = z.infer<typeof Brief>;
export type BriefInput = z.input<typeof Brief>;
