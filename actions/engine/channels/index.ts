/**
 * The channel registry: one folder per channel, one line in `CHANNEL_LIST`. The closed list is on purpose:
 * every channel needs a content folder (`content/<id>/<channel>/`), a tracking policy and, to publish, a
 * publisher, so a new channel is a code change, not a typo in a YAML file.
 */
import { z } from 'zod';
import { blog } from './blog/index.js';
import { bluesky } from './bluesky/index.js';
import type { ChannelDefinition, SocialPostLimits } from './channel.js';
import { email } from './email/index.js';
import { events } from './events/index.js';
import { googleAds } from './google-ads/index.js';
import { landingPage } from './landing-page/index.js';
import { linkedin } from './linkedin/index.js';
import { linkedinAds } from './linkedin-ads/index.js';
import { metaAds } from './meta-ads/index.js';
import { webinar } from './webinar/index.js';
import { x } from './x/index.js';

export const CHANNEL_LIST = [
  blog,
  linkedin,
  x,
  bluesky,
  email,
  googleAds,
  linkedinAds,
  metaAds,
  landingPage,
  events,
  webinar,
] as const;

export type Channel = (typeof CHANNEL_LIST)[number]['id'];
export const CHANNELS = CHANNEL_LIST.map((c) => c.id) as [Channel, ...Channel[]];
export const Channel = z.enum(CHANNELS);

const BY_ID = new Map<string, ChannelDefinition<Channel>>(CHANNEL_LIST.map((c) => [c.id, c]));

export const channelOf = (id: Channel): ChannelDefinition<Channel> => BY_ID.get(id)!;

export const CHANNEL_LABELS = Object.fromEntries(CHANNEL_LIST.map((c) => [c.id, c.label])) as Readonly<
  Record<Channel, string>
>;

/** Channels a social post can be written for, with their post limits. */
export const SOCIAL_CHANNELS = CHANNEL_LIST.filter(
  (c): c is (typeof CHANNEL_LIST)[number] & { socialPost: SocialPostLimits } =>
    (c as ChannelDefinition).socialPost !== undefined,
).map((c) => c.id) as [Channel, ...Channel[]];
export const SocialChannel = z.enum(SOCIAL_CHANNELS);
export type SocialChannel = z.infer<typeof SocialChannel>;

export const socialPostLimits = (id: string): SocialPostLimits | undefined => BY_ID.get(id)?.socialPost;

const key = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[()]/g, '')
    .replace(/[\s_/]+/g, '-');

const ALIASES = new Map<string, Channel>(
  CHANNEL_LIST.flatMap((c) => c.aliases.map((a) => [a, c.id] as const)),
);

/** Maps free text ("LinkedIn Ads", "Twitter", "SEO") to a channel, or undefined when unknown. */
export function normaliseChannel(text: string): Channel | undefined {
  const k = key(text);
  return BY_ID.has(k) ? (k as Channel) : ALIASES.get(k);
}
