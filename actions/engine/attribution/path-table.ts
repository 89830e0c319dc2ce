import { CrescendoError } from '../errors.js';
import { ExactColumn, ExactSum } from './exact-sum.js';
import { PathTrie } from './path-trie.js';
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
  /** Channel ids by name length, for `channelIdAt`. */
  readonly #byLength: number[][] = [];
  /** Where each channel was first seen, for the look-alike warning. */
  readonly #firstSeen: string[] = [];
  readonly #pathIndex = new PathTrie();
  readonly #pathChannels: Int32Array[] = [];
  readonly #pathConversions = new ExactColumn();
  readonly #pathValue = new ExactColumn();
  readonly #pathNulls = new ExactColumn();
  readonly #decayConversions = new ExactColumn();
  readonly #decayValue = new ExactColumn();
  #noTimestamps: string | undefined;
  readonly #unattributedConversions = new ExactSum();
  readonly #unattributedValue = new ExactSum();
  readonly #journeys = new ExactSum();

  constructor(readonly halfLifeDays: number) {}

  /**
   * The id of the channel written at `text[start, end)`, compared in place: rows name one of a few
   * channels millions of times, and cutting each name out would cost a string and a hash per row.
   */
  channelIdAt(text: string, start: number, end: number, file: string, line: number): number {
    const candidates = this.#byLength[end - start];
    if (candidates)
      for (const id of candidates) if (sameText(this.#channelNames[id]!, text, start)) return id;
    return this.channelId(text.slice(start, end), file, line);
  }

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
    const sameLength = this.#byLength[own.length] ?? [];
    sameLength.push(id);
    this.#byLength[own.length] = sameLength;
    this.#firstSeen.push(where);
    return id;
  }

  /** Adds journeys that share the channel sequence `ids[0..length)`. */
  addPath(ids: ArrayLike<number>, length: number, conversions: number, value: number, nulls: number): void {
    this.#journeys.add(conversions + nulls);
    const at = this.#pathIndex.find(ids, length);
    if (at === this.#pathChannels.length) {
      const channels = new Int32Array(length);
      for (let i = 0; i < length; i++) channels[i] = ids[i]!;
      this.#pathChannels.push(channels);
    }
    this.#pathConversions.add(at, conversions);
    this.#pathValue.add(at, value);
    this.#pathNulls.add(at, nulls);
  }

  /** Time-decay credit of one converting journey's touch. */
  addTimeDecay(channel: number, conversions: number, value: number): void {
    this.#decayConversions.add(channel, conversions);
    this.#decayValue.add(channel, value);
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
    // Sorting by the ranks as a string is sorting by channel names, element by element.
    const ranked = this.#pathChannels.map((ids) => Array.from(ids, (id) => rank[id]!));
    const keys = ranked.map((ids) => pathKey(ids, ids.length));
    const paths: PathGroup[] = ranked
      .map((_, p) => p)
      .filter((p) => this.#pathConversions.get(p) > 0 || this.#pathNulls.get(p) > 0)
      .sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0))
      .map((p) => ({
        channels: ranked[p]!,
        conversions: this.#pathConversions.get(p),
        value: this.#pathValue.get(p),
        nulls: this.#pathNulls.get(p),
      }));
    return {
      channels,
      paths,
      timeDecay:
        this.#noTimestamps === undefined
          ? {
              halfLifeDays: this.halfLifeDays,
              conversions: order.map((id) => this.#decayConversions.get(id)),
              value: order.map((id) => this.#decayValue.get(id)),
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

/** A path as a string of channel ids (one UTF-16 code unit each): the grouping key. */
function pathKey(ids: ArrayLike<number>, length: number): string {
  if (length === 1) return String.fromCharCode(ids[0]!);
  if (length === 2) return String.fromCharCode(ids[0]!, ids[1]!);
  if (length === 3) return String.fromCharCode(ids[0]!, ids[1]!, ids[2]!);
  let key = String.fromCharCode(ids[0]!, ids[1]!, ids[2]!, ids[3]!);
  for (let i = 4; i < length; i++) key += String.fromCharCode(ids[i]!);
  return key;
}

/** Whether `text` at `start` begins with `name`, compared code unit by code unit (inlined, unlike `startsWith`). */
function sameText(name: string, text: string, start: number): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** Code-unit order: the same on every machine and locale. */
function compare(names: readonly string[], a: number, b: number): number {
  const x = names[a]!;
  const y = names[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
}
