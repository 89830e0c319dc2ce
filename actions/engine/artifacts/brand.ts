import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AssetType } from '../assets/asset-type.js';
import { formatPath } from '../assets/shared/problems.js';
import { CrescendoError, type Problem } from '../errors.js';

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

/**
 * Reads `brand.yml`. Throws a CrescendoError whose problems point at the line of each bad field, so the
 * person who edited the file sees where to look.
 */
export function parseBrandVoice(text: string, file = 'brand.yml'): BrandVoice {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const fix = 'Edit brand.yml: name, tone and audience are required; see the problems listed.';
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((e) => ({
      where: file,
      message: e.message.split('\n')[0] ?? e.message,
      line: lineCounter.linePos(e.pos[0]).line,
    }));
    throw new CrescendoError(`${file} is not valid YAML`, { where: file, problems, fix });
  }
  const result = BrandVoice.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => {
    const node = doc.getIn(issue.path as (string | number)[], true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const hint = keys.some((k) => k.includes('_'))
      ? ` (keys are camelCase: ${keys.map((k) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())).join(', ')})`
      : '';
    const problem: Problem = {
      where: `${file}: ${formatPath(issue.path)}`,
      message: `${issue.message}${hint}`,
    };
    if (offset !== undefined) problem.line = lineCounter.linePos(offset).line;
    return problem;
  });
  throw new CrescendoError(`${file} does not describe a brand voice`, { where: file, problems, fix });
}
