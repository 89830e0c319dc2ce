import { ByteCells } from './byte-cells.js';
import { ByteScanner } from './byte-scanner.js';
import { type ByteSource, concat, DEFAULT_CHUNK_BYTES, utf8Chunks } from './byte-source.js';
import { CellError } from './cells.js';
import { ImportError, ImportLog } from './import-log.js';
import { registeredLayouts } from './index.js';
import { Interner } from './interner.js';
import { type CsvLayout, END_OF_TABLE, type ReadOptions, type RowContext } from './layout.js';
import { type MetricRow, metricRow, type RowDimensions } from './metric-row.js';
import { RecordBounds, splitRecord, UnclosedQuote } from './records.js';
import { sniffLayout } from './sniff.js';
import type { Touchpoint } from './touchpoint.js';

/** Bytes looked at to find the header (far more than any preamble needs). */
export const HEAD_BYTES = 1 << 16;
const EMPTY: Uint8Array = Buffer.alloc(0);
const EMPTY_DIMENSIONS: RowDimensions = {
  date: '',
  channel: 'unassigned',
  source: '',
  medium: '',
  campaign: '',
  utm_content: '',
  record: '',
};

export interface ReadBatch {
  rows: MetricRow[];
  touchpoints: Touchpoint[];
}

/** Where rows go as they are read. */
export interface RowSink {
  row(row: MetricRow): void;
  touch(touchpoint: Touchpoint): void;
  /**
   * True when the sink is done with a row when `row` returns (the aggregator): the reader
   * may then hand it the same object each time, refilled, and allocate nothing per row.
   */
  transient?: boolean;
}

export type { ByteSource } from './byte-source.js';

/**
 * Reads one export as it streams in, in batches of the rows of about one chunk (1 MiB by
 * default): memory holds one chunk and its rows, never the file. The layout is recognised
 * from the header (`sniff.ts`); every record goes through the layout's reader and the
 * checks every importer shares:
 *
 * - a cell that cannot be read is refused: the file fails at its end with every bad cell
 *   listed (file, row, column, what it held, what to do), and nothing of it is imported;
 * - a row dated outside `options.window` is left out and counted in one warning;
 * - clicks above impressions are flagged (a swapped column or a platform quirk), not refused.
 *
 * A file with a header and no rows fails with `code: 'no-rows'`; an empty file with `'empty'`.
 */
export async function* readBatches(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<ReadBatch> {
  let batch: ReadBatch = { rows: [], touchpoints: [] };
  const sink: RowSink = { row: (r) => batch.rows.push(r), touch: (t) => batch.touchpoints.push(t) };
  for await (const _ of scanExport(source, file, options, sink)) {
    if (batch.rows.length > 0 || batch.touchpoints.length > 0) yield batch;
    batch = { rows: [], touchpoints: [] };
  }
}

/**
 * Reads an export into `sink`, row by row as records are split, and yields after each chunk
 * (the caller decides what a batch is). Rows handed to a sink that does not keep them die
 * young: the aggregator reads a file with next to no garbage-collection work.
 */
export async function* scanExport(
  source: ByteSource,
  file: string,
  options: ReadOptions,
  sink: RowSink,
): AsyncGenerator<void> {
  const log = options.log ?? new ImportLog();
  const { encoding, chunks } = await utf8Chunks(source, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  let head: Uint8Array = EMPTY;
  let final = false;
  while (head.length < HEAD_BYTES && !final) {
    const next = await chunks.next();
    if (next.done) final = true;
    else head = head.length === 0 ? next.value : concat(head, next.value);
  }
  const headText = new TextDecoder().decode(head.subarray(0, HEAD_BYTES));
  const layouts: readonly CsvLayout[] = options.layouts ?? registeredLayouts();
  const { layout, bound, header, delimiter } = sniffLayout(headText, file, layouts, options);
  let line = header.line + 1;
  const bounds = new RecordBounds();
  const interner = new Interner();
  const cells = new ByteCells(bounds, header.cells, interner);
  const window = options.window;
  const ctx: RowContext = {
    file,
    options,
    flag: (kind, message, fix, column) => log.flag(kind, { file, row: cells.line, column, message, fix }),
  };
  const delim = delimiter.charCodeAt(0);
  const fast = bound.fast?.bind(bound);
  const scanner = new ByteScanner(delim, interner);
  const scratch = sink.transient
    ? metricRow(EMPTY_DIMENSIONS, {}, { importer: layout.importer, file, row: 1 })
    : undefined;
  let kept = 0;
  let touchpoints = 0;
  let ended = false;

  const accept = (row: MetricRow): void => {
    if (window && (row.date < window.from || row.date > window.to)) {
      log.flag('outside-window', {
        file,
        row: row.row,
        message: `rows dated outside the campaign (${window.from} – ${window.to}) were left out (first: ${row.date})`,
        fix: 'nothing to do if the export covers more days than the campaign; otherwise check the campaign dates',
      });
      return;
    }
    if (row.clicks !== undefined && row.impressions !== undefined && row.clicks > row.impressions) {
      log.flag('clicks-above-impressions', {
        file,
        row: row.row,
        message: 'clicks are above impressions (a click-through rate over 100 %)',
        fix: 'check that the Clicks and Impressions columns are not swapped; kept as exported',
      });
    }
    sink.row(row);
    kept++;
  };

  /** Reads the complete records of `buf` from `from`; returns where the first unfinished one starts. */
  const readFrom = (buf: Uint8Array, from: number, last: boolean): number => {
    let pos = from;
    while (!ended && pos < buf.length) {
      if (fast) {
        scanner.reset(buf, pos);
        const row = fast(scanner, file, line, scratch);
        const next = scanner.next(last);
        if (next === -1) return pos;
        if (row !== undefined && !scanner.bail) {
          accept(row);
          pos = next;
          line++;
          continue;
        }
      }
      let next: number;
      try {
        next = splitRecord(buf, pos, delim, last, bounds);
      } catch (error) {
        if (!(error instanceof UnclosedQuote)) throw error;
        log.refuse({
          file,
          row: line,
          message: 'a quote opens here and never closes',
          fix: 'close the quote (or export the file again)',
        });
        ended = true;
        return buf.length;
      }
      if (next === -1) return pos;
      pos = next;
      cells.reset(buf, line);
      line += bounds.lineBreaks;
      if (bounds.count === 1 && bounds.starts[0] === bounds.ends[0]) continue;
      try {
        const result = bound.read(cells, ctx);
        if (result === END_OF_TABLE) ended = true;
        else if (result !== undefined) {
          if (Array.isArray(result)) for (const row of result as MetricRow[]) accept(row);
          else accept(result as MetricRow);
        }
        if (!ended && bound.touches) {
          const touches = bound.touches(cells, ctx);
          if (touches) {
            for (const t of touches) sink.touch(t);
            touchpoints += touches.length;
          }
        }
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        log.refuse({
          file,
          row: cells.line,
          column: error.column,
          message: error.message,
          fix: error.fix ?? fixFor(error),
        });
      }
    }
    return ended ? buf.length : pos;
  };

  // Chunks are read where they lie; only the record cut by a chunk's end is copied, joined
  // with the next chunk's first line(s). No chunk-sized copies: garbage stays small.
  let carry: Uint8Array = Buffer.from(head.subarray(readFrom(head, afterLines(head, header.line), final)));
  yield;
  while (!final && !ended) {
    const next = await chunks.next();
    if (next.done) {
      final = true;
      if (carry.length > 0) readFrom(carry, 0, true);
      break;
    }
    const chunk = next.value;
    let at = 0;
    if (carry.length > 0) {
      for (;;) {
        const nl = chunk.indexOf(10, at);
        at = nl === -1 ? chunk.length : nl + 1;
        const joint = concat(carry, chunk.subarray(0, at));
        if (readFrom(joint, 0, false) === joint.length) {
          carry = EMPTY;
          break;
        }
        if (at === chunk.length) {
          carry = joint;
          break;
        }
      }
    }
    if (carry.length === 0) carry = Buffer.from(chunk.subarray(readFrom(chunk, at, false)));
    yield;
  }
  log.throwIfProblems(`${file} (${layout.label})`);
  if (kept === 0 && touchpoints === 0 && log.warningCount('outside-window') === 0) {
    throw new ImportError('no-rows', `has a ${layout.label} header but no rows below it`, {
      where: `${file}:${header.line}`,
      fix: `export it again with data: ${layout.download}`,
    });
  }
  log.files.push({
    file,
    importer: layout.importer,
    layout: layout.id,
    label: layout.label,
    encoding,
    rows: kept,
    touchpoints,
  });
}

/** Offset just past the `count`-th line break (the end of the header line). */
function afterLines(buf: Uint8Array, count: number): number {
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const nl = buf.indexOf(10, pos);
    if (nl === -1) return buf.length;
    pos = nl + 1;
  }
  return pos;
}

function fixFor(error: CellError): string {
  return `correct the ${error.column} cell (or export the file again, unedited)`;
}

/** The rows of one export, a batch (about one chunk of the file) at a time. */
export async function* readMetricBatches(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<MetricRow[]> {
  for await (const batch of readBatches(source, file, options)) if (batch.rows.length) yield batch.rows;
}

/** The rows of one export, one at a time (see `readBatches` for what is checked). */
export async function* readMetricRows(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<MetricRow> {
  for await (const batch of readBatches(source, file, options)) yield* batch.rows;
}

/** The journey steps of an export about people (a CRM contacts export); empty for other layouts. */
export async function* readTouchpoints(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<Touchpoint> {
  for await (const batch of readBatches(source, file, options)) yield* batch.touchpoints;
}
