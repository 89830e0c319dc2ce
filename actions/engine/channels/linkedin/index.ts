import { defineChannel } from '../channel.js';

/** Organic posts on the company's LinkedIn page. 3,000 characters per post (LinkedIn's composer refuses more). */
export const linkedin = defineChannel({
  id: 'linkedin',
  label: 'LinkedIn (organic)',
  aliases: ['linkedin-organic', 'linkedin-posts'],
  tracking: { source: 'linkedin', medium: 'social' },
  socialPost: { maxLength: 3000, counting: 'characters', recommendedMaxHashtags: 3 },
});
