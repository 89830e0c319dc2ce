import { z } from 'zod';

/** The newest Google Ads API major version (late 2026). Versions live about a year. */
export const GOOGLE_ADS_DEFAULT_VERSION = 'v26';

/** A customer id as Google Ads shows it (`123-456-7890`) or as the API takes it (`1234567890`). */
const customerId = (label: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).replace(/-/g, '').trim())
    .pipe(z.string().regex(/^\d{10}$/, `${label} must be the 10-digit customer id, e.g. 123-456-7890`));

/** `publishing.google-ads` in `.github/crescendo.yml`. Amounts are in the ad account's currency. */
export const GoogleAdsConfig = z.object({
  customerId: customerId('customerId').describe('The ad account the campaigns are created in'),
  loginCustomerId: customerId('loginCustomerId')
    .optional()
    .describe('The manager account (MCC) the credentials reach the ad account through, if any'),
  apiVersion: z
    .string()
    .regex(/^v\d+$/, 'apiVersion must look like v26')
    .default(GOOGLE_ADS_DEFAULT_VERSION)
    .describe('Google Ads API version; raise it when Google sunsets this one'),
  dailyBudget: z
    .number()
    .positive()
    .describe("Daily budget proposed for each new campaign (the strategy's budget wins); never enabled"),
  maxCpc: z.number().positive().describe('Manual CPC bid of each ad group'),
  keywordMatchType: z.enum(['EXACT', 'PHRASE', 'BROAD']).default('PHRASE'),
  searchPartners: z.boolean().default(false).describe('Also show on Google search partners'),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(300_000)
    .default(60_000)
    .describe('How long to wait for an answer before the outcome is unknown'),
});
export type GoogleAdsConfig = z.infer<typeof GoogleAdsConfig>;

/** Money as Google Ads takes it: micros, a multiple of 10,000 (the smallest unit of most currencies). */
export const micros = (amount: number): string => String(Math.round(amount * 100) * 10_000);
