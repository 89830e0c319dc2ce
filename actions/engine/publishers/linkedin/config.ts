import { z } from 'zod';

/** A recent Marketing API version. Each lives at least a year; `check` warns before it retires. */
export const LINKEDIN_DEFAULT_VERSION = '202609';

/** A numeric LinkedIn id, written as the number or as its URN (`urn:li:organization:123`). */
export const linkedInId = (label: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) =>
      String(v)
        .trim()
        .replace(/^urn:li:[A-Za-z]+:/, ''),
    )
    .pipe(z.string().regex(/^\d+$/, `${label} must be a number such as 12345678 (or its urn:li:… form)`));

/** `LinkedIn-Version`: YYYYMM (or YYYYMM.RR), written in YAML as a number or a string. */
export const linkedInVersion = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^20\d\d(0[1-9]|1[0-2])(\.\d\d)?$/, 'version must be YYYYMM, e.g. 202609'));

export const timeoutMsField = z
  .number()
  .int()
  .min(1)
  .max(300_000)
  .default(30_000)
  .describe('How long to wait for an answer before the outcome is unknown');

/** `publishing.linkedin` in `.github/crescendo.yml`. */
export const LinkedInConfig = z.object({
  organizationId: linkedInId('organizationId').describe(
    'The company page: the number in its admin URL, linkedin.com/company/<number>/admin',
  ),
  version: linkedInVersion
    .default(LINKEDIN_DEFAULT_VERSION)
    .describe('LinkedIn-Version header (YYYYMM); raise it when LinkedIn retires this one'),
  timeoutMs: timeoutMsField,
});
export type LinkedInConfig = z.infer<typeof LinkedInConfig>;

/** Months between a version (YYYYMM) and now: LinkedIn supports each for at least 12. */
export function versionAgeMonths(version: string, now: Date): number {
  const year = Number(version.slice(0, 4));
  const month = Number(version.slice(4, 6));
  return (now.getUTCFullYear() - year) * 12 + (now.getUTCMonth() + 1 - month);
}
