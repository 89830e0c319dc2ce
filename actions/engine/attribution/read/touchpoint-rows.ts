import type { EventSink } from '../journeys.js';
import type { PathTableBuilder } from '../path-table.js';
import type { TouchpointColumns } from './header.js';
import type { Delimiter } from './lines.js';
import { parseFigure } from './numbers.js';
import type { RowReader } from './path-rows.js';
import type { RowProblems } from './problems.js';
import { parseTimestamp } from './timestamps.js';

/**
 * Reads `user_id,timestamp,event,channel,value` rows into an event sink. Returns `false` (stop) when
 * the sink refuses a row that goes back past the user's last conversion.
 */
export function touchpointRowReader(
  columns: TouchpointColumns,
  names: readonly string[],
  delimiter: Delimiter,
  sink: EventSink,
  table: PathTableBuilder,
  problems: RowProblems,
): RowReader {
  const decimalComma = delimiter !== ',';
  const width =
    Math.max(columns.user, columns.timestamp, columns.event, columns.channel, columns.value ?? 0) + 1;
  return (fields, line) => {
    if (fields.length < width) {
      problems.add(line, 'row', `has ${fields.length} fields, the header has ${names.length}`);
      return true;
    }
    const user = fields[columns.user]!.trim();
    if (user === '') {
      problems.add(line, names[columns.user]!, 'is empty');
      return true;
    }
    const stamp = fields[columns.timestamp]!;
    const time = parseTimestamp(stamp) ?? parseTimestamp(stamp.trim());
    if (time === undefined) {
      problems.add(
        line,
        names[columns.timestamp]!,
        `"${stamp.trim()}" is not a timestamp (ISO 8601 such as 2024-05-01T10:00:00Z, or Unix seconds, milliseconds or microseconds)`,
      );
      return true;
    }
    const event = eventOf(fields[columns.event]!);
    if (event === 'touch') {
      const name = fields[columns.channel]!.trim();
      if (name === '') {
        problems.add(line, names[columns.channel]!, 'is empty on a touch row');
        return true;
      }
      return sink.touch(user, time, table.channelId(name, problems.file, line));
    }
    if (event === 'conversion') {
      const value = columns.value === undefined ? 0 : parseFigure(fields[columns.value]!, decimalComma);
      if (value !== undefined && Number.isNaN(value)) {
        problems.add(line, names[columns.value!]!, `"${fields[columns.value!]!.trim()}" is not a number`);
        return true;
      }
      return sink.conversion(user, time, value ?? 0);
    }
    problems.add(
      line,
      names[columns.event]!,
      `"${fields[columns.event]!.trim()}" is neither touch nor conversion`,
    );
    return true;
  };
}

function eventOf(cell: string): 'touch' | 'conversion' | undefined {
  if (cell === 'touch' || cell === 'conversion') return cell;
  const word = cell.trim().toLowerCase();
  return word === 'touch' || word === 'conversion' ? word : undefined;
}
