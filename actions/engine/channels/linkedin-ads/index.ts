import { defineChannel } from '../channel.js';

/** Sponsored content and lead-gen ads on LinkedIn. */
export const linkedinAds = defineChannel({
  id: 'linkedin-ads',
  label: 'LinkedIn Ads',
  aliases: ['linkedin-ad', 'linkedin-advertising', 'sponsored-content'],
  tracking: { source: 'linkedin', medium: 'paid_social' },
});
