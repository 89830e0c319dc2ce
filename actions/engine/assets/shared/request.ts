import { z } from 'zod';
import { CHANNEL_LABELS, SOCIAL_CHANNELS, SocialChannel, socialPostLimits } from '../../channels/index.js';
import { AssetType } from '../asset-type.js';
import { EMAIL_LIMITS } from '../email-sequence/limits.js';
import { RSA_LIMITS } from '../google-rsa/limits.js';
import { LINKEDIN_AD_LIMITS } from '../linkedin-ad/limits.js';
import { type ContentProblem, error } from './problems.js';

/**
 * What a plan asks of one asset type. `count` is how many assets of the type (for an email sequence: how many
 * emails in it). `maxLength` is the longest the main text may be, in the platform's characters.
 */
export const AssetRequest = z.object({
  type: AssetType,
  count: z.number(),
  maxLength: z.number().optional(),
  /** For social posts: which network, since their limits differ. */
  platform: SocialChannel.optional(),
});
export type AssetRequest = z.infer<typeof AssetRequest>;

/**
 * The most of each type one campaign plan may ask for: beyond these the cost runs away and no team reviews
 * it all. An email sequence is one asset, counted here in emails.
 */
export const MAX_ASSETS_PER_PLAN: Record<AssetType, number> = {
  'blog-post': 20,
  'landing-page': 10,
  'email-sequence': EMAIL_LIMITS.emails.max,
  'social-post': 100,
  'google-rsa': 20,
  'linkedin-ad': 20,
  'lead-magnet': 5,
};

/** The platform's ceiling for the main text of a type, and what that text is called. */
function mainTextLimit(request: AssetRequest): { limit: number; what: string } | undefined {
  switch (request.type) {
    case 'social-post': {
      // Without a network, the strictest one's limit holds.
      const networks = request.platform ? [request.platform] : SOCIAL_CHANNELS;
      const strictest = networks
        .map((id) => ({ id, max: socialPostLimits(id)?.maxLength ?? Number.POSITIVE_INFINITY }))
        .sort((a, b) => a.max - b.max)[0]!;
      return { limit: strictest.max, what: `a post on ${CHANNEL_LABELS[strictest.id]} holds at most` };
    }
    case 'google-rsa':
      return { limit: RSA_LIMITS.description.max, what: 'a responsive search ad description holds at most' };
    case 'linkedin-ad':
      return {
        limit: LINKEDIN_AD_LIMITS.introText.max,
        what: 'a LinkedIn ad introductory text holds at most',
      };
    default:
      return undefined;
  }
}

/**
 * Rejects requests no asset can satisfy, before any model call: zero or fractional counts, more than a plan
 * may ask, a length over the platform's limit (a 400-character post on X), or a length of nothing.
 * A social post with no platform is held to X's limit, the stricter one.
 */
export function checkAssetRequest(input: AssetRequest): ContentProblem[] {
  const parsed = AssetRequest.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => error(i.path.join('.') || 'request', i.message));
  const request = parsed.data;
  const problems: ContentProblem[] = [];
  const max = MAX_ASSETS_PER_PLAN[request.type];
  const noun = request.type === 'email-sequence' ? 'emails in the sequence' : `${request.type} assets`;
  if (!Number.isInteger(request.count) || request.count < 1) {
    problems.push(
      error('count', `the plan asks for ${request.count} ${noun}; ask for a whole number, at least 1`),
    );
  } else if (request.count > max) {
    problems.push(error('count', `the plan asks for ${request.count} ${noun}; the limit is ${max}`));
  }
  if (request.maxLength !== undefined) {
    const ceiling = mainTextLimit(request);
    if (!Number.isInteger(request.maxLength) || request.maxLength < 1) {
      problems.push(
        error(
          'maxLength',
          `the plan asks for a maximum length of ${request.maxLength}; ask for a whole number of characters, at least 1`,
        ),
      );
    } else if (ceiling && request.maxLength > ceiling.limit) {
      problems.push(
        error(
          'maxLength',
          `the plan asks for ${request.maxLength} characters, but ${ceiling.what} ${ceiling.limit}`,
        ),
      );
    }
  }
  return problems;
}
