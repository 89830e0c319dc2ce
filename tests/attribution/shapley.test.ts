import { describe, expect, it } from 'vitest';
import { attribute } from '../../actions/engine/attribution/index.js';
import type { PathTable } from '../../actions/engine/attribution/schema.js';
import { creditOf, pathsTable } from './helpers.js';

/** Shapley by its definition: average marginal contribution over every order of the players. */
function bruteForceShapley(table: PathTable): number[] {
  const n = table.channels.length;
  const sets = table.paths.map((p) => ({ members: new Set(p.channels), conversions: p.conversions }));
  const v = (coalition: Set<number>) =>
    sets.reduce((sum, s) => sum + ([...s.members].every((c) => coalition.has(c)) ? s.conversions : 0), 0);
  const phi = new Array<number>(n).fill(0);
  const permutations = (items: number[]): number[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) => permutations(items.filter((_, j) => j !== i)).map((p) => [x, ...p]));
  const all = permutations([...Array(n).keys()]);
  for (const order of all) {
    const coalition = new Set<number>();
    for (const player of order) {
      const before = v(coalition);
      coalition.add(player);
      phi[player]! += v(coalition) - before;
    }
  }
  return phi.map((x) => x / all.length);
}

describe('Shapley', () => {
  it('equals the brute-force Shapley value of v(S) = conversions of journeys within S', () => {
    const table = pathsTable([
      ['A > B', 3, 0, 1],
      ['A', 2, 0, 4],
      ['B > C > B', 4, 0, 0],
      ['C > D > A > C', 5, 0, 2],
      ['D', 1, 0, 0],
      ['B > D', 0, 0, 8],
    ]);
    const fast = creditOf(attribute(table, { models: ['shapley'] }), 'shapley');
    const slow = bruteForceShapley(table);
    for (const [c, channel] of table.channels.entries()) expect(fast[channel]).toBeCloseTo(slow[c]!, 12);
  });

  it('is efficient: the credits add up to v(all channels)', () => {
    const table = pathsTable([
      ['A > B', 3, 0, 1],
      ['C', 2, 0, 0],
    ]);
    const credit = creditOf(attribute(table, { models: ['shapley'] }), 'shapley');
    expect(Object.values(credit).reduce((a, b) => a + b, 0)).toBe(5);
    expect(credit).toEqual({ A: 1.5, B: 1.5, C: 2 });
  });
});
