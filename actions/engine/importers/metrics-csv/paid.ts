/** Channels that are paid for: a blank cost on their rows hides spend. */
export const PAID_CHANNELS: ReadonlySet<string> = new Set([
  'google-ads',
  'linkedin-ads',
  'meta-ads',
  'paid-search-other',
  'paid-social-other',
]);
