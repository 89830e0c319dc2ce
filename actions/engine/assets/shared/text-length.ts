import * as twitterTextModule from 'twitter-text';

/*
 * Three ways to count characters, because the platforms count differently:
 * - most places count Unicode code points of the NFC form (what a person sees as one letter);
 * - X weighs code points (CJK and emoji count 2) and counts every URL as its t.co length, 23;
 * - Google Ads counts double-width (CJK, full-width) characters as 2.
 */

type TwitterText = typeof twitterTextModule;
// twitter-text is CommonJS with `__esModule` set: Node's ESM loader puts it on `default`, bundlers on the
// namespace. Take whichever holds `parseTweet`.
const twitterNamespace = twitterTextModule as TwitterText & { default?: TwitterText };
const twitterText: TwitterText =
  typeof twitterNamespace.parseTweet === 'function' ? twitterNamespace : twitterNamespace.default!;

/** Code points after NFC normalisation: "café" is 4 however it was typed. */
export function charCount(text: string): number {
  return Array.from(text.normalize('NFC')).length;
}

/** X's weighted length (twitter-text `parseTweet`, the library X documents for this). */
export function xWeightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/** User-perceived characters (grapheme clusters): "👍🏽" is one, as Bluesky counts. */
export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) n++;
  return n;
}

/** A post's length as `counting` says its network counts it (see channels/channel.ts). */
export function postLength(text: string, counting: 'x-weighted' | 'characters' | 'graphemes'): number {
  return counting === 'x-weighted'
    ? xWeightedLength(text)
    : counting === 'graphemes'
      ? graphemeCount(text)
      : charCount(text);
}

/** X's limit in weighted characters (twitter-text's default configuration, v3). */
export const X_MAX_WEIGHTED_LENGTH = 280;

// East Asian Wide and Fullwidth blocks: Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility,
// vertical and compatibility forms, full-width forms, and the supplementary ideographic planes.
const DOUBLE_WIDTH =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Google Ads length: double-width characters count as 2. */
export function googleAdsLength(text: string): number {
  let length = 0;
  for (const ch of text.normalize('NFC')) length += DOUBLE_WIDTH.test(ch) ? 2 : 1;
  return length;
}

export function hasDoubleWidth(text: string): boolean {
  return DOUBLE_WIDTH.test(text);
}
