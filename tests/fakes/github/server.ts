import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, DOCS_URL } from './api-error.js';
import type { FakeContext } from './context.js';
import { FaultQueue } from './faults.js';
import { headersOf, readBody, send } from './http-io.js';
import { RateLimit } from './rate-limit.js';
import { type Route, type RouteRequest, type RouteResponse, Router, routeName } from './router.js';
import { type Actor, roleAtLeast } from './state.js';

/** One HTTP request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Without the query string, e.g. `/repos/acme/site/pulls`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON body; undefined when empty; the raw text when not JSON. */
  body: unknown;
  /** The OpenAPI route it matched, e.g. `POST /repos/{owner}/{repo}/pulls`. */
  route?: string;
  /** The status the fake answered with (set once answered). */
  status?: number;
  /** True when the answer came from `failNext`, not from the route. */
  injected?: boolean;
}

/** The request pipeline: record → authenticate → route → rate limit → faults → authorize → handle. */
export class ApiPipeline {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultQueue();
  readonly rateLimit: RateLimit;
  readonly router: Router;

  constructor(
    private readonly ctx: FakeContext,
    routes: Route[],
    /** token → login; the actor is looked up (and created) in the repository state. */
    readonly tokens: Map<string, Actor>,
    /** `POST /graphql`, which the REST description (and so the router) does not hold. */
    private readonly graphql?: (body: unknown, actor: Actor | undefined) => RouteResponse,
  ) {
    this.router = new Router(routes);
    this.rateLimit = new RateLimit(ctx.state.now);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.ctx.apiUrl());
    const text = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: headersOf(request),
      body: parseBody(text),
    };
    this.requests.push(record);
    const answer = await this.#answer(record, url, text).catch((error: unknown) => this.#failure(error));
    record.status = answer.status;
    this.rateLimit.consume();
    send(response, answer.status, answer.body, {
      ...this.rateLimit.headers(),
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      ...answer.headers,
    });
  }

  async #answer(record: RecordedRequest, url: URL, text: string): Promise<RouteResponse> {
    const actor = this.#authenticate(record.headers.authorization);
    if (text !== '' && typeof record.body === 'string') throw new ApiError(400, 'Problems parsing JSON');
    if (this.graphql && record.method === 'POST' && url.pathname === '/graphql') {
      record.route = 'POST /graphql';
      return this.graphql(record.body, actor);
    }
    const match = this.router.match(record.method, url.pathname);
    // GitHub answers unknown paths, and known paths with an unsupported method, with 404.
    if (match === undefined || match === 'method-not-allowed') throw new ApiError(404, 'Not Found');
    record.route = routeName(match.route);
    if (this.rateLimit.remaining === 0) {
      throw new ApiError(403, `API rate limit exceeded for ${actor?.login ?? 'this IP'}.`);
    }
    const fault = this.faults.take(match.route.method, match.route.path);
    if (fault) {
      record.injected = true;
      return { status: fault.status, body: fault.body, headers: fault.headers };
    }
    this.#authorize(match.route, match.params, actor);
    const routeRequest: RouteRequest = {
      params: match.params,
      query: url.searchParams,
      body: record.body,
      actor,
      headers: record.headers,
      url,
    };
    return match.route.handle(routeRequest);
  }

  #authenticate(authorization: string | undefined): Actor | undefined {
    if (authorization === undefined) return undefined;
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization.trim())?.[1];
    const actor = token ? this.tokens.get(token) : undefined;
    if (!actor) throw new ApiError(401, 'Bad credentials');
    return actor;
  }

  #authorize(route: Route, params: Record<string, string>, actor: Actor | undefined): void {
    if (!route.path.startsWith('/repos/')) return;
    const sameRepo =
      params.owner?.toLowerCase() === this.ctx.owner.toLowerCase() &&
      params.repo?.toLowerCase() === this.ctx.repo.toLowerCase();
    if (!sameRepo) throw new ApiError(404, 'Not Found');
    const role = actor ? this.ctx.state.role(actor.login) : 'none';
    // A private repository does not exist for those who cannot read it.
    if (this.ctx.private && !roleAtLeast(role, 'read')) throw new ApiError(404, 'Not Found');
    const needed = route.role ?? (route.method === 'GET' ? 'read' : 'write');
    if (needed === 'read' && !this.ctx.private) return;
    if (!actor) throw new ApiError(401, 'Requires authentication');
    if (!roleAtLeast(role, needed)) {
      throw new ApiError(
        403,
        actor.type === 'Bot'
          ? 'Resource not accessible by integration'
          : 'Resource not accessible by personal access token',
      );
    }
  }

  #failure(error: unknown): RouteResponse {
    if (error instanceof ApiError)
      return { status: error.status, body: error.body(), headers: error.headers };
    // A bug in the fake: make it loud in the test output rather than a retried 500 nobody reads.
    console.error('[fake-github] handler crashed:', error);
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { message: `fake-github crashed: ${message}`, documentation_url: DOCS_URL } };
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
