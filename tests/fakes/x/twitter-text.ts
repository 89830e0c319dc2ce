import * as twitterTextModule from 'twitter-text';

// twitter-text is CommonJS: Node's ESM loader puts it on `default`.
type TwitterText = typeof twitterTextModule;
const namespace = twitterTextModule as TwitterText & { default?: TwitterText };
export const twitterText: TwitterText =
  typeof namespace.parseTweet === 'function' ? namespace : namespace.default!;
