import { addDays, formatIsoDate, isIsoDate } from '../planning/dates.js';
import { overlaps, type Span } from './text.js';

/** The campaign's dates, both inclusive, `yyyy-mm-dd`. Relative deadlines are resolved against them. */
export interface Timeframe {
  start: string;
  end: string;
}

/** A deadline found in a line: a date, or the question to ask when it reads two ways or lacks a year. */
export interface DeadlineMatch extends Span {
  /** The date as written, without the word before it ("end of Q2"). */
  raw: string;
  /** With the word before it ("by end of Q2"). */
  written: string;
  date?: string;
  question?: string;
  /** Written after `by`, `before`, `until` or `due`: a deadline for sure, not a period ("for Q3"). */
  strong: boolean;
}

const MONTHS = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sept?(?:ember)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
];
const MONTH = `(?<month>${MONTHS.join('|')})\\.?`;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const YEAR = '(?<year>(?:19|20)\\d{2})';
const DAY = '(?<day>\\d{1,2})(?:st|nd|rd|th)?';
const BY =
  '(?:(?:by|before|until|till|through|thru|no later than|in|within|during|for|on|at|due)\\s+)?(?:the\\s+)?';

const LEADING_WORD =
  /^(?:(?:by|before|until|till|through|thru|no later than|in|within|during|for|on|at|due)\s+)?(?:the\s+)?(?=\S)/i;
const STRONG = /^(?:by|before|until|till|through|thru|no later than|due)\b/i;

type Groups = Record<string, string | undefined>;
type Resolved = { date: string } | { question: string };
type Resolver = (g: Groups, raw: string, timeframe: Timeframe | undefined) => Resolved;

function monthIndex(text: string | undefined): number {
  const t = (text ?? '').toLowerCase();
  return MONTHS.findIndex((m) => new RegExp(`^(?:${m})$`).test(t));
}

function lastDay(year: number, month: number): string {
  return formatIsoDate(Date.UTC(year, month + 1, 0));
}

function dayOf(year: number, month: number, day: number): string | undefined {
  const text = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(text) ? text : undefined;
}

/** The year that puts a month (and day) inside the time frame, else the first year after its start. */
function inTimeframe(
  make: (year: number) => string | undefined,
  raw: string,
  timeframe: Timeframe | undefined,
  yearText: string | undefined,
): Resolved {
  if (yearText) {
    const date = make(Number(yearText));
    return date ? { date } : { question: `\`${raw}\` is not a day on the calendar; which day did you mean?` };
  }
  if (!timeframe || !isIsoDate(timeframe.start) || !isIsoDate(timeframe.end)) {
    return { question: `which year is \`${raw}\`? Write the date as yyyy-mm-dd` };
  }
  const first = Number(timeframe.start.slice(0, 4));
  const last = Number(timeframe.end.slice(0, 4));
  const candidates: string[] = [];
  for (let year = first; year <= last; year++) {
    const date = make(year);
    if (date) candidates.push(date);
  }
  const inside = candidates.find((d) => d >= timeframe.start && d <= timeframe.end);
  // None inside: the first after the start, so the schema can say it falls outside the time frame.
  const date = inside ?? candidates.find((d) => d >= timeframe.start) ?? candidates.at(-1) ?? make(first);
  return date ? { date } : { question: `\`${raw}\` is not a day on the calendar; which day did you mean?` };
}

function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3);
}

function afterStart(timeframe: Timeframe | undefined, months: number, days: number, raw: string): Resolved {
  if (!timeframe || !isIsoDate(timeframe.start)) {
    return { question: `\`${raw}\` from when? Write the date as yyyy-mm-dd` };
  }
  const start = new Date(`${timeframe.start}T00:00:00Z`);
  const moved = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate());
  return { date: addDays(formatIsoDate(moved), days - 1) };
}

const DURATION_UNITS: Readonly<Record<string, [months: number, days: number]>> = {
  day: [0, 1],
  week: [0, 7],
  month: [1, 0],
  quarter: [3, 0],
};
const COUNT_WORDS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, six: 6 };

/** Each deadline form, most specific first; a later form never takes text an earlier one matched. */
const FORMS: readonly [RegExp, Resolver][] = [
  [
    /(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})/,
    (g, raw) => {
      const date = dayOf(Number(g.y), Number(g.m) - 1, Number(g.d));
      return date
        ? { date }
        : { question: `\`${raw}\` is not a day on the calendar; which day did you mean?` };
    },
  ],
  [
    /(?<a>\d{1,2})[/.](?<b>\d{1,2})[/.](?<y>\d{4}|\d{2})(?!\d)/,
    (g, raw) => {
      const a = Number(g.a);
      const b = Number(g.b);
      const year = Number(g.y) < 100 ? 2000 + Number(g.y) : Number(g.y);
      const dayFirst = dayOf(year, b - 1, a);
      const monthFirst = dayOf(year, a - 1, b);
      if (a !== b && dayFirst && monthFirst) {
        return {
          question: `is \`${raw}\` ${a} ${MONTH_NAMES[b - 1]} or ${MONTH_NAMES[a - 1]} ${b}? Write it as ${dayFirst} or ${monthFirst}`,
        };
      }
      const date = monthFirst ?? dayFirst;
      return date
        ? { date }
        : { question: `\`${raw}\` is not a day on the calendar; which day did you mean?` };
    },
  ],
  [
    new RegExp(
      `(?:end of\\s+)?(?:Q(?<q>[1-4])|(?<q2>[1-4])(?:st|nd|rd|th)\\s+quarter)(?:\\s+(?:of\\s+)?${YEAR})?(?:\\s+end)?`,
    ),
    (g, raw, tf) => {
      const q = Number(g.q ?? g.q2) - 1;
      return inTimeframe((y) => lastDay(y, q * 3 + 2), raw, tf, g.year);
    },
  ],
  [
    new RegExp(`(?:end of\\s+)?H(?<h>[12])(?:\\s+${YEAR})?`),
    (g, raw, tf) => inTimeframe((y) => lastDay(y, g.h === '1' ? 5 : 11), raw, tf, g.year),
  ],
  [
    new RegExp(`end of\\s+${MONTH}(?:,?\\s+${YEAR})?`),
    (g, raw, tf) => inTimeframe((y) => lastDay(y, monthIndex(g.month)), raw, tf, g.year),
  ],
  [
    new RegExp(`${MONTH}\\s+${DAY}(?!\\d)(?:,?\\s+${YEAR})?`),
    (g, raw, tf) => inTimeframe((y) => dayOf(y, monthIndex(g.month), Number(g.day)), raw, tf, g.year),
  ],
  [
    new RegExp(`${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?`),
    (g, raw, tf) => inTimeframe((y) => dayOf(y, monthIndex(g.month), Number(g.day)), raw, tf, g.year),
  ],
  [
    new RegExp(`(?:by|before|until)\\s+${MONTH}(?:\\s+${YEAR})?`),
    (g) => {
      const name = MONTH_NAMES[monthIndex(g.month)] ?? g.month;
      return { question: `the start or the end of ${name}? Write \`by end of ${name}\` or \`by ${name} 1\`` };
    },
  ],
  [
    new RegExp(`(?:end of|during|in)\\s+${MONTH}(?:\\s+${YEAR})?`),
    (g, raw, tf) => inTimeframe((y) => lastDay(y, monthIndex(g.month)), raw, tf, g.year),
  ],
  [new RegExp(`(?:the\\s+)?end of\\s+${YEAR}`), (g) => ({ date: `${g.year}-12-31` })],
  [
    /(?:the\s+)?end of(?:\s+the)?\s+year|\bEOY\b|year[- ]end/,
    (_, raw, tf) => inTimeframe((y) => `${y}-12-31`, raw, tf, tf ? tf.end.slice(0, 4) : undefined),
  ],
  [
    /(?:the\s+)?end of(?:\s+the)?\s+(?:campaign|time ?frame|period|flight)|campaign end/,
    (_, _raw, tf) =>
      tf && isIsoDate(tf.end) ? { date: tf.end } : { question: `when does the campaign end? Write the date` },
  ],
  [
    /(?:in|within)\s+(?<n>\d+|an?|one|two|three|six)\s+(?<unit>day|week|month|quarter)s?/,
    (g, raw, tf) => {
      const n = COUNT_WORDS[(g.n ?? '').toLowerCase()] ?? Number(g.n);
      const [months, days] = DURATION_UNITS[(g.unit ?? '').toLowerCase()] ?? [0, 0];
      return afterStart(tf, months * n, days * n || 0, raw);
    },
  ],
  [
    /(?:the\s+)?end of(?:\s+the)?\s+quarter|this quarter|(?:the\s+)?quarter[- ]end|\bEOQ\b|the quarter/,
    (_, raw, tf) => {
      if (!tf || !isIsoDate(tf.start)) return { question: `which quarter is \`${raw}\`? Write the date` };
      const year = Number(tf.start.slice(0, 4));
      return { date: lastDay(year, quarterOf(tf.start) * 3 + 2) };
    },
  ],
];

/**
 * Every deadline in a line: `2025-06-30`, `June 30`, `30 June 2027`, `end of Q2`, `Q2 2027`, `H1`,
 * `end of June`, `this quarter`, `in a quarter`, `end of the campaign`, `06/30/2027`, each with the
 * word before it (`by`, `before`, `until`, `in`…) so that removing the span leaves the rest of the line.
 * Dates without a year take the year that puts them inside the time frame. Text that reads two ways
 * (`06/07/2027`, `by June`) comes back with a question instead of a date.
 */
export function findDeadlines(text: string, timeframe?: Timeframe): DeadlineMatch[] {
  const found: DeadlineMatch[] = [];
  for (const [form, resolve] of FORMS) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${BY}(?:${form.source})(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(pattern)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (found.some((f) => overlaps(f, span))) continue;
      const raw = m[0].trim().replace(LEADING_WORD, '');
      const resolved = resolve(m.groups ?? {}, raw, timeframe);
      const written = m[0].trim();
      found.push({ ...span, raw, written, ...resolved, strong: STRONG.test(written) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
