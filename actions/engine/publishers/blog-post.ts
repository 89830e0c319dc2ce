import { BlogPost } from '../assets/blog-post/blog-post.js';
import { markdownToHtml } from '../assets/shared/markdown-html.js';
import { SLUG_PATTERN } from '../assets/shared/slug.js';
import type { Problem } from '../errors.js';
import type { PublishItem } from './publisher.js';

/*
 * What the blog publishers (static site, WordPress, Ghost) read from a `blog-post` item. The body is the
 * item's markdown without its leading `# H1`: every blog theme prints the post title as the page's H1, so
 * keeping it would show two. From `item.data` (the validated BlogPost) only the meta description is read,
 * the variant's own when it has one.
 */

/** The markdown body without the first-level heading that opens it. */
export function blogMarkdown(item: PublishItem): string {
  const lines = item.markdown.replace(/^\uFEFF/, '').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first >= 0 && /^#\s/.test(lines[first] ?? '')) lines.splice(first, 1);
  return `${lines.join('\n').trim()}\n`;
}

/** The body as HTML for a CMS; headings keep their levels (H2 and below). */
export const blogHtml = (item: PublishItem): string => markdownToHtml(blogMarkdown(item));

/** The meta description for this variant, when the item carries a valid BlogPost. */
export function blogDescription(item: PublishItem): string | undefined {
  const parsed = BlogPost.safeParse(item.data);
  if (!parsed.success) return undefined;
  const variant = parsed.data.variants?.find((v) => v.variantId === item.variant);
  return variant?.metaDescription ?? parsed.data.metaDescription;
}

/** The checks every blog publisher runs before it sends anything. */
export function blogItemProblems(item: PublishItem, assetTypes: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const where = item.path;
  if (!assetTypes.includes(item.type)) {
    problems.push({
      where,
      message: `a ${item.type} cannot be published on the blog (only ${assetTypes.join(', ')})`,
    });
  }
  if (!SLUG_PATTERN.test(item.slug)) {
    problems.push({
      where: `${where}: slug`,
      message: `"${item.slug}" is not a URL slug (a-z, 0-9 and hyphens)`,
    });
  }
  if (item.title.trim() === '') problems.push({ where: `${where}: title`, message: 'the post has no title' });
  if (Number.isNaN(Date.parse(item.publishAt))) {
    problems.push({ where: `${where}: publishAt`, message: `"${item.publishAt}" is not an ISO 8601 time` });
  }
  if (blogMarkdown(item).trim() === '') problems.push({ where, message: 'the post has no body' });
  return problems;
}
