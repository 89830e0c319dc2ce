import type { Importer } from '../importer.js';
import { googleAdsApi } from './api.js';
import { googleAdsUiCsv } from './csv.js';

/** Google Ads: impressions, clicks, spend, conversions and conversion value per ad and day. */
export const googleAds: Importer = {
  id: 'google-ads',
  label: 'Google Ads',
  layouts: [googleAdsUiCsv],
  api: googleAdsApi,
};
