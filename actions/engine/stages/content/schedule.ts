import type { Cadence } from '../../artifacts/brief-parts.js';
import { addDays, type DateWindow, daysBetween } from '../../planning/dates.js';

const DAY_MS = 86_400_000;
const weekday = (date: string): number => new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay();
const isWeekend = (date: string): boolean => weekday(date) === 0 || weekday(date) === 6;

function addMonths(date: string, months: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`));
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

const nextWeekday = (date: string): string => {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
};

/** The `n`-th weekday (0-based) on or after `start`. */
function nthWeekday(start: string, n: number): string {
  let d = nextWeekday(start);
  for (let left = n; left > 0; left--) d = nextWeekday(addDays(d, 1));
  return d;
}

/**
 * The `k`-th slot (0-based) of a cadence from `start`: `times` slots per `every` × `unit`, spread evenly
 * inside each period ("2 posts/week" from a Monday: Monday and Thursday). Weekdays-only cadences count
 * weekdays for daily units and move a weekend slot to the Monday after for longer ones.
 */
export function cadenceSlot(start: string, cadence: Cadence, k: number): string {
  const every = cadence.every ?? 1;
  const period = Math.floor(k / cadence.times);
  const within = k % cadence.times;
  if (cadence.unit === 'day' && cadence.weekdaysOnly) {
    return nthWeekday(start, Math.floor((k * every) / cadence.times));
  }
  let date: string;
  if (cadence.unit === 'month') {
    const first = addMonths(start, period * every);
    const length = daysBetween(first, addMonths(first, every));
    date = addDays(first, Math.floor((within * length) / cadence.times));
  } else {
    const length = (cadence.unit === 'week' ? 7 : 1) * every;
    date = addDays(start, period * length + Math.floor((within * length) / cadence.times));
  }
  return cadence.weekdaysOnly ? nextWeekday(date) : date;
}

/** Every slot of a cadence inside a window, in order. */
export function cadenceSlots(window: DateWindow, cadence: Cadence, limit = 366): string[] {
  const out: string[] = [];
  for (let k = 0; k < limit; k++) {
    const date = cadenceSlot(window.start, cadence, k);
    if (date > window.end) break;
    out.push(date);
  }
  return out;
}

/** `count` dates spread evenly over a window, the first on its start and the last on its end. */
export function evenDates(window: DateWindow, count: number): string[] {
  const span = Math.max(0, Math.round((Date.parse(window.end) - Date.parse(window.start)) / DAY_MS));
  return Array.from({ length: count }, (_, i) =>
    addDays(window.start, count === 1 ? 0 : Math.round((span * i) / (count - 1))),
  );
}

/**
 * Dates for `count` items: at the channel's cadence from the window's start when it has one and they fit
 * inside the window (eight posts at two a week take four weeks); else spread evenly over the window, so
 * nothing is planned after distribution ends.
 */
export function scheduleDates(window: DateWindow, count: number, cadence?: Cadence): string[] {
  if (cadence) {
    const dates = Array.from({ length: count }, (_, k) => cadenceSlot(window.start, cadence, k));
    if (dates.every((d) => d <= window.end)) return dates;
  }
  return evenDates(window, count);
}
