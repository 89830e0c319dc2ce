import type { EventSink } from '../journeys.js';
import type { PathTableBuilder } from '../path-table.js';
import type { TouchpointColumns } from './header.js';
import { type Delimiter, splitFields } from './lines.js';
import { parseFigure } from './numbers.js';
import type { RowProblems } from './problems.js';
import { parseTimestampAt } from './timestamps.js';

/** Reads one data line; `false` stops reading. */
export type LineReader = (line: string, lineNumber: number) => boolean;

/** Joins the fields of a quoted line, so quoted and plain lines take the same path. */
const UNIT = '\u001f';

const isSpace = (c: number) => c <= 32;

/**
 * Reads `user_id,timestamp,event,channel,value` lines into an event sink. Millions of rows come
 * through here, so fields are located by position and only the user id and channel are cut out as
 * strings; the timestamp is parsed in place. Returns `false` (stop) when the sink refuses a row that
 * goes back past the user's last conversion.
 */
export function touchpointLineReader(
  columns: TouchpointColumns,
  names: readonly string[],
  delimiter: Delimiter,
  sink: EventSink,
  table: PathTableBuilder,
  problems: RowProblems,
): LineReader {
  const decimalComma = delimiter !== ',';
  const width =
    Math.max(columns.user, columns.timestamp, columns.event, columns.channel, columns.value ?? 0) + 1;
  // A row may stop before an empty trailing value column.
  const needed = Math.max(columns.user, columns.timestamp, columns.event, columns.channel) + 1;
  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  const valueColumn = columns.value ?? -1;
  const blank = (text: string, separator: string) => text.split(separator).every((f) => f.trim() === '');
  return (line, n) => {
    let text = line;
    let separator: string = delimiter;
    if (line.includes('"')) {
      const fields = splitFields(line, delimiter);
      if (!fields) {
        problems.add(n, 'row', 'has a quote (") that is never closed');
        return true;
      }
      if (fields.some((f) => f.includes(UNIT))) {
        problems.add(n, 'row', 'holds a control character (U+001F) inside a quoted field');
        return true;
      }
      text = fields.join(UNIT);
      separator = UNIT;
    }
    let count = 0;
    for (let from = 0; count < width; ) {
      const at = text.indexOf(separator, from);
      starts[count] = from;
      ends[count++] = at === -1 ? text.length : at;
      if (at === -1) break;
      from = at + 1;
    }
    if (count < needed) {
      if (!blank(text, separator))
        problems.add(n, 'row', `has ${count} fields, the header has ${names.length}`);
      return true;
    }
    // Field bounds with surrounding spaces skipped.
    let u0 = starts[columns.user]!;
    let u1 = ends[columns.user]!;
    while (u0 < u1 && isSpace(text.charCodeAt(u0))) u0++;
    while (u1 > u0 && isSpace(text.charCodeAt(u1 - 1))) u1--;
    if (u0 === u1) {
      if (!blank(text, separator)) problems.add(n, names[columns.user]!, 'is empty');
      return true;
    }
    let t0 = starts[columns.timestamp]!;
    let t1 = ends[columns.timestamp]!;
    while (t0 < t1 && isSpace(text.charCodeAt(t0))) t0++;
    while (t1 > t0 && isSpace(text.charCodeAt(t1 - 1))) t1--;
    const time = parseTimestampAt(text, t0, t1);
    if (time === undefined) {
      problems.add(
        n,
        names[columns.timestamp]!,
        `"${text.slice(t0, t1)}" is not a timestamp (ISO 8601 such as 2024-05-01T10:00:00Z, or Unix seconds, milliseconds or microseconds)`,
      );
      return true;
    }
    let e0 = starts[columns.event]!;
    let e1 = ends[columns.event]!;
    while (e0 < e1 && isSpace(text.charCodeAt(e0))) e0++;
    while (e1 > e0 && isSpace(text.charCodeAt(e1 - 1))) e1--;
    const event = eventOf(text, e0, e1);
    if (event === 'touch') {
      let c0 = starts[columns.channel]!;
      let c1 = ends[columns.channel]!;
      while (c0 < c1 && isSpace(text.charCodeAt(c0))) c0++;
      while (c1 > c0 && isSpace(text.charCodeAt(c1 - 1))) c1--;
      if (c0 === c1) {
        problems.add(n, names[columns.channel]!, 'is empty on a touch row');
        return true;
      }
      return sink.touch(text, u0, u1, time, table.channelIdAt(text, c0, c1, problems.file, n));
    }
    if (event === 'conversion') {
      const cell =
        valueColumn === -1 || valueColumn >= count
          ? ''
          : text.slice(starts[valueColumn]!, ends[valueColumn]!);
      const value = parseFigure(cell, decimalComma);
      if (value !== undefined && Number.isNaN(value)) {
        problems.add(n, names[valueColumn]!, `"${cell.trim()}" is not a number`);
        return true;
      }
      return sink.conversion(text, u0, u1, time, value ?? 0);
    }
    problems.add(n, names[columns.event]!, `"${text.slice(e0, e1)}" is neither touch nor conversion`);
    return true;
  };
}

/** `touch` or `conversion`, any case, compared in place. */
function eventOf(text: string, start: number, end: number): 'touch' | 'conversion' | undefined {
  const length = end - start;
  if (length === 5 && (isWord(text, start, 'touch') || text.slice(start, end).toLowerCase() === 'touch'))
    return 'touch';
  if (
    length === 10 &&
    (isWord(text, start, 'conversion') || text.slice(start, end).toLowerCase() === 'conversion')
  )
    return 'conversion';
  return undefined;
}

/** Whether `text` at `start` spells `word` exactly, compared code unit by code unit. */
function isWord(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}
