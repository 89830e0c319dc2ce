import { z } from 'zod';
import { type ContentProblem, error, warning } from './problems.js';
import { SLUG_PATTERN } from './slug.js';

/*
 * Schema pieces every asset shares. The schemas describe the shape the model fills; the numeric limits live in
 * the checks (and in the `.describe()` text the model reads), so that each broken limit gets one message that
 * names the field and both numbers, and so that weighted counts (X, Google's double-width) apply.
 */

export const slugField = z
  .string()
  .describe(
    'kebab-case name for the URL and file, lower-case ASCII, at most 60 characters, e.g. "q2-pricing-guide"',
  );

export const urlField = z.string().describe('Absolute https:// URL');

export const CallToAction = z.object({
  label: z.string().min(1).describe('Button or link text, a verb first, e.g. "Start your free trial"'),
  url: urlField,
});
export type CallToAction = z.infer<typeof CallToAction>;

/**
 * A/B variants: the asset as written is variant `a`; each alternative overrides a few fields and takes the
 * next letter, `b`, `c`, … in order. The id is stable and becomes the `utm_content` suffix.
 */
export const variantIdField = z
  .string()
  .describe(
    'Letter of this alternative: "b" for the first, "c" for the second, … ("a" is the asset as written)',
  );

/** How many alternatives beyond `a` before traffic is split too thin to learn anything. */
export const RECOMMENDED_MAX_ALTERNATIVES = 3;
/** Letters b…z: at most 25 alternatives however many are asked for. */
export const MAX_ALTERNATIVES = 25;

export function checkVariantIds(variants: readonly { variantId: string }[] | undefined): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (!variants) return problems;
  if (variants.length > MAX_ALTERNATIVES) {
    problems.push(
      error('variants', `there are ${variants.length} variants; the limit is ${MAX_ALTERNATIVES} (b to z)`),
    );
  } else if (variants.length > RECOMMENDED_MAX_ALTERNATIVES) {
    problems.push(
      warning(
        'variants',
        `there are ${variants.length} variants besides "a"; the recommended maximum is ${RECOMMENDED_MAX_ALTERNATIVES}, or no variant gets enough traffic to win`,
      ),
    );
  }
  variants.forEach((variant, i) => {
    const expected = variantLetter(i + 1);
    if (variant.variantId !== expected) {
      problems.push(
        error(
          `variants[${i}].variantId`,
          `variant ${i + 1} has id "${variant.variantId}"; ids run "b", "c", "d" … in order, so it must be "${expected}"`,
        ),
      );
    }
  });
  return problems;
}

/** 0 → a, 1 → b, … */
export const variantLetter = (index: number): string => String.fromCharCode(97 + index);

/** `a` plus the alternatives' ids. */
export const variantIds = (variants: readonly { variantId: string }[] | undefined): string[] => [
  'a',
  ...(variants ?? []).map((v) => v.variantId),
];

export function checkSlug(where: string, slug: string): ContentProblem[] {
  if (!SLUG_PATTERN.test(slug)) {
    return [error(where, `slug "${slug}" must be lower-case letters and digits joined by single hyphens`)];
  }
  if (slug.length > 60) return [error(where, `slug is ${slug.length} characters; the limit is 60`)];
  return [];
}

/** An absolute http(s) URL, or a problem saying what is wrong with it. */
export function checkUrl(where: string, label: string, url: string, maxLength = 2048): ContentProblem[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [error(where, `${label} "${url}" is not an absolute URL; write it with https://`)];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return [error(where, `${label} "${url}" must start with https://`)];
  }
  if (url.length > maxLength)
    return [error(where, `${label} is ${url.length} characters; the limit is ${maxLength}`)];
  return [];
}

export function checkCallToAction(where: string, label: string, cta: CallToAction): ContentProblem[] {
  return checkUrl(`${where}.url`, `${label} URL`, cta.url);
}
