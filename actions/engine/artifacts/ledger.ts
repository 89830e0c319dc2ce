import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';

export const DistributionEntry = z.object({
  path: z.string(),
  channel: z.string(),
  type: AssetType,
  publishAt: z.iso.datetime({ offset: true }),
  trackingLink: z.url().refine((u) => new URL(u).searchParams.has('utm_campaign'), 'must carry utm_campaign'),
  notes: z.string(),
  status: z.enum(['scheduled', 'published', 'failed']),
});
export const DistributionData = z.object({
  campaign: z.string(),
  entries: z.array(DistributionEntry).min(1),
});
export type DistributionData = z.infer<typeof DistributionData>;

export const distributionPath = (id: string): string => `campaigns/${id}/distribution.md`;
export const ledgerPath = (id: string): string => `campaigns/${id}/ledger.yml`;
