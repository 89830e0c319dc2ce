import { defineChannel } from '../channel.js';

/** Newsletters and nurture sequences to the company's own list. */
export const email = defineChannel({
  id: 'email',
  label: 'Email',
  aliases: ['newsletter', 'email-marketing', 'emails'],
  tracking: { source: 'email', medium: 'email' },
});
