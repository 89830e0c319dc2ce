/**
 * The publisher registry: one folder per platform API, one line here. Each publisher names the channel it
 * publishes to (channels/); a channel may have several (a blog on a static site, WordPress or Ghost), and
 * `.github/crescendo.yml` (`publishing.<channel>.publisher`) says which one a team uses.
 */
import { ghostPublisher } from './ghost/index.js';
import { googleAdsPublisher } from './google-ads/index.js';
import { linkedinPublisher } from './linkedin/index.js';
import { linkedinAdsPublisher } from './linkedin-ads/index.js';
import { mailchimpPublisher } from './mailchimp/index.js';
import type { Publisher } from './publisher.js';
import { smtpPublisher } from './smtp/index.js';
import { staticSitePublisher } from './static-site/index.js';
import { wordPressPublisher } from './wordpress/index.js';
import { xPublisher } from './x/index.js';

/**
 * Each publisher is typed by its own config; the registry holds them as `Publisher<unknown>`, and callers
 * hand each one the config its own `configSchema` parsed.
 */
export const PUBLISHERS = [
  staticSitePublisher,
  wordPressPublisher,
  ghostPublisher,
  linkedinPublisher,
  xPublisher,
  smtpPublisher,
  mailchimpPublisher,
  googleAdsPublisher,
  linkedinAdsPublisher,
] as unknown as readonly Publisher<unknown>[];

/** The publishers that can publish to a channel, the first being the default. */
export const publishersFor = (channel: string): Publisher<unknown>[] =>
  PUBLISHERS.filter((p) => p.channel === channel);

export const publisherById = (id: string): Publisher<unknown> | undefined =>
  PUBLISHERS.find((p) => p.id === id);
