import { IdentityTable } from './identity-table.js';
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
  /** Identity table slots probed: grows with rows, not with rows × identities. */
  probes: number;
  duplicates: number;
}

const M = MEASURES.length;
/** Per slot (one importer's numbers for one key): importer, next slot of the key. */
const SLOT = 2; // `add` divides by it with `>> 1`
const IMPORTER_INDEX = new Map<string, number>(IMPORTER_IDS.map((id, i) => [id, i]));

/**
 * Sums rows by (date, channel, utm_content) as they stream in. Memory holds one entry per
 * key and 36 bytes per distinct row identity, in typed storage — never the rows — so a file
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
  readonly #stats = { rows: 0, keys: 0, duplicates: 0 };
  readonly #keys = new Map<string, Map<string, Map<string, number>>>();
  readonly #entryDate: string[] = [];
  readonly #entryChannel: MetricChannel[] = [];
  readonly #entryUtm: string[] = [];
  readonly #entrySlot: number[] = [];
  readonly #slots = new IntPool();
  readonly #sums = new FloatPool();
  readonly #identities = new IdentityTable();
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
    this.#stats.rows++;
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
    const identities = this.#identities;
    const key = slot >> 1; // slot / SLOT, as an integer
    const found = identities.find(key, s, m, c, r);
    if (found >= 0) {
      this.#duplicate(row, found, hash);
      return;
    }
    identities.add(key, s, m, c, r, this.#fileId(row.file), row.row, hash);
    sum(this.#sums.data, key * M, row);
  }

  addAll(rows: Iterable<MetricRow>): void {
    for (const row of rows) this.add(row);
  }

  /** Keys held. */
  get size(): number {
    return this.#stats.keys;
  }

  /** Work done and memory held: what the linearity test and the bench read. */
  get stats(): AggregateStats {
    return { ...this.#stats, identities: this.#identities.size, probes: this.#identities.probes };
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
      this.#stats.keys++;
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
    if (previous >= 0) d[previous + 1] = slot;
    this.#sums.alloc(M, Number.NaN);
    return slot;
  }

  #duplicate(row: MetricRow, at: number, hash: number): void {
    const seen = this.#identities.seen(at);
    const first = `${this.#texts.texts[seen.file]}:${seen.row}`;
    const what = 'the same date, channel, source/medium, campaign, utm_content and record';
    if (seen.measures === hash) {
      this.#stats.duplicates++;
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
