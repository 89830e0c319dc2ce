const EMPTY = -1;

/**
 * Distinct channel sequences numbered in order of first sight, found by walking a trie of channel
 * ids kept in one open-addressing table of (parent node, channel) → child node. A million journeys
 * then cost a few integer probes each instead of building a string key and hashing it in a Map.
 */
export class PathTrie {
  /** Per slot: parent node, channel id, child node (EMPTY when the slot is free). */
  #slots = new Int32Array(3 * 1024).fill(EMPTY);
  #mask = 1023;
  #nodes = 1;
  /** Per node: the number of the path that ends there, or EMPTY. */
  #pathOf = new Int32Array(1024).fill(EMPTY);
  #paths = 0;

  /** The number of the path `ids[0..length)`; a new path gets the next number (`size` before the call). */
  find(ids: ArrayLike<number>, length: number): number {
    let node = 0;
    for (let i = 0; i < length; i++) node = this.#child(node, ids[i]!);
    const known = this.#pathOf[node]!;
    if (known !== EMPTY) return known;
    this.#pathOf[node] = this.#paths;
    return this.#paths++;
  }

  /** How many distinct paths were found. */
  get size(): number {
    return this.#paths;
  }

  #child(parent: number, channel: number): number {
    const slots = this.#slots;
    for (let slot = hashOf(parent, channel) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const at = 3 * slot;
      const child = slots[at + 2]!;
      if (child === EMPTY) return this.#add(slot, parent, channel);
      if (slots[at] === parent && slots[at + 1] === channel) return child;
    }
  }

  #add(slot: number, parent: number, channel: number): number {
    const node = this.#nodes++;
    const at = 3 * slot;
    this.#slots[at] = parent;
    this.#slots[at + 1] = channel;
    this.#slots[at + 2] = node;
    if (node >= this.#pathOf.length) {
      const pathOf = new Int32Array(this.#pathOf.length * 2).fill(EMPTY);
      pathOf.set(this.#pathOf);
      this.#pathOf = pathOf;
    }
    // Nodes other than the root fill slots one to one: keep the table at most half full.
    if (node * 2 > this.#mask + 1) this.#rehash();
    return node;
  }

  #rehash(): void {
    const old = this.#slots;
    const capacity = (this.#mask + 1) * 2;
    this.#slots = new Int32Array(3 * capacity).fill(EMPTY);
    this.#mask = capacity - 1;
    for (let from = 0; from < old.length; from += 3) {
      if (old[from + 2] === EMPTY) continue;
      let slot = hashOf(old[from]!, old[from + 1]!) & this.#mask;
      while (this.#slots[3 * slot + 2] !== EMPTY) slot = (slot + 1) & this.#mask;
      this.#slots.set(old.subarray(from, from + 3), 3 * slot);
    }
  }
}

function hashOf(parent: number, channel: number): number {
  const h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(channel + 1, 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}
