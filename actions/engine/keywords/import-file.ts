import { CrescendoError, type Problem } from '../errors.js';
import { CellError } from './cells.js';
import { type DecodedText, decodeExport, type TextEncodingName } from './decode.js';
import { readDelimited } from './delimited.js';
import { EXPORT_LAYOUTS, type ExportLayout, type FileCheck, type RowReader } from './formats/index.js';
import type { Observation } from './observation.js';
import type { ExportFormat } from './schema.js';
import { firstLines, HEADER_SEARCH_LINES, locateHeader, parseRows, RowsError } from './table.js';

/** At most this many bad rows are listed per file; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

export interface ImportedExport {
  path: string;
  format: ExportFormat;
  encoding: TextEncodingName;
  observations: Observation[];
  warnings: string[];
}

/**
 * Reads one keyword export: decodes it, finds the header, recognises the tool from the
 * header's columns, and reads every row. Any unreadable cell fails the whole file with every
 * bad row listed (file:line, column, what it held, what was expected): a half-read file would
 * silently skew the ranking. Rows without a keyword (blank lines, totals) are skipped.
 */
export function importKeywordExport(path: string, bytes: Uint8Array): ImportedExport {
  const decoded = decodeExport(bytes);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const header = locateHeader(text, (cells) => recogniseHeader(cells));
  if (!header) throw unknownLayout(path, text, decoded);

  const { layout, reader } = header.match;
  const problems: Problem[] = [];
  const observations: Observation[] = [];
  const read = (cells: string[], line: number) => {
    try {
      const figures = reader.readRow(cells);
      // The reader's fresh object gets its source in place. Not a spread copy: spread gave each
      // row its own hidden class, which made every later read of a field slow (~100× on 100k rows).
      if (figures)
        observations.push(Object.assign(figures, { source: { file: path, format: layout.format, line } }));
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      problems.push({ where: path, line, message: error.message });
    }
  };
  if (!readDelimited(text, header.line, header.delimiter, read)) {
    // Malformed somewhere: start over with csv-parse, which reads it the same way or says where it breaks.
    problems.length = 0;
    observations.length = 0;
    try {
      for (const row of parseRows(text, header.line, header.delimiter)) read(row.cells, row.line);
    } catch (error) {
      if (!(error instanceof RowsError)) throw error;
      problems.push({ where: path, line: error.line, message: error.message });
    }
  }
  if (problems.length > 0) throw badRows(path, layout, problems);
  if (observations.length === 0) {
    throw new CrescendoError(`no keyword rows below the ${layout.label} header`, {
      where: `${path}:${header.line}`,
      fix: 'export the keyword list again with at least one keyword, or leave this file out',
    });
  }
  const warnings = (reader.checkFile?.(observations) ?? []).map((w) => `${path}: ${w}`);
  return { path, format: layout.format, encoding: decoded.encoding, observations, warnings };
}

interface Recognised {
  layout: ExportLayout;
  reader: { readRow: RowReader; checkFile?: FileCheck };
}

function recogniseHeader(cells: string[]): Recognised | undefined {
  for (const layout of EXPORT_LAYOUTS) {
    const reader = layout.recognise(cells);
    if (reader) return { layout, reader };
  }
  return undefined;
}

function badRows(path: string, layout: ExportLayout, problems: Problem[]): CrescendoError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  if (more > 0) listed.push({ where: path, message: `… and ${more} more rows like these` });
  const rows = problems.length === 1 ? '1 row' : `${problems.length} rows`;
  return new CrescendoError(`${rows} could not be read as a ${layout.label}`, {
    where: path,
    problems: listed,
    fix: 'correct those cells (or re-export the file from the tool unedited) and run the import again',
  });
}

function unknownLayout(path: string, text: string, decoded: DecodedText): CrescendoError {
  const seen: Problem[] = firstLines(text).map(({ line, text: content }) => ({
    where: path,
    line,
    message: `reads: ${content.length > 120 ? `${content.slice(0, 117)}…` : content}`,
  }));
  if (/^\W*top pages\b/im.test(text.split('\n', HEADER_SEARCH_LINES).join('\n'))) {
    return new CrescendoError('this is a Search Console Pages export; keywords are in the Queries export', {
      where: path,
      problems: seen,
      fix: 'use Queries.csv from the same Search Console download',
    });
  }
  const expected: Problem[] = EXPORT_LAYOUTS.map((l) => ({
    where: path,
    message: `expected for ${l.label}: ${l.signature}`,
  }));
  return new CrescendoError(
    `no known keyword export header in the first lines (read as ${decoded.encoding})`,
    {
      where: path,
      problems: [...seen, ...expected],
      fix: 'export the keyword list from one of the supported tools above, unedited (no columns renamed or removed)',
    },
  );
}
