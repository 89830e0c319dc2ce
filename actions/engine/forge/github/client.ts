import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type Bottleneck from 'bottleneck';

export const DEFAULT_API_URL = 'https://api.github.com';

const ThrottledOctokit = Octokit.plugin(retry, throttling);
export type GitHubOctokit = InstanceType<typeof ThrottledOctokit>;

/** Limits of the rate-limit handling. Production uses the defaults; tests make them tiny. */
export interface ThrottleSettings {
  /**
   * Spacing between writes in ms. Unset: the plugin's own (1 s between writes, 3 s between
   * writes that notify people: PRs, issues, comments, merges). Set: private limiters with this
   * spacing, still one write at a time.
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

/** Private Bottleneck groups, so tests are not slowed by the module-global 1–3 s spacing of writes. */
async function ownLimiters(
  minTime: number,
): Promise<Record<'global' | 'write' | 'notifications' | 'search', Bottleneck.Group>> {
  // A dependency of both Octokit plugins; loaded only when custom spacing is asked for.
  const { default: BottleneckClass } = await import('bottleneck');
  return {
    global: new BottleneckClass.Group({ maxConcurrent: 10 }),
    write: new BottleneckClass.Group({ maxConcurrent: 1, minTime }),
    notifications: new BottleneckClass.Group({ maxConcurrent: 1, minTime }),
    search: new BottleneckClass.Group({ maxConcurrent: 1, minTime }),
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
  const limiters = settings.minTimeMs === undefined ? {} : await ownLimiters(settings.minTimeMs);
  // `global` is honoured by the plugin but missing from its option type; a non-literal object may carry it.
  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('rate limit'),
    onSecondaryRateLimit: onLimit('secondary rate limit'),
    ...limiters,
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
