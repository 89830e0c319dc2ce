import { defineChannel } from '../channel.js';

/** Direct and referral traffic arriving on the campaign's landing pages (the brand's own site: no UTMs). */
export const landingPage = defineChannel({
  id: 'landing-page',
  label: 'Landing pages',
  aliases: ['landing-pages'],
});
