/**
 * Calendar dates as ISO `YYYY-MM-DD` strings, computed in UTC so that a plan made on a
 * runner in one time zone is the same plan on a laptop in another. No times of day:
 * marketing plans are made in whole days.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds since the epoch at UTC midnight, or undefined when `text` is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it.
  return formatIsoDate(ms) === text ? ms : undefined;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses or throws; for dates that were already validated upstream. */
export function requireIsoDate(text: string): number {
  const ms = parseIsoDate(text);
  if (ms === undefined) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${text}`);
  return ms;
}

export function addDays(date: string, days: number): string {
  return formatIsoDate(requireIsoDate(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((requireIsoDate(to) - requireIsoDate(from)) / DAY_MS);
}

/** A campaign window; both dates are inclusive. */
export interface DateWindow {
  start: string;
  end: string;
}

/** Number of calendar days in an inclusive window (a one-day window has 1). */
export function windowDays(window: DateWindow): number {
  return daysBetween(window.start, window.end) + 1;
}

export function isWithinWindow(date: string, window: DateWindow): boolean {
  return date >= window.start && date <= window.end; // ISO dates sort as strings
}
