import { defineChannel } from '../channel.js';

/**
 * Posts on Bluesky. The lexicon `app.bsky.feed.post` limits `text` to 300 graphemes (and 3,000 bytes); a
 * link in the text counts in full, since the record keeps the whole URL whatever the app displays.
 */
export const bluesky = defineChannel({
  id: 'bluesky',
  label: 'Bluesky',
  aliases: ['bsky', 'blue-sky', 'skeets'],
  tracking: { source: 'bluesky', medium: 'social' },
  socialPost: { maxLength: 300, counting: 'graphemes', recommendedMaxHashtags: 3 },
});
