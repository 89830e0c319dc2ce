const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;

/** Most cells a record may have; more is not a table any importer reads. */
export const MAX_CELLS = 512;

/** The cells of one record as byte ranges of the buffer it was split from. */
export class RecordBounds {
  readonly starts = new Int32Array(MAX_CELLS);
  readonly ends = new Int32Array(MAX_CELLS);
  /** 1 for a cell written in quotes ("" inside it is a quote). */
  readonly quoted = new Uint8Array(MAX_CELLS);
  count = 0;
  /** Line breaks the record spans (1 for an ordinary line, 0 for a last line without one). */
  lineBreaks = 0;
}

/** A quote opened and never closed before the end of the file. */
export class UnclosedQuote extends Error {}

/**
 * Splits the record that starts at `start` into cells (CSV: RFC 4180 quoting, any of
 * tab/comma/semicolon as the delimiter, CRLF or LF). Returns where the next record starts,
 * or -1 when the record runs past the end of `buf` and more bytes may follow (`final`
 * false): the caller keeps the bytes from `start` and calls again with more. Works on UTF-8
 * bytes: the delimiter, quote and line break bytes never occur inside a multi-byte character.
 */
export function splitRecord(
  buf: Uint8Array,
  start: number,
  delimiter: number,
  final: boolean,
  out: RecordBounds,
): number {
  const nl = buf.indexOf(LF, start);
  if (nl === -1 && !final) return -1;
  const lineEnd = nl === -1 ? buf.length : nl;
  let n = 0;
  let cellStart = start;
  for (let i = start; i < lineEnd; i++) {
    const b = buf[i] as number;
    if (b === delimiter) {
      if (n === MAX_CELLS - 1) break;
      push(buf, out, n++, cellStart, i, 0);
      cellStart = i + 1;
    } else if (b === QUOTE) {
      return splitQuoted(buf, start, delimiter, final, out);
    }
  }
  push(buf, out, n++, cellStart, lineEnd, 0);
  out.count = n;
  out.lineBreaks = nl === -1 ? 0 : 1;
  return nl === -1 ? buf.length : nl + 1;
}

/** The slow path, for records with a quote anywhere: cells may hold delimiters and line breaks. */
function splitQuoted(
  buf: Uint8Array,
  start: number,
  delimiter: number,
  final: boolean,
  out: RecordBounds,
): number {
  let n = 0;
  let i = start;
  let breaks = 0;
  for (;;) {
    while (i < buf.length && buf[i] === SPACE && delimiter !== SPACE) i++;
    if (i < buf.length && buf[i] === QUOTE) {
      const open = i + 1;
      let j = open;
      for (;;) {
        if (j >= buf.length) {
          if (!final) return -1;
          throw new UnclosedQuote();
        }
        const b = buf[j];
        if (b === QUOTE) {
          if (buf[j + 1] === QUOTE) {
            j += 2;
            continue;
          }
          break;
        }
        if (b === LF) breaks++;
        j++;
      }
      // Anything between the closing quote and the delimiter is kept out (a lenient reading of `"a" ,`).
      let k = j + 1;
      while (k < buf.length && buf[k] !== delimiter && buf[k] !== LF) k++;
      if (k >= buf.length && !final) return -1;
      if (n < MAX_CELLS) push(buf, out, n++, open, j, 1);
      i = k;
    } else {
      let k = i;
      while (k < buf.length && buf[k] !== delimiter && buf[k] !== LF) k++;
      if (k >= buf.length && !final) return -1;
      if (n < MAX_CELLS) push(buf, out, n++, i, k, 0);
      i = k;
    }
    if (i >= buf.length) {
      out.count = n;
      out.lineBreaks = breaks;
      return buf.length;
    }
    if (buf[i] === LF) {
      out.count = n;
      out.lineBreaks = breaks + 1;
      return i + 1;
    }
    i++; // the delimiter
  }
}

function push(
  buf: Uint8Array,
  out: RecordBounds,
  n: number,
  start: number,
  end: number,
  quoted: number,
): void {
  let s = start;
  let e = end;
  if (!quoted) {
    while (s < e && buf[s] === SPACE) s++;
    while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === CR)) e--;
  }
  out.starts[n] = s;
  out.ends[n] = e;
  out.quoted[n] = quoted;
}

/** Splits one line of text (a header or preamble line) the same way, for sniffing layouts. */
export function splitLine(line: string, delimiter: string): string[] {
  const bytes = new TextEncoder().encode(line);
  const bounds = new RecordBounds();
  try {
    splitRecord(bytes, 0, delimiter.charCodeAt(0), true, bounds);
  } catch {
    return line.split(delimiter).map((c) => c.trim());
  }
  const decoder = new TextDecoder();
  const cells: string[] = [];
  for (let i = 0; i < bounds.count; i++) {
    const text = decoder.decode(bytes.subarray(bounds.starts[i], bounds.ends[i]));
    cells.push(bounds.quoted[i] ? text.replace(/""/g, '"') : text);
  }
  return cells;
}
