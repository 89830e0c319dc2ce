import type { ByteScanner } from './byte-scanner.js';
import type { SlashOrder } from './cells.js';
import type { ImportLog } from './import-log.js';
import type { DateWindow, ImporterId, MetricChannel, MetricRow } from './metric-row.js';
import type { Touchpoint } from './touchpoint.js';

/**
 * One record of a file, read cell by cell. Cells are trimmed; "no data" markers (`--`, `n/a`,
 * empty) read as undefined. Number and date readers throw `CellError` naming the column.
 */
export interface Cells {
  /** 1-based line the record starts on. */
  readonly line: number;
  readonly length: number;
  /** The cell's text ('' when missing), the same string object for the same text: use for values that repeat. */
  text(index: number | undefined): string;
  /** The cell's text, not pooled: use for values unique to a row (timestamps, people's ids). */
  raw(index: number | undefined): string;
  /** Like `text`, but undefined for an empty or "no data" cell. */
  value(index: number | undefined): string | undefined;
  /** A whole, non-negative number; undefined when empty. */
  count(index: number | undefined): number | undefined;
  /** A non-negative amount (money, fractional conversions); undefined when empty. */
  amount(index: number | undefined): number | undefined;
  /** A date as yyyy-mm-dd; undefined when empty. */
  day(index: number | undefined, order?: SlashOrder): string | undefined;
  /** The header's name for the column, for messages. */
  label(index: number): string;
}

/** What readers need besides the cells: options, and a way to flag a row without refusing it. */
export interface RowContext {
  readonly file: string;
  readonly options: ReadOptions;
  /** Records a warning about this row (kept in the import log, counted per kind). */
  flag(kind: string, message: string, fix: string, column?: string): void;
}

/** Returned by a row reader to say the table has ended (GA4's second section, a summary block). */
export const END_OF_TABLE = Symbol('end of table');

export type RowResult = MetricRow | readonly MetricRow[] | undefined | typeof END_OF_TABLE;

/** A layout bound to one file's header: reads its records. */
export interface BoundLayout {
  read(cells: Cells, ctx: RowContext): RowResult;
  /**
   * Reads a plain line in one pass (see `ByteScanner`), or answers undefined to have `read`
   * read it: an optional fast path for layouts of plain numbers, which must give the same
   * row `read` would. With `out`, it fills and returns that object instead of a new one.
   */
  fast?(scanner: ByteScanner, file: string, line: number, out?: MetricRow): MetricRow | undefined;
  /** Journey steps in the record, for layouts about people (CRM contacts). */
  touches?(cells: Cells, ctx: RowContext): readonly Touchpoint[] | undefined;
}

/** A file this layout knows but that holds no daily metrics: refused with the reason and the fix. */
export interface Refusal {
  refuse: string;
  fix: string;
}

/** The header row (cells of the line that matched), the lines above it, and the file's name. */
export interface Header {
  cells: readonly string[];
  /** Lower-cased, quotes and spaces tidied: how columns are looked up. */
  keys: readonly string[];
  preamble: readonly string[];
  /** 1-based line of the header. */
  line: number;
  file: string;
}

/** One export layout: how to recognise its header and read its rows. */
export interface CsvLayout {
  /** E.g. `ga4-report-csv`. */
  id: string;
  importer: ImporterId;
  /** For people: "GA4 report download (CSV)". */
  label: string;
  /** The columns that identify the layout, listed when no layout matches a file. */
  signature: string;
  /** Where a person gets the file, for "waiting for data" messages. */
  download: string;
  recognise(header: Header, options: ReadOptions): BoundLayout | Refusal | undefined;
}

export interface ReadOptions {
  /** The campaign's dates: rows outside are left out and counted in a warning. */
  window?: DateWindow;
  /** The campaign's budget currency: exports in another currency are refused. */
  currency?: string;
  /** utm_content → channel, from the distribution ledger: for rows that name an asset but no source. */
  channelByUtmContent?: Readonly<Record<string, MetricChannel>>;
  /**
   * Platform ids → utm_content, from the distribution ledger: LinkedIn creative URNs,
   * Mailchimp campaign ids, published page URLs (see `pageKey`).
   */
  utmContentByRef?: Readonly<Record<string, string>>;
  /** Where warnings and the files read are recorded (one log can span many files). */
  log?: ImportLog;
  /** Layouts to try (default: every registered importer's). */
  layouts?: readonly CsvLayout[];
  /** Bytes per read (default 1 MiB); rows held at once are bounded by it. */
  chunkBytes?: number;
}

/** A header cell as matched: lower case, no BOM or surrounding quotes, single spaces. */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/^"|"$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Index of the first column whose key is one of `names` (lower case), else undefined. */
export function column(header: Header, ...names: string[]): number | undefined {
  for (const name of names) {
    const i = header.keys.indexOf(name);
    if (i >= 0) return i;
  }
  return undefined;
}
