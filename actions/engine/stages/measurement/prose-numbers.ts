import type { Problem } from '../../errors.js';

/**
 * Every number in the model's prose must be one the report computed. Numbers are read with their unit:
 * a percent (`13.4%`, `13.4 %`, `13.4 percent`), money (`USD 1,234`, `$1,234`, `€90`), a multiple (`2.6x`),
 * thousands and millions (`18.2k`, `1.3M`), or bare (`449`). A figure matches a computed value when it
 * is that value rounded (or cut) to the decimals written: `USD 102` matches 101.77, `13.4%` matches the
 * ratio 0.1338. A round figure with trailing zeros is read to its significant digits (`29,000` matches
 * 29,026), but a one-digit figure (`100`, `500`) must be exact. A percent matches a ratio (×100) or a
 * value already in percent. Not checked: whole numbers up to 10 with no unit (ordinals, "email 2"),
 * years, dates and numbers inside words or identifiers (`Q3`, `search-a2`, `2027-06-28`).
 */

export interface ProseNumber {
  /** The text as written, e.g. "USD 1,234" or "13.4%". */
  text: string;
  value: number;
  /** Decimals written (after scaling k/M away: "18.2k" has 1 at a scale of 1,000). */
  decimals: number;
  scale: number;
  percent: boolean;
}

/** A computed figure: its value, and whether it is a ratio a percent may show (×100). */
export interface Figure {
  value: number;
  ratio: boolean;
}

const CURRENCY = '(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|[$€£¥])';
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;
const PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_./:-])(?:(${CURRENCY})\s?)?[-−+]?(${NUMBER})(?:\s?(%|percent\b|pp\b|x\b|×|k\b|K\b|M\b|m\b|bn\b))?(?![\p{L}\p{N}_]|[-/:]\p{N}|\.\p{N})`,
  'gu',
);
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const DAY_MONTH =
  /\b(\d{1,2})(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/g;

/** The numbers of a text, with their units. Dates are blanked out first: they are not figures. */
export function proseNumbers(text: string): ProseNumber[] {
  const blanked = text
    .replace(ISO_DATE, (d) => ' '.repeat(d.length))
    .replace(DAY_MONTH, (d) => ' '.repeat(d.length));
  const out: ProseNumber[] = [];
  for (const m of blanked.matchAll(PATTERN)) {
    const digits = m[2]!.replaceAll(',', '');
    const unit = m[3];
    const value = Number(digits);
    if (!Number.isFinite(value)) continue;
    const decimals = digits.includes('.') ? digits.split('.')[1]!.length : 0;
    const scale =
      unit === 'k' || unit === 'K' ? 1e3 : unit === 'M' || unit === 'm' ? 1e6 : unit === 'bn' ? 1e9 : 1;
    const percent = unit === '%' || unit === 'percent' || unit === 'pp';
    if (!m[1] && !unit && decimals === 0 && value <= 10) continue;
    if (!m[1] && !unit && decimals === 0 && value >= 1900 && value <= 2100 && !m[2]!.includes(',')) continue;
    out.push({ text: m[0].trim(), value, decimals, scale, percent });
  }
  return out;
}

/** Whether `written` (with its decimals and scale) is `value` rounded or cut to what is written. */
export function writtenAs(value: number, n: Pick<ProseNumber, 'value' | 'decimals' | 'scale'>): boolean {
  const v = Math.abs(value) / n.scale;
  const unit = 10 ** -n.decimals;
  if (Math.abs(v - n.value) < unit - 1e-9) return true;
  // A round figure (29,000) is read to its significant digits: 290 hundreds, tolerance half a hundred.
  if (n.decimals === 0 && n.scale === 1) {
    const trailing = /0+$/.exec(String(n.value))?.[0].length ?? 0;
    const significant = String(n.value).length - trailing;
    if (trailing > 0 && significant >= 2) return Math.abs(v - n.value) <= 0.5 * 10 ** trailing;
  }
  return false;
}

function matches(n: ProseNumber, figures: readonly Figure[]): boolean {
  return figures.some((f) => {
    if (n.percent) return (f.ratio && writtenAs(f.value * 100, n)) || writtenAs(f.value, n);
    return writtenAs(f.value, n);
  });
}

/** Every numeric leaf of the computed data; keys that hold ratios (rates, shares, changes) may show as percent. */
export function figuresOf(data: unknown, ratioKey: RegExp = RATIO_KEY): Figure[] {
  const out: Figure[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ value, ratio: ratioKey.test(key) });
    else if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(data, '');
  return out;
}

/** Keys whose numbers are fractions of 1 (0.134 is 13.4 %). */
export const RATIO_KEY = /(ctr|rate|share|pacing|pace|attainment|change|roi|roas|elapsed|agreement)$/i;

/**
 * Problems for every number of the prose fields that is not a computed figure, each naming the field and
 * the figure as written, so the model can correct it.
 */
export function uncomputedNumbers(fields: Record<string, string>, figures: readonly Figure[]): Problem[] {
  const problems: Problem[] = [];
  for (const [where, text] of Object.entries(fields)) {
    for (const n of proseNumbers(text)) {
      if (!matches(n, figures))
        problems.push({
          where,
          message: `"${n.text}" is not a number in the measured data: use only the figures given (rounded as you like), or say it in words`,
        });
    }
  }
  return problems;
}
