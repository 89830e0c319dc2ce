import type { TableRow } from './table.js';

const NEWLINE = 10;
const QUOTE = 34;

/**
 * Reads well-formed delimited text the way csv-parse reads it with the importer's options
 * (`from_line` the line after `headerLine`, `relax_column_count`, `skip_empty_lines`), with
 * each record's starting line, several times faster. Well-formed: a cell is either plain (no
 * quote in it) or quoted from its first character to a quote followed by the delimiter, a line
 * end or the end of the text, with `""` for a quote inside. Anything else — a stray or
 * unclosed quote, a carriage return — returns undefined, and the caller hands the text to
 * csv-parse, whose error names the line. The differential test holds the two to the same
 * records and lines.
 */
export function readDelimited(text: string, headerLine: number, delimiter: string): TableRow[] | undefined {
  if (text.includes('\r')) return undefined;
  const length = text.length;
  const separator = delimiter.charCodeAt(0);
  const rows: TableRow[] = [];
  // Next positions of each special character at or after `pos`, found with indexOf and
  // reused until passed, so the text is scanned once.
  let nextSeparator = -1;
  let nextNewline = -1;
  let nextQuote = -1;
  const seek = (code: string, from: number) => {
    const at = text.indexOf(code, from);
    return at < 0 ? length : at;
  };
  // csv-parse emits records only after the first line end, outside quotes, on the header line or later.
  let enabled = false;
  let pos = 0;
  let line = 1;
  while (pos < length) {
    const startLine = line;
    if (text.charCodeAt(pos) === NEWLINE) {
      if (line >= headerLine) enabled = true;
      pos++;
      line++;
      continue;
    }
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) return undefined;
          const part = text.slice(from, close);
          for (let i = part.indexOf('\n'); i >= 0; i = part.indexOf('\n', i + 1)) line++;
          value += part;
          if (text.charCodeAt(close + 1) !== QUOTE) {
            pos = close + 1;
            break;
          }
          value += '"';
          from = close + 2;
        }
        const after = text.charCodeAt(pos);
        if (pos < length && after !== separator && after !== NEWLINE) return undefined;
        cells.push(value);
      } else {
        if (nextSeparator < pos) nextSeparator = seek(delimiter, pos);
        if (nextNewline < pos) nextNewline = seek('\n', pos);
        if (nextQuote < pos) nextQuote = seek('"', pos);
        const end = Math.min(nextSeparator, nextNewline);
        if (nextQuote < end) return undefined;
        cells.push(text.slice(pos, end));
        pos = end;
      }
      if (pos >= length) break;
      const code = text.charCodeAt(pos);
      pos++;
      if (code === NEWLINE) break;
    }
    line++;
    if (enabled) rows.push({ line: startLine, cells });
    else if (line - 1 >= headerLine) enabled = true;
  }
  return rows;
}
