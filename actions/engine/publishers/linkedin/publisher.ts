import { charCount } from '../../assets/shared/text-length.js';
import { linkedin } from '../../channels/linkedin/index.js';
import type { Problem } from '../../errors.js';
import { type ApiRequest, type ApiResponse, baseUrl, planOf, secretValues, sendRequest } from '../http.js';
import type { CredentialCheck, Published, Publisher, PublisherContext, PublishItem } from '../publisher.js';
import { PublishError, REDACTED } from '../publisher.js';
import { readSocialPost, sameTrackedLink, socialPostOrThrow } from '../social-post-item.js';
import { fromLittleText, linksIn, sameCommentary, toLittleText } from './commentary.js';
import { LinkedInConfig, versionAgeMonths } from './config.js';
import {
  createPost,
  initializeImageUpload,
  type LinkedInTarget,
  postsByAuthor,
  uploadImage,
} from './requests.js';
import { feedUrl, linkedInFailure } from './restli.js';
import {
  accessToken,
  canRefresh,
  missingCredentials,
  ORGANIC_SECRETS,
  refreshRequest,
  secretNames,
  tokenExpiry,
} from './token.js';

const SERVICE = 'LinkedIn';
const BASE_URL_ENV = 'CRESCENDO_LINKEDIN_API_URL';
const ACCESS =
  'the w_organization_social and r_organization_social scopes (Community Management API) and the ADMINISTRATOR or DIRECT_SPONSORED_CONTENT_POSTER role on the page';
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];
/** `find` reads the newest posts, 50 at a time, back to a day before the item was due. */
const FIND_PAGE = 50;
const FIND_PAGES = 4;
const FIND_SLACK_MS = 24 * 3600 * 1000;

type Ctx = PublisherContext<LinkedInConfig>;

const secrets = (ctx: Ctx) => secretValues(ctx.env, secretNames(ORGANIC_SECRETS));

function target(ctx: Ctx, token: string): LinkedInTarget {
  return {
    api: baseUrl(ctx.env, BASE_URL_ENV, 'https://api.linkedin.com'),
    version: ctx.config.version,
    organizationUrn: `urn:li:organization:${ctx.config.organizationId}`,
    token,
  };
}

async function call(ctx: Ctx, request: ApiRequest, what: string): Promise<ApiResponse> {
  const all = secrets(ctx);
  const response = await sendRequest(ctx, request, {
    service: SERVICE,
    timeoutMs: ctx.config.timeoutMs,
    secrets: all,
    baseUrlEnv: BASE_URL_ENV,
  });
  if (response.status < 400) return response;
  throw linkedInFailure(response, what, {
    service: SERVICE,
    version: ctx.config.version,
    versionKey: 'publishing.linkedin.version',
    access: ACCESS,
    tokenEnv: ORGANIC_SECRETS.accessToken,
    now: ctx.now(),
    secrets: all,
  });
}

function validate(item: PublishItem, ctx: Ctx): Problem[] {
  const problems = missingCredentials(ctx.env, ORGANIC_SECRETS);
  const read = readSocialPost(item, 'linkedin');
  if (Array.isArray(read)) return [...problems, ...read];
  const length = charCount(toLittleText(read.text));
  if (length > linkedin.socialPost.maxLength) {
    problems.push({
      where: `${item.path}: asset.text`,
      message: `the post is ${length} characters with escapes; LinkedIn takes at most ${linkedin.socialPost.maxLength}`,
    });
  }
  if (item.image && !IMAGE_TYPES.includes(item.image.mimeType)) {
    problems.push({
      where: item.image.path,
      message: `LinkedIn posts take JPEG, PNG or GIF images, not ${item.image.mimeType}`,
    });
  }
  return problems;
}

/** The requests `publish` sends; values LinkedIn assigns on the way are shown as `<…>` placeholders. */
function requestsFor(item: PublishItem, ctx: Ctx, token: string): ApiRequest[] {
  const { text } = socialPostOrThrow(item, 'linkedin');
  const t = target(ctx, token);
  const requests: ApiRequest[] = [];
  if (canRefresh(ctx.env, ORGANIC_SECRETS)) requests.push(refreshRequest(ctx.env, ORGANIC_SECRETS));
  let image: { urn: string; alt: string } | undefined;
  if (item.image) {
    requests.push(initializeImageUpload(t), uploadImage(t, '<uploadUrl from initializeUpload>', item.image));
    image = { urn: '<image URN from initializeUpload>', alt: item.image.alt };
  }
  requests.push(createPost(t, toLittleText(text), image));
  return requests;
}

async function publish(item: PublishItem, ctx: Ctx): Promise<Published> {
  const { text } = socialPostOrThrow(item, 'linkedin');
  const t = target(ctx, await accessToken(ctx, ORGANIC_SECRETS, ctx.config.timeoutMs));
  let image: { urn: string; alt: string } | undefined;
  if (item.image) {
    const init = await call(ctx, initializeImageUpload(t), 'the image upload');
    const value = (init.json as { value?: { uploadUrl?: string; image?: string } } | undefined)?.value;
    if (!value?.uploadUrl || !value.image) {
      throw new PublishError('unavailable', 'LinkedIn answered initializeUpload without an upload URL', {
        fix: 'try again later; nothing was posted',
      });
    }
    await call(ctx, uploadImage(t, value.uploadUrl, item.image), 'the image bytes');
    image = { urn: value.image, alt: item.image.alt };
  }
  const response = await call(ctx, createPost(t, toLittleText(text), image), 'the post');
  const header = response.headers.get('x-restli-id');
  const urn = header ? decodeURIComponent(header) : (response.json as { id?: string } | undefined)?.id;
  if (!urn) {
    throw new PublishError('unknown-outcome', `LinkedIn answered ${response.status} without the post's id`, {
      fix: 'nothing is retried: the next run reads the page back to find the post',
    });
  }
  ctx.log(`LinkedIn: published ${item.path} (${item.variant}) as ${urn}`);
  return { remoteId: urn, url: feedUrl(urn), at: ctx.now().toISOString() };
}

interface PostElement {
  id?: string;
  commentary?: string;
  createdAt?: number;
  publishedAt?: number;
  lifecycleState?: string;
}

async function find(item: PublishItem, ctx: Ctx): Promise<Published | undefined> {
  const { text, link } = socialPostOrThrow(item, 'linkedin');
  const t = target(ctx, await accessToken(ctx, ORGANIC_SECRETS, ctx.config.timeoutMs));
  const since = Date.parse(item.publishAt) - FIND_SLACK_MS;
  const ours = (post: PostElement): boolean => {
    if (!post.commentary || (post.createdAt ?? 0) < since) return false;
    if (sameCommentary(post.commentary, text)) return true;
    return (
      link !== undefined && linksIn(fromLittleText(post.commentary)).some((l) => sameTrackedLink(l, link))
    );
  };
  for (let page = 0; page < FIND_PAGES; page++) {
    const response = await call(ctx, postsByAuthor(t, page * FIND_PAGE, FIND_PAGE), "the page's posts");
    const elements = (response.json as { elements?: PostElement[] } | undefined)?.elements ?? [];
    const match = elements.find((p) => p.lifecycleState !== 'DELETED' && ours(p));
    if (match?.id) {
      const at = match.publishedAt ?? match.createdAt;
      return {
        remoteId: match.id,
        url: feedUrl(match.id),
        at: at === undefined ? ctx.now().toISOString() : new Date(at).toISOString(),
      };
    }
    const oldest = Math.min(...elements.map((p) => p.createdAt ?? Number.POSITIVE_INFINITY));
    if (elements.length < FIND_PAGE || oldest < since) return undefined;
  }
  return undefined;
}

async function check(ctx: Ctx): Promise<CredentialCheck> {
  const what = `LinkedIn token for organization ${ctx.config.organizationId} (version ${ctx.config.version})`;
  if (versionAgeMonths(ctx.config.version, ctx.now()) >= 11) {
    ctx.log(
      `LinkedIn: version ${ctx.config.version} is about a year old and may retire soon; raise publishing.linkedin.version`,
    );
  }
  try {
    const t = target(ctx, await accessToken(ctx, ORGANIC_SECRETS, ctx.config.timeoutMs));
    await call(ctx, postsByAuthor(t, 0, 1), "the page's posts");
    const expiresAt = await tokenExpiry(ctx, ORGANIC_SECRETS, ctx.config.timeoutMs).catch(() => undefined);
    return { ok: true, what, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return { ok: false, what, fix: `${error.message}: ${error.fix ?? 'see the LinkedIn README'}` };
  }
}

export const linkedinPublisher: Publisher<LinkedInConfig> = {
  id: 'linkedin',
  channel: 'linkedin',
  label: 'LinkedIn company page (Posts API)',
  configSchema: LinkedInConfig,
  secrets: [
    {
      name: ORGANIC_SECRETS.accessToken,
      description:
        'Member access token of a page admin with w_organization_social and r_organization_social (60 days); LinkedIn Developer Portal → your app → Auth → OAuth 2.0 tools',
    },
    {
      name: ORGANIC_SECRETS.refreshToken,
      description: 'Optional: programmatic refresh token (365 days), used instead of the access token',
    },
    {
      name: ORGANIC_SECRETS.clientId,
      description: "Optional: the app's client id, to refresh the token and to read its expiry",
    },
    {
      name: ORGANIC_SECRETS.clientSecret,
      description: "Optional: the app's client secret, with the client id",
    },
  ],
  baseUrlEnv: BASE_URL_ENV,
  assetTypes: ['social-post'],
  check,
  validate: async (item, ctx) => validate(item, ctx),
  plan: async (item, ctx) => requestsFor(item, ctx, REDACTED).map((request) => planOf(request, secrets(ctx))),
  publish,
  find,
};
