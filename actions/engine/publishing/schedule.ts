import { z } from 'zod';
import type { Cadence } from '../artifacts/brief-parts.js';
import type { Problem } from '../errors.js';
import { type Slot, shiftDays } from './slots.js';

/*
 * The model proposes when each slot goes out; code decides whether the times may stand: every slot once,
 * inside the campaign window, not before the asset's own date, a sequence's last email inside the window,
 * two entries of one channel never in the same minute, and the brief's cadences (at most `times` per
 * `every` × `unit` on a channel, weekdays only when asked) in the audience's time zone.
 */

export const ScheduleProposal = z.object({
  schedule: z
    .array(
      z.object({
        slot: z.string().min(1).describe('The slot id exactly as listed: <path>#<variant>'),
        publishAt: z.iso
          .datetime({ offset: true })
          .describe('When to publish or send, ISO 8601 with the UTC offset of the audience time zone'),
      }),
    )
    .min(1),
});
export type ScheduleProposal = z.infer<typeof ScheduleProposal>;

export interface ScheduleRules {
  window: { start: string; end: string };
  cadence?: readonly Cadence[];
  /** The audience's IANA time zone: days and weekdays are counted there (else in each time's own offset). */
  timeZone?: string;
}

/** The calendar day (yyyy-mm-dd) and weekday (0 Sunday) of an ISO time, in a time zone or its own offset. */
export function localDay(iso: string, timeZone?: string): { day: string; weekday: number } {
  if (!timeZone) {
    const day = iso.slice(0, 10);
    return { day, weekday: new Date(`${day}T00:00:00Z`).getUTCDay() };
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
  return { day: parts, weekday: new Date(`${parts}T00:00:00Z`).getUTCDay() };
}

const DAY_MS = 86_400_000;
const AD_TYPES: ReadonlySet<string> = new Set(['google-rsa', 'linkedin-ad']);

/** Which cadence period a day falls in, counted from the window start (weeks start on the window's day). */
function periodOf(day: string, start: string, cadence: Cadence): number {
  const every = cadence.every ?? 1;
  if (cadence.unit === 'month') {
    const months = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
    return Math.floor((months(day) - months(start)) / every);
  }
  const days = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
  return Math.floor(days / ((cadence.unit === 'week' ? 7 : 1) * every));
}

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function cadenceProblems(
  times: { slot: string; channel: string; publishAt: string }[],
  rules: ScheduleRules,
) {
  const problems: Problem[] = [];
  for (const cadence of rules.cadence ?? []) {
    const onChannel = times.filter((t) => t.channel === cadence.channel);
    const perPeriod = new Map<number, string[]>();
    for (const t of onChannel) {
      const { day, weekday } = localDay(t.publishAt, rules.timeZone);
      if (cadence.weekdaysOnly && (weekday === 0 || weekday === 6)) {
        problems.push({
          where: t.slot,
          message: `${day} is a ${WEEKDAY[weekday]}; the brief's ${cadence.channel} cadence is weekdays only`,
        });
      }
      const period = periodOf(day, rules.window.start, cadence);
      perPeriod.set(period, [...(perPeriod.get(period) ?? []), t.slot]);
    }
    const span = `${cadence.every && cadence.every > 1 ? `${cadence.every} ` : ''}${cadence.unit}${cadence.every && cadence.every > 1 ? 's' : ''}`;
    for (const [, slots] of perPeriod) {
      if (slots.length > cadence.times) {
        problems.push({
          where: slots.join(', '),
          message: `${slots.length} ${cadence.channel} entries in one ${span}; the brief's cadence is at most ${cadence.times} per ${span}: spread them out`,
        });
      }
    }
  }
  return problems;
}

/** Everything wrong with a proposed schedule, each problem naming the slot. */
export function scheduleProblems(
  proposal: ScheduleProposal,
  slots: readonly Slot[],
  rules: ScheduleRules,
): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(slots.map((s) => [s.id, s]));
  const counts = new Map<string, number>();
  const times: { slot: string; channel: string; publishAt: string; group: string }[] = [];
  proposal.schedule.forEach((proposed, i) => {
    const where = `schedule[${i}]`;
    const slot = byId.get(proposed.slot);
    counts.set(proposed.slot, (counts.get(proposed.slot) ?? 0) + 1);
    if (!slot) {
      problems.push({ where: `${where}.slot`, message: `${proposed.slot} is not one of the listed slots` });
      return;
    }
    const { day } = localDay(proposed.publishAt, rules.timeZone);
    const { start, end } = rules.window;
    if (day < start || day > end) {
      problems.push({
        where: `${where}.publishAt`,
        message: `${day} is outside the campaign window ${start} – ${end}`,
      });
    }
    if (day < slot.asset.front.date) {
      problems.push({
        where: `${where}.publishAt`,
        message: `${day} is before the asset's own date ${slot.asset.front.date}`,
      });
    }
    const last = Math.max(0, ...(slot.emailOffsets ?? []));
    if (last > 0) {
      const lastDay = localDay(shiftDays(proposed.publishAt, last), rules.timeZone).day;
      if (lastDay > end) {
        problems.push({
          where: `${where}.publishAt`,
          message: `the sequence's last email (day ${last}) would go out on ${lastDay}, after the window ends ${end}: start it earlier`,
        });
      }
    }
    times.push({
      slot: proposed.slot,
      channel: slot.asset.front.channel,
      publishAt: proposed.publishAt,
      // Variants of one ad go out together on purpose: the platform rotates them.
      group: AD_TYPES.has(slot.asset.front.type) ? slot.asset.path : proposed.slot,
    });
  });
  for (const slot of slots) {
    const n = counts.get(slot.id) ?? 0;
    if (n !== 1)
      problems.push({
        where: 'schedule',
        message: `${slot.id} is timed ${n} times; every slot exactly once`,
      });
  }
  const minute = new Map<string, { slot: string; group: string }>();
  for (const t of times) {
    const key = `${t.channel} ${new Date(t.publishAt).toISOString().slice(0, 16)}`;
    const other = minute.get(key);
    if (other && other.group !== t.group) {
      problems.push({
        where: t.slot,
        message: `${t.channel} already has ${other.slot} at the same minute; give each its own time`,
      });
    }
    minute.set(key, t);
  }
  problems.push(...cadenceProblems(times, rules));
  return problems;
}
