import type { EventSink, JourneyBuilder } from './journeys.js';
import { ownString } from './path-table.js';

const CONVERSION = -1;

/**
 * Sorted mode for touchpoint files whose rows go back in time past a user's conversion: every row is
 * held (about 24 bytes each), sorted by user, time and arrival, then replayed into a `JourneyBuilder`
 * one user at a time. Only used after the streaming pass found such a row.
 */
export class EventBuffer implements EventSink {
  readonly #userIds = new Map<string, number>();
  readonly #userNames: string[] = [];
  #user = new Int32Array(4096);
  #time = new Float64Array(4096);
  /** Channel id for a touch, `CONVERSION` for a conversion. */
  #channel = new Int32Array(4096);
  #value = new Float64Array(4096);
  #count = 0;

  touch(text: string, start: number, end: number, timeMs: number, channel: number): boolean {
    this.#push(text.slice(start, end), timeMs, channel, 0);
    return true;
  }

  conversion(text: string, start: number, end: number, timeMs: number, value: number): boolean {
    this.#push(text.slice(start, end), timeMs, CONVERSION, value);
    return true;
  }

  /** Feeds every row in (user, time, arrival) order, closing each user before the next. */
  replay(journeys: JourneyBuilder): void {
    const order = new Uint32Array(this.#count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const user = this.#user;
    const time = this.#time;
    order.sort((a, b) => user[a]! - user[b]! || time[a]! - time[b]! || a - b);
    let current = -1;
    for (const i of order) {
      const u = user[i]!;
      const name = this.#userNames[u]!;
      if (u !== current && current !== -1) journeys.closeUser(this.#userNames[current]!);
      current = u;
      const channel = this.#channel[i]!;
      const ok =
        channel === CONVERSION
          ? journeys.conversion(name, 0, name.length, time[i]!, this.#value[i]!)
          : journeys.touch(name, 0, name.length, time[i]!, channel);
      if (!ok) throw new Error('sorted replay went back in time');
    }
    journeys.finish();
  }

  #push(user: string, time: number, channel: number, value: number): void {
    let u = this.#userIds.get(user);
    if (u === undefined) {
      u = this.#userNames.length;
      const own = ownString(user);
      this.#userIds.set(own, u);
      this.#userNames.push(own);
    }
    if (this.#count === this.#user.length) this.#grow();
    const i = this.#count++;
    this.#user[i] = u;
    this.#time[i] = time;
    this.#channel[i] = channel;
    this.#value[i] = value;
  }

  #grow(): void {
    const size = this.#user.length * 2;
    const user = new Int32Array(size);
    user.set(this.#user);
    const time = new Float64Array(size);
    time.set(this.#time);
    const channel = new Int32Array(size);
    channel.set(this.#channel);
    const value = new Float64Array(size);
    value.set(this.#value);
    this.#user = user;
    this.#time = time;
    this.#channel = channel;
    this.#value = value;
  }
}
