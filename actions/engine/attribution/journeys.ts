import type { PathTableBuilder } from './path-table.js';
import { UserTable, VALUES } from './user-table.js';

const DAY_MS = 86_400_000;
const NONE = -1;
/** Open touches kept in the user's own record; more go to the shared log. */
const INLINE = 3;
// A user's record is 8 doubles, one cache line: the table's id reference, then the last conversion,
// [open touches, log's last touch + 1] as two int32s, the first INLINE touches' times, and their
// channel ids as int32s.
const LAST_CONVERSION = VALUES;
const COUNT = 2 * (VALUES + 1);
const TAIL = COUNT + 1;
const TIMES = VALUES + 2;
const CHANNELS = 2 * (TIMES + INLINE);
const NEW_USER = [Number.NEGATIVE_INFINITY, 0, 0, 0, 0, 0, 0];

/**
 * Where touchpoint rows go. The user id is `text.slice(start, end)`, passed by position so a reader
 * need not cut it out of its row. `false` means the row went back past the user's last conversion.
 */
export interface EventSink {
  touch(text: string, start: number, end: number, timeMs: number, channel: number): boolean;
  conversion(text: string, start: number, end: number, timeMs: number, value: number): boolean;
}

export interface JourneyOptions {
  /** Touches more than this many days before the journey's end are dropped. Default: keep all. */
  lookbackDays?: number;
  /** Initial room for open touches beyond a user's first three (the log grows as needed). Default 65,536. */
  logCapacity?: number;
}

/**
 * Cuts each user's touches into journeys as rows stream in: a conversion closes the journey of the
 * touches before it, later touches start the next one, and touches never followed by a conversion
 * become a journey without one at `finish`. Only open journeys are held: a user's first three open
 * touches in the user's own record, further ones in a shared log of flat typed arrays where each
 * points back to the user's previous one (compacted when it fills). A row costs one hash-table probe
 * and writes to the record it found.
 *
 * A user's rows may come in any order as long as nothing arrives from before that user's last
 * conversion; such a row returns `false` and the caller re-reads in sorted mode (see `EventBuffer`).
 * Rows with equal timestamps keep their arrival order.
 */
export class JourneyBuilder implements EventSink {
  readonly #table: PathTableBuilder;
  readonly #lookbackMs: number;
  readonly #halfLifeMs: number;
  readonly #users = new UserTable(NEW_USER);
  readonly #stride = this.#users.stride;
  #channel: Int32Array;
  #time: Float64Array;
  #previous: Int32Array;
  /** 1 for log touches already closed into a journey (their room is reused at the next compaction). */
  #taken: Uint8Array;
  #used = 0;
  #live = 0;
  // Scratch for the journey being closed, in arrival order.
  #ids = new Int32Array(64);
  #times = new Float64Array(64);

  constructor(table: PathTableBuilder, options: JourneyOptions = {}) {
    this.#table = table;
    this.#lookbackMs = (options.lookbackDays ?? Number.POSITIVE_INFINITY) * DAY_MS;
    this.#halfLifeMs = table.halfLifeDays * DAY_MS;
    const log = options.logCapacity ?? 1 << 16;
    this.#channel = new Int32Array(log);
    this.#time = new Float64Array(log);
    this.#previous = new Int32Array(log);
    this.#taken = new Uint8Array(log);
  }

  /** A touch at `timeMs` on channel id `channel`; false when it lands before the user's last conversion. */
  touch(text: string, start: number, end: number, timeMs: number, channel: number): boolean {
    const at = this.#users.find(text, start, end) * this.#stride;
    if (timeMs < this.#users.records[at + LAST_CONVERSION]!) return false;
    this.#add(at, channel, timeMs);
    return true;
  }

  /** A conversion worth `value`; closes the journey of the user's touches up to `timeMs`. */
  conversion(text: string, start: number, end: number, timeMs: number, value: number): boolean {
    const at = this.#users.find(text, start, end) * this.#stride;
    const records = this.#users.records;
    if (timeMs < records[at + LAST_CONVERSION]!) return false;
    records[at + LAST_CONVERSION] = timeMs;
    this.#close(this.#take(at, timeMs), timeMs, 1, value);
    return true;
  }

  /** The user has no more rows (input sorted by user): their open touches become a journey without conversion. */
  closeUser(user: string): void {
    const known = this.#users.lookup(user, 0, user.length);
    if (known === -1) return;
    this.#flush(known * this.#stride);
    this.#users.remove(known);
  }

  /** End of input: every open journey ends without a conversion. */
  finish(): void {
    for (const user of this.#users.all()) this.#flush(user * this.#stride);
  }

  #flush(at: number): void {
    const n = this.#take(at, Number.POSITIVE_INFINITY);
    if (n > 0) this.#close(n, this.#times[n - 1]!, 0, 0);
  }

  /** Appends an open touch to the user whose record starts at double `at`. */
  #add(at: number, channel: number, time: number): void {
    const ints = this.#users.ints;
    const i = 2 * at;
    const count = ints[i + COUNT]!;
    if (count < INLINE) {
      this.#users.records[at + TIMES + count] = time;
      ints[i + CHANNELS + count] = channel;
    } else {
      if (this.#used === this.#channel.length) this.#makeRoom();
      const t = this.#used++;
      this.#channel[t] = channel;
      this.#time[t] = time;
      this.#previous[t] = ints[i + TAIL]! - 1;
      ints[i + TAIL] = t + 1;
      this.#live++;
    }
    ints[i + COUNT] = count + 1;
  }

  /**
   * Moves the user's open touches at or before `until` into the scratch arrays in arrival order,
   * sorted by time (stable); later touches stay open. Returns how many were taken.
   */
  #take(at: number, until: number): number {
    const records = this.#users.records;
    const ints = this.#users.ints;
    const i0 = 2 * at;
    const count = ints[i0 + COUNT]!;
    if (count > this.#ids.length) this.#growScratch(count);
    const inline = Math.min(count, INLINE);
    for (let i = 0; i < inline; i++) {
      this.#ids[i] = ints[i0 + CHANNELS + i]!;
      this.#times[i] = records[at + TIMES + i]!;
    }
    // The log holds the rest, newest first.
    let i = count;
    for (let t = ints[i0 + TAIL]! - 1; t !== NONE; t = this.#previous[t]!) {
      this.#ids[--i] = this.#channel[t]!;
      this.#times[i] = this.#time[t]!;
      this.#taken[t] = 1;
    }
    this.#live -= count - inline;
    ints[i0 + COUNT] = 0;
    ints[i0 + TAIL] = 0;
    let n = 0;
    for (let j = 0; j < count; j++) {
      if (this.#times[j]! <= until) {
        this.#ids[n] = this.#ids[j]!;
        this.#times[n++] = this.#times[j]!;
      } else this.#add(at, this.#ids[j]!, this.#times[j]!); // rare: arrived before the conversion, but later
    }
    // Insertion sort: journeys are short and nearly always already in order.
    for (let a = 1; a < n; a++) {
      const id = this.#ids[a]!;
      const time = this.#times[a]!;
      let b = a - 1;
      while (b >= 0 && this.#times[b]! > time) {
        this.#ids[b + 1] = this.#ids[b]!;
        this.#times[b + 1] = this.#times[b]!;
        b--;
      }
      this.#ids[b + 1] = id;
      this.#times[b + 1] = time;
    }
    return n;
  }

  #close(n: number, end: number, conversions: number, value: number): void {
    let from = 0;
    while (from < n && end - this.#times[from]! > this.#lookbackMs) from++;
    if (from === n) {
      if (conversions > 0) this.#table.addUnattributed(conversions, value);
      return;
    }
    const ids = from === 0 ? this.#ids : this.#ids.subarray(from, n);
    this.#table.addPath(ids, n - from, conversions, value, conversions > 0 ? 0 : 1);
    if (conversions === 0) return;
    // The weights overwrite the times, which are not needed any more.
    const weights = this.#times;
    let total = 0;
    for (let i = from; i < n; i++) {
      weights[i] = 2 ** (-(end - weights[i]!) / this.#halfLifeMs);
      total += weights[i]!;
    }
    for (let i = from; i < n; i++) {
      const share = weights[i]! / total;
      this.#table.addTimeDecay(this.#ids[i]!, share * conversions, share * value);
    }
  }

  /**
   * The log is full. With more than half of it still open it doubles (a plain copy); otherwise the
   * open touches move to its start, in order, and every link and user tail is renumbered.
   */
  #makeRoom(): void {
    const size = this.#channel.length;
    if (this.#live > size / 2) {
      this.#channel = grow(this.#channel, size * 2);
      this.#time = grow(this.#time, size * 2);
      this.#previous = grow(this.#previous, size * 2);
      this.#taken = grow(this.#taken, size * 2);
      return;
    }
    const renumbered = new Int32Array(this.#used);
    let used = 0;
    for (let t = 0; t < this.#used; t++) {
      if (this.#taken[t]) continue;
      renumbered[t] = used;
      this.#channel[used] = this.#channel[t]!;
      this.#time[used] = this.#time[t]!;
      const previous = this.#previous[t]!;
      this.#previous[used] = previous === NONE ? NONE : renumbered[previous]!;
      used++;
    }
    this.#taken.fill(0, 0, this.#used);
    this.#used = used;
    const ints = this.#users.ints;
    for (const user of this.#users.all()) {
      const i = 2 * user * this.#stride + TAIL;
      if (ints[i]! > 0) ints[i] = renumbered[ints[i]! - 1]! + 1;
    }
  }

  #growScratch(count: number): void {
    this.#ids = new Int32Array(count * 2);
    this.#times = new Float64Array(count * 2);
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}
