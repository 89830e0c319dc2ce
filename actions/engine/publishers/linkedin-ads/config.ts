import { z } from 'zod';
import { LINKEDIN_DEFAULT_VERSION, linkedInId, linkedInVersion } from '../linkedin/config.js';

/** `publishing.linkedin-ads` in `.github/crescendo.yml`. Amounts are in the ad account's currency. */
export const LinkedInAdsConfig = z.object({
  adAccountId: linkedInId('adAccountId').describe('Campaign Manager → the account → its 9-digit id'),
  campaignGroupId: linkedInId('campaignGroupId').describe(
    'The campaign group new campaigns go into (every account has a default one)',
  ),
  organizationId: linkedInId('organizationId').describe(
    "The company page the ads speak for: the ad account's page",
  ),
  version: linkedInVersion
    .default(LINKEDIN_DEFAULT_VERSION)
    .describe('LinkedIn-Version header (YYYYMM); raise it when LinkedIn retires this one'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be the ad account currency, e.g. USD'),
  dailyBudget: z
    .number()
    .positive()
    .describe("Daily budget proposed for each new campaign (the strategy's budget wins); created as a draft"),
  costType: z.enum(['CPC', 'CPM']).default('CPC'),
  bid: z.number().positive().describe('Bid per click (CPC) or per 1,000 impressions (CPM)'),
  objective: z
    .enum(['WEBSITE_VISIT', 'BRAND_AWARENESS', 'ENGAGEMENT', 'WEBSITE_CONVERSION'])
    .default('WEBSITE_VISIT'),
  locale: z
    .object({ country: z.string().regex(/^[A-Z]{2}$/), language: z.string().regex(/^[a-z]{2}$/) })
    .default({ country: 'US', language: 'en' }),
  locations: z
    .array(z.string().regex(/^urn:li:geo:\d+$/, 'a location is a geo URN, e.g. urn:li:geo:103644278'))
    .min(1)
    .describe('Where the ads show, as geo URNs (urn:li:geo:103644278 is the United States)'),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(300_000)
    .default(30_000)
    .describe('How long to wait for an answer before the outcome is unknown'),
});
export type LinkedInAdsConfig = z.infer<typeof LinkedInAdsConfig>;
