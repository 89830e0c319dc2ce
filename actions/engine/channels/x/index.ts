import { defineChannel } from '../channel.js';

/**
 * Posts on X (Twitter): 280 weighted characters, counted as X documents ("Counting characters", docs.x.com):
 * CJK and emoji weigh 2, every URL counts as its t.co length, 23.
 */
export const x = defineChannel({
  id: 'x',
  label: 'X (Twitter)',
  aliases: ['twitter', 'x-twitter', 'twitter-x', 'tweets'],
  tracking: { source: 'x', medium: 'social' },
  socialPost: { maxLength: 280, counting: 'x-weighted', recommendedMaxHashtags: 3 },
});
