import { ImportLog } from './import-log.js';
import type { ReadOptions } from './layout.js';
import { IMPORTER_IDS, type ImporterId, MEASURES, type MetricChannel, type MetricRow } from './metric-row.js';
import { FloatPool, IntPool, TextIds } from './pools.js';
import { type AggregateEntry, type AggregateRow, resolveRows } from './precedence.js';
import { type ByteSource, scanExport } from './read.js';
import { measuresHash, sum } from './row-sums.js';

export type { AggregateRow } from './precedence.js';

/** Work done and memory held: what the linearity test and the bench read. */
export interface AggregateStats {
  /** Rows offered. */
  rows: number;
  /** (date, channel, utm_content) keys held. */
  keys: number;
  /** Distinct row identities held (32 bytes each, for duplicate detection). */
  identities: number;
  /** Identity comparisons made: grows with rows, not with rows × keys. */
  comparisons: number;
  duplicates: number;
}

const M = MEASURES.length;
/** Per slot (one importer's numbers for one key): importer, next slot of the key, first identity, identities. */
const SLOT = 4;
/** Per identity: next identity of the slot, source, medium, campaign, record (string ids), file, row, measures hash. */
const ID = 8;
/** Beyond this many identities in one slot (e.g. one row per CRM contact) a map finds them. */
const SCAN_LIMIT = 16;
const IMPORTER_INDEX = new Map<string, number>(IMPORTER_IDS.map((id, i) => [id, i]));

/**
 * Sums rows by (date, channel, utm_content) as they stream in. Memory holds one entry per
 * key and 32 bytes per distinct row identity, in typed storage — never the rows — so a file
 * of any length aggregates in memory bounded by what it describes, not by its size, and
 * with next to no garbage-collection work.
 *
 * Duplicates, decided per case: a row whose identity (importer, date, channel, source,
 * medium, campaign, utm_content, record) was already seen with the same numbers is an
 * overlap of two exports: counted once and flagged. The same identity with different numbers
 * is two versions of one day (an export refreshed later): refused, both rows named, because
 * which one is right cannot be guessed.
 */
export class MetricAggregator {
  readonly log: ImportLog;
  readonly stats: AggregateStats = { rows: 0, keys: 0, identities: 0, comparisons: 0, duplicates: 0 };
  readonly #keys = new Map<string, Map<string, Map<string, number>>>();
  readonly #entryDate: string[] = [];
  readonly #entryChannel: MetricChannel[] = [];
  readonly #entryUtm: string[] = [];
  readonly #entrySlot: number[] = [];
  readonly #slots = new IntPool();
  readonly #sums = new FloatPool();
  readonly #ids = new IntPool();
  readonly #bigSlots = new Map<number, Map<string, number>>();
  /** Ids of source, medium, campaign, record and file texts. */
  readonly #texts = new TextIds();
  readonly #sourceId = this.#texts.remembering();
  readonly #mediumId = this.#texts.remembering();
  readonly #campaignId = this.#texts.remembering();
  readonly #fileId = this.#texts.remembering();
  #lastEntry = -1;
  #lastImporter = '';
  #lastImporterId = 0;

  constructor(log = new ImportLog()) {
    this.log = log;
  }

  add(row: MetricRow): void {
    this.stats.rows++;
    const entry = this.#entry(row);
    if (row.importer !== this.#lastImporter) {
      this.#lastImporter = row.importer;
      this.#lastImporterId = IMPORTER_INDEX.get(row.importer) as number;
    }
    const importer = this.#lastImporterId;
    let slot = this.#entrySlot[entry] as number;
    const slots = this.#slots;
    while (slots.data[slot] !== importer) {
      const next = slots.data[slot + 1] as number;
      if (next === -1) {
        slot = this.#newSlot(importer, slot);
        break;
      }
      slot = next;
    }
    const s = this.#sourceId(row.source);
    const m = this.#mediumId(row.medium);
    const c = this.#campaignId(row.campaign);
    const r = row.record === '' ? 0 : this.#texts.id(row.record);
    const hash = measuresHash(row);
    const found = this.#find(slot, s, m, c, r);
    if (found >= 0) {
      this.#duplicate(row, found, hash);
      return;
    }
    const ids = this.#ids;
    const at = ids.alloc(ID);
    const d = ids.data;
    const sd = slots.data;
    d[at] = sd[slot + 2] as number;
    d[at + 1] = s;
    d[at + 2] = m;
    d[at + 3] = c;
    d[at + 4] = r;
    d[at + 5] = this.#fileId(row.file);
    d[at + 6] = row.row;
    d[at + 7] = hash;
    sd[slot + 2] = at;
    const count = ++(sd[slot + 3] as number);
    sd[slot + 3] = count;
    this.stats.identities++;
    // Slots past the scan limit (checked by count, not by a map lookup on every row) use a map.
    if (count > SCAN_LIMIT + 1) this.#bigSlots.get(slot)?.set(`${s},${m},${c},${r}`, at);
    else if (count === SCAN_LIMIT + 1) this.#bigSlots.set(slot, this.#indexSlot(slot));
    sum(this.#sums.data, (slot / SLOT) * M, row);
  }

  addAll(rows: Iterable<MetricRow>): void {
    for (const row of rows) this.add(row);
  }

  /** Keys held. */
  get size(): number {
    return this.stats.keys;
  }

  /** Every key, each measure from the source that wins it for that channel, sorted by date, channel, utm_content. */
  rows(): AggregateRow[] {
    return resolveRows(this.#entries());
  }

  /** Every key with each importer's sums (NaN = not measured), in date, channel, utm_content order. */
  *#entries(): Generator<AggregateEntry> {
    const slots = this.#slots.data;
    const sums = this.#sums.data;
    for (const date of [...this.#keys.keys()].sort()) {
      const byChannel = this.#keys.get(date) as Map<string, Map<string, number>>;
      for (const channel of [...byChannel.keys()].sort()) {
        const byUtm = byChannel.get(channel) as Map<string, number>;
        for (const utm of [...byUtm.keys()].sort()) {
          const entry = byUtm.get(utm) as number;
          const bySource: AggregateEntry['sums'] = [];
          for (let slot = this.#entrySlot[entry] as number; slot !== -1; slot = slots[slot + 1] as number) {
            const base = (slot / SLOT) * M;
            bySource.push({
              importer: IMPORTER_IDS[slots[slot] as number] as ImporterId,
              values: sums.subarray(base, base + M),
            });
          }
          yield {
            date,
            channel: this.#entryChannel[entry] as MetricChannel,
            utm_content: utm,
            sums: bySource,
          };
        }
      }
    }
  }

  #entry(row: MetricRow): number {
    const last = this.#lastEntry;
    if (
      last >= 0 &&
      this.#entryDate[last] === row.date &&
      this.#entryChannel[last] === row.channel &&
      this.#entryUtm[last] === row.utm_content
    ) {
      return last;
    }
    let byChannel = this.#keys.get(row.date);
    if (!byChannel) {
      byChannel = new Map();
      this.#keys.set(row.date, byChannel);
    }
    let byUtm = byChannel.get(row.channel);
    if (!byUtm) {
      byUtm = new Map();
      byChannel.set(row.channel, byUtm);
    }
    let entry = byUtm.get(row.utm_content);
    if (entry === undefined) {
      entry = this.#entryDate.length;
      this.#entryDate.push(row.date);
      this.#entryChannel.push(row.channel);
      this.#entryUtm.push(row.utm_content);
      this.#entrySlot.push(this.#newSlot(IMPORTER_INDEX.get(row.importer) as number, -1));
      byUtm.set(row.utm_content, entry);
      this.stats.keys++;
    }
    this.#lastEntry = entry;
    return entry;
  }

  /** A new slot for `importer`, linked after `previous` (-1 for a key's first slot). */
  #newSlot(importer: number, previous: number): number {
    const slot = this.#slots.alloc(SLOT);
    const d = this.#slots.data;
    d[slot] = importer;
    d[slot + 1] = -1;
    d[slot + 2] = -1;
    d[slot + 3] = 0;
    if (previous >= 0) d[previous + 1] = slot;
    this.#sums.alloc(M, Number.NaN);
    return slot;
  }

  #find(slot: number, s: number, m: number, c: number, r: number): number {
    const big = (this.#slots.data[slot + 3] as number) > SCAN_LIMIT ? this.#bigSlots.get(slot) : undefined;
    if (big) {
      this.stats.comparisons++;
      return big.get(`${s},${m},${c},${r}`) ?? -1;
    }
    const d = this.#ids.data;
    let at = this.#slots.data[slot + 2] as number;
    let comparisons = 0;
    while (at !== -1) {
      comparisons++;
      if (d[at + 1] === s && d[at + 2] === m && d[at + 3] === c && d[at + 4] === r) break;
      at = d[at] as number;
    }
    this.stats.comparisons += comparisons;
    return at;
  }

  #indexSlot(slot: number): Map<string, number> {
    const index = new Map<string, number>();
    const d = this.#ids.data;
    for (let at = this.#slots.data[slot + 2] as number; at !== -1; at = d[at] as number) {
      index.set(`${d[at + 1]},${d[at + 2]},${d[at + 3]},${d[at + 4]}`, at);
    }
    return index;
  }

  #duplicate(row: MetricRow, at: number, hash: number): void {
    const d = this.#ids.data;
    const first = `${this.#texts.texts[d[at + 5] as number]}:${d[at + 6]}`;
    const what = 'the same date, channel, source/medium, campaign, utm_content and record';
    if (d[at + 7] === hash) {
      this.stats.duplicates++;
      this.log.flag('duplicate', {
        file: row.file,
        row: row.row,
        message: `rows repeat earlier rows (${what} and the same numbers, first: ${first}); each is counted once`,
        fix: 'remove the repeated rows or the overlapping export',
      });
      return;
    }
    this.log.refuse({
      file: row.file,
      row: row.row,
      message: `has ${what} as ${first} but different numbers`,
      fix: 'two exports cover this day: keep the rows of one (normally the later export) and delete the other',
    });
  }
}

/** A file to aggregate: its bytes (path, bytes or stream) and the name messages use. */
export interface MetricFile {
  source: ByteSource;
  file: string;
}

/**
 * Reads every file (streamed, one chunk at a time) into one aggregator. Any file with a
 * bad cell, or rows conflicting with another file's, fails the whole import with every
 * problem listed; warnings stay in `aggregator.log`.
 */
export async function aggregateMetricFiles(
  files: readonly MetricFile[],
  options: ReadOptions = {},
): Promise<MetricAggregator> {
  const aggregator = new MetricAggregator(options.log ?? new ImportLog());
  const sink = { row: (row: MetricRow) => aggregator.add(row), touch: () => {}, transient: true };
  for (const { source, file } of files) {
    for await (const _ of scanExport(source, file, { ...options, log: aggregator.log }, sink)) {
      // Rows went straight into the aggregator as they were read.
    }
  }
  aggregator.log.throwIfProblems('the measurement data', 'conflicting-rows');
  return aggregator;
}
