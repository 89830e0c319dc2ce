import { CellError as KeywordCellError, parseNumber } from '../keywords/cells.js';

/**
 * A cell that cannot be read as what its column promises. The reader adds the file and the
 * row; this says which column, what the cell held, what was expected and, when it is not
 * obvious, how to fix it.
 */
export class CellError extends Error {
  override readonly name = 'CellError';
  constructor(
    readonly column: string,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/** What exports write for "no data": Google Ads `--`, Semrush `n/a`, sheets `-`. */
const NO_DATA = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'null', 'none', '(not set)']);

export function isNoData(text: string): boolean {
  if (text === '') return true;
  // Most cells start with a digit or a letter other than n: no need to lower-case them.
  const c = text.charCodeAt(0);
  if (c !== 45 && c !== 110 && c !== 78 && c !== 40 && c !== 32 && c < 0x2000) return false;
  return NO_DATA.has(text.trim().toLowerCase());
}

/** A cell as text, or undefined when it says "no data". */
export function cellValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  return isNoData(text) ? undefined : text;
}

export type Quantity = 'count' | 'amount';

const EXPECTED: Record<Quantity, string> = {
  count: 'a whole number such as 1200 or "1,200"',
  amount: 'an amount such as 12.50 or "$1,234.50"',
};

/**
 * A count or an amount as exports write them: "1,234", "1 234", "$1,234.50", "€12,50",
 * "1.2K". Negative values are refused: no export of impressions, spend or revenue has them,
 * so a minus sign means a wrong column or a hand edit. Undefined for "no data".
 */
export function parseQuantity(raw: string | undefined, column: string, kind: Quantity): number | undefined {
  const text = cellValue(raw);
  if (text === undefined) return undefined;
  let value: number | undefined;
  try {
    value = parseNumber(text, EXPECTED[kind]);
  } catch (error) {
    if (error instanceof KeywordCellError) throw new CellError(column, error.message);
    throw error;
  }
  if (value === undefined) return undefined;
  if (value < 0) {
    throw new CellError(
      column,
      `"${text}" is negative`,
      kind === 'amount'
        ? 'spend and revenue cannot be negative: check the column, or leave refunds out of this export'
        : 'counts cannot be negative: check the column',
    );
  }
  if (kind === 'count' && !Number.isInteger(value)) {
    throw new CellError(column, `"${text}" is not ${EXPECTED.count}`);
  }
  return value;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** How a layout writes day numbers in slash dates: US exports (LinkedIn) write M/D/YYYY. */
export type SlashOrder = 'mdy' | 'dmy';

/**
 * A calendar date in the forms exports use: `2027-04-13`, `20270413` (GA4), `4/13/2027`
 * (LinkedIn, Mailchimp; `dmy` for European exports), `Apr 13, 2027`, `Tue, Apr 13, 2027`,
 * `13 Apr 2027`, and any of these followed by a time ("2027-04-13 09:15",
 * "2027-04-13T09:15:00Z", "Apr 13, 2027 09:00 am"). Returns yyyy-mm-dd.
 */
export function parseDay(
  raw: string | undefined,
  column: string,
  order: SlashOrder = 'mdy',
): string | undefined {
  const text = cellValue(raw);
  if (text === undefined) return undefined;
  const parts = dateParts(text, order);
  if (!parts || !validDay(parts.y, parts.m, parts.d)) {
    throw new CellError(column, `"${text}" is not a date such as 2027-04-13`);
  }
  return `${parts.y}-${pad(parts.m)}-${pad(parts.d)}`;
}

function dateParts(text: string, order: SlashOrder): { y: number; m: number; d: number } | undefined {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(text);
  if (match) return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:$|[\s,])/.exec(text);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    return order === 'mdy' ? { y: Number(match[3]), m: a, d: b } : { y: Number(match[3]), m: b, d: a };
  }
  const words = text.replace(/^[A-Za-z]{3,9},\s*/, '');
  match = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:$|[\s,])/.exec(words);
  if (match) return monthWord(match[1], Number(match[3]), Number(match[2]));
  match = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:$|[\s,])/.exec(words);
  if (match) return monthWord(match[2], Number(match[3]), Number(match[1]));
  return undefined;
}

function monthWord(word: string | undefined, y: number, d: number) {
  const m = MONTHS[(word ?? '').toLowerCase().slice(0, word?.toLowerCase().startsWith('sept') ? 4 : 3)];
  return m === undefined ? undefined : { y, m, d };
}

export function validDay(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** yyyy-mm-dd of a timestamp (ms since epoch, or ISO text), in UTC. */
export function utcDay(value: number | string): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** The next calendar day of yyyy-mm-dd. */
export function nextDay(day: string): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
}

/** utm_content of a tracked URL ("https://x.com/p?utm_content=launch-a") or '' when it has none. */
export function utmContentOf(url: string | undefined): string {
  if (!url) return '';
  const at = url.indexOf('?');
  if (at < 0) return '';
  try {
    return new URLSearchParams(url.slice(at + 1).replace(/#.*$/, '')).get('utm_content')?.trim() ?? '';
  } catch {
    return '';
  }
}

/** A URL without query, hash and trailing slash, lower-cased host: how pages are matched to assets. */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url
      .trim()
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '');
  }
}

/** A window of two days or more cut in two halves (for APIs that cap the rows of one answer). */
export function splitWindow(w: { from: string; to: string }): { from: string; to: string }[] {
  const from = Date.parse(`${w.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${w.to}T00:00:00Z`) - from) / 86_400_000);
  const mid = utcDay(from + Math.floor(days / 2) * 86_400_000);
  return [
    { from: w.from, to: mid },
    { from: nextDay(mid), to: w.to },
  ];
}
