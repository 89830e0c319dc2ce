import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type Bottleneck from 'bottleneck';

export const DEFAULT_API_URL = 'https://api.github.com';

const ThrottledOctokit = Octokit.plugin(retry, throttling);
export type GitHubOctokit = InstanceType<typeof ThrottledOctokit>;

/**
 * GitHub's documented limits the client keeps to (docs.github.com, "Best practices for using the REST API" and
 * "Rate limits for the REST API"): mutating requests one at a time and at least one second apart; at most 80
 * content-creating requests a minute (one a second stays under it); no more than 100 concurrent requests
 * (reads go at most 10 at a time); a `retry-after` is waited out before retrying.
 */
export const GITHUB_SECOND_MS = 1000;

/** Limits of the rate-limit handling. Production uses the defaults; tests shrink GitHub's second to 0. */
export interface ThrottleSettings {
  /**
   * How long GitHub's "one second" lasts, in ms (default 1000): the spacing between writes (all writes,
   * notifying ones included) and the unit of `retry-after`. 0 in tests: no idle waiting, same logic.
   */
  minTimeMs?: number;
  /** How often a rate-limited request is retried (default 2). */
  maxRetries?: number;
  /** A rate limit that asks to wait longer than this fails at once with a clear error (default 900 s). */
  maxWaitSeconds?: number;
  /** plugin-retry's base delay for 5xx/network failures in ms (default 1000; retries 3 times). */
  retryBaseMs?: number;
}

/** The repository and client every GitHub forge operation works with. */
export interface RepoApi {
  octokit: GitHubOctokit;
  owner: string;
  repo: string;
  /** The API base URL, to name requests in errors. */
  apiBase: string;
}

export interface ClientOptions {
  token: string;
  baseUrl: string;
  throttle?: ThrottleSettings;
  log: (line: string) => void;
}

/**
 * This client's own Bottleneck groups (not the plugin's module-global ones, whose 3 s between notifying
 * writes is stricter than GitHub documents): reads 10 at a time, writes one at a time `minTime` apart.
 */
async function ownLimiters(
  minTime: number,
): Promise<Record<'global' | 'write' | 'notifications' | 'search', Bottleneck.Group>> {
  // A dependency of both Octokit plugins, loaded with them.
  const { default: BottleneckClass } = await import('bottleneck');
  return {
    global: new BottleneckClass.Group({ maxConcurrent: 10 }),
    write: new BottleneckClass.Group({ maxConcurrent: 1, minTime }),
    notifications: new BottleneckClass.Group({ maxConcurrent: 1, minTime }),
    search: new BottleneckClass.Group({ maxConcurrent: 1, minTime: 2 * minTime }),
  };
}

/**
 * Octokit with plugin-retry (5xx and network failures) and plugin-throttling (writes one at a time,
 * primary and secondary rate limits retried up to `maxRetries` times, honouring `retry-after`).
 * The token goes only into the `authorization` header; nothing here logs it.
 */
export async function createOctokit(options: ClientOptions): Promise<GitHubOctokit> {
  const settings = options.throttle ?? {};
  const maxRetries = settings.maxRetries ?? 2;
  const maxWait = settings.maxWaitSeconds ?? 900;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const what = `${request.method} ${request.url}`;
      if (retryCount >= maxRetries || retryAfter > maxWait) {
        options.log(
          `GitHub ${kind} on ${what}; giving up after ${retryCount} retries (asked to wait ${retryAfter} s)`,
        );
        return false;
      }
      options.log(
        `GitHub ${kind} on ${what}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${maxRetries})`,
      );
      return true;
    };
  const second = settings.minTimeMs ?? GITHUB_SECOND_MS;
  const limiters = await ownLimiters(second);
  // `global` and `retryAfterBaseValue` are honoured by the plugin but missing from its option type; a
  // non-literal object may carry them.
  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('rate limit'),
    onSecondaryRateLimit: onLimit('secondary rate limit'),
    ...limiters,
    ...{ retryAfterBaseValue: second },
  };
  return new ThrottledOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'crescendo',
    retry: { retryAfterBaseValue: settings.retryBaseMs ?? 1000 },
    throttle,
    // Failures are thrown and reported as CrescendoErrors; expected 404s (absent files) are not news.
    log: { debug: () => {}, info: () => {}, warn: (line: string) => options.log(line), error: () => {} },
  });
}
