import type { Actor, Role } from './state.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteRequest {
  /** Path parameters, URL-decoded (`ref` and `path` may hold slashes). */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Who the token belongs to; undefined only for anonymous reads of a public repository. */
  actor: Actor | undefined;
  headers: Record<string, string>;
  url: URL;
}

export interface RouteResponse {
  status: number;
  /** JSON unless a string (sent as text, e.g. raw file content); none for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: Method;
  /** The path exactly as in GitHub's OpenAPI description, e.g. `/repos/{owner}/{repo}/pulls`. */
  path: string;
  /** Role the caller needs; reads default to `read`, everything else to `write`. */
  role?: Role;
  handle(request: RouteRequest): Promise<RouteResponse>;
}

/** `'POST /repos/{owner}/{repo}/pulls'`: how routes are named in fault injection and listings. */
export const routeName = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

// These parameters carry slashes in GitHub's API (`heads/feature/x`, `docs/a/b.md`); the rest never do.
const GREEDY = new Set(['ref', 'path']);

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  readonly #compiled: CompiledRoute[];

  constructor(readonly routes: readonly Route[]) {
    this.#compiled = routes.map((route) => compile(route));
  }

  match(method: string, pathname: string): RouteMatch | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const { route, pattern, names } of this.#compiled) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      });
      return { route, params };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }

  has(name: string): boolean {
    return this.routes.some((route) => routeName(route) === name);
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(/(\{\w+\})/)
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(param);
      // `contents/{path}` with an empty path is the repository root.
      if (param === 'path') return '(.*)';
      return GREEDY.has(param) ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}
