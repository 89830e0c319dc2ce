import { defineChannel } from '../channel.js';

/** The company blog and the organic search traffic it earns. Its pages are on the brand's site: no UTMs. */
export const blog = defineChannel({
  id: 'blog',
  label: 'Blog / SEO',
  aliases: ['seo', 'organic-search', 'content-marketing', 'content', 'blog-seo'],
});
