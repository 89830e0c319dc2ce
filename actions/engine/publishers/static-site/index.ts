import { resolve } from 'node:path';
import type { Problem } from '../../errors.js';
import { blogDescription, blogItemProblems } from '../blog-post.js';
import { failedCheck } from '../http.js';
import { PublishError, type Publisher, type PublisherContext, type PublishItem } from '../publisher.js';
import { StaticSiteConfig } from './config.js';
import { githubStore } from './github-store.js';
import { localStore } from './local-store.js';
import { dateOfPost, keyOfPost, renderPost } from './post-file.js';
import type { SiteStore } from './store.js';

type Context = PublisherContext<StaticSiteConfig>;

const TOKEN_ENV = 'CRESCENDO_SITE_GITHUB_TOKEN';
const API_ENV = 'CRESCENDO_SITE_GITHUB_API_URL';
const ASSET_TYPES = ['blog-post'] as const;

function storeFor(ctx: Context): SiteStore {
  const { config, env } = ctx;
  if (!config.repository) return localStore(resolve(ctx.root ?? process.cwd(), config.dir));
  const token = env[TOKEN_ENV] ?? env.GITHUB_TOKEN;
  if (!token) {
    throw new PublishError('missing-credentials', `${TOKEN_ENV} is not set`, {
      where: 'publishing.blog.repository',
      fix: `set ${TOKEN_ENV} to a fine-grained token with "Contents: read and write" on ${config.repository}`,
    });
  }
  const [owner = '', repo = ''] = config.repository.split('/');
  return githubStore({
    owner,
    repo,
    branch: config.branch,
    token,
    baseUrl: (env[API_ENV] ?? env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    timeoutMs: config.timeoutSeconds * 1000,
    fetch: ctx.fetch,
  });
}

/** The file path inside the store: the post path below the site folder (GitHub mode) or the folder itself. */
const storePath = (ctx: Context, path: string): string => {
  if (!ctx.config.repository) return path;
  const dir = ctx.config.dir.replace(/^\.?\/*|\/+$/g, '');
  return dir === '' ? path : `${dir}/${path}`;
};

function baseUrlOf(item: PublishItem, ctx: Context): string {
  const base = ctx.config.baseUrl ?? item.brand.siteUrl;
  if (!base) {
    throw new PublishError('invalid', 'the blog has no public address', {
      where: 'publishing.blog.baseUrl',
      fix: 'set publishing.blog.baseUrl (or website in brand.yml) to the address the site is served from',
    });
  }
  return base;
}

const commitMessage = (item: PublishItem): string => `Publish "${item.title}" (${item.campaign})`;

async function findPost(item: PublishItem, ctx: Context) {
  const store = storeFor(ctx);
  const post = renderPost(item, ctx.config, baseUrlOf(item, ctx));
  const path = storePath(ctx, post.path);
  const existing = await store.read(path);
  return {
    store,
    post,
    path,
    existing,
    ours: existing !== undefined && keyOfPost(existing.text) === item.key,
  };
}

export const staticSitePublisher: Publisher<StaticSiteConfig> = {
  id: 'static-site',
  channel: 'blog',
  label: 'Static site (Hugo, Jekyll or Astro) in a folder or a GitHub repository',
  configSchema: StaticSiteConfig,
  secrets: [
    {
      name: TOKEN_ENV,
      description:
        'GitHub mode only: a fine-grained personal access token or GitHub App token with "Contents: read and write" on the site repository (falls back to GITHUB_TOKEN). Fine-grained tokens expire on the date you chose: create a new one before then.',
    },
  ],
  baseUrlEnv: API_ENV,
  assetTypes: ASSET_TYPES,
  schedulesAhead: false,

  async check(ctx) {
    try {
      return await storeFor(ctx).check();
    } catch (error) {
      return failedCheck(`static site ${ctx.config.repository ?? ctx.config.dir}`, error);
    }
  },

  async validate(item, ctx) {
    const problems: Problem[] = blogItemProblems(item, ASSET_TYPES);
    if (!ctx.config.baseUrl && !item.brand.siteUrl) {
      problems.push({
        where: 'publishing.blog.baseUrl',
        message: 'no baseUrl and no website in brand.yml: the post URL is unknown',
      });
    }
    if (ctx.config.format === 'astro' && blogDescription(item) === undefined) {
      problems.push({
        where: `${item.path}: metaDescription`,
        message: "Astro's blog schema requires a description; the item has none",
      });
    }
    if (problems.length > 0) return problems;
    const { existing, ours, path, store } = await findPost(item, ctx);
    if (existing && !ours) {
      problems.push({
        where: path,
        message: `${store.label} already has a post at ${path} that Crescendo did not write; rename the slug or move that post`,
      });
    }
    return problems;
  },

  async plan(item, ctx) {
    const post = renderPost(item, ctx.config, baseUrlOf(item, ctx));
    return storeFor(ctx).plan(storePath(ctx, post.path), post.content, commitMessage(item));
  },

  async publish(item, ctx) {
    const { store, post, path, existing, ours } = await findPost(item, ctx);
    if (existing) {
      throw new PublishError(
        ours ? 'duplicate' : 'invalid',
        ours ? `the post is already on the site at ${post.url}` : `${path} already holds another post`,
        {
          where: `${store.label}: ${path}`,
          fix: ours
            ? 'nothing to do: find() records it'
            : 'rename the slug or move the other post, then publish again',
        },
      );
    }
    const written = await store.write(path, post.content, commitMessage(item));
    ctx.log(`blog: wrote ${path} to ${store.label}`);
    return {
      remoteId: path,
      url: post.url,
      at: ctx.now().toISOString(),
      note: written.commit ? `commit ${written.commit} in ${store.label}` : `written to ${store.label}`,
    };
  },

  async find(item, ctx) {
    const { post, path, existing, ours } = await findPost(item, ctx);
    if (!existing || !ours) return undefined;
    return {
      remoteId: path,
      url: post.url,
      at: existing.modifiedAt ?? dateOfPost(existing.text) ?? item.publishAt,
    };
  },
};
