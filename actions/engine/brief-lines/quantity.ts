import { WORD_NUMBERS } from './number-words.js';
import type { Span } from './text.js';

/** A number found in a line, with what was written around it. */
export interface Quantity extends Span {
  value: number;
  /** The number as written, symbols and suffixes included. */
  raw: string;
  percent: boolean;
  /** ISO 4217 code of a currency symbol, code or word written with the number. */
  currency?: string;
  /** Written as a word ("three", "a dozen"). */
  word?: boolean;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  C$: 'CAD',
  CA$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  HK$: 'HKD',
  S$: 'SGD',
  R$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
};

const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
};

/** Every ISO 4217 code the runtime knows; codes count only when written in capitals. */
const ISO_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(text: string): boolean {
  return ISO_CODES.has(text);
}

const SUFFIX: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const SYMBOL = '(?:US|CA|C|AU|A|NZ|HK|S|R)?\\$|[€£¥₹]';
const NUMBER = new RegExp(
  [
    '(?<![\\p{L}\\p{N}.,])',
    `(?<pre>(?:${SYMBOL})\\s?|[A-Z]{3}\\s)?`,
    '(?<sign>-\\s?)?',
    `(?<pre2>(?:${SYMBOL})\\s?)?`,
    '(?<whole>\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+(?!\\d))(?!,\\d)(?<frac>\\.\\d+)?',
    '(?:\\s?(?<suffix>k|mm|mn|m|bn|b|thousand|million|billion)(?![\\p{L}\\p{N}]))?',
    '(?<pct>\\s?(?:%|percent(?![\\p{L}])|per cent(?![\\p{L}])))?',
    '(?<post>\\s?(?:[€£¥₹]|[A-Z]{3}(?![\\p{L}])|(?:dollars?|bucks|euros?|pounds?)(?![\\p{L}])))?',
  ].join(''),
  'giu',
);

const WORD_NUMBER = new RegExp(
  `(?<![\\p{L}])(${Object.keys(WORD_NUMBERS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}])`,
  'giu',
);

function currencyOf(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  if (SYMBOLS[t]) return SYMBOLS[t];
  if (isCurrencyCode(t)) return t;
  return CURRENCY_WORDS[t.toLowerCase()];
}

/**
 * Every number in a line: `400`, `1,500`, `2.5k`, `50K`, `$45K`, `€30k`, `45,000 USD`, `EUR 40000`, `30%`,
 * `three`. A code such as `MQL` after a number is not a currency; only real ISO codes in capitals are.
 * Numbers glued to letters (`Q3`, `B2B`) are not quantities.
 */
export function findQuantities(text: string, options: { words?: boolean } = {}): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const g = m.groups ?? {};
    let start = m.index;
    let raw = m[0];
    let pre = currencyOf(g.pre) ?? currencyOf(g.pre2);
    if (g.pre && !pre) {
      // Three capitals before a number that are not a currency ("MQL 500") belong to the words.
      start += g.pre.length;
      raw = raw.slice(g.pre.length);
      pre = currencyOf(g.pre2);
    }
    const post = currencyOf(g.post);
    if (g.post && !post) raw = raw.slice(0, raw.length - g.post.length);
    raw = raw.trimEnd();
    const whole = (g.whole ?? '').replace(/,/g, '');
    let value = Number(`${whole}${g.frac ?? ''}`);
    if (g.suffix) value *= SUFFIX[g.suffix.toLowerCase()] ?? 1;
    if (g.sign) value = -value;
    value = Math.round(value * 1e6) / 1e6;
    const currency = pre ?? post;
    out.push({
      start,
      end: start + raw.length,
      value,
      raw,
      percent: g.pct !== undefined,
      ...(currency === undefined ? {} : { currency }),
    });
  }
  if (options.words) {
    for (const m of text.matchAll(WORD_NUMBER)) {
      const key = (m[1] ?? '').toLowerCase();
      const value = WORD_NUMBERS[key];
      if (value === undefined) continue;
      out.push({ start: m.index, end: m.index + m[0].length, value, raw: m[0], percent: false, word: true });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** The amount of a text that is exactly one number (`45K`, `$45,000`, `1.5m`), else undefined. */
export function wholeQuantity(text: string): Quantity | undefined {
  const trimmed = text.trim();
  const found = findQuantities(trimmed);
  const only = found[0];
  return found.length === 1 && only && only.start === 0 && only.end === trimmed.length ? only : undefined;
}

/** `1,500`, `45,000`, `2.5` as people read them. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
