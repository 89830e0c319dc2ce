import { formatIsoDate, isIsoDate } from '../planning/dates.js';
import type { Timeframe } from './deadline.js';
import { accept, ask, type LineRead } from './result.js';
import { plain } from './text.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function lastDay(year: number, month: number): string {
  return formatIsoDate(Date.UTC(year, month + 1, 0));
}

function firstDay(year: number, month: number): string {
  return formatIsoDate(Date.UTC(year, month, 1));
}

/**
 * A time frame written in words: `Q2 2027`, `H1 2027`, `June 2027`, `2027-04-01 to 2027-06-30`
 * (also with a dash or "through"). Anything else asks for the two dates.
 */
export function readTimeframe(text: string): LineRead<Timeframe> {
  const t = plain(text);
  const quarter = /^Q([1-4])\s*(?:of\s+)?((?:19|20)\d{2})$/i.exec(t);
  if (quarter) {
    const q = Number(quarter[1]) - 1;
    const year = Number(quarter[2]);
    return accept({ start: firstDay(year, q * 3), end: lastDay(year, q * 3 + 2) });
  }
  const half = /^H([12])\s*((?:19|20)\d{2})$/i.exec(t);
  if (half) {
    const year = Number(half[2]);
    return half[1] === '1'
      ? accept({ start: `${year}-01-01`, end: `${year}-06-30` })
      : accept({ start: `${year}-07-01`, end: `${year}-12-31` });
  }
  const month = /^([a-z]{3})[a-z]*\.?\s+((?:19|20)\d{2})$/i.exec(t);
  const index = MONTHS.indexOf((month?.[1] ?? '').toLowerCase());
  if (month && index >= 0) {
    const year = Number(month[2]);
    return accept({ start: firstDay(year, index), end: lastDay(year, index) });
  }
  const range = /^(\d{4}-\d{2}-\d{2})\s*(?:to|through|until|–|—|-)\s*(\d{4}-\d{2}-\d{2})$/i.exec(t);
  if (range?.[1] && range[2] && isIsoDate(range[1]) && isIsoDate(range[2])) {
    return accept({ start: range[1], end: range[2] });
  }
  return ask(text, 'which dates does the campaign run? Write `Q2 2027` or `2027-04-01 to 2027-06-30`');
}
