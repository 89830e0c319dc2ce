import { describe, expect, it } from 'vitest';
import {
  attribute,
  buildChain,
  type Chain,
  collapseRepeats,
  conversionProbability,
} from '../../actions/engine/attribution/index.js';
import { creditOf, pathsTable } from './helpers.js';

/** P(conversion) by a plain dense Gaussian elimination with partial pivoting of (I − Q)x = R. */
function denseConversionProbability(chain: Chain, removed = -1): number {
  const n = chain.stateChannels.length;
  const gone = chain.stateChannels.map((c) => c.includes(removed));
  const a: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let i = 0; i < n; i++) {
    if (gone[i]) continue;
    let total = chain.conversion[i]! + chain.dropout[i]!;
    for (const w of chain.next[i]!.values()) total += w;
    for (const [j, w] of chain.next[i]!) if (!gone[j]) a[i]![j]! -= w / total;
    a[i]![n] = chain.conversion[i]! / total;
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const x = a.map((row, i) => row[n]! / row[i]!);
  let total = 0;
  let p = 0;
  for (const [s, w] of chain.start) {
    total += w;
    if (!gone[s]) p += w * x[s]!;
  }
  return p / total;
}

/** A deterministic pseudo-random generator (mulberry32), so the random data is the same every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPaths(seed: number, count: number, channels: string[]): [string, number, number, number][] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 6);
    const path = Array.from({ length }, () => channels[Math.floor(next() * channels.length)]!).join(' > ');
    return [path, Math.floor(next() * 4), Math.round(next() * 1000), Math.floor(next() * 7)];
  });
}

describe('consecutive repeats', () => {
  it('collapse before the chain is built', () => {
    expect(collapseRepeats([0, 0, 1, 1, 1, 0, 2, 2])).toEqual([0, 1, 0, 2]);
    const repeated = attribute(
      pathsTable([
        ['A > A > B', 1, 0, 0],
        ['B > B', 0, 0, 1],
      ]),
      { models: ['markov'] },
    );
    const plain = attribute(
      pathsTable([
        ['A > B', 1, 0, 0],
        ['B', 0, 0, 1],
      ]),
      { models: ['markov'] },
    );
    expect(repeated.removalEffects).toEqual(plain.removalEffects);
  });
});

describe('the exact solve', () => {
  it('equals a dense Gaussian elimination on random chains of order 1, 2 and 3', () => {
    const channels = ['Ads', 'Email', 'Organic', 'Social', 'Direct'];
    for (const order of [1, 2, 3]) {
      for (const seed of [1, 2, 3]) {
        const table = pathsTable(randomPaths(seed * 10 + order, 60, channels));
        const chain = buildChain(table, order);
        expect(conversionProbability(chain)).toBeCloseTo(denseConversionProbability(chain), 12);
        for (let k = 0; k < table.channels.length; k++)
          expect(conversionProbability(chain, k)).toBeCloseTo(denseConversionProbability(chain, k), 12);
      }
    }
  });

  it('handles loops between channels (A > B > A > B …)', () => {
    const table = pathsTable([
      ['A > B > A > B > A', 2, 0, 1],
      ['B > A > B', 1, 0, 3],
      ['A', 0, 0, 2],
    ]);
    const chain = buildChain(table, 1);
    expect(conversionProbability(chain)).toBeCloseTo(denseConversionProbability(chain), 14);
  });
});

describe('higher orders', () => {
  // A > C converts, B > C does not. Order 1 sees one C state converting half the time; order 2
  // remembers where the journey came from, so B earns nothing.
  const table = pathsTable([
    ['A > C', 1, 100, 0],
    ['B > C', 0, 0, 1],
  ]);

  it('order 1: removal effects A 0.5, B 0.5, C 1', () => {
    const result = attribute(table, { models: ['markov'], markovOrder: 1 });
    expect(result.removalEffects).toEqual({ A: 0.5, B: 0.5, C: 1 });
    expect(creditOf(result, 'markov')).toEqual({ A: 0.25, B: 0.25, C: 0.5 });
  });

  it('order 2: removal effects A 1, B 0, C 1, credit 0.5 / 0 / 0.5', () => {
    const result = attribute(table, { models: ['markov'], markovOrder: 2 });
    expect(result.removalEffects).toEqual({ A: 1, B: 0, C: 1 });
    expect(creditOf(result, 'markov')).toEqual({ A: 0.5, B: 0, C: 0.5 });
    expect(result.markov?.states).toBe(4);
  });

  it('order 3 separates what order 2 merges (A > B > D converts, C > B > D does not)', () => {
    const deeper = pathsTable([
      ['A > B > D', 1, 0, 0],
      ['C > B > D', 0, 0, 1],
    ]);
    const two = attribute(deeper, { models: ['markov'], markovOrder: 2 });
    expect(two.removalEffects).toEqual({ A: 0.5, B: 1, C: 0.5, D: 1 });
    const three = attribute(deeper, { models: ['markov'], markovOrder: 3 });
    expect(three.removalEffects).toEqual({ A: 1, B: 1, C: 0, D: 1 });
    for (const [channel, expected] of Object.entries({ A: 1 / 3, B: 1 / 3, C: 0, D: 1 / 3 }))
      expect(creditOf(three, 'markov')[channel]).toBeCloseTo(expected, 12);
  });
});

describe('determinism', () => {
  it('gives identical numbers for the same data in any row order', () => {
    const rows = randomPaths(7, 200, ['Ads', 'Email', 'Organic', 'Social']);
    const shuffled = [...rows].reverse();
    for (const order of [1, 2, 3] as const) {
      const a = attribute(pathsTable(rows), { markovOrder: order });
      const b = attribute(pathsTable(shuffled), { markovOrder: order });
      expect(JSON.stringify(b.removalEffects)).toBe(JSON.stringify(a.removalEffects));
      expect(JSON.stringify(b.models.markov)).toBe(JSON.stringify(a.models.markov));
    }
  });

  it('gives identical numbers run after run', () => {
    const table = pathsTable(randomPaths(11, 300, ['Ads', 'Email', 'Organic', 'Social', 'Direct']));
    const runs = Array.from({ length: 3 }, () => JSON.stringify(attribute(table, { markovOrder: 2 })));
    expect(new Set(runs).size).toBe(1);
  });

  it('credits nothing when nothing converted', () => {
    const result = attribute(pathsTable([['A > B', 0, 0, 5]]), { models: ['markov'] });
    expect(result.removalEffects).toEqual({ A: 0, B: 0 });
    expect(creditOf(result, 'markov')).toEqual({ A: 0, B: 0 });
  });
});
