import { z } from 'zod';
import { DEFAULT_TIMEOUT_SECONDS } from '../http.js';

/** `publishing.blog` in `.github/crescendo.yml` when the blog is Ghost. */
export const GhostConfig = z.strictObject({
  publisher: z.literal('ghost').optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('The site address, e.g. https://blog.example.com (CRESCENDO_GHOST_URL overrides it)'),
  tags: z.array(z.string().min(1)).default([]).describe('Tag names every post gets (created when missing)'),
  acceptVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'acceptVersion is v{major}.{minor}, e.g. v5.0')
    .default('v5.0')
    .describe('The oldest Ghost version Crescendo works with, sent as Accept-Version'),
  permalink: z
    .string()
    .startsWith('/')
    .default('/:slug/')
    .describe("The site's post URL pattern (:slug, :year, :month, :day), for posts not yet live"),
  timeoutSeconds: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
});
export type GhostConfig = z.infer<typeof GhostConfig>;
