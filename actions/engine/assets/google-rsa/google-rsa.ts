import { z } from 'zod';
import type { AssetModule } from '../asset-module.js';
import {
  checkSlug,
  checkUrl,
  checkVariantIds,
  slugField,
  urlField,
  variantIdField,
} from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { tableCell } from '../shared/markdown-text.js';
import { containsPhrase } from '../shared/phrase.js';
import { type ContentProblem, checkCount, checkLength, error, warning } from '../shared/problems.js';
import { googleAdsLength, hasDoubleWidth } from '../shared/text-length.js';
import { RSA_LIMITS } from './limits.js';

/*
 * Google Ads responsive search ad limits (Google Ads API, ResponsiveSearchAdInfo; Google Ads Help 7684791):
 * 3–15 headlines of at most 30 characters, 2–4 descriptions of at most 90, display paths of at most 15
 * each (path2 only with path1). Double-width characters (CJK) count as 2. Google's editorial policy refuses
 * "!" in headlines and repeated assets in one ad.
 */
export { RSA_LIMITS };

const RsaVariant = z.object({
  variantId: variantIdField,
  headlines: z.array(z.string()).optional().describe('A second ad: its own 3–15 headlines'),
  descriptions: z.array(z.string()).optional().describe('A second ad: its own 2–4 descriptions'),
});

export const GoogleRsa = z.object({
  slug: slugField,
  headlines: z
    .array(z.string())
    .describe('3 to 15 headlines, each at most 30 characters, no "!", each able to stand alone'),
  descriptions: z.array(z.string()).describe('2 to 4 descriptions, each at most 90 characters'),
  finalUrl: urlField,
  path1: z
    .string()
    .optional()
    .describe('Display path after the domain, at most 15 characters, no spaces or "/"'),
  path2: z.string().optional().describe('Second display path, at most 15 characters; only with path1'),
  variants: z.array(RsaVariant).optional().describe('A/B: alternative ads in the same ad group'),
});
export type GoogleRsa = z.infer<typeof GoogleRsa>;

function lengthLabel(label: string, text: string): string {
  return hasDoubleWidth(text) ? `${label} (double-width characters count 2)` : label;
}

function checkAssets(
  prefix: string,
  headlines: readonly string[],
  descriptions: readonly string[],
  labelPrefix: string,
): ContentProblem[] {
  const problems: ContentProblem[] = [
    ...checkCount(
      `${prefix}headlines`,
      `${labelPrefix}headline`,
      headlines.length,
      RSA_LIMITS.headlines.min,
      RSA_LIMITS.headlines.max,
    ),
    ...checkCount(
      `${prefix}descriptions`,
      `${labelPrefix}description`,
      descriptions.length,
      RSA_LIMITS.descriptions.min,
      RSA_LIMITS.descriptions.max,
    ),
  ];
  const seen = new Map<string, number>();
  headlines.forEach((h, i) => {
    const where = `${prefix}headlines[${i}]`;
    problems.push(
      ...checkLength(
        where,
        lengthLabel(`${labelPrefix}headline ${i + 1}`, h),
        googleAdsLength(h),
        RSA_LIMITS.headline,
      ),
    );
    if (h.includes('!'))
      problems.push(
        error(
          where,
          `${labelPrefix}headline ${i + 1} contains "!"; Google Ads does not allow exclamation marks in headlines`,
        ),
      );
    const key = h.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(
        error(
          where,
          `${labelPrefix}headline ${i + 1} repeats headline ${first + 1}; each asset must be unique`,
        ),
      );
    else seen.set(key, i);
  });
  seen.clear();
  descriptions.forEach((d, i) => {
    const where = `${prefix}descriptions[${i}]`;
    problems.push(
      ...checkLength(
        where,
        lengthLabel(`${labelPrefix}description ${i + 1}`, d),
        googleAdsLength(d),
        RSA_LIMITS.description,
      ),
    );
    const key = d.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(
        error(
          where,
          `${labelPrefix}description ${i + 1} repeats description ${first + 1}; each asset must be unique`,
        ),
      );
    else seen.set(key, i);
  });
  return problems;
}

function checkGoogleRsa(ad: GoogleRsa, ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [
    ...checkSlug('slug', ad.slug),
    ...checkVariantIds(ad.variants),
    ...checkAssets('', ad.headlines, ad.descriptions, ''),
    ...checkUrl('finalUrl', 'final URL', ad.finalUrl),
  ];
  for (const key of ['path1', 'path2'] as const) {
    const path = ad[key];
    if (path === undefined) continue;
    problems.push(...checkLength(key, lengthLabel(key, path), googleAdsLength(path), RSA_LIMITS.path));
    if (/[\s/]/.test(path)) problems.push(error(key, `${key} "${path}" may not contain spaces or "/"`));
  }
  if (ad.path2 !== undefined && ad.path1 === undefined)
    problems.push(error('path2', 'path2 is set without path1; Google shows path2 only after path1'));
  ad.variants?.forEach((v, i) => {
    problems.push(
      ...checkAssets(
        `variants[${i}].`,
        v.headlines ?? ad.headlines,
        v.descriptions ?? ad.descriptions,
        `variant ${v.variantId} `,
      ),
    );
  });
  if (ctx.keyword && !ad.headlines.some((h) => containsPhrase(h, ctx.keyword!))) {
    problems.push(
      warning(
        'headlines',
        `no headline contains the keyword "${ctx.keyword}"; ads that echo the search get a higher Ad Strength`,
      ),
    );
  }
  return problems;
}

function assetTable(kind: string, texts: readonly string[]): string[] {
  return [
    `| # | ${kind} | characters |`,
    '| ---: | --- | ---: |',
    ...texts.map((t, i) => `| ${i + 1} | ${tableCell(t)} | ${googleAdsLength(t)} |`),
    '',
  ];
}

function renderGoogleRsa(ad: GoogleRsa) {
  const displayPath = [ad.path1, ad.path2].filter((p) => p !== undefined).join('/');
  let host = ad.finalUrl;
  try {
    host = new URL(ad.finalUrl).hostname;
  } catch {
    // Checked elsewhere; show it as written.
  }
  const body = [
    `# ${tableCell(ad.headlines[0] ?? ad.slug)}`,
    '',
    `Final URL: <${ad.finalUrl}>  `,
    `Display URL: ${tableCell(displayPath ? `${host}/${displayPath}` : host)}`,
    '',
    '## Headlines',
    '',
    ...assetTable('headline', ad.headlines),
    '## Descriptions',
    '',
    ...assetTable('description', ad.descriptions),
  ];
  for (const v of ad.variants ?? []) {
    body.push(
      `## Variant ${v.variantId}`,
      '',
      ...assetTable('headline', v.headlines ?? ad.headlines),
      ...assetTable('description', v.descriptions ?? ad.descriptions),
    );
  }
  const markdown = `${body.join('\n')}`;
  return { markdown, extra: [] };
}

export const googleRsaModule: AssetModule<GoogleRsa> = {
  title: (ad) => ad.headlines[0] ?? ad.slug,
  link: (ad) => ad.finalUrl,
  schema: GoogleRsa,
  check: checkGoogleRsa,
  render: renderGoogleRsa,
  slug: (ad) => ad.slug,
};
