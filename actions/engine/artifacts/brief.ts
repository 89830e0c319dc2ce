import { z } from 'zod';
import { checkAssetRequest } from '../assets/shared/request.js';
import { Channel } from '../channels/index.js';
import { strictObject } from '../files/strict-object.js';
import { checkBriefExtras, checkObjectiveGrowth } from './brief-checks.js';
import { atMost, atMostItems, BRIEF_LIMITS as L } from './brief-limits.js';
import {
  AssetRequestLine,
  Cadence,
  CampaignId,
  Currency,
  HttpUrl,
  IsoDate,
  LandingPage,
  Objective,
  Text,
  TimeZone,
} from './brief-parts.js';

/** A list of at most `L.items` entries. */
const List = <T extends z.ZodType>(item: T) => z.array(item).max(L.items, atMostItems(L.items));

/** Every key is known (a typo is an error naming the key it meant) and every text and number is bounded. */
export const Brief = strictObject({
  id: CampaignId,
  name: Text(L.name).min(3, 'must be at least 3 characters'),
  product: Text(L.product).min(1).optional(),
  landingUrl: HttpUrl,
  /** Landing pages by purpose (trial, demo); `landingUrl` stays the default destination. */
  landingPages: List(LandingPage).min(1).optional(),
  objectives: List(Objective).min(1, 'list at least one objective with a metric, a number and a deadline'),
  audience: Text(L.audience).min(10, 'describe who the campaign is for (roles, company size, situation)'),
  industries: List(Text(L.item).min(1)).default([]),
  channels: z.array(Channel).min(1, 'choose at least one channel'),
  budget: strictObject({
    amount: z
      .number({ message: 'must be a number' })
      .positive('must be greater than 0')
      .max(L.amount, atMost(L.amount)),
    currency: Currency,
  }),
  timeframe: strictObject({ start: IsoDate, end: IsoDate }),
  tone: Text(L.tone).min(3),
  competitors: List(Text(L.item).min(1)).default([]),
  assets: List(AssetRequestLine).min(1, 'request at least one asset'),
  /** How often each channel publishes during distribution. */
  cadence: List(Cadence).min(1).optional(),
  /** Where the audience is ("North America", "DACH"), as the team says it. */
  region: Text(L.region).min(2, 'name the region, such as North America').optional(),
  /** The audience's time zone, for send and post times. */
  timeZone: TimeZone.optional(),
  /** What the team counts as a marketing-qualified lead. */
  mqlDefinition: Text(L.mqlDefinition)
    .min(10, 'say what makes a lead an MQL, such as a lead score or a fit and an action')
    .optional(),
  /** Most the model may cost for this campaign, in USD; overrides the repository default. */
  spendCapUsd: z.number().positive().max(L.spendCapUsd, atMost(L.spendCapUsd)).optional(),
}).superRefine((brief, ctx) => {
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
