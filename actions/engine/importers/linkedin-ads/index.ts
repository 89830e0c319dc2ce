import type { Importer } from '../importer.js';
import { linkedinAdsApi } from './api.js';
import { linkedinCampaignManagerCsv } from './csv.js';

/** LinkedIn Ads: impressions, clicks, spend, website conversions and lead-form leads per creative and day. */
export const linkedinAds: Importer = {
  id: 'linkedin-ads',
  label: 'LinkedIn Ads',
  layouts: [linkedinCampaignManagerCsv],
  api: linkedinAdsApi,
};
