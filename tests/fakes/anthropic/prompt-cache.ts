import { createHash } from 'node:crypto';
import type { CacheTtl, PromptSegment } from './prompt-segments.js';

/** How a request's input tokens split between fresh input, cache writes and cache reads. */
export interface InputAccounting {
  inputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  cacheCreation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface PromptCacheOptions {
  /** Prefixes shorter than this are never cached (the API's per-model minimum). */
  minCacheableTokens: (model: string) => number;
  now: () => number;
}

const TTL_MS: Record<CacheTtl, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

// The API looks for an earlier cache entry up to 20 blocks before each breakpoint, which is what lets
// a conversation move its breakpoint forward every turn and still read the previous turn's prefix.
const LOOKBACK_BLOCKS = 20;

/** A request's input accounting, fixed when it started, and the moment its cache writes land. */
export interface CachedRequest {
  input: InputAccounting;
  /** The response is complete: what the request wrote is readable from now on. */
  finish(): void;
}

interface CacheEntry {
  ttl: CacheTtl;
  expiresAt: number;
}

/**
 * Prompt caching with the API's semantics: the prefix up to each `cache_control` breakpoint is stored
 * under its exact content (per model); a later request whose prefix matches reads it, and pays cache
 * writes only for the part between the longest hit and its last breakpoint.
 */
export class PromptCache {
  readonly #entries = new Map<string, CacheEntry>();

  constructor(private readonly options: PromptCacheOptions) {}

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Accounts one request that finishes at once (a batch item, a warm-up): its writes are readable right away. */
  account(model: string, segments: readonly PromptSegment[]): InputAccounting {
    const request = this.begin(model, segments);
    request.finish();
    return request.input;
  }

  /**
   * Accounts a request as it starts, as the API does: it reads what is in the cache now (refreshing
   * the entry's TTL). What it writes is readable only after `finish()`, called when its response is
   * complete: a request sent alongside it, before it finished, finds no entry and writes its own.
   */
  begin(model: string, segments: readonly PromptSegment[]): CachedRequest {
    const keys = prefixKeys(model, segments);
    const prefixTokens = cumulativeTokens(segments);
    const total = prefixTokens.at(-1) ?? 0;
    const tokensUpTo = (index: number): number => (index < 0 ? 0 : (prefixTokens[index] ?? 0));
    const breakpoints = segments.flatMap((s, index) => (s.breakpoint ? [index] : []));
    const now = this.options.now();

    const hit = this.#longestHit(keys, breakpoints, now);
    if (hit >= 0) {
      const entry = this.#entries.get(keys[hit] ?? '');
      if (entry) entry.expiresAt = now + TTL_MS[entry.ttl];
    }
    const readTokens = tokensUpTo(hit);

    const cacheCreation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    const writes: { key: string; ttl: CacheTtl }[] = [];
    const minimum = this.options.minCacheableTokens(model);
    const lastBreakpoint = breakpoints.at(-1) ?? -1;
    if (lastBreakpoint > hit && tokensUpTo(lastBreakpoint) >= minimum) {
      let boundary = hit;
      for (const index of breakpoints) {
        if (index <= hit) continue;
        const ttl = segments[index]?.breakpoint ?? '5m';
        const written = tokensUpTo(index) - tokensUpTo(boundary);
        if (ttl === '1h') cacheCreation.ephemeral_1h_input_tokens += written;
        else cacheCreation.ephemeral_5m_input_tokens += written;
        if (tokensUpTo(index) >= minimum) writes.push({ key: keys[index] ?? '', ttl });
        boundary = index;
      }
    }
    const creationTokens = cacheCreation.ephemeral_5m_input_tokens + cacheCreation.ephemeral_1h_input_tokens;
    let finished = false;
    return {
      input: {
        inputTokens: total - readTokens - creationTokens,
        cacheCreationInputTokens: creationTokens,
        cacheReadInputTokens: readTokens,
        cacheCreation,
      },
      finish: () => {
        if (finished) return;
        finished = true;
        const at = this.options.now();
        for (const { key, ttl } of writes) this.#entries.set(key, { ttl, expiresAt: at + TTL_MS[ttl] });
      },
    };
  }

  #longestHit(keys: readonly string[], breakpoints: readonly number[], now: number): number {
    let hit = -1;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index > hit && index > breakpoint - LOOKBACK_BLOCKS; index--) {
        const entry = this.#entries.get(keys[index] ?? '');
        if (!entry) continue;
        if (entry.expiresAt <= now) {
          this.#entries.delete(keys[index] ?? '');
          continue;
        }
        hit = index;
        break;
      }
    }
    return hit;
  }
}

/** keys[i] identifies the exact prefix segments[0..i] for this model (a hash chain). */
function prefixKeys(model: string, segments: readonly PromptSegment[]): string[] {
  let previous = createHash('sha256').update(model).digest('hex');
  return segments.map((s) => {
    previous = createHash('sha256').update(previous).update(s.key).digest('hex');
    return previous;
  });
}

function cumulativeTokens(segments: readonly PromptSegment[]): number[] {
  let sum = 0;
  return segments.map((s) => {
    sum += s.tokens;
    return sum;
  });
}
