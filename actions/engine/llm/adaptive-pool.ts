/** How a rate-limit storm is handled by `mapAdaptivePool`. */
export interface AdaptivePoolOptions {
  /** The most items in flight at once (and where the limit climbs back to). */
  limit: number;
  /** True for errors that mean "slow down" (429/529 after the SDK's own retries). */
  isThrottle(error: unknown): boolean;
  /** Times one item is put back after a throttle before it counts as failed. */
  maxRetries: number;
  /** Wait before an item is put back, by its retry number (1, 2, …). */
  backoffMs(retry: number): number;
  onThrottle?(info: { index: number; retry: number; limit: number }): void;
  /**
   * Run the first item alone and start the rest once it has settled: it writes the prompt cache
   * the others read, and the API lets no request read an entry before its writer has finished.
   */
  firstAlone?: boolean;
}

export interface AdaptivePoolStats {
  /** The most items that were in flight at one time. */
  maxInFlight: number;
  /** The lowest the limit went; below `limit` when a storm slowed the pool down. */
  lowestLimit: number;
  throttles: number;
}

/** 429 (rate limited) or 529 (overloaded) anywhere in the error's `cause` chain. */
export function isRateLimited(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const status = (e as { status?: unknown }).status;
    if (status === 429 || status === 529) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** 2 s, 4 s, 8 s … capped at 60 s: on top of the SDK's retries, which already waited. */
export const defaultBackoffMs = (retry: number): number => Math.min(60_000, 1000 * 2 ** retry);

/**
 * Runs `work` over items, at most `limit` at once, keeping the input order. When an item fails with a
 * throttle error, the limit halves (once per wave: items started under the same limit halve it once),
 * the item waits `backoffMs` and goes back to the front of the queue. After `limit` successes in a
 * row the limit grows by one again, up to its start. Other errors, and throttles past `maxRetries`,
 * become `failed(item, error)`: one item never fails the job.
 */
export function mapAdaptivePool<T, R>(
  items: readonly T[],
  options: AdaptivePoolOptions,
  work: (item: T, index: number) => Promise<R>,
  failed: (item: T, error: unknown) => R,
): Promise<{ results: R[]; stats: AdaptivePoolStats }> {
  const results = new Array<R>(items.length);
  const retries = new Array<number>(items.length).fill(0);
  const queue = items.map((_, i) => i);
  const max = Math.max(1, Math.floor(options.limit));
  const stats: AdaptivePoolStats = { maxInFlight: 0, lowestLimit: max, throttles: 0 };
  let limit = max;
  let inFlight = 0;
  let done = 0;
  let streak = 0;
  return new Promise((resolve) => {
    const finish = () => {
      if (done === items.length) resolve({ results, stats });
    };
    const pump = () => {
      while (inFlight < (options.firstAlone && done === 0 ? 1 : limit) && queue.length > 0) {
        const index = queue.shift() as number;
        inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
        void run(index, limit);
      }
      finish();
    };
    const run = async (index: number, startedUnder: number) => {
      const item = items[index] as T;
      try {
        results[index] = await work(item, index);
        if (++streak >= limit && limit < max) {
          limit++;
          streak = 0;
        }
      } catch (error) {
        const retry = (retries[index] ?? 0) + 1;
        if (options.isThrottle(error) && retry <= options.maxRetries) {
          retries[index] = retry;
          stats.throttles++;
          streak = 0;
          limit = Math.max(1, Math.min(limit, Math.floor(startedUnder / 2)));
          stats.lowestLimit = Math.min(stats.lowestLimit, limit);
          options.onThrottle?.({ index, retry, limit });
          inFlight--;
          await new Promise((r) => setTimeout(r, options.backoffMs(retry)));
          queue.unshift(index);
          pump();
          return;
        }
        results[index] = failed(item, error);
      }
      inFlight--;
      done++;
      pump();
    };
    pump();
  });
}
