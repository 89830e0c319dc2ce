import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { StaticSiteConfig } from '../../../actions/engine/publishers/static-site/config.js';
import {
  dateOfPost,
  keyOfPost,
  renderPost,
} from '../../../actions/engine/publishers/static-site/post-file.js';
import { blogItem } from '../items.js';

const BASE = 'https://crescendo.dev';

function frontOf(content: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(content);
  expect(match).not.toBeNull();
  return parse(match?.[1] ?? '') as Record<string, unknown>;
}

describe('static site post files', () => {
  it('Hugo: content/posts/<slug>.md with title, date, draft, slug, description, tags and the key under params', () => {
    const config = StaticSiteConfig.parse({ format: 'hugo', tags: ['marketing ops'] });
    const post = renderPost(blogItem(), config, BASE);
    expect(post.path).toBe('content/posts/marketing-automation-pull-requests.md');
    expect(frontOf(post.content)).toEqual({
      title: 'Marketing automation that ships as pull requests',
      date: '2026-03-10T09:00:00+01:00',
      draft: false,
      slug: 'marketing-automation-pull-requests',
      description: expect.stringMatching(/^Marketing automation for B2B teams/),
      tags: ['marketing ops'],
      params: { crescendo_key: 'q2-launch/blog/marketing-automation-pull-requests/a' },
    });
    expect(post.url).toBe('https://crescendo.dev/posts/marketing-automation-pull-requests/');
  });

  it('Jekyll: _posts/YYYY-MM-DD-slug.md with layout, title, date with offset and categories', () => {
    const config = StaticSiteConfig.parse({ format: 'jekyll', categories: ['Marketing Ops'] });
    const post = renderPost(blogItem(), config, `${BASE}/`);
    expect(post.path).toBe('_posts/2026-03-10-marketing-automation-pull-requests.md');
    const front = frontOf(post.content);
    expect(front).toMatchObject({
      layout: 'post',
      title: 'Marketing automation that ships as pull requests',
      date: '2026-03-10 09:00:00 +0100',
      categories: ['Marketing Ops'],
      crescendo_key: 'q2-launch/blog/marketing-automation-pull-requests/a',
    });
    expect(post.url).toBe(
      'https://crescendo.dev/marketing-ops/2026/03/10/marketing-automation-pull-requests.html',
    );
    expect(dateOfPost(post.content)).toBe('2026-03-10T08:00:00.000Z');
  });

  it('Astro: a blog collection entry with title, description and pubDate', () => {
    const config = StaticSiteConfig.parse({ format: 'astro', permalink: '/articles/:slug/' });
    const post = renderPost(blogItem(), config, BASE);
    expect(post.path).toBe('src/content/blog/marketing-automation-pull-requests.md');
    expect(frontOf(post.content)).toMatchObject({
      title: 'Marketing automation that ships as pull requests',
      pubDate: '2026-03-10T09:00:00+01:00',
      description: expect.any(String),
    });
    expect(post.url).toBe('https://crescendo.dev/articles/marketing-automation-pull-requests/');
  });

  it('the body keeps the sections but not the H1 the theme prints from the title', () => {
    const post = renderPost(blogItem(), StaticSiteConfig.parse({ format: 'hugo' }), BASE);
    const body = post.content.replace(/^---\n[\s\S]*?\n---\n/, '');
    expect(body).not.toMatch(/^# /m);
    expect(body).toContain('## Why review marketing like code');
    expect(body).toContain('### How the stages fit');
  });

  it('text from the asset cannot break the front matter', () => {
    const title = 'Ops: "quoted" \'single\' #tag\n---\nlayout: evil\n{ flow: [x] } & *alias';
    for (const format of ['hugo', 'jekyll', 'astro'] as const) {
      const post = renderPost(
        blogItem({ title, key: 'k: "v"\n---' }),
        StaticSiteConfig.parse({ format }),
        BASE,
      );
      const front = frontOf(post.content);
      expect(front.title).toBe(title);
      expect(front.layout === 'evil').toBe(false);
      expect(keyOfPost(post.content)).toBe('k: "v"\n---');
    }
  });

  it('reads no key from a file without front matter or with broken YAML', () => {
    expect(keyOfPost('# Just markdown\n')).toBeUndefined();
    expect(keyOfPost('---\ntitle: [unclosed\n---\n')).toBeUndefined();
    expect(keyOfPost('---\ncrescendo_key: 42\n---\n')).toBeUndefined();
  });
});
