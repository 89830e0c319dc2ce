import type { AssetModule } from '../asset-module.js';
import { BLOG_LIMITS } from '../blog-post/blog-post.js';
import { checkSlug, checkVariantIds } from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { oneLine, tableCell } from '../shared/markdown-text.js';
import { containsPhrase } from '../shared/phrase.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { charCount } from '../shared/text-length.js';
import { renderLandingHtml } from './landing-html.js';
import { LandingPage } from './schema.js';

export type { FormField } from './schema.js';

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
  const markdown = `${body.join('\n')}`;
  return { markdown, extra };
}

export const landingPageModule: AssetModule<LandingPage> = {
  title: (page) => page.title,
  schema: LandingPage,
  check: checkLandingPage,
  render: renderLandingPage,
  slug: (page) => page.slug,
};
export { LandingPage };
