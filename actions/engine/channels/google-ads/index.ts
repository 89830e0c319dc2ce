import { defineChannel } from '../channel.js';

/** Google search ads. `cpc` from `google` is Paid Search in GA4. */
export const googleAds = defineChannel({
  id: 'google-ads',
  label: 'Google Ads',
  aliases: ['google', 'adwords', 'paid-search', 'ppc', 'sem'],
  tracking: { source: 'google', medium: 'cpc' },
});
