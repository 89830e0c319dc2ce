import { xWeightedLength } from '../../assets/shared/text-length.js';
import { x } from '../../channels/x/index.js';
import type { Problem } from '../../errors.js';
import { type ApiRequest, type ApiResponse, baseUrl, planOf, secretValues, sendRequest } from '../http.js';
import type { CredentialCheck, Published, Publisher, PublisherContext, PublishItem } from '../publisher.js';
import { PublishError, REDACTED } from '../publisher.js';
import { readSocialPost, socialPostOrThrow } from '../social-post-item.js';
import { XConfig } from './config.js';
import { xFailure } from './errors.js';
import { isOurPost, type XPost } from './match.js';
import { createPost, me, userPosts } from './requests.js';
import { canRefreshX, missingCredentials, refreshRequest, X_SECRETS, xAccessToken } from './token.js';

const BASE_URL_ENV = 'CRESCENDO_X_API_URL';
/** `find` reads the account's posts from a day before the item was due, 100 at a time. */
const FIND_SLACK_MS = 24 * 3600 * 1000;
const FIND_PAGES = 5;

type Ctx = PublisherContext<XConfig>;

const api = (ctx: Ctx) => baseUrl(ctx.env, BASE_URL_ENV, 'https://api.x.com');
const secrets = (ctx: Ctx) => secretValues(ctx.env, Object.values(X_SECRETS));
const postUrl = (id: string) => `https://x.com/i/web/status/${id}`;

async function token(ctx: Ctx): Promise<string> {
  return (await xAccessToken(ctx, api(ctx), ctx.config.timeoutMs, secrets(ctx))).accessToken;
}

async function call(ctx: Ctx, request: ApiRequest, what: string): Promise<ApiResponse> {
  const all = secrets(ctx);
  const response = await sendRequest(ctx, request, {
    service: 'X',
    timeoutMs: ctx.config.timeoutMs,
    secrets: all,
    baseUrlEnv: BASE_URL_ENV,
  });
  if (response.status < 400) return response;
  throw xFailure(response, what, ctx.now(), all);
}

function validate(item: PublishItem, ctx: Ctx): Problem[] {
  const problems = missingCredentials(ctx);
  const read = readSocialPost(item, 'x');
  if (Array.isArray(read)) return [...problems, ...read];
  const length = xWeightedLength(read.text);
  if (length > x.socialPost.maxLength) {
    problems.push({
      where: `${item.path}: asset.text`,
      message: `the post weighs ${length} characters with hashtags and link; X takes ${x.socialPost.maxLength}`,
    });
  }
  return problems;
}

function requestsFor(item: PublishItem, ctx: Ctx): ApiRequest[] {
  const { text } = socialPostOrThrow(item, 'x');
  const requests: ApiRequest[] = [];
  if (canRefreshX(ctx)) requests.push(refreshRequest(ctx.env, api(ctx)));
  requests.push(createPost(api(ctx), REDACTED, text));
  return requests;
}

async function publish(item: PublishItem, ctx: Ctx): Promise<Published> {
  const { text } = socialPostOrThrow(item, 'x');
  if (item.image)
    ctx.log(`X: ${item.path} has an image; X posts are sent as text (media upload is not supported)`);
  const response = await call(ctx, createPost(api(ctx), await token(ctx), text), 'the post');
  const id = (response.json as { data?: { id?: string } } | undefined)?.data?.id;
  if (!id) {
    throw new PublishError('unknown-outcome', `X answered ${response.status} without the post's id`, {
      fix: 'nothing is retried: the next run reads the account back to find the post',
    });
  }
  ctx.log(`X: published ${item.path} (${item.variant}) as ${id}`);
  return { remoteId: id, url: postUrl(id), at: ctx.now().toISOString() };
}

async function find(item: PublishItem, ctx: Ctx): Promise<Published | undefined> {
  const { text, link } = socialPostOrThrow(item, 'x');
  const bearer = await token(ctx);
  const account = await call(ctx, me(api(ctx), bearer), 'the account lookup');
  const userId = (account.json as { data?: { id?: string } } | undefined)?.data?.id;
  if (!userId) throw new PublishError('unavailable', 'X answered /2/users/me without an id');
  const since = new Date(Date.parse(item.publishAt) - FIND_SLACK_MS);
  let page: string | undefined;
  for (let n = 0; n < FIND_PAGES; n++) {
    const response = await call(ctx, userPosts(api(ctx), bearer, userId, since, page), "the account's posts");
    const body = (response.json ?? {}) as { data?: XPost[]; meta?: { next_token?: string } };
    const match = (body.data ?? []).find((post) => isOurPost(post, text, link));
    if (match) {
      return { remoteId: match.id, url: postUrl(match.id), at: match.created_at ?? ctx.now().toISOString() };
    }
    page = body.meta?.next_token;
    if (!page) return undefined;
  }
  return undefined;
}

async function check(ctx: Ctx): Promise<CredentialCheck> {
  try {
    const response = await call(ctx, me(api(ctx), await token(ctx)), 'the account lookup');
    const username = (response.json as { data?: { username?: string } } | undefined)?.data?.username ?? '?';
    if (canRefreshX(ctx))
      return { ok: true, what: `X account @${username} (refresh token, rotated on each run)` };
    return {
      ok: true,
      what: `X account @${username} (access token only: it lasts 2 hours and is not refreshed)`,
    };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return { ok: false, what: 'X user token', fix: `${error.message}: ${error.fix ?? 'see the X README'}` };
  }
}

export const xPublisher: Publisher<XConfig> = {
  id: 'x',
  channel: 'x',
  label: 'X (API v2 posts)',
  configSchema: XConfig,
  secrets: [
    {
      name: X_SECRETS.refreshToken,
      description:
        'OAuth 2.0 refresh token (scopes tweet.read tweet.write users.read offline.access); X replaces it on every refresh, Crescendo stores the new one',
    },
    {
      name: X_SECRETS.clientId,
      description: "The app's OAuth 2.0 client id (developer console → Keys and tokens)",
    },
    {
      name: X_SECRETS.clientSecret,
      description: 'The OAuth 2.0 client secret, for confidential clients only',
    },
    {
      name: X_SECRETS.accessToken,
      description: 'Optional: an access token alone (2 hours), for one-off runs',
    },
  ],
  baseUrlEnv: BASE_URL_ENV,
  assetTypes: ['social-post'],
  check,
  validate: async (item, ctx) => validate(item, ctx),
  plan: async (item, ctx) => requestsFor(item, ctx).map((request) => planOf(request, secrets(ctx))),
  publish,
  find,
};
