/** Ints per identity: slot, source, medium, campaign, record (text ids), file id, row, measures hash. */
const FIELDS = 8;
/** Identities per storage block (2 MiB): blocks are added, never copied, as identities grow. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

/**
 * Every distinct row identity seen, for duplicate detection: an open-addressing hash table
 * over fixed-size typed blocks. 40 bytes an identity (32 of record, 8 of table at most half
 * full), off the garbage-collected heap, O(1) per row however many identities a key has (one
 * per CRM contact, say). Exact: a hash match is confirmed field by field.
 */
export class IdentityTable {
  readonly #blocks: Int32Array[] = [];
  #count = 0;
  #table = new Int32Array(1 << 12);
  /** Table slots looked at: grows with rows, not with rows × identities. */
  probes = 0;

  get size(): number {
    return this.#count;
  }

  /** The identity's index, or -1 when it has not been seen. */
  find(slot: number, s: number, m: number, c: number, r: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    let at = hash(slot, s, m, c, r) & mask;
    for (;;) {
      this.probes++;
      const entry = table[at] as number;
      if (entry === 0) return -1;
      const i = entry - 1;
      const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
      const o = (i & MASK) * FIELDS;
      if (
        block[o] === slot &&
        block[o + 1] === s &&
        block[o + 2] === m &&
        block[o + 3] === c &&
        block[o + 4] === r
      ) {
        return i;
      }
      at = (at + 1) & mask;
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
    const i = this.#count++;
    if ((i & MASK) === 0) this.#blocks.push(new Int32Array(BLOCK * FIELDS));
    const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
    const o = (i & MASK) * FIELDS;
    block[o] = slot;
    block[o + 1] = s;
    block[o + 2] = m;
    block[o + 3] = c;
    block[o + 4] = r;
    block[o + 5] = file;
    block[o + 6] = row;
    block[o + 7] = measures;
    if (this.#count * 2 > this.#table.length) this.#grow();
    else this.#place(i);
  }

  /** File id, row and measures hash of identity `i`. */
  seen(i: number): { file: number; row: number; measures: number } {
    const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
    const o = (i & MASK) * FIELDS;
    return { file: block[o + 5] as number, row: block[o + 6] as number, measures: block[o + 7] as number };
  }

  #place(i: number): void {
    const block = this.#blocks[i >>> BLOCK_BITS] as Int32Array;
    const o = (i & MASK) * FIELDS;
    const table = this.#table;
    const mask = table.length - 1;
    let at =
      hash(
        block[o] as number,
        block[o + 1] as number,
        block[o + 2] as number,
        block[o + 3] as number,
        block[o + 4] as number,
      ) & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = i + 1;
  }

  #grow(): void {
    this.#table = new Int32Array(this.#table.length * 2);
    for (let i = 0; i < this.#count; i++) this.#place(i);
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
