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
import { GhostConfig } from './config.js';
import { ghostFailure } from './errors.js';
import { adminToken, parseAdminApiKey } from './jwt.js';

/*
 * Ghost through the Admin API: a post created from HTML (`?source=html`, which Ghost converts to its own
 * format), `scheduled` with `published_at` when it is due later, else published. The slug is the asset's;
 * the publish key rides in `codeinjection_foot` as an HTML comment (Ghost has no custom fields, and the
 * HTML-to-Lexical conversion drops comments from the body), so `find` reads the post by slug and checks it.
 * Crescendo never asks Ghost to email the post to members: email goes through the email channel.
 */

type Context = PublisherContext<GhostConfig>;

const URL_ENV = 'CRESCENDO_GHOST_URL';
const KEY_ENV = 'CRESCENDO_GHOST_ADMIN_API_KEY';
const ASSET_TYPES = ['blog-post'] as const;
/** Ghost refuses to schedule a post less than two minutes ahead. */
const MIN_SCHEDULE_MS = 2 * 60 * 1000;

interface GhostPost {
  id: string;
  slug: string;
  status: string;
  url?: string;
  published_at?: string | null;
  created_at?: string;
  codeinjection_foot?: string | null;
}

function siteUrl(ctx: Context): string {
  const base = ctx.env[URL_ENV] ?? ctx.config.url;
  if (!base) {
    throw new PublishError('invalid', 'the Ghost address is not set', {
      where: 'publishing.blog.url',
      fix: `set ${URL_ENV} (or publishing.blog.url) to the site address, e.g. https://blog.example.com`,
    });
  }
  return trimSlash(base);
}

function admin(ctx: Context): { api: string; headers: Record<string, string> } {
  const api = `${siteUrl(ctx)}/ghost/api/admin`;
  const value = ctx.env[KEY_ENV];
  if (!value) {
    throw new PublishError('missing-credentials', `${KEY_ENV} is not set`, {
      where: 'Ghost credentials',
      fix: `create a custom integration in Ghost Admin → Settings → Integrations and set ${KEY_ENV} to its Admin API key`,
    });
  }
  const key = parseAdminApiKey(value);
  if (!key) {
    throw new PublishError('auth', `${KEY_ENV} is not an Admin API key (<id>:<hex secret>)`, {
      where: 'Ghost credentials',
      fix: 'copy the Admin API key (not the Content API key) of the custom integration, whole',
    });
  }
  return {
    api,
    headers: {
      authorization: `Ghost ${adminToken(key, ctx.now())}`,
      'accept-version': ctx.config.acceptVersion,
    },
  };
}

async function call<T>(ctx: Context, request: HttpCall): Promise<T> {
  const answer = await send(request, {
    service: 'Ghost',
    timeoutMs: ctx.config.timeoutSeconds * 1000,
    fetch: ctx.fetch,
  });
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  // Ghost's own "Post not found." (a NotFoundError body), not a 404 from a wrong address.
  const notFound =
    (answer.body as { errors?: { type?: unknown }[] } | undefined)?.errors?.[0]?.type === 'NotFoundError';
  if (request.method === 'GET' && answer.status === 404 && notFound && request.url.includes('/posts/slug/')) {
    return { posts: [] } as T;
  }
  throw ghostFailure(request, answer, ctx.now());
}

function lookupCall(item: PublishItem, ctx: Context): HttpCall {
  const { api, headers } = admin(ctx);
  return { method: 'GET', url: `${api}/posts/slug/${encodeURIComponent(item.slug)}/`, headers };
}

function createCall(item: PublishItem, ctx: Context): HttpCall {
  const { api, headers } = admin(ctx);
  const due = new Date(item.publishAt);
  const scheduled = due.getTime() - ctx.now().getTime() >= MIN_SCHEDULE_MS;
  const description = blogDescription(item);
  const post = {
    title: item.title,
    slug: item.slug,
    html: blogHtml(item),
    status: scheduled ? 'scheduled' : 'published',
    published_at: (scheduled ? due : ctx.now()).toISOString(),
    ...(description ? { custom_excerpt: description.slice(0, 300), meta_description: description } : {}),
    ...(ctx.config.tags.length > 0 ? { tags: ctx.config.tags.map((name) => ({ name })) } : {}),
    codeinjection_foot: keyComment(item.key),
  };
  return { method: 'POST', url: `${api}/posts/?source=html`, headers, body: { posts: [post] } };
}

/** The public URL: Ghost's own once live; for a scheduled post (whose `url` is a preview) the permalink. */
function urlOf(post: GhostPost, ctx: Context): string {
  if (post.status === 'published' && post.url) return post.url;
  const at = new Date(post.published_at ?? ctx.now().toISOString()).toISOString();
  const path = ctx.config.permalink
    .replace(/:year/g, at.slice(0, 4))
    .replace(/:month/g, at.slice(5, 7))
    .replace(/:day/g, at.slice(8, 10))
    .replace(/:slug/g, post.slug);
  return `${siteUrl(ctx)}${path}`;
}

async function lookup(item: PublishItem, ctx: Context): Promise<{ post?: GhostPost; ours: boolean }> {
  const { posts } = await call<{ posts: GhostPost[] }>(ctx, lookupCall(item, ctx));
  const post = posts?.[0];
  return { post, ours: keyInComment(post?.codeinjection_foot ?? undefined) === item.key };
}

const asPublished = (post: GhostPost, ctx: Context, at: string): Published => ({
  remoteId: post.id,
  url: urlOf(post, ctx),
  at,
  ...(post.status === 'scheduled' ? { note: `scheduled in Ghost for ${post.published_at}` } : {}),
});

export const ghostPublisher: Publisher<GhostConfig> = {
  id: 'ghost',
  channel: 'blog',
  label: 'Ghost (Admin API)',
  configSchema: GhostConfig,
  secrets: [
    {
      name: KEY_ENV,
      description:
        'Admin API key of a custom integration: Ghost Admin → Settings → Integrations → Add custom integration. It does not expire; "Regenerate" there rotates it.',
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
    const what = `Ghost Admin API on ${ctx.env[URL_ENV] ?? ctx.config.url ?? '(no address)'}`;
    try {
      const { api, headers } = admin(ctx);
      await call(ctx, { method: 'GET', url: `${api}/posts/?limit=1&fields=id`, headers });
      return { ok: true, what };
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
        message: `Ghost already has a post "${item.slug}" that Crescendo did not create; Ghost would publish ours as "${item.slug}-2"`,
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
          ? `the post already exists in Ghost (${post.id})`
          : `the slug "${item.slug}" belongs to another Ghost post`,
        {
          where: `Ghost ${item.slug}`,
          fix: ours ? 'nothing to do: find() records it' : 'change the slug or that post, then publish again',
        },
      );
    }
    const { posts } = await call<{ posts: GhostPost[] }>(ctx, createCall(item, ctx));
    const created = posts[0];
    if (!created) {
      throw new PublishError('unknown-outcome', 'Ghost accepted the post but returned none', {
        where: `Ghost ${item.slug}`,
        fix: 'the next run reads Ghost back by slug and records the post if it is there',
      });
    }
    ctx.log(`blog: Ghost post ${created.id} (${created.status})`);
    return asPublished(created, ctx, ctx.now().toISOString());
  },

  async find(item, ctx) {
    const { post, ours } = await lookup(item, ctx);
    if (!post || !ours) return undefined;
    return asPublished(post, ctx, post.created_at ?? ctx.now().toISOString());
  },
};
