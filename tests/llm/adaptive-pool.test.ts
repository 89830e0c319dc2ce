import { describe, expect, it } from 'vitest';
import { isRateLimited, mapAdaptivePool } from '../../actions/engine/llm/adaptive-pool.js';

const throttle = () => Object.assign(new Error('wrapped'), { cause: { status: 429 } });
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('adaptive pool', () => {
  it('halves concurrency once per wave of 429s, retries the items, and keeps the order', async () => {
    let inFlight = 0;
    let stormOver = false;
    const afterStorm: number[] = [];
    let throttled = 0;
    const { results, stats } = await mapAdaptivePool(
      Array.from({ length: 12 }, (_, i) => i),
      { limit: 4, isThrottle: isRateLimited, maxRetries: 3, backoffMs: () => 2 },
      async (i) => {
        inFlight++;
        if (stormOver) afterStorm.push(inFlight);
        await tick(3);
        inFlight--;
        if (throttled < 4) {
          throttled++;
          stormOver = throttled === 4;
          throw throttle();
        }
        return i * 10;
      },
      () => -1,
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
    expect(stats.throttles).toBe(4);
    // The first wave of four started under limit 4, so it halves once, not four times.
    expect(stats.lowestLimit).toBe(2);
    expect(stats.maxInFlight).toBe(4);
    // Right after the storm, at most two run at once; then the limit climbs back.
    expect(Math.max(...afterStorm.slice(0, 3))).toBeLessThanOrEqual(2);
  });

  it('gives up on an item after maxRetries, and other errors fail only their item', async () => {
    const { results } = await mapAdaptivePool(
      ['storm', 'bad', 'ok'],
      { limit: 2, isThrottle: isRateLimited, maxRetries: 2, backoffMs: () => 1 },
      async (item) => {
        if (item === 'storm') throw throttle();
        if (item === 'bad') throw new Error('invalid');
        return item;
      },
      (item, error) => `${item} failed: ${(error as Error).message}`,
    );
    expect(results).toEqual(['storm failed: wrapped', 'bad failed: invalid', 'ok']);
  });

  it('finishes at once with no items', async () => {
    const { results } = await mapAdaptivePool(
      [],
      { limit: 4, isThrottle: () => false, maxRetries: 0, backoffMs: () => 0 },
      async () => 1,
      () => 0,
    );
    expect(results).toEqual([]);
  });
});
