import { isNoData, parseDay, parseQuantity, type SlashOrder } from './cells.js';
import type { Interner } from './interner.js';
import type { Cells } from './layout.js';
import type { RecordBounds } from './records.js';

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const decoder = new TextDecoder('utf-8');

/**
 * `Cells` over the byte ranges of one record. Plain numbers ("1234", "12.50") are read
 * straight from the bytes; anything else ("1,234", "$12.50", "--") goes through the full
 * text readers. Dimension text is pooled by the interner; dates are parsed once per distinct
 * text.
 */
export class ByteCells implements Cells {
  #buf: Uint8Array = new Uint8Array(0);
  #bounds: RecordBounds;
  line = 0;
  readonly #labels: readonly string[];
  readonly #interner: Interner;
  readonly #days = new Map<string, string>();
  /** The last date text read and what it parsed to: consecutive rows mostly share their date. */
  #lastDayText = '';
  #lastDay = '';
  /** Per column, the last text read and where its bytes were: consecutive rows often repeat a value. */
  readonly #lastText: string[] = [];
  readonly #lastBuf: Uint8Array[] = [];
  readonly #lastStart = new Int32Array(512);
  readonly #lastEnd = new Int32Array(512);

  constructor(bounds: RecordBounds, labels: readonly string[], interner: Interner) {
    this.#bounds = bounds;
    this.#labels = labels;
    this.#interner = interner;
  }

  /** Points the view at the record just split into `bounds`. */
  reset(buf: Uint8Array, line: number): void {
    this.#buf = buf;
    this.line = line;
  }

  get length(): number {
    return this.#bounds.count;
  }

  label(index: number): string {
    return this.#labels[index] ?? `column ${index + 1}`;
  }

  text(index: number | undefined): string {
    if (index === undefined || index >= this.#bounds.count) return '';
    const b = this.#bounds;
    const start = b.starts[index] as number;
    const end = b.ends[index] as number;
    const buf = this.#buf;
    if (b.quoted[index]) return unquote(decoder.decode(buf.subarray(start, end)));
    const last = this.#lastText[index];
    if (last !== undefined) {
      const lastStart = this.#lastStart[index] as number;
      const length = end - start;
      if ((this.#lastEnd[index] as number) - lastStart === length) {
        const lastBuf = this.#lastBuf[index] as Uint8Array;
        let i = 0;
        while (i < length && lastBuf[lastStart + i] === buf[start + i]) i++;
        if (i === length) return last;
      }
    }
    const text = this.#interner.get(buf, start, end);
    this.#lastText[index] = text;
    this.#lastBuf[index] = buf;
    this.#lastStart[index] = start;
    this.#lastEnd[index] = end;
    return text;
  }

  raw(index: number | undefined): string {
    if (index === undefined || index >= this.#bounds.count) return '';
    const b = this.#bounds;
    const text = decoder.decode(this.#buf.subarray(b.starts[index], b.ends[index]));
    return b.quoted[index] ? unquote(text).trim() : text;
  }

  value(index: number | undefined): string | undefined {
    const text = this.text(index);
    return text === '' || isNoData(text) ? undefined : text;
  }

  count(index: number | undefined): number | undefined {
    if (index === undefined || index >= this.#bounds.count) return undefined;
    const plain = this.#plainNumber(index, false);
    if (plain !== -1) return plain;
    return parseQuantity(this.raw(index), this.label(index), 'count');
  }

  amount(index: number | undefined): number | undefined {
    if (index === undefined || index >= this.#bounds.count) return undefined;
    const plain = this.#plainNumber(index, true);
    if (plain !== -1) return plain;
    return parseQuantity(this.raw(index), this.label(index), 'amount');
  }

  day(index: number | undefined, order: SlashOrder = 'mdy'): string | undefined {
    const text = this.value(index);
    if (text === undefined) return undefined;
    if (text === this.#lastDayText && order === 'mdy') return this.#lastDay;
    const key = order === 'mdy' ? text : `${text}\u0000dmy`;
    let day = this.#days.get(key);
    if (day === undefined) {
      day = parseDay(text, this.label(index as number), order) as string;
      this.#days.set(key, day);
    }
    if (order === 'mdy') {
      this.#lastDayText = text;
      this.#lastDay = day;
    }
    return day;
  }

  /**
   * The cell as a number when it is only digits with at most one decimal point, else -1
   * (negative values are never plain: they take the text path, which refuses them).
   * Digits divided by a power of ten round exactly like `Number("12.34")`.
   */
  #plainNumber(index: number, decimals: boolean): number {
    const b = this.#bounds;
    if (b.quoted[index]) return -1;
    const start = b.starts[index] as number;
    const end = b.ends[index] as number;
    if (start === end || end - start > 15) return -1;
    const buf = this.#buf;
    let value = 0;
    let scale = 0;
    for (let i = start; i < end; i++) {
      const c = buf[i] as number;
      if (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO);
        if (scale > 0) scale *= 10;
      } else if (c === DOT && decimals && scale === 0 && i > start && i < end - 1) {
        scale = 1;
      } else {
        return -1;
      }
    }
    return scale > 1 ? value / scale : value;
  }
}

function unquote(text: string): string {
  return text.includes('""') ? text.replace(/""/g, '"') : text;
}
