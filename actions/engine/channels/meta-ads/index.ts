import { defineChannel } from '../channel.js';

/** Paid ads on Facebook and Instagram. */
export const metaAds = defineChannel({
  id: 'meta-ads',
  label: 'Meta Ads',
  aliases: ['facebook-ads', 'instagram-ads', 'paid-social', 'meta'],
  tracking: { source: 'meta', medium: 'paid_social' },
});
