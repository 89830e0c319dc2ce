import type { PathTableBuilder } from '../path-table.js';
import type { PathColumns } from './header.js';
import type { Delimiter } from './lines.js';
import { parseFigure } from './numbers.js';
import type { RowProblems } from './problems.js';

export type RowReader = (fields: string[], line: number) => void;

/**
 * Reads aggregated path rows (`C1 > C2 > C3;1;1000;0`) into the table, grouping identical paths as
 * it goes. Channels are split on `>` and trimmed, so `C1>C2` and `C1 > C2` are the same path.
 */
export function pathRowReader(
  columns: PathColumns,
  names: readonly string[],
  delimiter: Delimiter,
  table: PathTableBuilder,
  problems: RowProblems,
): RowReader {
  const decimalComma = delimiter !== ',';
  const width = Math.max(columns.path, columns.conversions, columns.value ?? 0, columns.nulls ?? 0) + 1;
  let ids = new Int32Array(32);
  const figure = (fields: string[], column: number | undefined, line: number, negativeOk: boolean) => {
    if (column === undefined) return 0;
    const value = parseFigure(fields[column]!, decimalComma);
    if (value === undefined) return 0;
    if (Number.isNaN(value) || (!negativeOk && value < 0)) {
      problems.add(
        line,
        names[column]!,
        `"${fields[column]!.trim()}" is not ${negativeOk ? 'a number' : 'a number ≥ 0'}`,
      );
      return undefined;
    }
    return value;
  };
  return (fields, line) => {
    if (fields.length < width) {
      problems.add(line, 'row', `has ${fields.length} fields, the header has ${names.length}`);
      return;
    }
    if (fields[columns.conversions]!.trim() === '') {
      problems.add(line, names[columns.conversions]!, 'is empty; write 0 for a path that did not convert');
      return;
    }
    const conversions = figure(fields, columns.conversions, line, false);
    const value = figure(fields, columns.value, line, true);
    const nulls = figure(fields, columns.nulls, line, false);
    const parts = fields[columns.path]!.split('>');
    if (parts.length > ids.length) ids = new Int32Array(parts.length * 2);
    let n = 0;
    for (const part of parts) {
      const channel = part.trim();
      if (channel === '') {
        const text = fields[columns.path]!.trim();
        problems.add(
          line,
          names[columns.path]!,
          text === '' ? 'is empty' : `"${text}" has an empty channel between ">"`,
        );
        return true;
      }
      ids[n++] = table.channelId(channel, problems.file, line);
    }
    if (conversions === undefined || value === undefined || nulls === undefined) return true;
    table.addPath(ids, n, conversions, value, nulls);
    return true;
  };
}
