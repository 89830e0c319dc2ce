import { parse, stringify } from 'yaml';
import { blogDescription, blogMarkdown } from '../blog-post.js';
import type { PublishItem } from '../publisher.js';
import { CONTENT_DIR, DEFAULT_PERMALINK, type StaticSiteConfig } from './config.js';

/*
 * One post as the site generator expects it. Every string goes through the `yaml` package, double-quoted,
 * so a title with a colon, a quote, `---` or a newline can never end or break the front matter.
 *
 * - Hugo: `content/posts/<slug>.md` with title, date, draft, slug, description, tags; custom fields go
 *   under `params` (Hugo reserves top-level names).
 * - Jekyll: `_posts/YYYY-MM-DD-<slug>.md` with layout, title, date (`YYYY-MM-DD HH:MM:SS +HHMM`),
 *   categories, tags, description.
 * - Astro: a content collection entry `src/content/blog/<slug>.md` with title, description, pubDate (the
 *   blog template's schema coerces the string to a date).
 * The publish key goes in `crescendo_key`, so `find` can tell our post from a person's.
 */

export interface PostFile {
  /** Path inside the site folder. */
  path: string;
  content: string;
  url: string;
}

/** The calendar date and clock time as written in the ISO string, in its own offset. */
function localParts(iso: string): { date: string; time: string; offset: string } {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(iso);
  if (!match) {
    const utc = new Date(iso).toISOString();
    return { date: utc.slice(0, 10), time: utc.slice(11, 19), offset: '+0000' };
  }
  const time = match[2]!.length === 5 ? `${match[2]}:00` : match[2]!;
  const zone = match[3] ?? 'Z';
  const offset = zone.toUpperCase() === 'Z' ? '+0000' : zone.replace(':', '');
  return { date: match[1]!, time, offset };
}

const urlSegment = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The public URL: `baseUrl` plus the permalink pattern filled in. */
export function postUrl(baseUrl: string, pattern: string, item: PublishItem, categories: string[]): string {
  const { date } = localParts(item.publishAt);
  const [year, month, day] = date.split('-');
  const path = pattern
    .replace(/:categories/g, categories.map(urlSegment).filter(Boolean).join('/'))
    .replace(/:year/g, year ?? '')
    .replace(/:month/g, month ?? '')
    .replace(/:day/g, day ?? '')
    .replace(/:(slug|title)/g, item.slug)
    .replace(/\/{2,}/g, '/');
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

function frontMatter(item: PublishItem, config: StaticSiteConfig): Record<string, unknown> {
  const description = blogDescription(item);
  const when = localParts(item.publishAt);
  const tags = config.tags.length > 0 ? { tags: config.tags } : {};
  const withDescription = description === undefined ? {} : { description };
  switch (config.format) {
    case 'hugo':
      return {
        title: item.title,
        date: item.publishAt,
        draft: false,
        slug: item.slug,
        ...withDescription,
        ...tags,
        params: { crescendo_key: item.key },
      };
    case 'jekyll':
      return {
        layout: config.layout,
        title: item.title,
        date: `${when.date} ${when.time} ${when.offset}`,
        categories: config.categories,
        ...tags,
        ...withDescription,
        crescendo_key: item.key,
      };
    case 'astro':
      return {
        title: item.title,
        ...withDescription,
        pubDate: item.publishAt,
        ...tags,
        crescendo_key: item.key,
      };
  }
}

export function postPath(item: PublishItem, config: StaticSiteConfig): string {
  const dir = (config.contentDir ?? CONTENT_DIR[config.format]).replace(/^\.?\/+|\/+$/g, '');
  const name =
    config.format === 'jekyll' ? `${localParts(item.publishAt).date}-${item.slug}.md` : `${item.slug}.md`;
  return `${dir}/${name}`;
}

export function renderPost(item: PublishItem, config: StaticSiteConfig, baseUrl: string): PostFile {
  const yaml = stringify(frontMatter(item, config), {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
  });
  const permalink = config.permalink ?? DEFAULT_PERMALINK[config.format];
  return {
    path: postPath(item, config),
    content: `---\n${yaml}---\n\n${blogMarkdown(item)}`,
    url: postUrl(baseUrl, permalink, item, config.format === 'jekyll' ? config.categories : []),
  };
}

/** The publish key in a post file's front matter (top level or under Hugo's `params`), if any. */
export function keyOfPost(content: string): string | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(content);
  if (!match) return undefined;
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  const record = data as { crescendo_key?: unknown; params?: { crescendo_key?: unknown } };
  const key = record.crescendo_key ?? record.params?.crescendo_key;
  return typeof key === 'string' ? key : undefined;
}

/** The post's own date from its front matter (`date` or `pubDate`), as ISO 8601, if present. */
export function dateOfPost(content: string): string | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(content);
  try {
    const data = parse(match?.[1] ?? '') as { date?: unknown; pubDate?: unknown } | null;
    const value = data?.date ?? data?.pubDate;
    const at =
      typeof value === 'string' ? new Date(value.replace(/ (\d{2}:\d{2}:\d{2}) /, 'T$1')) : undefined;
    return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
  } catch {
    return undefined;
  }
}
