import { addDays } from '../../planning/dates.js';

/**
 * Weekly or monthly. The scheduled measurement runs every Monday; the run on the first Monday of a month
 * is the monthly roll-up (the calendar month before), every other run a weekly report (the 7 days to the
 * last day with data, against the 7 days before). A campaign's last report is `final`: the whole
 * campaign, and it opens the next cycle.
 */
export type Cadence = 'weekly' | 'monthly';

export interface DateRange {
  from: string;
  to: string;
}

export interface ReportPlan {
  cadence: Cadence;
  /** The day the report is for: today, or the day after the data when the data is newer than today. */
  reportDay: string;
  /** The last day with data. */
  asOf: string;
  /** The period the report is about, and the one it is compared with. */
  current: DateRange;
  previous: DateRange;
  /** "week over week" or "month over month". */
  comparison: string;
  /** The campaign is over: its window has ended (or the data reaches its last day). */
  final: boolean;
}

const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Monday and within the first seven days of its month. */
export function isFirstMondayOfMonth(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return date.getUTCDay() === 1 && date.getUTCDate() <= 7;
}

function monthOf(day: string): DateRange {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: first, to: addDays(next, -1) };
}

/**
 * What this run reports on. `asOf` is the last day of the data (its sources are pulled to yesterday), so
 * the report day is the day after it unless today is later (a hand-made export of older days).
 */
export function planReport(now: Date, asOf: string, window: { start: string; end: string }): ReportPlan {
  const day = today(now);
  const reportDay = day > asOf ? day : addDays(asOf, 1);
  const final = asOf >= window.end || reportDay > window.end;
  if (isFirstMondayOfMonth(reportDay) && !final) {
    const current = monthOf(addDays(reportDay.slice(0, 8).concat('01'), -1));
    const previous = monthOf(addDays(current.from, -1));
    return { cadence: 'monthly', reportDay, asOf, current, previous, comparison: 'month over month', final };
  }
  const current = { from: addDays(asOf, -6), to: asOf };
  const previous = { from: addDays(asOf, -13), to: addDays(asOf, -7) };
  return { cadence: 'weekly', reportDay, asOf, current, previous, comparison: 'week over week', final };
}
