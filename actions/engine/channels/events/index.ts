import { defineChannel } from '../channel.js';

/** In-person events and trade shows; links handed out there are tagged as referrals from the event. */
export const events = defineChannel({
  id: 'events',
  label: 'Events',
  aliases: ['event', 'trade-show', 'trade-shows', 'conference', 'conferences'],
  tracking: { source: 'event', medium: 'referral' },
});
