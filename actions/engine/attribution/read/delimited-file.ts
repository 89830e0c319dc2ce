import { CrescendoError } from '../../errors.js';
import type { EventSink } from '../journeys.js';
import type { PathTableBuilder } from '../path-table.js';
import { recogniseHeader } from './header.js';
import { type Delimiter, detectDelimiter, forEachLine, splitFields } from './lines.js';
import { pathRowReader } from './path-rows.js';
import { RowProblems } from './problems.js';
import { type LineReader, touchpointLineReader } from './touchpoint-rows.js';

export interface DelimitedRead {
  kind: 'paths' | 'touchpoints';
  /** False when a touchpoint row went back past its user's last conversion and reading stopped. */
  completed: boolean;
  warnings: string[];
}

/**
 * Streams one CSV/TSV/semicolon file into the table (aggregated paths) or the event sink
 * (touchpoints). The layout and the separator come from the header row; blank lines, `#` comment
 * lines before the header and rows of empty cells are skipped. Any unreadable row fails the file with
 * every such row listed by line and field.
 */
export async function readDelimitedFile(
  file: string,
  table: PathTableBuilder,
  sink: EventSink,
): Promise<DelimitedRead> {
  const problems = new RowProblems(file);
  const warnings: string[] = [];
  let reader: LineReader | undefined;
  let delimiter: Delimiter = ',';
  let kind: DelimitedRead['kind'] = 'paths';
  const completed = await forEachLine(file, (line, n) => {
    if (reader) return line.length === 0 || reader(line, n);
    if (line.trim() === '' || line.startsWith('#')) return true;
    delimiter = detectDelimiter(line) ?? ',';
    const cells = (splitFields(line, delimiter) ?? [line]).map((c) => c.trim());
    const { columns, ignored } = recogniseHeader(cells, `${file}:${n}`);
    if (ignored.length > 0) warnings.push(`${file}:${n}: columns ignored: ${ignored.join(', ')}`);
    kind = columns.kind;
    if (columns.kind === 'touchpoints')
      reader = touchpointLineReader(columns, cells, delimiter, sink, table, problems);
    else {
      const rows = pathRowReader(columns, cells, delimiter, table, problems);
      const separator = delimiter;
      reader = (text, lineNumber) => {
        const fields = splitFields(text, separator);
        if (!fields) problems.add(lineNumber, 'row', 'has a quote (") that is never closed');
        else if (fields.some((f) => f.trim() !== '')) rows(fields, lineNumber);
        return true;
      };
    }
    return true;
  });
  if (!reader)
    throw new CrescendoError('no header row', {
      where: file,
      fix: 'the first line must name the columns, e.g. path;total_conversions;total_conversion_value;total_null',
    });
  if (completed)
    problems.throwIfAny(
      kind === 'paths'
        ? 'fix the rows listed: path is channels joined by " > ", conversions, value and nulls are numbers'
        : 'fix the rows listed: event is touch or conversion, timestamp is ISO 8601 or Unix time, channel is set on touches',
    );
  return { kind, completed, warnings };
}
