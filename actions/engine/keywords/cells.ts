import type { VolumeRange } from './schema.js';

/**
 * A cell that cannot be read as what its column promises. The importer adds the file and
 * line, so the message only says what the cell held and what was expected.
 */
export class CellError extends Error {
  override readonly name = 'CellError';
}

/** What tools write for "no data": Semrush "n/a", Keyword Planner "—", Sheets "-". */
const NO_DATA = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'null', 'none', '∅']);
const NO_DATA_LONGEST = Math.max(...[...NO_DATA].map((w) => w.length));

/** The cell's text, or undefined when it says "no data" (an unknown, never a zero). */
export function cellText(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Most cells are already single-spaced and trimmed; testing is cheaper than rewriting.
  const text = /[^\S ]| {2}|^ | $/.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
  // Every "no data" word is short: longer cells skip the lower-casing.
  return text.length <= NO_DATA_LONGEST && NO_DATA.has(text.toLowerCase()) ? undefined : text;
}

const MULTIPLIER: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
const PLAIN_NUMBER = /^\d{1,15}(\.\d{1,15})?$/;

/**
 * Reads a number as keyword tools write it: "12,100", "12 100", "1.2K", "$1.20", "+15".
 * A comma followed by exactly three digits is a thousands separator ("12,100"); any other
 * single comma is a decimal comma ("0,52", from exports made in a French or German UI).
 */
export function parseNumber(raw: string | undefined, expected = 'a number such as 1200 or "12,100"') {
  // Most cells are plain decimals, which every rule below leaves as they are.
  if (raw !== undefined && PLAIN_NUMBER.test(raw)) return Math.round(Number(raw) * 1e6) / 1e6;
  const text = cellText(raw);
  if (text === undefined) return undefined;
  let s = text
    .replace(/[\s\u00a0\u202f\u2009]/g, '')
    .replace(/^(?:[A-Z]{3}|US\$|[$€£¥₹])|(?:[A-Z]{3}|[$€£¥₹])$/g, '')
    .replace(/^\+/, '');
  const suffix = /([kmb])$/i.exec(s)?.[1]?.toLowerCase();
  if (suffix) s = s.slice(0, -1);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d*,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) throw new CellError(`"${text}" is not ${expected}`);
  const value = Number(s) * (suffix ? (MULTIPLIER[suffix] ?? 1) : 1);
  return Math.round(value * 1e6) / 1e6;
}

/** A count: a number that must be whole and not negative (volumes, clicks, impressions). */
export function parseCount(raw: string | undefined, expected = 'a whole number such as 1200 or "12,100"') {
  const value = parseNumber(raw, expected);
  if (value === undefined) return undefined;
  if (value < 0) throw new CellError(`"${cellText(raw)}" is negative; expected ${expected}`);
  return Math.round(value);
}

export interface ParsedVolume {
  volume: number;
  range?: VolumeRange;
}

const RANGE = /^(.+?)\s*(?:[–—]|\s-\s|-)\s*(.+)$/;

/**
 * A monthly search volume: an exact figure, or a bucket such as "1K – 10K" (Keyword Planner
 * shows buckets to accounts with little ad spend). A bucket's single figure is its geometric
 * mean, √(low × high), with a low bound of 0 read as 1: the buckets span a factor of ten, and
 * within one the keywords crowd towards the low end (there are far more rare searches than
 * common ones), so the geometric mean (1K – 10K → 3,162) is a better central guess than the
 * midpoint (5,500), which would overstate every bucketed keyword by ~75 %.
 */
export function parseVolume(raw: string | undefined): ParsedVolume | undefined {
  const expected = 'a monthly search volume such as 1200, "12,100" or a range such as "1K – 10K"';
  const text = cellText(raw);
  if (text === undefined) return undefined;
  // A plain whole number is no range (a range needs a dash).
  if (PLAIN_NUMBER.test(text)) return { volume: parseCount(text, expected)! };
  const range = RANGE.exec(text);
  if (range) {
    const low = parseCount(range[1], expected);
    const high = parseCount(range[2], expected);
    if (low === undefined || high === undefined || low > high) {
      throw new CellError(`"${text}" is not ${expected}`);
    }
    return { volume: rangeEstimate(low, high), range: { low, high } };
  }
  const volume = parseCount(text, expected);
  return volume === undefined ? undefined : { volume };
}

/** See `parseVolume`: geometric mean of a bucket, with 0 treated as 1. */
export function rangeEstimate(low: number, high: number): number {
  return Math.round(Math.sqrt(Math.max(low, 1) * Math.max(high, 1)));
}

/**
 * A rate as a fraction 0–1: "3.2%" → 0.032. A bare number above 1 is read as a percentage
 * (a sheet that dropped the % sign); one at or below 1 as a fraction already.
 */
export function parseRate(raw: string | undefined, expected = 'a percentage such as "3.2%"') {
  const text = cellText(raw);
  if (text === undefined) return undefined;
  const percent = text.endsWith('%');
  const value = parseNumber(percent ? text.slice(0, -1) : text, expected);
  if (value === undefined) return undefined;
  const fraction = percent || value > 1 ? value / 100 : value;
  if (fraction < 0 || fraction > 1) throw new CellError(`"${text}" is not ${expected} between 0 and 100 %`);
  return Math.round(fraction * 1e6) / 1e6;
}

/**
 * Keyword Planner's words for its competition index, which Google defines by thirds of the
 * 0–100 index (low ≤ 33, medium 34–66, high ≥ 67); each word maps to the middle of its third.
 * French, German and Spanish words appear in exports made in those UIs.
 */
const COMPETITION_WORDS: Record<string, number> = {
  low: 0.17,
  medium: 0.5,
  high: 0.83,
  faible: 0.17,
  moyenne: 0.5,
  moyen: 0.5,
  élevée: 0.83,
  elevee: 0.83,
  niedrig: 0.17,
  mittel: 0.5,
  hoch: 0.83,
  baja: 0.17,
  media: 0.5,
  alta: 0.83,
};

/** Competition 0–1 from a word (Low/Medium/High), an index 0–100, or a density 0–1. */
export function parseCompetition(raw: string | undefined): number | undefined {
  const text = cellText(raw);
  if (text === undefined) return undefined;
  const word = COMPETITION_WORDS[text.toLowerCase()];
  if (word !== undefined) return word;
  const expected = 'Low, Medium, High, an index 0–100 or a density 0–1';
  const value = parseNumber(text, expected);
  if (value === undefined) return undefined;
  if (value < 0 || value > 100) throw new CellError(`"${text}" is not ${expected}`);
  return value > 1 ? value / 100 : value;
}

/** A 0–100 score such as keyword difficulty ("67", "67%", "85.18"). */
export function parseScore100(raw: string | undefined, what = 'keyword difficulty'): number | undefined {
  const text = cellText(raw);
  if (text === undefined) return undefined;
  const expected = `${what} from 0 to 100`;
  const value = parseNumber(text.endsWith('%') ? text.slice(0, -1) : text, expected);
  if (value === undefined) return undefined;
  if (value < 0 || value > 100) throw new CellError(`"${text}" is not ${expected}`);
  return value;
}

/** Money such as a CPC: "1.20", "$1.20", "0,52". */
export function parseMoney(raw: string | undefined): number | undefined {
  const value = parseNumber(raw, 'an amount of money such as 1.20');
  if (value !== undefined && value < 0) throw new CellError(`"${cellText(raw)}" is a negative amount`);
  return value;
}

/** An average position in search results: 1 or more ("4.3"). */
export function parsePosition(raw: string | undefined): number | undefined {
  const expected = 'an average position of 1 or more, such as 4.3';
  const value = parseNumber(raw, expected);
  if (value !== undefined && value < 1) throw new CellError(`"${cellText(raw)}" is not ${expected}`);
  return value;
}
