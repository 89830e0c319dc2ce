import type { PathTable } from './schema.js';

/**
 * The Markov chain of the journeys (Anderl et al. 2016): start → states → conversion | null. A state
 * of order k is the last ≤ k channels of a journey after consecutive repeats are collapsed (the first
 * states of a journey remember fewer). Transition weights are the journeys' conversions + nulls.
 */
export interface Chain {
  /** Distinct channel indexes each transient state remembers (for removal). */
  stateChannels: number[][];
  /** Weight of start → state. */
  start: Map<number, number>;
  /** Weight of state → state. */
  next: Map<number, number>[];
  conversion: Float64Array;
  dropout: Float64Array;
}

/** `A > A > B > B > A` becomes `A > B > A`. */
export function collapseRepeats(channels: readonly number[]): number[] {
  return channels.filter((c, i) => i === 0 || channels[i - 1] !== c);
}

export function buildChain(table: PathTable, order: number): Chain {
  const index = new Map<string, number>();
  const stateChannels: number[][] = [];
  const next: Map<number, number>[] = [];
  const conversion: number[] = [];
  const dropout: number[] = [];
  const start = new Map<number, number>();
  const stateOf = (history: number[]): number => {
    const key = String.fromCharCode(...history);
    let s = index.get(key);
    if (s === undefined) {
      s = stateChannels.length;
      index.set(key, s);
      stateChannels.push([...new Set(history)]);
      next.push(new Map());
      conversion.push(0);
      dropout.push(0);
    }
    return s;
  };
  for (const path of table.paths) {
    const weight = path.conversions + path.nulls;
    if (weight === 0) continue;
    const walk = collapseRepeats(path.channels);
    let previous = -1;
    for (let i = 0; i < walk.length; i++) {
      const s = stateOf(walk.slice(Math.max(0, i - order + 1), i + 1));
      const edges = previous === -1 ? start : next[previous]!;
      edges.set(s, (edges.get(s) ?? 0) + weight);
      previous = s;
    }
    conversion[previous]! += path.conversions;
    dropout[previous]! += path.nulls;
  }
  return {
    stateChannels,
    start,
    next,
    conversion: Float64Array.from(conversion),
    dropout: Float64Array.from(dropout),
  };
}

/**
 * P(reaching conversion from start), solved exactly: the absorbing chain's linear system
 * (I − Q)x = R by Gaussian elimination on the transition graph — each transient state is removed in
 * turn and its in-edges rewired through its out-edges. The divisor is the sum of the state's exit
 * probabilities, never 1 − self-loop, so no precision is lost to cancellation (Grassmann, Taksar and
 * Heyman's trick). With `removed`, every state remembering that channel sends its traffic to null.
 */
export function conversionProbability(chain: Chain, removed = -1): number {
  const n = chain.stateChannels.length;
  const gone = chain.stateChannels.map((channels) => channels.includes(removed));
  const START = n;
  const out: Map<number, number>[] = [];
  const conv = new Float64Array(n + 1);
  const drop = new Float64Array(n + 1);
  const preds: Set<number>[] = Array.from({ length: n + 1 }, () => new Set<number>());
  const addRow = (s: number, edges: Map<number, number>, toConversion: number, toNull: number) => {
    let total = toConversion + toNull;
    for (const w of edges.values()) total += w;
    const row = new Map<number, number>();
    let lost = toNull;
    for (const [t, w] of edges) {
      if (gone[t]) lost += w;
      else {
        row.set(t, w / total);
        preds[t]!.add(s);
      }
    }
    out[s] = row;
    conv[s] = total > 0 ? toConversion / total : 0;
    drop[s] = total > 0 ? lost / total : 1;
  };
  for (let s = 0; s < n; s++) {
    if (gone[s]) out[s] = new Map();
    else addRow(s, chain.next[s]!, chain.conversion[s]!, chain.dropout[s]!);
  }
  addRow(START, chain.start, 0, 0);

  const order = new MinHeap();
  const cost = (s: number) => preds[s]!.size * out[s]!.size;
  for (let s = 0; s < n; s++) if (!gone[s]) order.push(cost(s), s);
  const eliminated = new Uint8Array(n);
  for (let entry = order.pop(); entry; entry = order.pop()) {
    const [key, j] = entry;
    if (eliminated[j]) continue;
    const now = cost(j);
    if (now !== key) {
      order.push(now, j);
      continue;
    }
    eliminate(j, out, conv, drop, preds);
    eliminated[j] = 1;
  }
  const total = conv[START]! + drop[START]!;
  return total > 0 ? conv[START]! / total : 0;
}

function eliminate(
  j: number,
  out: Map<number, number>[],
  conv: Float64Array,
  drop: Float64Array,
  preds: Set<number>[],
): void {
  const row = out[j]!;
  let exit = conv[j]! + drop[j]!;
  for (const [l, p] of row) if (l !== j) exit += p;
  for (const i of preds[j]!) {
    if (i === j) continue;
    const from = out[i]!;
    const f = from.get(j)! / exit;
    from.delete(j);
    conv[i]! += f * conv[j]!;
    drop[i]! += f * drop[j]!;
    for (const [l, p] of row) {
      if (l === j) continue;
      from.set(l, (from.get(l) ?? 0) + f * p);
      if (l !== i) preds[l]!.add(i);
    }
  }
  for (const l of row.keys()) preds[l]!.delete(j);
  preds[j]!.clear();
  row.clear();
}

/** A binary heap of [key, state] ordered by key then state, so elimination order is deterministic. */
class MinHeap {
  readonly #items: [number, number][] = [];

  push(key: number, value: number): void {
    const items = this.#items;
    items.push([key, value]);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): [number, number] | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l]!, items[m]!)) m = l;
        if (r < items.length && less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

const less = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
