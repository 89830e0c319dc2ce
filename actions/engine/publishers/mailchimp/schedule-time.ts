/*
 * Mailchimp schedules campaigns in UTC on the quarter hour only (:00, :15, :30, :45). A due time between
 * two quarters is rounded up, never down, so nothing goes out before it was approved to; a time already
 * past (a late run) becomes the next quarter hour at least five minutes ahead, so the request cannot
 * arrive after its own send time.
 */

const QUARTER_MS = 15 * 60 * 1000;
const LEAD_MS = 5 * 60 * 1000;

export function scheduleTime(publishAt: string, now: Date): Date {
  const due = Math.max(Date.parse(publishAt), now.getTime() + LEAD_MS);
  return new Date(Math.ceil(due / QUARTER_MS) * QUARTER_MS);
}

/** `2026-03-10T08:15:00+00:00`, the ISO 8601 form Mailchimp documents. */
export const mailchimpTime = (date: Date): string => `${date.toISOString().slice(0, 19)}+00:00`;
