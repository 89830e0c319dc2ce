import { DOCS_URL, statusMessage } from './api-error.js';

/** A scripted failure: the next matching request(s) get this answer instead of being served. */
export interface Fault {
  /** e.g. `'POST'`; may also be given as the first word of `route`. */
  method?: string;
  /** `'POST /repos/{owner}/{repo}/pulls'` or just the path template; omitted = any route. */
  route?: string;
  status: number;
  headers?: Record<string, string>;
  /** Default: GitHub's error body for the status. */
  body?: unknown;
  /** How many matching requests fail (default 1). */
  times?: number;
}

/** The 403 GitHub sends for secondary rate limits; `@octokit/plugin-throttling` recognises its message. */
export function secondaryRateLimit(retryAfterSeconds = 60): Pick<Fault, 'status' | 'headers' | 'body'> {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}

interface PendingFault {
  method: string | undefined;
  path: string | undefined;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  remaining: number;
}

export class FaultQueue {
  readonly #pending: PendingFault[] = [];

  /** `knownRoute` rejects routes the server does not serve, so a typo cannot silently never fire. */
  add(fault: Fault, knownRoute: (method: string | undefined, path: string) => boolean): void {
    let method = fault.method?.toUpperCase();
    let path = fault.route;
    const space = path?.indexOf(' ') ?? -1;
    if (path !== undefined && space !== -1) {
      method = path.slice(0, space).toUpperCase();
      path = path.slice(space + 1);
    }
    if (path !== undefined && !knownRoute(method, path)) {
      throw new Error(`failNext: the fake serves no route ${method ?? '*'} ${path}`);
    }
    this.#pending.push({
      method,
      path,
      status: fault.status,
      headers: fault.headers ?? {},
      body: fault.body ?? {
        message: statusMessage(fault.status),
        documentation_url: DOCS_URL,
        status: String(fault.status),
      },
      remaining: fault.times ?? 1,
    });
  }

  /** The first fault matching this request, used up by one. */
  take(method: string, path: string): Omit<PendingFault, 'remaining'> | undefined {
    const index = this.#pending.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === method) &&
        (fault.path === undefined || fault.path === path),
    );
    const fault = this.#pending[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#pending.splice(index, 1);
    return fault;
  }

  get size(): number {
    return this.#pending.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  clear(): void {
    this.#pending.length = 0;
  }
}
