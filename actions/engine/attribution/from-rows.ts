import { z } from 'zod';
import { CrescendoError } from '../errors.js';
import { EventBuffer } from './event-buffer.js';
import { JourneyBuilder } from './journeys.js';
import { PathTableBuilder } from './path-table.js';
import { parseTimestamp } from './read/timestamps.js';
import type { AttributionInput, ReadAttributionOptions } from './read-files.js';
import { DEFAULT_HALF_LIFE_DAYS } from './schema.js';

/** Journeys already grouped by path, e.g. from a warehouse query. */
export const PathRow = z.object({
  path: z.array(z.string().trim().min(1)).min(1),
  conversions: z.number().nonnegative(),
  value: z.number().default(0),
  nulls: z.number().nonnegative().default(0),
});
export type PathRow = z.input<typeof PathRow>;

/** One touch or conversion of one user; `time` is a Date, epoch milliseconds or an ISO 8601 string. */
export const TouchpointRow = z.object({
  userId: z.string().min(1),
  time: z.union([z.date(), z.number(), z.string()]),
  event: z.enum(['touch', 'conversion']),
  channel: z.string().trim().optional(),
  value: z.number().optional(),
});
export type TouchpointRow = z.input<typeof TouchpointRow>;

/** A path table from grouped rows (no timestamps, so time decay is unavailable). */
export function pathTableFromPaths(rows: readonly PathRow[]): AttributionInput {
  const table = new PathTableBuilder(DEFAULT_HALF_LIFE_DAYS);
  rows.forEach((input, i) => {
    const row = parse(PathRow, input, `paths[${i}]`);
    const ids = row.path.map((c) => table.channelId(c, `paths[${i}]`));
    table.addPath(ids, ids.length, row.conversions, row.value, row.nulls);
  });
  table.markNoTimestamps('the paths were given already grouped, without timestamps');
  return { table: table.build(), warnings: table.lookalikeWarnings() };
}

/** A path table from touchpoint rows in any order: journeys are cut per user as `readAttributionFiles` does. */
export function pathTableFromTouchpoints(
  rows: readonly TouchpointRow[],
  options: Pick<ReadAttributionOptions, 'halfLifeDays' | 'lookbackDays'> = {},
): AttributionInput {
  const table = new PathTableBuilder(options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS);
  const buffer = new EventBuffer();
  rows.forEach((input, i) => {
    const where = `touchpoints[${i}]`;
    const row = parse(TouchpointRow, input, where);
    const time =
      row.time instanceof Date
        ? row.time.getTime()
        : typeof row.time === 'number'
          ? row.time
          : parseTimestamp(row.time);
    if (time === undefined || !Number.isFinite(time))
      throw new CrescendoError(`time "${String(row.time)}" is not a timestamp`, { where: `${where}.time` });
    const user = row.userId;
    if (row.event === 'conversion') buffer.conversion(user, 0, user.length, time, row.value ?? 0);
    else if (!row.channel) throw new CrescendoError('a touch needs a channel', { where: `${where}.channel` });
    else buffer.touch(user, 0, user.length, time, table.channelId(row.channel, where));
  });
  buffer.replay(new JourneyBuilder(table, { lookbackDays: options.lookbackDays }));
  return { table: table.build(), warnings: table.lookalikeWarnings() };
}

function parse<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CrescendoError(issue.message, { where: [where, ...issue.path].join('.') });
}
