import { z } from 'zod';
import type { AssetModule } from '../asset-module.js';
import {
  CallToAction,
  checkCallToAction,
  checkSlug,
  checkUrl,
  checkVariantIds,
  slugField,
  variantIdField,
} from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { checkHeadingOrder, markdownHeadings, markdownProse, type PageHeading } from '../shared/headings.js';
import { hostsOf, isInternalLink, markdownLinks } from '../shared/links.js';
import { linkTarget, oneLine } from '../shared/markdown-text.js';
import { containsPhrase, firstWords } from '../shared/phrase.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { charCount } from '../shared/text-length.js';

/*
 * Limits (house SEO standard, errors because the model can always meet them in a retry):
 * - title ≤ 60 characters: Google cuts title links at about 600 px, roughly 50–60 characters;
 * - meta description 120–160: Google's snippet shows about 155–160 characters; shorter wastes the space;
 * - the target keyword in the title, the H1 and the first 100 words of prose (case-insensitive).
 */
export const BLOG_LIMITS = {
  title: { max: 60 },
  metaDescription: { min: 120, max: 160 },
  keywordWithinWords: 100,
} as const;

const BlogSection = z.object({
  heading: z.string().min(1),
  level: z
    .union([z.literal(2), z.literal(3)])
    .describe('2 for a main section, 3 for a subsection of the one before'),
  markdown: z
    .string()
    .min(1)
    .describe(
      'The section body in markdown: paragraphs, lists, links. No "#" H1; deeper headings only as "####"',
    ),
});

const InternalLink = z.object({
  anchorText: z.string().min(1),
  url: z
    .string()
    .describe('A page of the same site: root-relative like "/pricing", or an absolute URL on the brand site'),
});

const BlogVariant = z.object({
  variantId: variantIdField,
  title: z.string().optional(),
  metaDescription: z.string().optional(),
  cta: CallToAction.optional(),
});

export const BlogPost = z.object({
  title: z
    .string()
    .min(1)
    .describe('The <title> for search results: at most 60 characters, includes the target keyword'),
  metaDescription: z
    .string()
    .min(1)
    .describe('Meta description: 120 to 160 characters, a promise and a reason to click'),
  slug: slugField,
  h1: z.string().min(1).describe('The one H1 of the page; includes the target keyword'),
  sections: z
    .array(BlogSection)
    .min(1)
    .describe(
      'In reading order, starting with a level 2 section; the keyword appears in the first 100 words of prose',
    ),
  internalLinks: z
    .array(InternalLink)
    .describe(
      'At least one link to another page of the same site (added under "Further reading" unless linked in the text)',
    ),
  cta: CallToAction,
  variants: z
    .array(BlogVariant)
    .optional()
    .describe('A/B alternatives of title, meta description or call to action'),
});
export type BlogPost = z.infer<typeof BlogPost>;

function checkBlogPost(post: BlogPost, ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const titles = [{ where: 'title', label: 'title', text: post.title }];
  const metas = [{ where: 'metaDescription', label: 'meta description', text: post.metaDescription }];
  const ctas = [{ where: 'cta', label: 'call to action', cta: post.cta }];
  post.variants?.forEach((v, i) => {
    if (v.title !== undefined)
      titles.push({ where: `variants[${i}].title`, label: `variant ${v.variantId} title`, text: v.title });
    if (v.metaDescription !== undefined) {
      metas.push({
        where: `variants[${i}].metaDescription`,
        label: `variant ${v.variantId} meta description`,
        text: v.metaDescription,
      });
    }
    if (v.cta)
      ctas.push({ where: `variants[${i}].cta`, label: `variant ${v.variantId} call to action`, cta: v.cta });
  });
  for (const t of titles)
    problems.push(...checkLength(t.where, t.label, charCount(t.text), BLOG_LIMITS.title));
  for (const m of metas) {
    problems.push(...checkLength(m.where, m.label, charCount(m.text), BLOG_LIMITS.metaDescription));
  }
  for (const c of ctas) problems.push(...checkCallToAction(c.where, c.label, c.cta));
  problems.push(...checkSlug('slug', post.slug), ...checkVariantIds(post.variants));

  // Exactly one H1: the `h1` field. Section bodies may not add another.
  const headings: PageHeading[] = [];
  post.sections.forEach((section, i) => {
    headings.push({ level: section.level, text: section.heading, where: `sections[${i}].heading` });
    for (const inner of markdownHeadings(section.markdown, `sections[${i}].markdown`)) {
      if (inner.level === 1) {
        problems.push(
          error(
            inner.where,
            `section ${i + 1} contains a second H1 ("${inner.text}"); a page has exactly one H1, the h1 field`,
          ),
        );
      }
      headings.push(inner);
    }
  });
  problems.push(...checkHeadingOrder(headings));

  if (ctx.keyword) problems.push(...checkKeyword(post, ctx.keyword, titles));
  problems.push(...checkInternalLinks(post, ctx));
  return problems;
}

function checkKeyword(
  post: BlogPost,
  keyword: string,
  titles: readonly { where: string; label: string; text: string }[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const t of titles) {
    if (!containsPhrase(t.text, keyword))
      problems.push(error(t.where, `${t.label} does not contain the target keyword "${keyword}"`));
  }
  if (!containsPhrase(post.h1, keyword))
    problems.push(error('h1', `the H1 does not contain the target keyword "${keyword}"`));
  const prose = post.sections.map((s) => markdownProse(s.markdown)).join('\n');
  const limit = BLOG_LIMITS.keywordWithinWords;
  if (!containsPhrase(firstWords(prose, limit), keyword)) {
    problems.push(
      error(
        'sections[0].markdown',
        `the first ${limit} words of the text do not contain the target keyword "${keyword}"`,
      ),
    );
  }
  if (!containsPhrase(post.metaDescription, keyword)) {
    problems.push(
      warning(
        'metaDescription',
        `the meta description does not contain the target keyword "${keyword}"; Google bolds it in the snippet`,
      ),
    );
  }
  return problems;
}

function checkInternalLinks(post: BlogPost, ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const hosts = hostsOf(ctx.brand.website, ctx.landingUrl);
  const siteName = hosts.length > 0 ? ` or a URL on ${hosts.join(' or ')}` : '';
  let internal = 0;
  post.internalLinks.forEach((link, i) => {
    if (isInternalLink(link.url, hosts)) {
      internal += 1;
      if (!link.url.startsWith('/'))
        problems.push(...checkUrl(`internalLinks[${i}].url`, `internal link ${i + 1}`, link.url));
    } else {
      problems.push(
        error(
          `internalLinks[${i}].url`,
          `internal link ${i + 1} ("${link.url}") is not on this site; use a root-relative path like /pricing${siteName}`,
        ),
      );
    }
  });
  for (const section of post.sections) {
    internal += markdownLinks(section.markdown).filter((url) => isInternalLink(url, hosts)).length;
  }
  if (internal === 0) {
    problems.push(
      error(
        'internalLinks',
        `the post has no internal link; link at least one other page of the site (a root-relative path like /pricing${siteName})`,
      ),
    );
  }
  return problems;
}

function renderBlogPost(post: BlogPost) {
  const inline = new Set(post.sections.flatMap((s) => markdownLinks(s.markdown)));
  const further = post.internalLinks.filter((l) => !inline.has(l.url));
  const body: string[] = [`# ${oneLine(post.h1)}`, ''];
  for (const section of post.sections) {
    body.push(`${'#'.repeat(section.level)} ${oneLine(section.heading)}`, '', section.markdown.trim(), '');
  }
  if (further.length > 0) {
    body.push(
      '## Further reading',
      '',
      ...further.map((l) => `- [${oneLine(l.anchorText)}](${linkTarget(l.url)})`),
      '',
    );
  }
  body.push(`[**${oneLine(post.cta.label)}**](${linkTarget(post.cta.url)})`, '');
  const markdown = `${body.join('\n')}`;
  return { markdown, extra: [] };
}

export const blogPostModule: AssetModule<BlogPost> = {
  title: (post) => post.title,
  schema: BlogPost,
  check: checkBlogPost,
  render: renderBlogPost,
  slug: (post) => post.slug,
};
