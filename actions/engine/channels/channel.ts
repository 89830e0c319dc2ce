/**
 * One place a campaign reaches people. Each channel is a folder here holding one definition, plus one line in
 * `index.ts`; everything else (the brief's channel list, labels, tracking links, social post limits) is
 * derived from these definitions. Publishers (`../publishers/`) name the channel they publish to.
 */

/**
 * `utm_medium` values GA4's default channel grouping recognises, so visits land in the right channel there:
 * `cpc` → Paid Search, `paid_social` → Paid Social, `social` → Organic Social, `email` → Email.
 */
export type UtmMedium = 'cpc' | 'paid_social' | 'social' | 'email' | 'display' | 'referral';

/** How a social network counts a post's length. */
export type LengthCounting =
  /** X's weighted count (CJK and emoji weigh 2, every URL 23), as twitter-text computes it. */
  | 'x-weighted'
  /** Unicode code points, as LinkedIn's composer counts. */
  | 'characters'
  /** User-perceived characters (grapheme clusters), as Bluesky counts. */
  | 'graphemes';

export interface SocialPostLimits {
  maxLength: number;
  counting: LengthCounting;
  /** More reads as spam on the network (a warning). */
  recommendedMaxHashtags: number;
}

export interface ChannelDefinition<Id extends string = string> {
  id: Id;
  /** How people read it, e.g. "LinkedIn (organic)". */
  label: string;
  /** Other words for it, in the form `normaliseChannel` compares (lowercase, dashes): "twitter", "seo". */
  aliases: readonly string[];
  /**
   * Where its clicks come from, for the tracking link's `utm_source` and `utm_medium`. Absent for pages on the
   * brand's own site (blog, landing pages): UTM parameters on internal links would start a new session in
   * GA4 and hide the visit's real source.
   */
  tracking?: { source: string; medium: UtmMedium };
  /** For social networks: what one post may hold. Social posts can be written for any channel that has it. */
  socialPost?: SocialPostLimits;
}

/** Declares a channel, keeping its id's literal type (the registry builds the `Channel` enum from the ids). */
export const defineChannel = <const C extends ChannelDefinition>(channel: C): C => channel;
