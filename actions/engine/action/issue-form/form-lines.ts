import { AssetType } from '../../assets/asset-type.js';
import { normaliseMetric, OBJECTIVE_METRICS, type ObjectiveMetric } from '../../planning/metrics.js';
import { ASSET_LINE_EXAMPLE, OBJECTIVE_LINE_EXAMPLE } from './campaign-form.js';

/**
 * Readers for the free-text answers of the campaign issue form: numbers and money, lists, objective
 * lines and asset lines. Each returns a value or a message saying what to write instead; user text is
 * quoted with `quote` so the message can be shown in an issue comment safely.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/** A user's text inside an inline code span: one line, no backticks, at most 60 characters. */
export function quote(text: string): string {
  const flat = text.replace(/[`\r\n]+/g, ' ').trim();
  const short = flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
  return `\`${short === '' ? ' ' : short}\``;
}

/** One non-blank line of a textarea, with its 1-based line number as the user sees it. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Splits a textarea answer into lines, dropping list bullets (`- `, `* `, `1. `) and blank lines. */
export function answerLines(text: string | undefined): NumberedLine[] {
  if (text === undefined) return [];
  const out: NumberedLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripBullet(raw);
    if (line !== '') out.push({ line: i + 1, text: line });
  });
  return out;
}

function stripBullet(text: string): string {
  return text
    .trim()
    .replace(/^(?:[-*+•]|\d{1,3}[.)])\s+/, '')
    .replace(/^\[[ xX]\]\s+/, '')
    .trim();
}

/** A comma (or semicolon, or newline) separated list; empty items dropped. */
export function splitList(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/[,;\n]/)
    .map(stripBullet)
    .filter((item) => item !== '');
}

/** One item per line; a single-line answer may also separate items with commas or semicolons. */
export function splitLines(text: string | undefined): string[] {
  const lines = answerLines(text).map((l) => l.text);
  return lines.length === 1 ? splitList(lines[0]) : lines;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

export interface Money {
  amount: number;
  /** An ISO code or symbol written next to the number, when there was one. */
  currency?: string;
}

/**
 * Reads `25000`, `25,000`, `25 000`, `25k`, `1.5m`, `$25,000`, `EUR 25000`, `-500`. Commas and spaces
 * are thousands separators only (`25,5` is refused rather than guessed).
 */
export function readMoney(text: string): Read<Money> {
  let rest = text.trim().replace(/\u2212/g, '-');
  let currency: string | undefined;
  const code = /(?:^|[\s\d-])([A-Z]{3})(?=$|[\s\d])/.exec(rest);
  if (code?.[1]) {
    currency = code[1];
    rest = rest.replace(code[1], ' ');
  }
  for (const [symbol, iso] of Object.entries(CURRENCY_SYMBOLS)) {
    if (rest.includes(symbol)) {
      currency ??= iso;
      rest = rest.replace(symbol, ' ');
    }
  }
  rest = rest.replace(/\s+/g, ' ').trim();
  const match = /^(-)? ?(\d{1,3}(?:[, ]\d{3})+|\d+)(\.\d+)? ?([kKmM])?$/.exec(rest);
  if (!match) return { ok: false, message: `${quote(text)} is not a number` };
  const [, sign, whole = '', fraction = '', suffix] = match;
  let amount = Number(`${whole.replace(/[, ]/g, '')}${fraction}`);
  if (suffix) amount *= suffix.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  if (sign) amount = -amount;
  return { ok: true, value: currency === undefined ? { amount } : { amount, currency } };
}

/** The first ISO 4217 code in a dropdown answer such as `EUR (euro)`. */
export function readCurrencyCode(text: string): string | undefined {
  return /^\s*([A-Za-z]{3})\b/.exec(text)?.[1]?.toUpperCase();
}

export interface ObjectiveLine {
  metric: ObjectiveMetric;
  target: number;
  unit: string;
  deadline: string;
  description: string;
  businessGoal?: string;
}

/** Separates the objective from its business goal: an em or en dash, ` -- ` or a spaced hyphen. */
const GOAL_SEPARATOR = /\s*[—–]\s*|\s+--?\s+/;

/** The target at the start of an objective: `500`, `1,500`, `1.5k`, `$250k`, `EUR 40000`, `-5`. */
const NUMBERED =
  /^((?:[A-Z]{3}\s*)?[-\u2212]?\s*[$€£¥]?\s*\d[\d,]*(?:\.\d+)?(?:\s?[kKmM](?![A-Za-z]))?)\s+(.+)$/;

/**
 * Reads `<number> <metric> by <yyyy-mm-dd> — <business goal>`, e.g. `500 mqls by 2025-06-30 — Pipeline
 * for Q3`, `40 demo requests by 2025-06-15`, `$250k revenue by 2025-06-30`. The metric may be any synonym
 * `normaliseMetric` knows. Revenue is in the currency written with the number, else `defaultCurrency`;
 * other metrics count (`unit: 'count'`). The date is checked later by the Brief schema.
 */
export function readObjectiveLine(text: string, defaultCurrency: string | undefined): Read<ObjectiveLine> {
  const separator = GOAL_SEPARATOR.exec(text);
  const main = (separator ? text.slice(0, separator.index) : text).trim();
  const goal = separator ? text.slice(separator.index + separator[0].length).trim() : '';

  const dated = /^(.*?)\s+(?:by|before|until)\s*:?\s+(\S+?)\.?$/i.exec(main);
  const head = (dated ? dated[1] : main)?.trim() ?? '';
  const deadline = dated?.[2];

  let money: Money | undefined;
  let words = head;
  const numbered = NUMBERED.exec(head);
  if (numbered?.[1] && numbered[2]) {
    const read = readMoney(numbered[1]);
    if (read.ok) {
      money = read.value;
      words = numbered[2];
    }
  }
  if (!money || !deadline) {
    const missing = [
      ...(money ? [] : ['a target number']),
      ...(deadline ? [] : ['a deadline (`by yyyy-mm-dd`)']),
    ];
    return {
      ok: false,
      message: `${quote(text)} needs ${missing.join(' and ')}; write it like \`${OBJECTIVE_LINE_EXAMPLE}\``,
    };
  }

  // "250,000 USD revenue", "1,000 new leads", "$50k in revenue"
  const code = /^([A-Z]{3})\s+/.exec(words)?.[1];
  words = words
    .replace(/^[A-Z]{3}\s+/, '')
    .replace(/^(?:in|of|new)\s+/i, '')
    .replace(/[.!]+$/, '')
    .trim();
  const metric = normaliseMetric(words);
  if (!metric) {
    return {
      ok: false,
      message:
        `${quote(words)} is not a metric Crescendo can measure; use one of ${OBJECTIVE_METRICS.join(', ')} ` +
        `(or a synonym such as "MQLs" or "demo requests"), like \`${OBJECTIVE_LINE_EXAMPLE}\``,
    };
  }
  const currency = money.currency ?? code;
  const unit = metric === 'revenue' ? (currency ?? defaultCurrency ?? 'count') : 'count';
  return {
    ok: true,
    value: {
      metric,
      target: money.amount,
      unit,
      deadline,
      description: main,
      ...(goal === '' ? {} : { businessGoal: goal }),
    },
  };
}

/** Human names for asset types; keys are normalised by `assetKey`. */
const ASSET_ALIASES: Readonly<Record<string, AssetType>> = {
  blog: 'blog-post',
  'blog-article': 'blog-post',
  article: 'blog-post',
  'seo-article': 'blog-post',
  landing: 'landing-page',
  lp: 'landing-page',
  'email-nurture': 'email-sequence',
  'nurture-sequence': 'email-sequence',
  'nurture-email-sequence': 'email-sequence',
  'drip-sequence': 'email-sequence',
  'drip-campaign': 'email-sequence',
  'email-campaign': 'email-sequence',
  social: 'social-post',
  'social-media-post': 'social-post',
  'linkedin-post': 'social-post',
  tweet: 'social-post',
  'x-post': 'social-post',
  rsa: 'google-rsa',
  'google-ad': 'google-rsa',
  'google-search-ad': 'google-rsa',
  'responsive-search-ad': 'google-rsa',
  'google-responsive-search-ad': 'google-rsa',
  'search-ad': 'google-rsa',
  'linkedin-sponsored-post': 'linkedin-ad',
  'sponsored-content': 'linkedin-ad',
  ebook: 'lead-magnet',
  'e-book': 'lead-magnet',
  whitepaper: 'lead-magnet',
  'white-paper': 'lead-magnet',
  guide: 'lead-magnet',
  checklist: 'lead-magnet',
};

function assetKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[()"'`]/g, '')
    .replace(/[\s_/]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Maps `blog posts`, `Social posts`, `Google ads`, `ebook`, `blog-post` to an asset type. */
export function normaliseAssetType(text: string): AssetType | undefined {
  const key = assetKey(text);
  for (const candidate of [key, key.replace(/s$/, ''), key.replace(/es$/, '')]) {
    const direct = AssetType.safeParse(candidate);
    if (direct.success) return direct.data;
    const alias = ASSET_ALIASES[candidate];
    if (alias) return alias;
  }
  return undefined;
}

export interface AssetLine {
  type: AssetType;
  count: number;
}

/**
 * Reads `<type>: <count>` (`blog-post: 3`, `social posts: 20`), also `<type> x <count>`, `<count> <type>`
 * (`3 blog posts`) and a bare `<type>` for one. Counts are checked later by the Brief schema.
 */
export function readAssetLine(text: string): Read<AssetLine> {
  let typeText = text;
  let countText: string | undefined;
  const patterns = [
    /^(?<type>.+?)\s*[:=]\s*(?<count>.*)$/,
    /^(?<type>.+?)\s+[x×]\s*(?<count>-?\d+(?:\.\d+)?)$/i,
    /^(?<count>-?\d+(?:\.\d+)?)\s*[x×]?\s+(?<type>.+)$/i,
  ];
  for (const pattern of patterns) {
    const groups = pattern.exec(text)?.groups;
    if (groups?.type !== undefined) {
      typeText = groups.type;
      countText = groups.count;
      break;
    }
  }
  const type = normaliseAssetType(typeText);
  if (!type) {
    return {
      ok: false,
      message:
        `${quote(typeText)} is not an asset type Crescendo writes; use one of ${AssetType.options.join(', ')} ` +
        `(or a plain name such as "blog posts"), like \`${ASSET_LINE_EXAMPLE}\``,
    };
  }
  if (countText === undefined || countText.trim() === '') return { ok: true, value: { type, count: 1 } };
  const count = /^(-?\d+(?:\.\d+)?)\b/.exec(countText.trim())?.[1];
  if (count === undefined) {
    return {
      ok: false,
      message: `${quote(countText)} is not a count; write how many as a whole number, like \`${ASSET_LINE_EXAMPLE}\``,
    };
  }
  return { ok: true, value: { type, count: Number(count) } };
}
