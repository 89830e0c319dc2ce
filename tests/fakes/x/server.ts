import { json, type Loopback, type LoopbackRequest, type Reply, startLoopback } from '../loopback.js';
import { duplicate, invalidRequest, unauthorized } from './errors.js';
import { twitterText } from './twitter-text.js';

/*
 * A fake X API v2: posts (`POST /2/tweets`), the user (`/2/users/me`), a user's posts
 * (`/2/users/:id/tweets`, links shortened to t.co and text HTML-escaped as X returns them) and the
 * OAuth 2.0 token endpoint, which rotates refresh tokens: each refresh answers a new one and the old
 * one stops working.
 */

export interface FakeXPost {
  id: string;
  authorId: string;
  text: string;
  createdAt: number;
}

export interface FakeXOptions {
  user?: { id: string; username: string; name: string };
  /** Access tokens accepted from the start (they never expire). Default `['x-token']`. */
  tokens?: string[];
  refreshTokens?: string[];
  clientId?: string;
  /** When set, the client is confidential: the token endpoint requires Basic authentication. */
  clientSecret?: string;
  now?: () => number;
}

export interface FakeX extends Pick<Loopback, 'url' | 'requests' | 'failNext' | 'whenHung' | 'close'> {
  readonly posts: FakeXPost[];
  /** Refresh tokens that still work. */
  readonly refreshTokens: Set<string>;
}

export const DEFAULT_X_TOKEN = 'x-token';
const HOUR = 3600 * 1000;

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeX> {
  const user = options.user ?? { id: '2244994945', username: 'acme', name: 'Acme Analytics' };
  const now = options.now ?? Date.now;
  const access = new Map<string, number>(
    (options.tokens ?? [DEFAULT_X_TOKEN]).map((t) => [t, Number.POSITIVE_INFINITY]),
  );
  const refreshTokens = new Set(options.refreshTokens ?? []);
  const posts: FakeXPost[] = [];
  let next = 1_780_000_000_000_000_000n;
  let issued = 0;

  function token(request: LoopbackRequest): Reply {
    const form = request.form ?? {};
    if (options.clientSecret) {
      const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
      if (request.headers.authorization !== `Basic ${basic}`) {
        return json(401, {
          error: 'unauthorized_client',
          error_description: 'Missing valid authorization header',
        });
      }
    } else if (form.client_id !== options.clientId) {
      return json(400, {
        error: 'invalid_request',
        error_description: 'Missing required parameter [client_id].',
      });
    }
    if (form.grant_type !== 'refresh_token' || !refreshTokens.has(form.refresh_token ?? '')) {
      return json(400, {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      });
    }
    refreshTokens.delete(form.refresh_token ?? '');
    const fresh = { access: `x-access-${++issued}`, refresh: `x-refresh-${issued}` };
    refreshTokens.add(fresh.refresh);
    access.set(fresh.access, now() + 2 * HOUR);
    return json(200, {
      token_type: 'bearer',
      expires_in: 7200,
      access_token: fresh.access,
      scope: 'tweet.read tweet.write users.read offline.access',
      refresh_token: fresh.refresh,
    });
  }

  function create(request: LoopbackRequest): Reply {
    const text = (request.json as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || text === '')
      return invalidRequest('text', '', 'text must be a non-empty string');
    const parsed = twitterText.parseTweet(text);
    if (!parsed.valid)
      return invalidRequest('text', text, `Tweet text is too long (${parsed.weightedLength} of 280).`);
    if (posts.some((p) => p.authorId === user.id && p.text === text)) return duplicate();
    const id = String(next++);
    posts.push({ id, authorId: user.id, text, createdAt: now() });
    return json(201, { data: { id, text, edit_history_tweet_ids: [id] } });
  }

  /** A post as X returns it: links as t.co, `& < >` escaped, entities and created_at when asked. */
  function view(post: FakeXPost, fields: string[]) {
    let text = '';
    let last = 0;
    const urls: { start: number; end: number; url: string; expanded_url: string; display_url: string }[] = [];
    for (const found of twitterText.extractUrlsWithIndices(post.text)) {
      const [start, end] = found.indices;
      text += post.text.slice(last, start);
      const short = `https://t.co/${Buffer.from(found.url).toString('base64url').slice(-10)}`;
      urls.push({
        start: text.length,
        end: text.length + short.length,
        url: short,
        expanded_url: found.url,
        display_url: found.url.replace(/^https?:\/\//, '').slice(0, 26),
      });
      text += short;
      last = end;
    }
    text = (text + post.text.slice(last)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      id: post.id,
      text,
      edit_history_tweet_ids: [post.id],
      ...(fields.includes('created_at') ? { created_at: new Date(post.createdAt).toISOString() } : {}),
      ...(fields.includes('entities') && urls.length > 0 ? { entities: { urls } } : {}),
    };
  }

  function timeline(request: LoopbackRequest, id: string): Reply {
    const max = Number(request.query.get('max_results') ?? 10);
    if (!(max >= 5 && max <= 100))
      return invalidRequest(
        'max_results',
        String(max),
        `The max_results query parameter value [${max}] is not between 5 and 100`,
      );
    const start = request.query.get('start_time');
    if (start && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(start))
      return invalidRequest('start_time', start, 'Invalid date');
    const from = start ? Date.parse(start) : 0;
    const mine = posts
      .filter((p) => p.authorId === id && p.createdAt >= from)
      .sort((a, b) => b.createdAt - a.createdAt);
    const offset = Number(request.query.get('pagination_token') ?? 0);
    const page = mine.slice(offset, offset + max);
    const fields = (request.query.get('tweet.fields') ?? '').split(',');
    if (page.length === 0) return json(200, { meta: { result_count: 0 } });
    const more = offset + max < mine.length;
    return json(200, {
      data: page.map((p) => view(p, fields)),
      meta: {
        result_count: page.length,
        newest_id: page[0]?.id,
        oldest_id: page.at(-1)?.id,
        ...(more ? { next_token: String(offset + max) } : {}),
      },
    });
  }

  function route(request: LoopbackRequest): Reply {
    if (request.method === 'POST' && request.path === '/2/oauth2/token') return token(request);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if ((access.get(bearer) ?? 0) <= now()) return unauthorized();
    if (request.method === 'POST' && request.path === '/2/tweets') return create(request);
    if (request.method === 'GET' && request.path === '/2/users/me') return json(200, { data: user });
    const tweets = /^\/2\/users\/([^/]+)\/tweets$/.exec(request.path);
    if (request.method === 'GET' && tweets) return timeline(request, decodeURIComponent(tweets[1] ?? ''));
    return json(404, {
      title: 'Not Found Error',
      detail: `Could not find ${request.path}`,
      type: 'about:blank',
      status: 404,
    });
  }

  const loopback = await startLoopback(route);
  return { ...loopback, url: loopback.url, requests: loopback.requests, posts, refreshTokens };
}
