import { renderAsset } from '../../actions/engine/assets/index.js';
import type { PublisherContext, PublishItem } from '../../actions/engine/publishers/publisher.js';
import { blogPost, brand, context, emailSequence } from '../assets/fixtures.js';

/*
 * Publish items built the way the ledger builds them: from an asset the real content renderers wrote
 * (markdown without front matter, the email HTML files), so the publishers are tested on real output.
 */

const withoutFrontMatter = (markdown: string): string => markdown.replace(/^---\n[\s\S]*?\n---\n/, '');

const itemBrand = { name: brand.name, postalAddress: brand.postalAddress, siteUrl: 'https://crescendo.dev' };

export function blogItem(overrides: Partial<PublishItem> = {}): PublishItem {
  const data = blogPost();
  const rendered = renderAsset('blog-post', data, context('blog-post'));
  return {
    key: 'q2-launch/blog/marketing-automation-pull-requests/a',
    campaign: 'q2-launch',
    path: 'content/q2-launch/blog/2026-03-02-marketing-automation-pull-requests.md',
    type: 'blog-post',
    channel: 'blog',
    variant: 'a',
    publishAt: '2026-03-10T09:00:00+01:00',
    title: data.title,
    slug: data.slug,
    markdown: withoutFrontMatter(rendered.markdown),
    data,
    brand: itemBrand,
    ...overrides,
  };
}

/** Email `number` (1-based) of the fixture sequence, as one ledger entry. */
export function emailItem(number = 1, overrides: Partial<PublishItem> = {}): PublishItem {
  const data = emailSequence();
  const rendered = renderAsset('email-sequence', data, context('email-sequence', { channel: 'email' }));
  const html = rendered.extra.find((file) => file.pathSuffix === `-email-${number}.html`)?.content;
  return {
    key: `q2-launch/email/trial-onboarding/a/email-${number}`,
    campaign: 'q2-launch',
    path: 'content/q2-launch/email/2026-03-02-trial-onboarding.md',
    type: 'email-sequence',
    channel: 'email',
    variant: 'a',
    publishAt: number === 1 ? '2026-03-10T09:00:00+01:00' : '2026-03-13T09:00:00+01:00',
    title: data.name,
    slug: data.slug,
    markdown: withoutFrontMatter(rendered.markdown),
    html,
    emailNumber: number,
    data,
    link: 'https://crescendo.dev/start?utm_source=newsletter&utm_medium=email&utm_campaign=q2-launch',
    brand: itemBrand,
    ...overrides,
  };
}

/** A context with a fixed clock, an env and a log that tests read. */
export function contextFor<C>(
  config: C,
  env: Record<string, string | undefined>,
  options: { now?: string; root?: string; fetch?: typeof fetch } = {},
): PublisherContext<C> & { lines: string[] } {
  const lines: string[] = [];
  return {
    config,
    env,
    root: options.root,
    fetch: options.fetch ?? fetch,
    now: () => new Date(options.now ?? '2026-03-09T12:00:00Z'),
    log: (line) => lines.push(line),
    lines,
  };
}

/**
 * A fetch that lets the request reach the server and then loses the answer: `cut` like a dropped
 * connection, `timeout` like a client timeout. Applies to requests `matches` selects, once.
 */
export function losingAnswer(
  matches: (method: string, url: string) => boolean,
  how: 'cut' | 'timeout' = 'cut',
): typeof fetch & { fired: boolean } {
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const response = await fetch(input, init);
    if (wrapped.fired || !matches(method, url)) return response;
    wrapped.fired = true;
    await response.arrayBuffer();
    if (how === 'timeout') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
  };
  wrapped.fired = false;
  return wrapped as typeof fetch & { fired: boolean };
}

/** Every string in a value, for "no secret anywhere in it" assertions. */
export const serialized = (value: unknown): string => JSON.stringify(value);
