import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Fault, type Loopback, type LoopbackRequest, type Reply, startLoopback } from '../loopback.js';

/*
 * The Ghost Admin API (v5) on loopback: `Authorization: Ghost <jwt>` checked the way Ghost checks it
 * (HS256 with the hex-decoded secret of the key named by `kid`, audience `/admin/`, at most five minutes
 * old and not expired), posts created from HTML with `scheduled` needing a date two minutes ahead, unique
 * slugs, lookup by slug, and Ghost's error shape `{ errors: [{ message, context, type, code }] }`.
 */

export interface GhostPostRecord {
  id: string;
  uuid: string;
  title: string;
  slug: string;
  html: string;
  status: 'draft' | 'scheduled' | 'published';
  published_at: string | null;
  created_at: string;
  updated_at: string;
  custom_excerpt: string | null;
  codeinjection_foot: string | null;
  tags: { name: string }[];
}

export interface FakeGhost extends Pick<Loopback, 'url' | 'requests' | 'close'> {
  /** A valid Admin API key, `<id>:<hex secret>`. */
  readonly adminApiKey: string;
  readonly posts: readonly GhostPostRecord[];
  addPost(post: Partial<GhostPostRecord> & { slug: string }): GhostPostRecord;
  failNext(fault: Fault): void;
}

const ghostError = (
  status: number,
  type: string,
  message: string,
  extra: { context?: string; code?: string } = {},
): Reply => ({
  status,
  body: {
    errors: [
      {
        message,
        context: extra.context ?? null,
        type,
        details: null,
        property: null,
        help: null,
        code: extra.code ?? null,
        id: randomUUID(),
        ghostErrorCode: null,
      },
    ],
  },
});

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export async function startFakeGhost(options: { now: () => Date }): Promise<FakeGhost> {
  const keyId = hex(12);
  const secret = hex(32);
  const posts: GhostPostRecord[] = [];
  let url = '';

  /** Ghost's admin API key check; an error reply, or undefined when the token is good. */
  const authenticate = (request: LoopbackRequest): Reply | undefined => {
    const header = request.headers.authorization ?? '';
    const token = /^Ghost (\S+)$/.exec(header)?.[1];
    if (!token) {
      return ghostError(403, 'NoPermissionError', 'Authorization failed', {
        context:
          'Unable to determine the authenticated user or integration. Check that cookies are being passed through if using session authentication.',
      });
    }
    const [head = '', body = '', signature = ''] = token.split('.');
    let decodedHead: { kid?: string; alg?: string };
    let claims: { iat?: number; exp?: number; aud?: string };
    try {
      decodedHead = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return ghostError(401, 'BadRequestError', 'Invalid JWT', { code: 'INVALID_JWT' });
    }
    if (decodedHead.kid !== keyId)
      return ghostError(401, 'UnauthorizedError', 'Unknown Admin API Key', { code: 'UNKNOWN_ADMIN_API_KEY' });
    const expected = createHmac('sha256', Buffer.from(secret, 'hex')).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    const invalid = (why: string) =>
      ghostError(401, 'UnauthorizedError', `Invalid token: ${why}`, { code: 'INVALID_JWT' });
    if (decodedHead.alg !== 'HS256' || given.length !== expected.length || !timingSafeEqual(given, expected))
      return invalid('invalid signature');
    if (claims.aud !== '/admin/') return invalid('jwt audience invalid. expected: /admin/');
    const now = Math.floor(options.now().getTime() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return invalid('jwt expired');
    if (typeof claims.iat !== 'number' || now - claims.iat > 300 || claims.exp - claims.iat > 300)
      return invalid('maxAge exceeded');
    return undefined;
  };

  const postJson = (post: GhostPostRecord) => ({
    ...post,
    url: post.status === 'published' ? `${url}/${post.slug}/` : `${url}/p/${post.uuid}/`,
    visibility: 'public',
    featured: false,
  });

  const addPost = (input: Partial<GhostPostRecord> & { slug: string }): GhostPostRecord => {
    let slug = input.slug;
    for (let n = 2; posts.some((p) => p.slug === slug); n += 1) slug = `${input.slug}-${n}`;
    const now = options.now().toISOString();
    const post: GhostPostRecord = {
      id: hex(12),
      uuid: randomUUID(),
      title: '',
      html: '',
      status: 'draft',
      published_at: null,
      created_at: now,
      updated_at: now,
      custom_excerpt: null,
      codeinjection_foot: null,
      tags: [],
      ...input,
      slug,
    };
    posts.push(post);
    return post;
  };

  const create = (request: LoopbackRequest): Reply => {
    const input = ((request.body as { posts?: Record<string, unknown>[] } | undefined)?.posts ?? [])[0];
    if (!input)
      return ghostError(422, 'ValidationError', 'Validation error, cannot save post.', {
        context: "No root key ('posts') provided.",
      });
    if (typeof input.title !== 'string' || input.title.trim() === '') {
      return ghostError(422, 'ValidationError', 'Validation error, cannot save post.', {
        context: 'Value in [posts.title] cannot be blank.',
      });
    }
    const status = String(input.status ?? 'draft');
    const publishedAt = typeof input.published_at === 'string' ? input.published_at : null;
    if (
      status === 'scheduled' &&
      (!publishedAt || Date.parse(publishedAt) - options.now().getTime() < 2 * 60 * 1000)
    ) {
      return ghostError(422, 'ValidationError', 'Validation error, cannot edit post.', {
        context: 'Date must be at least 2 minutes in the future.',
      });
    }
    const post = addPost({
      title: input.title,
      slug:
        typeof input.slug === 'string' ? input.slug : input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      html: request.query.get('source') === 'html' ? String(input.html ?? '') : '',
      status: status === 'scheduled' ? 'scheduled' : status === 'published' ? 'published' : 'draft',
      published_at: status === 'draft' ? null : (publishedAt ?? options.now().toISOString()),
      custom_excerpt: typeof input.custom_excerpt === 'string' ? input.custom_excerpt : null,
      codeinjection_foot: typeof input.codeinjection_foot === 'string' ? input.codeinjection_foot : null,
      tags: Array.isArray(input.tags) ? (input.tags as { name: string }[]) : [],
    });
    return { status: 201, body: { posts: [postJson(post)] } };
  };

  const api = await startLoopback((request) => {
    if (!request.path.startsWith('/ghost/api/admin/'))
      return ghostError(404, 'NotFoundError', 'Resource not found');
    const refused = authenticate(request);
    if (refused) return refused;
    const path = request.path.slice('/ghost/api/admin'.length);
    if (request.method === 'POST' && path === '/posts/') return create(request);
    if (request.method === 'GET' && path === '/posts/') {
      const limit = Number(request.query.get('limit') ?? 15);
      return {
        status: 200,
        body: {
          posts: posts.slice(0, limit).map(postJson),
          meta: { pagination: { page: 1, limit, pages: 1, total: posts.length } },
        },
      };
    }
    const bySlug = /^\/posts\/slug\/([^/]+)\/$/.exec(path);
    if (request.method === 'GET' && bySlug) {
      const post = posts.find((p) => p.slug === decodeURIComponent(bySlug[1] ?? ''));
      return post
        ? { status: 200, body: { posts: [postJson(post)] } }
        : ghostError(404, 'NotFoundError', 'Post not found.');
    }
    return ghostError(404, 'NotFoundError', 'Resource not found');
  });
  url = api.url;
  return {
    url: api.url,
    requests: api.requests,
    adminApiKey: `${keyId}:${secret}`,
    posts,
    addPost,
    failNext: (fault) => api.failNext(fault),
    close: () => api.close(),
  };
}
