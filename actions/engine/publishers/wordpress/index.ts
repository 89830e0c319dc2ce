import type { Problem } from '../../errors.js';
import { blogDescription, blogHtml, blogItemProblems } from '../blog-post.js';
import { failedCheck, type HttpCall, planned, send, trimSlash } from '../http.js';
import { keyComment, keyInComment } from '../key-marker.js';
import {
  PublishError,
  type Published,
  type Publisher,
  type PublisherContext,
  type PublishItem,
} from '../publisher.js';
import { WordPressConfig } from './config.js';
import { wordPressFailure } from './errors.js';

/*
 * WordPress through its REST API with an application password (Basic auth). The post keeps the asset's
 * slug, so its URL is the one every other asset links to; the publish key travels as an HTML comment at
 * the end of the content (WordPress keeps comments, block markup is made of them) and `find` reads it
 * back from `content.raw`. Post meta would need the site to register a field for the REST API, which a
 * stock WordPress does not do.
 */

type Context = PublisherContext<WordPressConfig>;

const URL_ENV = 'CRESCENDO_WORDPRESS_URL';
const USER_ENV = 'CRESCENDO_WORDPRESS_USER';
const PASSWORD_ENV = 'CRESCENDO_WORDPRESS_APP_PASSWORD';
const ASSET_TYPES = ['blog-post'] as const;

interface WpPost {
  id: number;
  slug: string;
  status: string;
  link: string;
  date_gmt: string;
  modified_gmt?: string;
  permalink_template?: string;
  content?: { raw?: string };
}

function site(ctx: Context): { api: string; headers: Record<string, string> } {
  const base = ctx.env[URL_ENV] ?? ctx.config.url;
  if (!base) {
    throw new PublishError('invalid', 'the WordPress address is not set', {
      where: 'publishing.blog.url',
      fix: `set ${URL_ENV} (or publishing.blog.url) to the site address, e.g. https://blog.example.com`,
    });
  }
  const user = ctx.env[USER_ENV];
  const password = ctx.env[PASSWORD_ENV];
  if (!user || !password) {
    throw new PublishError('missing-credentials', `${user ? PASSWORD_ENV : USER_ENV} is not set`, {
      where: 'WordPress credentials',
      fix: `set ${USER_ENV} to the login name and ${PASSWORD_ENV} to an application password of a user with the Author role or higher`,
    });
  }
  const token = Buffer.from(`${user}:${password}`).toString('base64');
  return { api: `${trimSlash(base)}/wp-json/wp/v2`, headers: { authorization: `Basic ${token}` } };
}

async function call<T>(ctx: Context, request: HttpCall): Promise<T> {
  const answer = await send(request, {
    service: 'WordPress',
    timeoutMs: ctx.config.timeoutSeconds * 1000,
    fetch: ctx.fetch,
  });
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  throw wordPressFailure(request, answer, ctx.now());
}

function lookupCall(item: PublishItem, ctx: Context): HttpCall {
  const { api, headers } = site(ctx);
  const query = new URLSearchParams({ slug: item.slug, status: 'any', context: 'edit' });
  return { method: 'GET', url: `${api}/posts?${query}`, headers };
}

function createCall(item: PublishItem, ctx: Context): HttpCall {
  const { api, headers } = site(ctx);
  const due = new Date(item.publishAt);
  const description = blogDescription(item);
  const { categories, tags, author } = ctx.config;
  return {
    method: 'POST',
    url: `${api}/posts`,
    headers,
    body: {
      title: item.title,
      content: `${blogHtml(item)}\n${keyComment(item.key)}`,
      // `future` makes WordPress hold the post until date_gmt; WP-Cron publishes it on the first visit after.
      status: due > ctx.now() ? 'future' : 'publish',
      date_gmt: due.toISOString().slice(0, 19),
      slug: item.slug,
      ...(description ? { excerpt: description } : {}),
      ...(categories.length > 0 ? { categories } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(author ? { author } : {}),
    },
  };
}

/** The post's public URL; a scheduled post's `link` is `?p=ID` until it is live, its template is not. */
const urlOf = (post: WpPost): string =>
  post.status !== 'publish' && post.permalink_template
    ? post.permalink_template.replace(/%(postname|pagename)%/, post.slug)
    : post.link;

/** The post with this slug (any status), and whether it is the one this key made. */
async function lookup(item: PublishItem, ctx: Context): Promise<{ post?: WpPost; ours: boolean }> {
  const posts = await call<WpPost[]>(ctx, lookupCall(item, ctx));
  const list = Array.isArray(posts) ? posts : [];
  const ours = list.find((post) => keyInComment(post.content?.raw) === item.key);
  return { post: ours ?? list.find((post) => post.slug === item.slug), ours: ours !== undefined };
}

const asPublished = (post: WpPost, at: string): Published => ({
  remoteId: String(post.id),
  url: urlOf(post),
  at,
  ...(post.status === 'future'
    ? {
        note: `scheduled in WordPress for ${post.date_gmt}Z; WP-Cron publishes it on the first visit after that time (use a real cron on quiet sites)`,
      }
    : {}),
});

export const wordPressPublisher: Publisher<WordPressConfig> = {
  id: 'wordpress',
  channel: 'blog',
  label: 'WordPress (REST API, application password)',
  configSchema: WordPressConfig,
  secrets: [
    {
      name: USER_ENV,
      description: 'Login name of the WordPress user that publishes (Author role or higher).',
    },
    {
      name: PASSWORD_ENV,
      description:
        'An application password of that user: wp-admin → Users → Profile → Application Passwords → Add. It does not expire; revoke it there and create a new one to rotate it.',
    },
    {
      name: URL_ENV,
      description: 'The site address, e.g. https://blog.example.com (or publishing.blog.url).',
    },
  ],
  baseUrlEnv: URL_ENV,
  assetTypes: ASSET_TYPES,
  schedulesAhead: true,

  async check(ctx) {
    const what = `WordPress user ${ctx.env[USER_ENV] ?? '(none)'} on ${trimSlash(ctx.env[URL_ENV] ?? ctx.config.url ?? '(no address)')}`;
    try {
      const { api, headers } = site(ctx);
      const me = await call<{ capabilities?: Record<string, boolean> }>(ctx, {
        method: 'GET',
        url: `${api}/users/me?context=edit`,
        headers,
      });
      if (me.capabilities?.publish_posts) return { ok: true, what };
      return { ok: false, what, fix: 'this user cannot publish posts: give it the Author role or higher' };
    } catch (error) {
      return failedCheck(what, error);
    }
  },

  async validate(item, ctx) {
    const problems: Problem[] = blogItemProblems(item, ASSET_TYPES);
    if (problems.length > 0) return problems;
    const { post, ours } = await lookup(item, ctx);
    if (post && !ours) {
      problems.push({
        where: `${item.path}: slug`,
        message: `WordPress already has a post "${item.slug}" (id ${post.id}) that Crescendo did not create; WordPress would publish ours as "${item.slug}-2"`,
      });
    }
    return problems;
  },

  plan: async (item, ctx) => [planned(lookupCall(item, ctx)), planned(createCall(item, ctx))],

  async publish(item, ctx) {
    const { post, ours } = await lookup(item, ctx);
    if (post) {
      throw new PublishError(
        ours ? 'duplicate' : 'invalid',
        ours
          ? `the post already exists (id ${post.id})`
          : `the slug "${item.slug}" belongs to another post (id ${post.id})`,
        {
          where: `WordPress ${item.slug}`,
          fix: ours ? 'nothing to do: find() records it' : 'change the slug or that post, then publish again',
        },
      );
    }
    const created = await call<WpPost>(ctx, createCall(item, ctx));
    ctx.log(`blog: WordPress post ${created.id} (${created.status})`);
    return asPublished(created, ctx.now().toISOString());
  },

  async find(item, ctx) {
    const { post, ours } = await lookup(item, ctx);
    if (!post || !ours) return undefined;
    return asPublished(post, post.modified_gmt ? `${post.modified_gmt}Z` : ctx.now().toISOString());
  },
};
