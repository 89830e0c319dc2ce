import { z } from 'zod';
import { BrandVoice } from '../../artifacts/brand.js';
import { AssetType } from '../asset-type.js';
import { isIsoDate, SLUG_PATTERN } from './slug.js';

/** What the content stage knows about one asset before asking the model for it. */
export const AssetContext = z.object({
  type: AssetType,
  /** The folder under `content/<campaign>/`: `blog`, `email`, `linkedin`, `x`, `google-ads`, … */
  channel: z.string().regex(SLUG_PATTERN, 'channel must be kebab-case, e.g. "google-ads"'),
  /** The target search keyword, when the strategy gives one. */
  keyword: z.string().trim().min(1).optional(),
  /** Publication or send date, yyyy-mm-dd. */
  date: z.string().refine(isIsoDate, 'date must be a calendar day written yyyy-mm-dd'),
  /** The key message the strategy assigns to this asset. */
  message: z.string().trim().min(1),
  titleHint: z.string().trim().min(1).optional(),
  brand: BrandVoice,
  campaignId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'campaign id must be letters, digits, ".", "_", "-"'),
  /** Where the campaign sends people; ads and emails link here. */
  landingUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type AssetContext = z.infer<typeof AssetContext>;
