/** Ints per identity: next of its slot, slot, source, medium, campaign, record (text ids), file id, row, measures hash. */
const FIELDS = 9;
/** Identities per storage block (2.25 MiB): blocks are added, never copied, as identities grow. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;
/** A slot with more identities than this (one per CRM contact, say) is found through the hash table. */
const LIST_LIMIT = 16;

/**
 * Every distinct row identity seen, for duplicate detection, in fixed-size typed blocks off
 * the garbage-collected heap (36 bytes an identity). A slot's identities form a short list,
 * newest first — consecutive rows of an export mostly share a key, so the list is warm in
 * cache; a slot that grows past `LIST_LIMIT` moves to an open-addressing hash table, so a row
 * costs a bounded amount of work however many identities its key holds. Exact: every match is
 * confirmed field by field.
 */
export class IdentityTable {
  readonly #blocks: Int32Array[] = [];
  #count = 0;
  /** Per slot: its newest identity + 1 (0 = none), and how many it has. */
  #heads = new Int32Array(1024);
  #counts = new Int32Array(1024);
  #table = new Int32Array(1 << 10);
  #tabled = 0;
  /** Identities looked at (list steps and table probes): grows with rows, not with rows × identities. */
  probes = 0;

  get size(): number {
    return this.#count;
  }

  /** The identity's index, or -1 when it has not been seen. */
  find(slot: number, s: number, m: number, c: number, r: number): number {
    if (slot >= this.#heads.length) return -1;
    if ((this.#counts[slot] as number) <= LIST_LIMIT) {
      for (let i = (this.#heads[slot] as number) - 1; i >= 0; ) {
        this.probes++;
        const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
        const o = (i & MASK) * FIELDS;
        if (block[o + 2] === s && block[o + 3] === m && block[o + 4] === c && block[o + 5] === r) return i;
        i = (block[o] as number) - 1;
      }
      return -1;
    }
    const table = this.#table;
    const mask = table.length - 1;
    for (let at = hash(slot, s, m, c, r) & mask; ; at = (at + 1) & mask) {
      this.probes++;
      const entry = table[at] as number;
      if (entry === 0) return -1;
      const i = entry - 1;
      const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
      const o = (i & MASK) * FIELDS;
      if (
        block[o + 1] === slot &&
        block[o + 2] === s &&
        block[o + 3] === m &&
        block[o + 4] === c &&
        block[o + 5] === r
      ) {
        return i;
      }
    }
  }

  /** Records a new identity (after `find` answered -1). */
  add(
    slot: number,
    s: number,
    m: number,
    c: number,
    r: number,
    file: number,
    row: number,
    measures: number,
  ): void {
    if (slot >= this.#heads.length) this.#growSlots(slot);
    const i = this.#count++;
    if ((i & MASK) === 0) this.#blocks.push(new Int32Array(BLOCK * FIELDS));
    const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
    const o = (i & MASK) * FIELDS;
    block[o] = this.#heads[slot] as number;
    block[o + 1] = slot;
    block[o + 2] = s;
    block[o + 3] = m;
    block[o + 4] = c;
    block[o + 5] = r;
    block[o + 6] = file;
    block[o + 7] = row;
    block[o + 8] = measures;
    this.#heads[slot] = i + 1;
    const count = (this.#counts[slot] as number) + 1;
    this.#counts[slot] = count;
    if (count > LIST_LIMIT + 1) this.#place(i);
    else if (count === LIST_LIMIT + 1) {
      for (
        let j = i;
        j >= 0;
        j = ((this.#blocks[j >>> BLOCK_BITS] as Int32Array)[(j & MASK) * FIELDS] as number) - 1
      ) {
        this.#place(j);
      }
    }
  }

  /** File id, row and measures hash of identity `i`. */
  seen(i: number): { file: number; row: number; measures: number } {
    const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
    const o = (i & MASK) * FIELDS;
    return { file: block[o + 6] as number, row: block[o + 7] as number, measures: block[o + 8] as number };
  }

  #place(i: number): void {
    if (++this.#tabled * 2 > this.#table.length) this.#growTable();
    this.#insert(i);
  }

  #insert(i: number): void {
    const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
    const o = (i & MASK) * FIELDS;
    const table = this.#table;
    const mask = table.length - 1;
    const h = hash(
      block[o + 1] as number,
      block[o + 2] as number,
      block[o + 3] as number,
      block[o + 4] as number,
      block[o + 5] as number,
    );
    let at = h & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = i + 1;
  }

  #growTable(): void {
    const old = this.#table;
    this.#table = new Int32Array(old.length * 2);
    for (const entry of old) if (entry !== 0) this.#insert(entry - 1);
  }

  #growSlots(slot: number): void {
    let size = this.#heads.length * 2;
    while (size <= slot) size *= 2;
    const heads = new Int32Array(size);
    heads.set(this.#heads);
    this.#heads = heads;
    const counts = new Int32Array(size);
    counts.set(this.#counts);
    this.#counts = counts;
  }
}

function hash(slot: number, s: number, m: number, c: number, r: number): number {
  let h = Math.imul(slot ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ s, 0xc2b2ae35);
  h = Math.imul(h ^ m, 0x27d4eb2f);
  h = Math.imul(h ^ c, 0x165667b1);
  h = Math.imul(h ^ r, 0x85ebca6b);
  return h ^ (h >>> 15);
}
