import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CellError } from './cells.js';

/** A data row and the 1-based line it starts on, for messages that point into the file. */
export interface TableRow {
  line: number;
  cells: string[];
}

export type Delimiter = '\t' | ',' | ';';

/** Tab first: Keyword Planner and UTF-16 Ahrefs files are tab-separated and may hold commas. */
const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

/** Preamble lines allowed before the header (Keyword Planner has two; leave room for more). */
export const HEADER_SEARCH_LINES = 10;

/** A header cell as matched: lower case, no quotes or BOM, single spaces. */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/^"|"$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface LocatedHeader<T> {
  /** 1-based line of the header. */
  line: number;
  delimiter: Delimiter;
  cells: string[];
  match: T;
}

/**
 * Finds the header row among the first lines: the first line that, split by some delimiter,
 * `recognise` accepts. Title and date lines above it (Keyword Planner's "Keyword Stats …" and
 * "May 1, 2025 - April 30, 2026") are skipped this way without being special-cased.
 */
export function locateHeader<T>(
  text: string,
  recognise: (headerCells: string[]) => T | undefined,
): LocatedHeader<T> | undefined {
  const lines = text.split('\n', HEADER_SEARCH_LINES);
  for (const [index, line] of lines.entries()) {
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const cells = line.split(delimiter).map((c) =>
        c
          .replace(/^\uFEFF/, '')
          .replace(/^"|"$/g, '')
          .trim(),
      );
      const match = recognise(cells);
      if (match !== undefined) return { line: index + 1, delimiter, cells, match };
    }
  }
  return undefined;
}

/** The first non-empty lines with their numbers, to show what a file starts with when nothing matched. */
export function firstLines(text: string, count = 3): { line: number; text: string }[] {
  return text
    .split('\n', HEADER_SEARCH_LINES)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text.length > 0)
    .slice(0, count);
}

/**
 * Parses the data rows below the header with csv-parse (quoted cells, embedded delimiters and
 * newlines): what the importer falls back to when `readDelimited` finds the text malformed.
 * Rows may be shorter or longer than the header: tools drop trailing empty cells, and a
 * missing cell is read as "no data". Throws CellError with the line of a broken quote, which
 * the importer turns into a user-facing problem.
 */
export function parseRows(text: string, headerLine: number, delimiter: Delimiter): TableRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      from_line: headerLine + 1,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : headerLine;
      throw new RowsError(line, `the file cannot be split into cells here (${error.message})`);
    }
    throw error;
  }
  return withLines(text, headerLine, records);
}

/**
 * Each record's 1-based starting line, found by walking the text: csv-parse's `info` option
 * would say it too, but doubles the parse time. Exact because line ends are already "\n", a
 * skipped empty line holds nothing at all, and a record spans one line more than the line
 * breaks inside its quoted cells.
 */
function withLines(text: string, headerLine: number, records: string[][]): TableRow[] {
  let offset = 0;
  for (let line = 1; line <= headerLine; line++) offset = nextLine(text, offset);
  let line = headerLine + 1;
  const rows: TableRow[] = new Array(records.length);
  for (let r = 0; r < records.length; r++) {
    while (text.charCodeAt(offset) === 10) {
      offset++;
      line++;
    }
    const cells = records[r]!;
    rows[r] = { line, cells };
    let span = 1;
    for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) span++;
    for (let i = 0; i < span; i++) offset = nextLine(text, offset);
    line += span;
  }
  return rows;
}

function nextLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

/** A CSV-level failure (e.g. a quote never closed) at a known line. */
export class RowsError extends CellError {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}
