import { z } from 'zod';
import type { AssetModule } from '../asset-module.js';
import { BLOG_LIMITS } from '../blog-post/blog-post.js';
import { checkSlug, checkVariantIds, slugField, variantIdField } from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { frontMatter } from '../shared/front-matter.js';
import { oneLine, tableCell } from '../shared/markdown-text.js';
import { containsPhrase } from '../shared/phrase.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { charCount } from '../shared/text-length.js';
import { renderLandingHtml } from './landing-html.js';

/*
 * A landing page has no platform limits; the rules are conversion practice:
 * - a form must collect an email address (errors: no email field, duplicate or malformed field names);
 * - every statistic names its source (schema) and the page shows some proof (warning when it has none);
 * - 3–6 benefits, at most 5 form fields (each extra field costs sign-ups), a submit label better than
 *   "Submit" (warnings);
 * - title and meta description follow the blog's SEO lengths, as warnings: many campaign pages are not indexed.
 */
export const LANDING_LIMITS = {
  benefits: { recommendedMin: 3, recommendedMax: 6 },
  formFields: { recommendedMax: 5 },
} as const;

const FormField = z.object({
  name: z.string().describe('Machine name, snake_case, e.g. "work_email"'),
  label: z.string().min(1),
  type: z.enum(['text', 'email', 'tel', 'url', 'number', 'select', 'textarea', 'checkbox']),
  required: z.boolean(),
  options: z.array(z.string().min(1)).optional().describe('Choices, for type "select" only'),
});
export type FormField = z.infer<typeof FormField>;

const LandingVariant = z.object({
  variantId: variantIdField,
  headline: z.string().optional(),
  subheadline: z.string().optional(),
  ctaLabel: z.string().optional(),
});

export const LandingPage = z.object({
  slug: slugField,
  title: z.string().min(1).describe('The <title>: at most 60 characters'),
  metaDescription: z.string().min(1).describe('120 to 160 characters'),
  hero: z.object({
    headline: z.string().min(1).describe('The one H1: the outcome the visitor gets'),
    subheadline: z.string().min(1),
    ctaLabel: z.string().min(1).describe('Button that takes the visitor to the form, verb first'),
  }),
  benefitsHeading: z.string().min(1),
  benefits: z
    .array(z.object({ title: z.string().min(1), description: z.string().min(1) }))
    .describe('3 to 6 benefits'),
  proofHeading: z.string().min(1),
  proof: z.object({
    testimonials: z.array(
      z.object({
        quote: z.string().min(1),
        name: z.string().min(1),
        role: z.string().optional(),
        company: z.string().optional(),
      }),
    ),
    stats: z.array(
      z.object({
        value: z.string().min(1).describe('e.g. "42%" or "3x"'),
        label: z.string().min(1),
        source: z.string().min(1).describe('Where the number comes from: a study, a report, a product fact'),
      }),
    ),
  }),
  form: z.object({
    heading: z.string().min(1),
    fields: z.array(FormField).describe('1 to 5 fields, one of type "email"'),
    submitLabel: z.string().min(1).describe('Says what the visitor gets, e.g. "Get the guide", not "Submit"'),
  }),
  variants: z
    .array(LandingVariant)
    .optional()
    .describe('A/B alternatives of headline, subheadline or button label'),
});
export type LandingPage = z.infer<typeof LandingPage>;

function checkLandingPage(page: LandingPage, ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [...checkSlug('slug', page.slug), ...checkVariantIds(page.variants)];
  problems.push(
    ...checkLength('title', 'title', charCount(page.title), { recommendedMax: BLOG_LIMITS.title.max }),
  );
  problems.push(
    ...checkLength('metaDescription', 'meta description', charCount(page.metaDescription), {
      recommendedMin: BLOG_LIMITS.metaDescription.min,
      recommendedMax: BLOG_LIMITS.metaDescription.max,
    }),
  );
  if (page.benefits.length === 0)
    problems.push(error('benefits', 'the page lists no benefit; at least 1 is required'));
  else
    problems.push(
      ...checkLength('benefits', 'the benefit list', page.benefits.length, LANDING_LIMITS.benefits, 'items'),
    );
  if (page.proof.testimonials.length + page.proof.stats.length === 0) {
    problems.push(warning('proof', 'the page shows no proof; add a testimonial or a sourced statistic'));
  }
  problems.push(...checkForm(page.form));
  if (
    ctx.keyword &&
    !containsPhrase(page.hero.headline, ctx.keyword) &&
    !containsPhrase(page.title, ctx.keyword)
  ) {
    problems.push(
      warning('hero.headline', `neither the headline nor the title contains the keyword "${ctx.keyword}"`),
    );
  }
  return problems;
}

function checkForm(form: LandingPage['form']): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (form.fields.length === 0)
    return [error('form.fields', 'the form has no field; it needs at least an email field')];
  if (!form.fields.some((f) => f.type === 'email'))
    problems.push(error('form.fields', 'the form has no field of type "email"'));
  problems.push(
    ...checkLength('form.fields', 'the form', form.fields.length, LANDING_LIMITS.formFields, 'fields'),
  );
  const names = new Map<string, number>();
  form.fields.forEach((field, i) => {
    const where = `form.fields[${i}]`;
    if (!/^[a-z][a-z0-9_]*$/.test(field.name)) {
      problems.push(
        error(
          `${where}.name`,
          `field ${i + 1} name "${field.name}" must be snake_case (a-z, 0-9, _), starting with a letter`,
        ),
      );
    }
    const first = names.get(field.name);
    if (first !== undefined)
      problems.push(
        error(`${where}.name`, `field ${i + 1} repeats the name "${field.name}" of field ${first + 1}`),
      );
    else names.set(field.name, i);
    if (field.type === 'select' && (field.options?.length ?? 0) < 2) {
      problems.push(
        error(
          `${where}.options`,
          `field ${i + 1} is a select with ${field.options?.length ?? 0} options; give at least 2`,
        ),
      );
    }
  });
  if (/^\s*submit\s*$/i.test(form.submitLabel)) {
    problems.push(
      warning(
        'form.submitLabel',
        'the submit label is "Submit"; say what the visitor gets, e.g. "Get the guide"',
      ),
    );
  }
  return problems;
}

/** The page as variant `variantId` shows it. */
export function landingPageForVariant(page: LandingPage, variantId: string): LandingPage {
  const variant = page.variants?.find((v) => v.variantId === variantId);
  if (!variant) return page;
  return {
    ...page,
    hero: {
      headline: variant.headline ?? page.hero.headline,
      subheadline: variant.subheadline ?? page.hero.subheadline,
      ctaLabel: variant.ctaLabel ?? page.hero.ctaLabel,
    },
  };
}

function renderLandingPage(page: LandingPage, ctx: AssetContext) {
  const proof = page.proof;
  const body = [
    `# ${oneLine(page.hero.headline)}`,
    '',
    oneLine(page.hero.subheadline),
    '',
    `**[${oneLine(page.hero.ctaLabel)}](#form)**`,
    '',
    `## ${oneLine(page.benefitsHeading)}`,
    '',
    ...page.benefits.flatMap((b) => [`### ${oneLine(b.title)}`, '', b.description.trim(), '']),
    `## ${oneLine(page.proofHeading)}`,
    '',
    ...proof.testimonials.flatMap((t) => [
      `> ${oneLine(t.quote)}`,
      `> — ${[t.name, t.role, t.company]
        .filter((x) => x)
        .map((x) => oneLine(x!))
        .join(', ')}`,
      '',
    ]),
    ...(proof.stats.length > 0
      ? [
          '| figure | what | source |',
          '| --- | --- | --- |',
          ...proof.stats.map(
            (s) => `| ${tableCell(s.value)} | ${tableCell(s.label)} | ${tableCell(s.source)} |`,
          ),
          '',
        ]
      : []),
    `## ${oneLine(page.form.heading)}`,
    '',
    ...page.form.fields.map(
      (f) => `- ${oneLine(f.label)} (\`${f.name}\`, ${f.type}${f.required ? ', required' : ''})`,
    ),
    '',
    `Button: **${oneLine(page.form.submitLabel)}**`,
    '',
  ];
  const ids = ['a', ...(page.variants ?? []).map((v) => v.variantId)];
  const extra = ids.map((id) => ({
    pathSuffix: id === 'a' ? '.html' : `-${id}.html`,
    content: renderLandingHtml(landingPageForVariant(page, id), ctx, id),
  }));
  const markdown = `${frontMatter({
    type: 'landing-page',
    ctx,
    slug: page.slug,
    title: page.title,
    variants: [
      { id: 'a' },
      ...(page.variants ?? []).map((v) => ({
        id: v.variantId,
        changes: { headline: v.headline, subheadline: v.subheadline, cta_label: v.ctaLabel },
      })),
    ],
    extra: { description: page.metaDescription },
  })}\n${body.join('\n')}`;
  return { markdown, extra };
}

export const landingPageModule: AssetModule<LandingPage> = {
  schema: LandingPage,
  check: checkLandingPage,
  render: renderLandingPage,
  slug: (page) => page.slug,
};
