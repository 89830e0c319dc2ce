import { CellError } from '../cells.js';
import { headerKey } from '../table.js';

/** A header row, looked up by column name the way tools vary it (case, spacing, quotes). */
export class Columns {
  private readonly keys: string[];

  constructor(readonly labels: string[]) {
    this.keys = labels.map(headerKey);
  }

  /** Index of the first column whose name is one of `names` (case-insensitive). */
  index(...names: string[]): number | undefined {
    for (const name of names) {
      const i = this.keys.indexOf(name.toLowerCase());
      if (i >= 0) return i;
    }
    return undefined;
  }

  /** Index of the first column whose name matches `pattern` (tested against the lower-case name). */
  matching(pattern: RegExp): number | undefined {
    const i = this.keys.findIndex((k) => pattern.test(k));
    return i >= 0 ? i : undefined;
  }

  has(...names: string[]): boolean {
    return this.index(...names) !== undefined;
  }

  label(index: number): string {
    return this.labels[index] ?? `column ${index + 1}`;
  }
}

/**
 * Reads one cell with `parse`, prefixing any complaint with the column's name so the user
 * knows which cell of the row to fix. A column the file lacks reads as "no data".
 */
export function readCell<T>(
  columns: Columns,
  cells: string[],
  index: number | undefined,
  parse: (raw: string | undefined) => T,
): T | undefined {
  if (index === undefined) return undefined;
  try {
    return parse(cells[index]);
  } catch (error) {
    if (error instanceof CellError) throw new CellError(`${columns.label(index)}: ${error.message}`);
    throw error;
  }
}
