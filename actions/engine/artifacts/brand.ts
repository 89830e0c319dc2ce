import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import { CrescendoError, type Problem } from '../errors.js';
import type { RepoFiles } from '../files/repo-files.js';
import { formatPath, parseYaml } from '../files/yaml.js';

/**
 * The team's brand voice, kept in `brand.yml` and edited by people. Keys are the same as here; unknown keys
 * are refused so that a typo (`words_to_avoid`) is caught rather than silently ignored.
 */
export const BrandVoice = z.strictObject({
  name: z.string().trim().min(1).describe('The brand or product name as it must be written'),
  tone: z.string().trim().min(1).describe('How the brand sounds, e.g. "professional yet approachable"'),
  audience: z.string().trim().min(1).describe('Who the content is for'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag such as "en" or "en-GB"')
    .default('en'),
  website: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Home page; links on this host are internal'),
  productFacts: z
    .array(z.string().trim().min(1))
    .default([])
    .describe('Facts the content may state, one per item; nothing else may be claimed'),
  wordsToUse: z.array(z.string().trim().min(1)).default([]),
  wordsToAvoid: z.array(z.string().trim().min(1)).default([]),
  examples: z.array(z.string().trim().min(1)).default([]).describe('Short passages in the brand voice'),
  requiredDisclaimers: z
    .array(
      z.strictObject({
        text: z.string().trim().min(1),
        /** The asset types that must carry it; all when left out. */
        appliesTo: z.array(AssetType).optional(),
      }),
    )
    .default([]),
  postalAddress: z.string().trim().min(1).optional().describe('Printed in email footers (anti-spam laws)'),
});
export type BrandVoice = z.infer<typeof BrandVoice>;

export const BRAND_PATH = '.github/crescendo/brand.yml';

/**
 * Reads `brand.yml`. Throws a CrescendoError whose problems point at the line of each bad field, so the
 * person who edited the file sees where to look.
 */
export function parseBrandVoice(text: string, file = BRAND_PATH): BrandVoice {
  const fix = 'Edit brand.yml: name, tone and audience are required; see the problems listed.';
  const yaml = parseYaml(text, file);
  const result = BrandVoice.safeParse(yaml.value ?? {});
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const hint = keys.some((k) => k.includes('_'))
      ? ` (keys are camelCase: ${keys.map((k) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())).join(', ')})`
      : '';
    return {
      where: `${file}: ${formatPath(issue.path)}`,
      message: `${issue.message}${hint}`,
      line: yaml.lineOf(issue.path),
    };
  });
  throw new CrescendoError(`${file} does not describe a brand voice`, { where: file, problems, fix });
}

/** The brand voice from `brand.yml`, or one made from the brief when the team has not written the file. */
export async function readBrand(
  files: Pick<RepoFiles, 'readFile'>,
  brief: { name: string; product?: string; tone: string; audience: string },
): Promise<BrandVoice> {
  const text = await files.readFile(BRAND_PATH);
  if (text) return parseBrandVoice(text, BRAND_PATH);
  return BrandVoice.parse({ name: brief.product ?? brief.name, tone: brief.tone, audience: brief.audience });
}
