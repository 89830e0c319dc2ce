/** A user's record starts with where their id is in the arena; the caller's values follow. */
const NAME = 0;
/** Where the caller's values start in a record. */
export const VALUES = 1;
const NAME_LENGTH = 65_536;
/** A removed user's record keeps its arena place, negated, for the next id that fits there. */
const freed = (name: number) => -name - 1;

/**
 * Users by id, for millions of lookups. An open-addressing table of (hash, user) pairs, 8 bytes a
 * slot, points into dense per-user records of doubles that start with the id's place in a character
 * arena and go on with the caller's values. Ids are hashed and compared where they lie in the row,
 * without cutting a string out of it, and growing the table moves only the small slots.
 */
export class UserTable {
  /** Doubles per user record. */
  readonly stride: number;
  readonly #initial: readonly number[];
  /** Per slot: [hash, user + 1]; user + 1 is 0 for an empty slot, −1 for a removed one. */
  #slots: Int32Array;
  #mask: number;
  #occupied = 0;
  #records: Float64Array;
  #ints: Int32Array;
  #users = 0;
  readonly #free: number[] = [];
  /** Id characters; one byte each until an id needs more. */
  #arena: Uint8Array | Uint16Array = new Uint8Array(1 << 16);
  #arenaUsed = 0;

  /** `initial`: the caller's values for a new user. */
  constructor(initial: readonly number[], capacity = 1 << 12) {
    this.#initial = initial;
    this.stride = VALUES + initial.length;
    this.#slots = new Int32Array(capacity * 2);
    this.#mask = capacity - 1;
    this.#records = new Float64Array(capacity * this.stride);
    this.#ints = new Int32Array(this.#records.buffer);
  }

  /** The records, `stride` doubles per user; replaced when they grow, so read it after `find`. */
  get records(): Float64Array {
    return this.#records;
  }

  /** The same records seen as 32-bit integers (two per double), for values that are small integers. */
  get ints(): Int32Array {
    return this.#ints;
  }

  get size(): number {
    return this.#users - this.#free.length;
  }

  /** The user written at `text[start, end)`, added (with the initial values) if new. */
  find(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    const slots = this.#slots;
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const user = slots[2 * slot + 1]! - 1;
      if (user === -1) return this.#insert(slot, hash, text, start, end);
      if (user >= 0 && slots[2 * slot] === hash && this.#sameName(user, text, start, end)) return user;
    }
  }

  /** The user written at `text[start, end)`, or −1. */
  lookup(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const user = this.#slots[2 * slot + 1]! - 1;
      if (user === -1) return -1;
      if (user >= 0 && this.#slots[2 * slot] === hash && this.#sameName(user, text, start, end)) return user;
    }
  }

  /** Forgets a user; the record (and the room of the id) go to a later one. */
  remove(user: number): void {
    const name = this.#records[user * this.stride + NAME]!;
    const length = name % NAME_LENGTH;
    const from = (name - length) / NAME_LENGTH;
    let h = 0x811c9dc5;
    for (let i = from; i < from + length; i++) h = Math.imul(h ^ this.#arena[i]!, 0x01000193);
    for (let slot = finish(h) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      if (this.#slots[2 * slot + 1] === user + 1) {
        this.#slots[2 * slot + 1] = -1;
        break;
      }
    }
    this.#records[user * this.stride + NAME] = freed(name);
    this.#free.push(user);
  }

  /** Every user present. */
  *all(): Generator<number> {
    for (let user = 0; user < this.#users; user++)
      if (this.#records[user * this.stride + NAME]! >= 0) yield user;
  }

  #insert(slot: number, hash: number, text: string, start: number, end: number): number {
    const length = end - start;
    if (length >= NAME_LENGTH) throw new RangeError(`a user id of ${length} characters`);
    const reused = this.#free.length > 0;
    const user = reused ? this.#free.pop()! : this.#users++;
    if ((user + 1) * this.stride > this.#records.length) {
      const records = new Float64Array(this.#records.length * 2);
      records.set(this.#records);
      this.#records = records;
      this.#ints = new Int32Array(records.buffer);
    }
    const at = user * this.stride;
    // A reused record's old room holds the new id when it is no longer (ids are mostly one length).
    const old = reused ? freed(this.#records[at + NAME]!) : -1;
    let from = this.#arenaUsed;
    if (old >= 0 && old % NAME_LENGTH >= length) from = (old - (old % NAME_LENGTH)) / NAME_LENGTH;
    else {
      if (this.#arenaUsed + length > this.#arena.length) this.#growArena(this.#arenaUsed + length, false);
      this.#arenaUsed += length;
    }
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(start + i);
      if (c > 0xff && this.#arena instanceof Uint8Array) this.#growArena(this.#arena.length, true);
      this.#arena[from + i] = c;
    }
    this.#records[at + NAME] = from * NAME_LENGTH + length;
    for (let i = 0; i < this.#initial.length; i++) this.#records[at + VALUES + i] = this.#initial[i]!;
    this.#slots[2 * slot] = hash;
    this.#slots[2 * slot + 1] = user + 1;
    if (++this.#occupied * 10 > (this.#mask + 1) * 7) this.#rehash();
    return user;
  }

  #growArena(atLeast: number, wide: boolean): void {
    const size = Math.max(this.#arena.length * 2, atLeast);
    const arena = wide || this.#arena instanceof Uint16Array ? new Uint16Array(size) : new Uint8Array(size);
    arena.set(this.#arena);
    this.#arena = arena;
  }

  /** Twice the room (or the same, when removals filled it), re-placing the live slots. */
  #rehash(): void {
    const old = this.#slots;
    const live = this.size;
    const capacity = live * 4 > this.#mask + 1 ? (this.#mask + 1) * 2 : this.#mask + 1;
    this.#slots = new Int32Array(capacity * 2);
    this.#mask = capacity - 1;
    this.#occupied = live;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1]! <= 0) continue;
      let slot = old[from]! & this.#mask;
      while (this.#slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.#mask;
      this.#slots[2 * slot] = old[from]!;
      this.#slots[2 * slot + 1] = old[from + 1]!;
    }
  }

  #sameName(user: number, text: string, start: number, end: number): boolean {
    const name = this.#records[user * this.stride + NAME]!;
    const length = name % NAME_LENGTH;
    if (length !== end - start) return false;
    const from = (name - length) / NAME_LENGTH;
    for (let i = 0; i < length; i++) if (this.#arena[from + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }
}

/** FNV-1a over the UTF-16 code units, as a non-negative 31-bit number. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return finish(h);
}

const finish = (h: number) => (h ^ (h >>> 15)) & 0x7fffffff;
