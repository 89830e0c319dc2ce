import type { KeywordFigures } from '../observation.js';
import type { ExportFormat } from '../schema.js';

/** What one data row yields: a keyword and its figures, or undefined for a row with no keyword. */
export type RowReader = (cells: string[]) => (KeywordFigures & { keyword: string }) | undefined;

/** Advice about a file as a whole that does not stop the import. */
export type FileCheck = (rows: ReadonlyArray<KeywordFigures & { keyword: string }>) => string[];

/** One tool's export layout: how to recognise its header and read its rows. */
export interface ExportLayout {
  format: ExportFormat;
  /** For people: "Google Keyword Planner (Keyword Stats export)". */
  label: string;
  /** The columns that identify the layout, as listed when no layout matches. */
  signature: string;
  /** Returns a reader bound to this header when the header is this layout's, else undefined. */
  recognise(headerCells: string[]): { readRow: RowReader; checkFile?: FileCheck } | undefined;
}
