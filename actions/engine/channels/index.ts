import { z } from 'zod';

/**
 * The closed list of channels Crescendo plans for. It is closed on purpose: every channel
 * needs a benchmark row, a content folder (`content/<id>/<channel>/`) and a distribution
 * connector, so a new channel is a code change, not a typo in a YAML file.
 *
 * - `blog`: the company blog and organic search (SEO) traffic to it.
 * - `linkedin`, `x`: organic posts on LinkedIn and on X (Twitter).
 * - `email`: newsletters and nurture sequences to the company's own list.
 * - `google-ads`, `linkedin-ads`, `meta-ads`: paid media.
 * - `landing-page`: direct and referral traffic arriving on campaign landing pages.
 * - `events`: in-person events and trade shows; `webinar`: online events.
 */
export const CHANNELS = [
  'blog',
  'linkedin',
  'x',
  'email',
  'google-ads',
  'linkedin-ads',
  'meta-ads',
  'landing-page',
  'events',
  'webinar',
] as const;

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  blog: 'Blog / SEO',
  linkedin: 'LinkedIn (organic)',
  x: 'X (Twitter)',
  email: 'Email',
  'google-ads': 'Google Ads',
  'linkedin-ads': 'LinkedIn Ads',
  'meta-ads': 'Meta Ads',
  'landing-page': 'Landing pages',
  events: 'Events',
  webinar: 'Webinars',
};

/** Words people (and models) use for the same channel. Keys are normalised (see `normaliseChannel`). */
const CHANNEL_ALIASES: Readonly<Record<string, Channel>> = {
  seo: 'blog',
  'organic-search': 'blog',
  'content-marketing': 'blog',
  content: 'blog',
  'blog-seo': 'blog',
  twitter: 'x',
  'x-twitter': 'x',
  'twitter-x': 'x',
  'linkedin-organic': 'linkedin',
  newsletter: 'email',
  'email-marketing': 'email',
  google: 'google-ads',
  adwords: 'google-ads',
  'paid-search': 'google-ads',
  ppc: 'google-ads',
  sem: 'google-ads',
  'linkedin-ad': 'linkedin-ads',
  'facebook-ads': 'meta-ads',
  'instagram-ads': 'meta-ads',
  'paid-social': 'meta-ads',
  'landing-pages': 'landing-page',
  event: 'events',
  'trade-show': 'events',
  'trade-shows': 'events',
  conference: 'events',
  webinars: 'webinar',
  'virtual-event': 'webinar',
};

/** Maps free text ("LinkedIn Ads", "Twitter", "SEO") to a channel, or undefined when unknown. */
export function normaliseChannel(text: string): Channel | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[()]/g, '')
    .replace(/[\s_/]+/g, '-');
  const direct = Channel.safeParse(key);
  return direct.success ? direct.data : CHANNEL_ALIASES[key];
}
