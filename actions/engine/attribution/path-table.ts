import { CrescendoError } from '../errors.js';
import { ExactSum } from './exact-sum.js';
import type { PathGroup, PathTable } from './schema.js';

/** Path keys are channel ids as UTF-16 code units, so a channel id must fit in one. */
const MAX_CHANNELS = 0xffff;

/**
 * A copy of `s` that does not keep its parent alive. V8 makes longer substrings views into the
 * string they were cut from, so a user id or channel name kept in a map would pin a whole read chunk.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** Channel names that a person would call the same: case and every space ignored. */
export const channelLookalikeKey = (name: string): string => name.toLowerCase().replace(/\s+/g, '');

/**
 * Groups journeys by channel sequence as they are read. Memory is one entry per distinct path and
 * per channel, however many journeys go through it.
 */
export class PathTableBuilder {
  readonly #channelIds = new Map<string, number>();
  readonly #channelNames: string[] = [];
  /** Where each channel was first seen, for the look-alike warning. */
  readonly #firstSeen: string[] = [];
  readonly #pathIndex = new Map<string, number>();
  readonly #paths: { channels: Int32Array; conversions: ExactSum; value: ExactSum; nulls: ExactSum }[] = [];
  readonly #decayConversions: ExactSum[] = [];
  readonly #decayValue: ExactSum[] = [];
  #noTimestamps: string | undefined;
  readonly #unattributedConversions = new ExactSum();
  readonly #unattributedValue = new ExactSum();
  readonly #journeys = new ExactSum();

  constructor(readonly halfLifeDays: number) {}

  /** The id of a channel, registering it on first sight; `file` and `line` say where, for warnings. */
  channelId(name: string, file = '', line = 0): number {
    const known = this.#channelIds.get(name);
    if (known !== undefined) return known;
    const where = file && line ? `${file}:${line}` : file;
    const id = this.#channelNames.length;
    if (id >= MAX_CHANNELS)
      throw new CrescendoError(`more than ${MAX_CHANNELS} distinct channels`, {
        where,
        fix: 'check that the channel column holds channels (e.g. source / medium), not ids or URLs',
      });
    const own = ownString(name);
    this.#channelIds.set(own, id);
    this.#channelNames.push(own);
    this.#firstSeen.push(where);
    this.#decayConversions.push(new ExactSum());
    this.#decayValue.push(new ExactSum());
    return id;
  }

  /** Adds journeys that share the channel sequence `ids[0..length)`. */
  addPath(ids: ArrayLike<number>, length: number, conversions: number, value: number, nulls: number): void {
    this.#journeys.add(conversions + nulls);
    let key = '';
    for (let i = 0; i < length; i++) key += String.fromCharCode(ids[i]!);
    let at = this.#pathIndex.get(key);
    if (at === undefined) {
      const channels = new Int32Array(length);
      for (let i = 0; i < length; i++) channels[i] = ids[i]!;
      at = this.#paths.length;
      this.#pathIndex.set(key, at);
      this.#paths.push({
        channels,
        conversions: new ExactSum(),
        value: new ExactSum(),
        nulls: new ExactSum(),
      });
    }
    const p = this.#paths[at]!;
    p.conversions.add(conversions);
    p.value.add(value);
    p.nulls.add(nulls);
  }

  /** Time-decay credit of one converting journey's touch. */
  addTimeDecay(channel: number, conversions: number, value: number): void {
    this.#decayConversions[channel]!.add(conversions);
    this.#decayValue[channel]!.add(value);
  }

  /** A conversion with nothing to credit: no touch before it, or none inside the lookback window. */
  addUnattributed(conversions: number, value: number): void {
    this.#journeys.add(conversions);
    this.#unattributedConversions.add(conversions);
    this.#unattributedValue.add(value);
  }

  /** Some journeys came without timestamps (aggregated paths): time decay cannot be computed. */
  markNoTimestamps(reason: string): void {
    this.#noTimestamps ??= reason;
  }

  /** Channel names that differ only in case or spacing, one warning per group. */
  lookalikeWarnings(): string[] {
    const groups = new Map<string, number[]>();
    this.#channelNames.forEach((name, id) => {
      const key = channelLookalikeKey(name);
      groups.set(key, [...(groups.get(key) ?? []), id]);
    });
    return [...groups.values()]
      .filter((ids) => ids.length > 1)
      .map((ids) => {
        const names = ids.map((id) => {
          const where = this.#firstSeen[id];
          return `"${this.#channelNames[id]}"${where ? ` (first at ${where})` : ''}`;
        });
        return `channels ${names.join(', ')} differ only in case or spacing; they are counted as different channels — rename them in the source if they are one`;
      });
  }

  /** The table with channels sorted by name and paths by channel names, so row order never matters. */
  build(): PathTable {
    const order = this.#channelNames.map((_, id) => id).sort((a, b) => compare(this.#channelNames, a, b));
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => {
      rank[id] = r;
    });
    const channels = order.map((id) => this.#channelNames[id]!);
    const paths: PathGroup[] = this.#paths
      .map((p) => ({
        channels: Array.from(p.channels, (id) => rank[id]!),
        conversions: p.conversions.valueOf(),
        value: p.value.valueOf(),
        nulls: p.nulls.valueOf(),
      }))
      .filter((p) => p.conversions > 0 || p.nulls > 0)
      .sort((a, b) => comparePaths(a.channels, b.channels));
    return {
      channels,
      paths,
      timeDecay:
        this.#noTimestamps === undefined
          ? {
              halfLifeDays: this.halfLifeDays,
              conversions: order.map((id) => this.#decayConversions[id]!.valueOf()),
              value: order.map((id) => this.#decayValue[id]!.valueOf()),
            }
          : { unavailable: this.#noTimestamps },
      unattributed: {
        conversions: this.#unattributedConversions.valueOf(),
        value: this.#unattributedValue.valueOf(),
      },
      journeys: this.#journeys.valueOf(),
    };
  }
}

/** Code-unit order: the same on every machine and locale. */
function compare(names: readonly string[], a: number, b: number): number {
  const x = names[a]!;
  const y = names[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
}

function comparePaths(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
