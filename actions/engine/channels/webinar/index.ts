import { defineChannel } from '../channel.js';

/** Online events; links in the webinar and its follow-ups are tagged as referrals from it. */
export const webinar = defineChannel({
  id: 'webinar',
  label: 'Webinars',
  aliases: ['webinars', 'virtual-event', 'virtual-events'],
  tracking: { source: 'webinar', medium: 'referral' },
});
