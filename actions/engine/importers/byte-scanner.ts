import { FNV_OFFSET, FNV_PRIME, type Interner } from './interner.js';

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const QUOTE = 34;
const SPACE = 32;
const CR = 13;
const LF = 10;

const MAX_COLUMNS = 512;

/** Returned by `number` when the cell is not plain digits: the record goes to the general reader. */
export const NOT_PLAIN = -1;

/**
 * Reads one line's cells left to right in a single pass over its bytes, for layouts whose
 * rows are plain (no quotes, no padding, numbers as digits): text is hashed as it is scanned
 * and pooled, numbers are accumulated digit by digit, and the line's end is found on the
 * way. Anything else — a quote, a space at a cell's edge, "1,234", "$5", a minus sign, a
 * line that runs past the bytes at hand — sets `bail`, and the record is read again by the
 * general reader, which accepts it or names what is wrong. This is the hot path that reads
 * a million rows at a few times the cost of finding their lines.
 */
export class ByteScanner {
  #buf: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #limit = 0;
  /** Set when the line's end (or the buffer's, at the end of the file) was reached. */
  #atEnd = false;
  /** True once a read met something that is not plain. */
  bail = false;
  readonly #lastText: (string | undefined)[] = [];
  readonly #lastBuf: Uint8Array[] = [];
  readonly #lastStart = new Int32Array(MAX_COLUMNS);
  readonly #lastEnd = new Int32Array(MAX_COLUMNS);
  readonly #score = new Int8Array(MAX_COLUMNS);

  constructor(
    private readonly delimiter: number,
    private readonly interner: Interner,
  ) {}

  /** Points the scanner at the line starting at `start`. */
  reset(buf: Uint8Array, start: number): void {
    this.#buf = buf;
    this.#pos = start;
    this.#limit = buf.length;
    this.#atEnd = false;
    this.bail = false;
  }

  /** True once the line's last cell was read: a further read would be a cell the line does not have. */
  get ended(): boolean {
    return this.#atEnd;
  }

  /**
   * Where the next line starts, once the cells wanted were read: past the line break (or
   * the buffer's end when `last`); -1 when the line is not complete in this buffer.
   */
  next(last: boolean): number {
    const limit = this.#limit;
    if (this.#atEnd) {
      if (this.#pos - 1 >= limit) return last ? limit : -1;
      return this.#pos;
    }
    const buf = this.#buf;
    let i = this.#pos;
    while (i < limit && buf[i] !== LF) {
      if (buf[i] === QUOTE) this.bail = true;
      i++;
    }
    if (i >= limit) return last ? limit : -1;
    return i + 1;
  }

  /** Ends the cell that stops at `i`: past a delimiter, or at the line's end. */
  #close(i: number): void {
    const b = this.#buf[i];
    if (i >= this.#limit || b === LF) this.#atEnd = true;
    this.#pos = i + 1;
  }

  /** The cell's last byte index + 1, without a CR before the line break. */
  #trimCr(start: number, i: number): number {
    return i > start && this.#buf[i - 1] === CR && (i >= this.#limit || this.#buf[i] === LF) ? i - 1 : i;
  }

  /**
   * The next cell's text, pooled ('' for an empty cell or a line that has run out of cells).
   * `column` keys a memory of the column's last value: exports repeat a date or a campaign on
   * row after row, and comparing with the last value's bytes is cheaper than hashing. A
   * column whose values keep changing stops being compared (a score of hits and misses).
   */
  text(column: number): string {
    if (this.#atEnd) return '';
    const buf = this.#buf;
    const start = this.#pos;
    const limit = this.#limit;
    if ((this.#score[column] as number) >= 0) {
      const last = this.#lastText[column];
      if (last !== undefined) {
        const lastBuf = this.#lastBuf[column] as Uint8Array;
        const lastStart = this.#lastStart[column] as number;
        const length = (this.#lastEnd[column] as number) - lastStart;
        let k = 0;
        while (k < length && start + k < limit && buf[start + k] === lastBuf[lastStart + k]) k++;
        const after = start + k;
        if (
          k === length &&
          (after >= limit || buf[after] === this.delimiter || buf[after] === LF || buf[after] === CR)
        ) {
          if ((this.#score[column] as number) < 8) this.#score[column] = (this.#score[column] as number) + 1;
          const end = buf[after] === CR && (after + 1 >= limit || buf[after + 1] === LF) ? after + 1 : after;
          this.#close(end);
          return last;
        }
        this.#score[column] = (this.#score[column] as number) - 1;
      }
    }
    const delimiter = this.delimiter;
    let h = FNV_OFFSET;
    let i = start;
    for (; i < limit; i++) {
      const b = buf[i] as number;
      if (b === delimiter || b === LF) break;
      if (b === QUOTE) {
        this.bail = true;
        return '';
      }
      h = Math.imul(h ^ b, FNV_PRIME);
    }
    let end = this.#trimCr(start, i);
    if (end !== i) h = rehash(buf, start, end);
    this.#close(i);
    if (end > start && (buf[start] === SPACE || buf[end - 1] === SPACE)) {
      this.bail = true;
      end = start;
    }
    const text = this.interner.getHashed(buf, start, end, h);
    this.#lastText[column] = text;
    this.#lastBuf[column] = buf;
    this.#lastStart[column] = start;
    this.#lastEnd[column] = end;
    return text;
  }

  /**
   * The next cell as a number: digits, with one decimal point when `decimals`; undefined
   * when empty; `NOT_PLAIN` (and `bail`) otherwise. Digits divided by a power of ten round
   * exactly like `Number("12.34")`.
   */
  number(decimals: boolean): number | undefined {
    if (this.#atEnd) return undefined;
    const buf = this.#buf;
    const start = this.#pos;
    const limit = this.#limit;
    let value = 0;
    let scale = 0;
    let i = start;
    for (; i < limit; i++) {
      const b = buf[i] as number;
      if (b >= ZERO && b <= NINE) {
        value = value * 10 + (b - ZERO);
        if (scale > 0) scale *= 10;
      } else if (b === this.delimiter || b === LF) {
        break;
      } else if (b === DOT && decimals && scale === 0 && i > start) {
        scale = 1;
      } else if (b === CR && (i + 1 >= limit || buf[i + 1] === LF)) {
        break;
      } else {
        this.bail = true;
        return NOT_PLAIN;
      }
    }
    const end = i;
    if (i < limit && buf[i] === CR) i++;
    this.#close(i);
    if (end === start) return undefined;
    if (scale === 1 || end - start > 15) {
      this.bail = true;
      return NOT_PLAIN;
    }
    return scale > 1 ? value / scale : value;
  }

  /** Steps over the next cell. */
  skip(): void {
    if (this.#atEnd) return;
    const buf = this.#buf;
    let i = this.#pos;
    while (i < this.#limit && buf[i] !== this.delimiter && buf[i] !== LF) {
      if (buf[i] === QUOTE) {
        this.bail = true;
        return;
      }
      i++;
    }
    this.#close(i);
  }
}

function rehash(buf: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), FNV_PRIME);
  return h;
}
