/**
 * The work clustering did, counted so a test can prove it grows linearly with the number of
 * keywords (a clock would prove nothing on a shared machine).
 */
export interface ClusterWork {
  /** Steps from one node of a leader index to the next (one map look-up each). */
  probes: number;
  /** Similarity computations between a keyword and a leader. */
  comparisons: number;
  /** Stem sets written into a leader index. */
  keys: number;
}

export const noWork = (): ClusterWork => ({ probes: 0, comparisons: 0, keys: 0 });

/** An object, not a closure: the walk runs for every keyword, and a fresh closure each time costs. */
export interface Visitor<P> {
  visit(size: number, payload: P): void;
}

/** A class, so every node has one shape and the walk's property reads stay fast. */
class Node<P> {
  next: Map<number, Node<P>> | undefined = undefined;
  payload: P | undefined = undefined;
}

/**
 * Stem sets (sorted lists of stem numbers), each with a payload. A trie rather than a map of
 * joined keys: finding every stored subset of a keyword's stems walks only the prefixes some
 * stored set shares, and builds no keys.
 */
export class StemTrie<P> {
  private readonly root = new Node<P>();

  constructor(private readonly work: ClusterWork) {}

  /**
   * Calls `visitor.visit` with the size and payload of every subset of `stems` (sorted) with at
   * least `min` stems, making missing payloads with `create`. One walk: subsets share prefixes.
   */
  addSubsets(stems: readonly number[], min: number, create: () => P, visitor: Visitor<P>): void {
    this.grow(this.root, stems, 0, 0, min, create, visitor);
  }

  private grow(
    node: Node<P>,
    stems: readonly number[],
    from: number,
    depth: number,
    min: number,
    create: () => P,
    visitor: Visitor<P>,
  ): void {
    if (depth >= min) {
      this.work.keys++;
      node.payload ??= create();
      visitor.visit(depth, node.payload);
    }
    // Leave enough stems after i to reach `min`.
    for (let i = from; i <= stems.length - Math.max(1, min - depth); i++) {
      node.next ??= new Map();
      let child = node.next.get(stems[i]!);
      if (!child) {
        child = new Node();
        node.next.set(stems[i]!, child);
      }
      this.grow(child, stems, i + 1, depth + 1, min, create, visitor);
    }
  }

  /** Calls `visitor.visit` with the size and payload of every stored subset of `stems` (sorted). */
  subsetsOf(stems: readonly number[], visitor: Visitor<P>): void {
    this.walk(this.root, stems, 0, 0, visitor);
  }

  private walk(
    node: Node<P>,
    stems: readonly number[],
    from: number,
    depth: number,
    visitor: Visitor<P>,
  ): void {
    if (node.payload !== undefined) visitor.visit(depth, node.payload);
    if (!node.next) return;
    for (let i = from; i < stems.length; i++) {
      this.work.probes++;
      const child = node.next.get(stems[i]!);
      if (child) this.walk(child, stems, i + 1, depth + 1, visitor);
    }
  }
}
