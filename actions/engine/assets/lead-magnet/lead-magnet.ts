import { z } from 'zod';
import type { AssetModule } from '../asset-module.js';
import { checkSlug, checkVariantIds, slugField, variantIdField } from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { checkHeadingOrder, markdownHeadings } from '../shared/headings.js';
import { oneLine } from '../shared/markdown-text.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { charCount } from '../shared/text-length.js';

/*
 * An e-book or a template offered in exchange for an email address. Rules: an e-book has chapters, a
 * template has sections (errors); the outline lists the chapters or sections in order (warning if it does
 * not match); chapter bodies start their headings at H2, since the chapter title is the H1 of its page.
 */
export const LEAD_MAGNET_LIMITS = {
  title: { recommendedMax: 70 },
  parts: { min: 1, recommendedMax: 12 },
} as const;

const Chapter = z.object({
  title: z.string().min(1),
  markdown: z.string().min(1).describe('The chapter in markdown; subheadings start at "##"'),
});

const TemplateSection = z.object({
  title: z.string().min(1),
  instructions: z.string().min(1).describe('What to fill in and why, in markdown'),
  fields: z.array(z.string().min(1)).describe('Blanks the reader fills in, e.g. "Target audience"'),
});

const LeadMagnetVariant = z.object({
  variantId: variantIdField,
  title: z.string().optional(),
  subtitle: z.string().optional(),
});

export const LeadMagnet = z.object({
  kind: z.enum(['ebook', 'template']),
  slug: slugField,
  title: z.string().min(1).describe('At most 70 characters'),
  subtitle: z.string().optional(),
  outline: z.array(z.string().min(1)).describe('The chapter (ebook) or section (template) titles, in order'),
  chapters: z.array(Chapter).optional().describe('For kind "ebook"'),
  sections: z.array(TemplateSection).optional().describe('For kind "template"'),
  variants: z.array(LeadMagnetVariant).optional().describe('A/B alternatives of title or subtitle'),
});
export type LeadMagnet = z.infer<typeof LeadMagnet>;

function checkLeadMagnet(magnet: LeadMagnet, _ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [...checkSlug('slug', magnet.slug), ...checkVariantIds(magnet.variants)];
  problems.push(...checkLength('title', 'title', charCount(magnet.title), LEAD_MAGNET_LIMITS.title));
  magnet.variants?.forEach((v, i) => {
    if (v.title !== undefined) {
      problems.push(
        ...checkLength(
          `variants[${i}].title`,
          `variant ${v.variantId} title`,
          charCount(v.title),
          LEAD_MAGNET_LIMITS.title,
        ),
      );
    }
  });
  const isEbook = magnet.kind === 'ebook';
  const key = isEbook ? 'chapters' : 'sections';
  const noun = isEbook ? 'chapter' : 'section';
  const parts: readonly { title: string }[] = (isEbook ? magnet.chapters : magnet.sections) ?? [];
  const other = isEbook ? magnet.sections : magnet.chapters;
  if (parts.length === 0)
    problems.push(error(key, `${isEbook ? 'an e-book' : 'a template'} needs ${key}; there are none`));
  if (other && other.length > 0) {
    problems.push(
      error(
        isEbook ? 'sections' : 'chapters',
        isEbook ? 'an e-book has chapters, not sections' : 'a template has sections, not chapters',
      ),
    );
  }
  problems.push(
    ...checkLength(
      key,
      `the ${magnet.kind}`,
      parts.length,
      { recommendedMax: LEAD_MAGNET_LIMITS.parts.recommendedMax },
      `${noun}s`,
    ),
  );
  const titles = parts.map((p) => p.title.trim().toLowerCase());
  const outline = magnet.outline.map((o) => o.trim().toLowerCase());
  if (parts.length > 0 && titles.join('\n') !== outline.join('\n')) {
    problems.push(warning('outline', `the outline does not list the ${noun} titles in order`));
  }
  magnet.chapters?.forEach((chapter, i) => {
    const headings = markdownHeadings(chapter.markdown, `chapters[${i}].markdown`);
    for (const h of headings) {
      if (h.level === 1)
        problems.push(
          error(
            h.where,
            `chapter ${i + 1} contains an H1 ("${h.text}"); the chapter title is the H1, start at "##"`,
          ),
        );
    }
    problems.push(...checkHeadingOrder(headings));
  });
  return problems;
}

/** `## x` → `### x`, outside fenced code blocks. */
function demoteHeadings(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
      return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

function renderLeadMagnet(magnet: LeadMagnet) {
  const body: string[] = [`# ${oneLine(magnet.title)}`, ''];
  if (magnet.subtitle) body.push(`*${oneLine(magnet.subtitle)}*`, '');
  body.push(...magnet.outline.map((o, i) => `${i + 1}. ${oneLine(o)}`), '');
  for (const chapter of magnet.chapters ?? []) {
    // Chapters become H2 in the single file; their own headings move one level down to keep the outline.
    body.push(`## ${oneLine(chapter.title)}`, '', demoteHeadings(chapter.markdown.trim()), '');
  }
  for (const section of magnet.sections ?? []) {
    body.push(`## ${oneLine(section.title)}`, '', section.instructions.trim(), '');
    body.push(...section.fields.map((f) => `- **${oneLine(f)}:** ______`), '');
  }
  const markdown = `${body.join('\n')}`;
  return { markdown, extra: [] };
}

export const leadMagnetModule: AssetModule<LeadMagnet> = {
  title: (magnet) => magnet.title,
  schema: LeadMagnet,
  check: checkLeadMagnet,
  render: renderLeadMagnet,
  slug: (magnet) => magnet.slug,
};
