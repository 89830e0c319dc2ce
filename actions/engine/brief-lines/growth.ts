import type { Period } from '../artifacts/brief-parts.js';
import type { Quantity } from './quantity.js';
import type { Span } from './text.js';

/** Words before a number that make it the value today ("from 12,000", "baseline: 12k", "currently 300"). */
const BASELINE_BEFORE =
  /(?:\bfrom|\bbaseline(?:\s+of)?|\bcurrently(?:\s+at)?|\bnow(?:\s+at)?|\btoday(?:\s+at)?|\bvs\.?|\bversus|\bcompared (?:to|with)|\bstarting (?:at|from))\s*[:=]?\s*\(?\s*$/i;
/** Words after a number that make it the value today ("12k today", "300 last quarter"). */
const BASELINE_AFTER =
  /^\s*[a-z\s-]{0,30}?\b(?:today|now|currently|at present|last (?:quarter|month|year|period))\b/i;
/** Words before a number that make it the target of a change ("from 300 to 500"). */
const TARGET_BEFORE = /\bto\s*$/i;

export interface GrowthParts {
  growth?: Quantity;
  baseline?: Quantity;
  /** Plain numbers that are neither growth nor baseline: candidates for the target. */
  targets: Quantity[];
  /** More than one percentage: the growth is unclear. */
  percents: Quantity[];
}

/**
 * Sorts the numbers of an objective into growth (a percentage), baseline (the value today) and target
 * candidates. "Grow organic sessions by 30% from 12,000", "5% blog growth (baseline 20K a month)",
 * "Increase MQLs from 300 to 500".
 */
export function sortNumbers(text: string, quantities: readonly Quantity[]): GrowthParts {
  const percents = quantities.filter((q) => q.percent);
  const plain = quantities.filter((q) => !q.percent);
  let baseline: Quantity | undefined;
  const targets: Quantity[] = [];
  for (const q of plain) {
    const before = text.slice(Math.max(0, q.start - 40), q.start);
    const after = text.slice(q.end, q.end + 40);
    const isBaseline = BASELINE_BEFORE.test(before) || BASELINE_AFTER.test(after);
    if (isBaseline && !TARGET_BEFORE.test(before) && baseline === undefined) baseline = q;
    else targets.push(q);
  }
  return {
    ...(percents.length === 1 && percents[0] ? { growth: percents[0] } : {}),
    ...(baseline ? { baseline } : {}),
    targets,
    percents,
  };
}

const PERIOD_WORDS: readonly (readonly [RegExp, Period])[] = [
  [/\b(?:daily|a day|per day|each day|every day|\/\s?day)\b/i, 'day'],
  [/\b(?:weekly|a week|per week|each week|every week)\b|\/\s?(?:week|wk)\b/i, 'week'],
  [/\b(?:monthly|a month|per month|each month|every month)\b|\/\s?(?:month|mo)\b/i, 'month'],
  [/\b(?:quarterly|a quarter|per quarter|each quarter|every quarter)\b|\/\s?(?:quarter|qtr)\b/i, 'quarter'],
  [/\b(?:yearly|annual|annually|a year|per year|each year|every year)\b|\/\s?(?:year|yr)\b/i, 'year'],
];

/** "20,000 visitors a month", "monthly sessions": the period the figures are per, and where it was said. */
export function findPeriod(text: string): { period: Period; span: Span } | undefined {
  for (const [pattern, period] of PERIOD_WORDS) {
    const m = pattern.exec(text);
    if (m) return { period, span: { start: m.index, end: m.index + m[0].length } };
  }
  return undefined;
}
