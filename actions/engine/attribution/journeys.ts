import { ownString, type PathTableBuilder } from './path-table.js';

const DAY_MS = 86_400_000;

/** Where touchpoint rows go: `false` means the row went back past the user's last conversion. */
export interface EventSink {
  touch(user: string, timeMs: number, channel: number): boolean;
  conversion(user: string, timeMs: number, value: number): boolean;
}

export interface JourneyOptions {
  /** Touches more than this many days before the journey's end are dropped. Default: keep all. */
  lookbackDays?: number;
}

/**
 * Cuts each user's touches into journeys as rows stream in: a conversion closes the journey of the
 * touches before it, later touches start the next one, and touches never followed by a conversion
 * become a journey without one at `finish`. Only open journeys are held, in flat typed arrays (a
 * linked list of touches per user), so memory is a few bytes per open touch.
 *
 * A user's rows may come in any order as long as nothing arrives from before that user's last
 * conversion; such a row returns `false` and the caller re-reads in sorted mode (see `EventBuffer`).
 * Rows with equal timestamps keep their arrival order.
 */
export class JourneyBuilder implements EventSink {
  readonly #table: PathTableBuilder;
  readonly #lookbackMs: number;
  readonly #halfLifeMs: number;
  readonly #users = new Map<string, number>();
  readonly #freeUsers: number[] = [];
  #head = new Int32Array(1024).fill(-1);
  #tail = new Int32Array(1024).fill(-1);
  #lastConversion = new Float64Array(1024).fill(Number.NEGATIVE_INFINITY);
  #userCount = 0;
  #touchChannel = new Int32Array(4096);
  #touchTime = new Float64Array(4096);
  #touchNext = new Int32Array(4096);
  #touchCount = 0;
  #freeTouch = -1;
  // Scratch for the journey being closed.
  #ids = new Int32Array(64);
  #times = new Float64Array(64);

  constructor(table: PathTableBuilder, options: JourneyOptions = {}) {
    this.#table = table;
    this.#lookbackMs = (options.lookbackDays ?? Number.POSITIVE_INFINITY) * DAY_MS;
    this.#halfLifeMs = table.halfLifeDays * DAY_MS;
  }

  /** A touch at `timeMs` on channel id `channel`; false when it lands before the user's last conversion. */
  touch(user: string, timeMs: number, channel: number): boolean {
    const u = this.#user(user);
    if (timeMs < this.#lastConversion[u]!) return false;
    const t = this.#newTouch(channel, timeMs);
    if (this.#tail[u] === -1) this.#head[u] = t;
    else this.#touchNext[this.#tail[u]!] = t;
    this.#tail[u] = t;
    return true;
  }

  /** A conversion worth `value`; closes the journey of the user's touches up to `timeMs`. */
  conversion(user: string, timeMs: number, value: number): boolean {
    const u = this.#user(user);
    if (timeMs < this.#lastConversion[u]!) return false;
    this.#lastConversion[u] = timeMs;
    const n = this.#take(u, timeMs);
    this.#close(n, timeMs, 1, value);
    return true;
  }

  /** The user has no more rows (input sorted by user): their open touches become a journey without conversion. */
  closeUser(user: string): void {
    const u = this.#users.get(user);
    if (u === undefined) return;
    this.#flush(u);
    this.#users.delete(user);
    this.#freeUsers.push(u);
  }

  /** End of input: every open journey ends without a conversion. */
  finish(): void {
    for (const u of this.#users.values()) this.#flush(u);
    this.#users.clear();
  }

  #flush(u: number): void {
    const n = this.#take(u, Number.POSITIVE_INFINITY);
    if (n > 0) this.#close(n, this.#times[n - 1]!, 0, 0);
    this.#head[u] = -1;
    this.#tail[u] = -1;
    this.#lastConversion[u] = Number.NEGATIVE_INFINITY;
  }

  /** Moves the user's touches at or before `until` into the scratch arrays, sorted by time (stable). */
  #take(u: number, until: number): number {
    let n = 0;
    let keptHead = -1;
    let keptTail = -1;
    for (let t = this.#head[u]!; t !== -1; ) {
      const next = this.#touchNext[t]!;
      if (this.#touchTime[t]! <= until) {
        if (n === this.#ids.length) this.#growScratch();
        this.#ids[n] = this.#touchChannel[t]!;
        this.#times[n] = this.#touchTime[t]!;
        n++;
        this.#touchNext[t] = this.#freeTouch;
        this.#freeTouch = t;
      } else {
        if (keptTail === -1) keptHead = t;
        else this.#touchNext[keptTail] = t;
        keptTail = t;
        this.#touchNext[t] = -1;
      }
      t = next;
    }
    this.#head[u] = keptHead;
    this.#tail[u] = keptTail;
    // Insertion sort: journeys are short and nearly always already in order.
    for (let i = 1; i < n; i++) {
      const id = this.#ids[i]!;
      const time = this.#times[i]!;
      let j = i - 1;
      while (j >= 0 && this.#times[j]! > time) {
        this.#ids[j + 1] = this.#ids[j]!;
        this.#times[j + 1] = this.#times[j]!;
        j--;
      }
      this.#ids[j + 1] = id;
      this.#times[j + 1] = time;
    }
    return n;
  }

  /** Records the journey in scratch[0..n) ending at `end`, after dropping touches outside the lookback. */
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
    let total = 0;
    for (let i = from; i < n; i++) total += 2 ** (-(end - this.#times[i]!) / this.#halfLifeMs);
    for (let i = from; i < n; i++) {
      const share = 2 ** (-(end - this.#times[i]!) / this.#halfLifeMs) / total;
      this.#table.addTimeDecay(this.#ids[i]!, share * conversions, share * value);
    }
  }

  #user(user: string): number {
    const known = this.#users.get(user);
    if (known !== undefined) return known;
    const u = this.#freeUsers.pop() ?? this.#userCount++;
    if (u >= this.#head.length) this.#growUsers();
    this.#users.set(ownString(user), u);
    return u;
  }

  #newTouch(channel: number, time: number): number {
    let t = this.#freeTouch;
    if (t !== -1) this.#freeTouch = this.#touchNext[t]!;
    else {
      t = this.#touchCount++;
      if (t >= this.#touchChannel.length) this.#growTouches();
    }
    this.#touchChannel[t] = channel;
    this.#touchTime[t] = time;
    this.#touchNext[t] = -1;
    return t;
  }

  #growUsers(): void {
    const size = this.#head.length * 2;
    this.#head = grow(this.#head, size, -1);
    this.#tail = grow(this.#tail, size, -1);
    this.#lastConversion = grow(this.#lastConversion, size, Number.NEGATIVE_INFINITY);
  }

  #growTouches(): void {
    const size = this.#touchChannel.length * 2;
    this.#touchChannel = grow(this.#touchChannel, size, 0);
    this.#touchTime = grow(this.#touchTime, size, 0);
    this.#touchNext = grow(this.#touchNext, size, -1);
  }

  #growScratch(): void {
    const size = this.#ids.length * 2;
    this.#ids = grow(this.#ids, size, 0);
    this.#times = grow(this.#times, size, 0);
  }
}

function grow<T extends Int32Array | Float64Array>(array: T, size: number, fill: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  bigger.fill(fill, array.length);
  return bigger;
}
