import { describe, expect, it } from 'vitest';
import { isRateLimited, mapAdaptivePool } from '../../actions/engine/llm/adaptive-pool.js';

/** A work function that records, for each item, how many others were running when it started. */
function recorder() {
  let running = 0;
  const startedWith: number[] = [];
  const settle: (() => void)[] = [];
  const work = async (i: number) => {
    startedWith[i] = running++;
    await new Promise<void>((resolve) => settle.push(resolve));
    running--;
    return i;
  };
  // Settles whatever is in flight, one microtask round at a time, until nothing is left.
  const drain = async () => {
    for (let round = 0; round < 100; round++) {
      await new Promise((r) => setImmediate(r));
      for (const resolve of settle.splice(0)) resolve();
    }
  };
  return { work, startedWith, drain };
}

const options = { limit: 4, isThrottle: isRateLimited, maxRetries: 1, backoffMs: () => 0 };

describe('mapAdaptivePool firstAlone', () => {
  it('runs the first item alone, then the rest at the limit', async () => {
    const { work, startedWith, drain } = recorder();
    const pool = mapAdaptivePool(
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      { ...options, firstAlone: true },
      work,
      () => -1,
    );
    await drain();
    const { results, stats } = await pool;
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(startedWith[0]).toBe(0);
    // Item 1 starts only after item 0 has settled; then four run at once.
    expect(startedWith.slice(1, 5)).toEqual([0, 1, 2, 3]);
    expect(stats.maxInFlight).toBe(4);
  });

  it('without it, the first wave starts together', async () => {
    const { work, startedWith, drain } = recorder();
    const pool = mapAdaptivePool([0, 1, 2, 3, 4], options, work, () => -1);
    await drain();
    await pool;
    expect(startedWith.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it('opens the pool even when the first item fails', async () => {
    const seen: number[] = [];
    const { results } = await mapAdaptivePool(
      [0, 1, 2],
      { ...options, firstAlone: true },
      async (i) => {
        seen.push(i);
        if (i === 0) throw new Error('invalid answer');
        return i;
      },
      () => -1,
    );
    expect(results).toEqual([-1, 1, 2]);
    expect(seen).toEqual([0, 1, 2]);
  });
});
