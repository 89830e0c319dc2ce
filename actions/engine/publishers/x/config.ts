import { z } from 'zod';

/** `publishing.x` in `.github/crescendo.yml`. The account is the one the token belongs to. */
export const XConfig = z.object({
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(300_000)
    .default(30_000)
    .describe('How long to wait for an answer before the outcome is unknown'),
});
export type XConfig = z.infer<typeof XConfig>;
