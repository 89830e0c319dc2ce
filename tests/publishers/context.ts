import type { PublisherContext, PublishItem } from '../../actions/engine/publishers/publisher.js';

/*
 * Builders for publisher tests: a context driven by a fixed clock, and PublishItems shaped as the
 * distribution stage will build them from each asset type.
 */

export const NOW = new Date('2027-04-06T09:00:00Z');

export interface TestContext<C> extends PublisherContext<C> {
  logs: string[];
  saved: Record<string, string>;
}

export function context<C>(
  config: C,
  env: Record<string, string | undefined>,
  options: { fetch?: typeof fetch; now?: Date; saveSecret?: boolean } = {},
): TestContext<C> {
  const logs: string[] = [];
  const saved: Record<string, string> = {};
  const ctx: TestContext<C> = {
    config,
    env,
    fetch: options.fetch ?? fetch,
    now: () => options.now ?? NOW,
    log: (line) => logs.push(line),
    logs,
    saved,
  };
  if (options.saveSecret) {
    ctx.saveSecret = async (name, value) => {
      saved[name] = value;
    };
  }
  return ctx;
}

const base = {
  campaign: 'q2-launch',
  publishAt: '2027-04-06T09:00:00+00:00',
  brand: { name: 'Acme Analytics', siteUrl: 'https://acme-analytics.com' },
};

export function socialItem(
  platform: 'linkedin' | 'x',
  overrides: Partial<PublishItem> & { post?: Record<string, unknown> } = {},
): PublishItem {
  const { post, ...rest } = overrides;
  const data = {
    platform,
    slug: 'lead-scoring-launch',
    text: 'Lead scoring without the guesswork (really): the 5-step model we use.',
    hashtags: ['MarketingOps', 'B2B'],
    link: 'https://acme-analytics.com/blog/lead-scoring',
    variants: [{ variantId: 'b', text: 'Stop guessing which leads are ready: our 5-step scoring model.' }],
    ...post,
  };
  const variant = rest.variant ?? 'a';
  const link = `https://acme-analytics.com/blog/lead-scoring?utm_source=${platform}&utm_medium=social&utm_campaign=q2-launch&utm_content=lead-scoring-launch-${variant}`;
  return {
    ...base,
    key: `q2-launch/content/q2-launch/${platform}/2027-04-06-lead-scoring-launch.md#${variant}@${platform}`,
    path: `content/q2-launch/${platform}/2027-04-06-lead-scoring-launch.md`,
    type: 'social-post',
    channel: platform,
    variant: 'a',
    title: 'Lead scoring without the guesswork',
    slug: 'lead-scoring-launch',
    markdown: '',
    data,
    link,
    ...rest,
  };
}

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

export function rsaItem(
  overrides: Partial<PublishItem> & { ad?: Record<string, unknown> } = {},
): PublishItem {
  const { ad, ...rest } = overrides;
  const variant = rest.variant ?? 'a';
  return {
    ...base,
    key: `q2-launch/content/q2-launch/google-ads/2027-04-06-lead-scoring-rsa.md#${variant}@google-ads`,
    path: 'content/q2-launch/google-ads/2027-04-06-lead-scoring-rsa.md',
    type: 'google-rsa',
    channel: 'google-ads',
    variant: 'a',
    title: 'Lead Scoring Software',
    slug: 'lead-scoring-rsa',
    markdown: '',
    data: {
      slug: 'lead-scoring-rsa',
      headlines: ['Lead Scoring Software', 'Score Leads in Minutes', 'Free 14-Day Trial'],
      descriptions: [
        'Rank every lead by fit and intent. Set up in an afternoon, no data team needed.',
        'Send sales the leads that are ready. See the 5-step model B2B teams use.',
      ],
      finalUrl: 'https://acme-analytics.com/lead-scoring',
      path1: 'lead-scoring',
      variants: [
        { variantId: 'b', headlines: ['Lead Scoring That Works', 'Rank Leads by Intent', 'Try It Free'] },
      ],
      ...ad,
    },
    link: `https://acme-analytics.com/lead-scoring?utm_source=google&utm_medium=cpc&utm_campaign=q2-launch&utm_content=lead-scoring-rsa-${variant}&utm_term=lead+scoring`,
    keywords: ['lead scoring software', 'lead scoring model'],
    ...rest,
  };
}

export function linkedInAdItem(
  overrides: Partial<PublishItem> & { ad?: Record<string, unknown> } = {},
): PublishItem {
  const { ad, ...rest } = overrides;
  const variant = rest.variant ?? 'a';
  return {
    ...base,
    key: `q2-launch/content/q2-launch/linkedin-ads/2027-04-06-lead-scoring-ad.md#${variant}@linkedin-ads`,
    path: 'content/q2-launch/linkedin-ads/2027-04-06-lead-scoring-ad.md',
    type: 'linkedin-ad',
    channel: 'linkedin-ads',
    variant: 'a',
    title: 'The 5-step lead scoring model',
    slug: 'lead-scoring-ad',
    markdown: '',
    data: {
      slug: 'lead-scoring-ad',
      introText: 'Sales ignores half your leads (and they are right). Score them in 5 steps.',
      headline: 'The 5-step lead scoring model',
      description: 'A free guide for B2B marketing teams',
      destinationUrl: 'https://acme-analytics.com/lead-scoring',
      callToAction: 'DOWNLOAD',
      variants: [
        { variantId: 'b', headline: 'Score leads like the best B2B teams', callToAction: 'LEARN_MORE' },
      ],
      ...ad,
    },
    link: `https://acme-analytics.com/lead-scoring?utm_source=linkedin&utm_medium=paid_social&utm_campaign=q2-launch&utm_content=lead-scoring-ad-${variant}`,
    ...rest,
  };
}

/** Every string in `value`, deeply: to prove no secret reaches a plan or an error. */
export const flat = (value: unknown): string => JSON.stringify(value) ?? '';
