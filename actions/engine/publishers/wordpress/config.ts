import { z } from 'zod';
import { DEFAULT_TIMEOUT_SECONDS } from '../http.js';

/** `publishing.blog` in `.github/crescendo.yml` when the blog is WordPress. */
export const WordPressConfig = z.strictObject({
  publisher: z.literal('wordpress').optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('The site address, e.g. https://blog.example.com (CRESCENDO_WORDPRESS_URL overrides it)'),
  categories: z.array(z.number().int().positive()).default([]).describe('Category ids every post gets'),
  tags: z.array(z.number().int().positive()).default([]).describe('Tag ids every post gets'),
  author: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('User id to publish as; default the credential user'),
  timeoutSeconds: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
});
export type WordPressConfig = z.infer<typeof WordPressConfig>;
