import { z } from 'zod';
import { DEFAULT_TIMEOUT_SECONDS } from '../http.js';

export const SiteFormat = z.enum(['hugo', 'jekyll', 'astro']);
export type SiteFormat = z.infer<typeof SiteFormat>;

/** `publishing.blog` in `.github/crescendo.yml` when the blog is a static site kept in git. */
export const StaticSiteConfig = z.strictObject({
  publisher: z.literal('static-site').optional(),
  format: SiteFormat.describe('The site generator, which decides the folder and the front matter'),
  dir: z
    .string()
    .min(1)
    .default('.')
    .describe(
      'The site folder: relative to the repository (local mode) or inside `repository` (GitHub mode)',
    ),
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'repository must be "owner/name"')
    .optional()
    .describe('GitHub mode: the site repository; without it the post is written to the local folder'),
  branch: z.string().min(1).default('main').describe('GitHub mode: the branch the site builds from'),
  contentDir: z
    .string()
    .min(1)
    .optional()
    .describe('Where posts go inside the site (default content/posts, _posts or src/content/blog)'),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("The site's public address; default the brand file's website"),
  permalink: z
    .string()
    .startsWith('/')
    .optional()
    .describe('URL pattern with :year :month :day :slug :categories (default: the generator default)'),
  layout: z.string().min(1).default('post').describe('Jekyll layout'),
  categories: z.array(z.string().min(1)).default([]).describe('Jekyll categories'),
  tags: z.array(z.string().min(1)).default([]),
  timeoutSeconds: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
});
export type StaticSiteConfig = z.infer<typeof StaticSiteConfig>;

export const CONTENT_DIR: Record<SiteFormat, string> = {
  hugo: 'content/posts',
  jekyll: '_posts',
  astro: 'src/content/blog',
};

/** Each generator's default permalink for a post in the folders above. */
export const DEFAULT_PERMALINK: Record<SiteFormat, string> = {
  hugo: '/posts/:slug/',
  jekyll: '/:categories/:year/:month/:day/:slug.html',
  astro: '/blog/:slug/',
};
