import { json, type LoopbackRequest, type Reply } from '../loopback.js';
import { accessDenied, fieldError, liError } from './errors.js';
import { type LinkedInState, readBackCommentary } from './state.js';

/** Posts API (`/rest/posts`) and Images API (`/rest/images`) of one fake LinkedIn. */

export interface PostsOptions {
  /** Organizations the token's member administers. */
  organizations: readonly string[];
  baseUrl: () => string;
  now: () => number;
}

const DAY = 24 * 3600 * 1000;

export function initializeUpload(
  state: LinkedInState,
  request: LoopbackRequest,
  options: PostsOptions,
): Reply {
  const owner = (request.json as { initializeUploadRequest?: { owner?: string } } | undefined)
    ?.initializeUploadRequest?.owner;
  if (!owner) return fieldError('initializeUploadRequest/owner', 'field is required but not found');
  if (!options.organizations.some((o) => `urn:li:organization:${o}` === owner)) {
    return accessDenied('images.ACTION.initializeUpload');
  }
  const id = `D4E10AQ${(state.nextId++).toString(36).toUpperCase()}`;
  state.images.set(`urn:li:image:${id}`, { urn: `urn:li:image:${id}`, owner });
  return json(200, {
    value: {
      uploadUrlExpiresAt: options.now() + DAY,
      uploadUrl: `${options.baseUrl()}/dms-uploads/${id}`,
      image: `urn:li:image:${id}`,
    },
  });
}

export function upload(state: LinkedInState, request: LoopbackRequest, id: string): Reply {
  const image = state.images.get(`urn:li:image:${id}`);
  if (!image) return liError(404, 'NOT_FOUND', 'Upload URL not found');
  image.bytes = request.raw;
  image.contentType = request.headers['content-type'];
  return json(201);
}

const VISIBILITY = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER'];

/** Checks a post body as the Posts API does; answers the error, or undefined when it is acceptable. */
export function checkPost(state: LinkedInState, post: Record<string, unknown>, options: PostsOptions) {
  for (const field of ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState']) {
    if (post[field] === undefined)
      return fieldError(field, 'field is required but not found and has no default value');
  }
  const author = String(post.author);
  if (!options.organizations.some((o) => `urn:li:organization:${o}` === author)) {
    return accessDenied('partnerApiPostsExternal.CREATE.20240101');
  }
  if (typeof post.commentary !== 'string') return fieldError('commentary', 'must be a string');
  if (!VISIBILITY.includes(String(post.visibility)))
    return fieldError('visibility', 'is not a valid enum value');
  const distribution = post.distribution as { feedDistribution?: string } | undefined;
  if (!['MAIN_FEED', 'NONE'].includes(distribution?.feedDistribution ?? '')) {
    return fieldError('distribution/feedDistribution', 'is not a valid enum value');
  }
  if (!['PUBLISHED', 'DRAFT'].includes(String(post.lifecycleState))) {
    return fieldError('lifecycleState', 'is not a valid enum value');
  }
  const media = (post.content as { media?: { id?: string } } | undefined)?.media;
  if (media && !state.images.get(media.id ?? '')?.bytes) {
    return fieldError('content/media/id', `image ${media.id} does not exist or was never uploaded`);
  }
  return undefined;
}

export function createPost(state: LinkedInState, request: LoopbackRequest, options: PostsOptions): Reply {
  if (request.headers['x-restli-protocol-version'] !== '2.0.0') {
    return liError(400, 'BAD_REQUEST', 'X-Restli-Protocol-Version 2.0.0 is required');
  }
  const post = (request.json ?? {}) as Record<string, unknown>;
  const refused = checkPost(state, post, options);
  if (refused) return refused;
  const now = options.now();
  const same = state.posts.find(
    (p) => p.author === post.author && p.commentary === post.commentary && now - p.createdAt < DAY,
  );
  if (same && !post.adContext) return liError(422, 'DUPLICATE_POST', `Content is a duplicate of ${same.id}`);
  const id = `urn:li:share:${state.nextPostId++}`;
  state.posts.push({
    id,
    author: String(post.author),
    commentary: String(post.commentary),
    visibility: String(post.visibility),
    distribution: post.distribution,
    lifecycleState: String(post.lifecycleState),
    content: post.content as never,
    createdAt: now,
    publishedAt: now,
    lastModifiedAt: now,
  });
  return json(201, undefined, { 'x-restli-id': id });
}

export function postsByAuthor(state: LinkedInState, request: LoopbackRequest): Reply {
  if (request.query.get('q') !== 'author') return liError(400, 'BAD_REQUEST', 'unknown finder');
  const author = request.query.get('author') ?? '';
  const start = Number(request.query.get('start') ?? 0);
  const count = Math.min(Number(request.query.get('count') ?? 10), 100);
  const sortBy = request.query.get('sortBy') ?? 'LAST_MODIFIED';
  const key = sortBy === 'CREATED' ? 'createdAt' : 'lastModifiedAt';
  const mine = state.posts.filter((p) => p.author === author && !p.adContext).sort((a, b) => b[key] - a[key]);
  const elements = mine.slice(start, start + count).map((p) => ({
    ...p,
    commentary: readBackCommentary(p.commentary),
    isReshareDisabledByAuthor: false,
  }));
  return json(200, { paging: { start, count, links: [], total: mine.length }, elements });
}
