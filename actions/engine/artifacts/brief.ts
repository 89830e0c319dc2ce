import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import { checkAssetRequest } from '../assets/shared/request.js';
import { Channel } from '../channels/index.js';
import { ObjectiveMetric } from '../planning/metrics.js';

/** Campaign ids are stable slugs: they name folders, branches and UTM campaigns. */
export const CAMPAIGN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
export const CampaignId = z
  .string()
  .regex(
    CAMPAIGN_ID_PATTERN,
    'must be a lowercase slug of 3–64 letters, digits and dashes, e.g. "q2-2025-launch"',
  );

const IsoDate = z.iso.date({ message: 'must be a date written yyyy-mm-dd' });

export const Objective = z.object({
  metric: ObjectiveMetric.describe('What is counted, from the known vocabulary'),
  target: z.number({ message: 'must be a number' }).positive('must be greater than 0'),
  unit: z.string().min(1).default('count'),
  deadline: IsoDate,
  description: z.string().min(1).optional(),
  businessGoal: z.string().min(1).optional(),
});
export type Objective = z.infer<typeof Objective>;

export const AssetRequestLine = z.object({
  type: AssetType,
  count: z.number().int('must be a whole number').positive('must be at least 1'),
  /** Longest main text wanted, in the platform's characters; must fit the platform's own limit. */
  maxLength: z.number().int().positive().optional(),
  /** For social posts: which network (their limits differ). */
  platform: z.enum(['x', 'linkedin']).optional(),
});

export const Brief = z
  .object({
    id: CampaignId,
    name: z.string().trim().min(3, 'must be at least 3 characters'),
    product: z.string().trim().min(1).optional(),
    landingUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
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
  });
export type Brief = z.infer<typeof Brief>;
export type BriefInput = z.input<typeof Brief>;
