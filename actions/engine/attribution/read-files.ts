import { CrescendoError } from '../errors.js';
import { EventBuffer } from './event-buffer.js';
import { type BigQueryRunOptions, type BigQueryTarget, queryGa4BigQuery } from './ga4/bigquery.js';
import { isGa4Json, isParquet, queryGa4Files } from './ga4/duckdb.js';
import { DEFAULT_CONVERSION_EVENTS } from './ga4/sql.js';
import { type EventSink, JourneyBuilder } from './journeys.js';
import { PathTableBuilder } from './path-table.js';
import { readDelimitedFile } from './read/delimited-file.js';
import { DEFAULT_HALF_LIFE_DAYS, type PathTable } from './schema.js';

export interface ReadAttributionOptions {
  /** Time-decay half-life in days; default 7. */
  halfLifeDays?: number;
  /** Touches more than this many days before a journey's end are dropped; default: none. */
  lookbackDays?: number;
  /** GA4 event names counted as conversions; default purchase and generate_lead. */
  conversionEvents?: readonly string[];
}

/** Journeys grouped by path, plus what the person should know about how they were read. */
export interface AttributionInput {
  table: PathTable;
  warnings: string[];
}

/**
 * Reads attribution data: aggregated path files, touchpoint files (CSV, TSV or `;`) and GA4 export
 * files (`.parquet`, `.ndjson`, `.jsonl`, `.json`, optionally gzipped; through DuckDB). Touchpoints
 * of all files make one stream, so a user's rows may be split across files (daily exports). Files are
 * streamed; if a touchpoint row goes back past its user's last conversion, everything is read again
 * in sorted mode (all rows held, sorted per user), which is correct for any row order.
 */
export async function readAttributionFiles(
  files: readonly string[],
  options: ReadAttributionOptions = {},
): Promise<AttributionInput> {
  if (files.length === 0) throw new CrescendoError('no input files', { fix: 'give at least one file' });
  const streamed = await readOnce(files, options, false);
  if (streamed) return streamed;
  const sorted = await readOnce(files, options, true);
  if (!sorted) throw new Error('sorted mode cannot go back in time');
  sorted.warnings.unshift(
    'touchpoint rows go back in time past a conversion of the same user: the files were read again with every row held and sorted (sorting the file by user and time avoids this)',
  );
  return sorted;
}

async function readOnce(
  files: readonly string[],
  options: ReadAttributionOptions,
  sorted: boolean,
): Promise<AttributionInput | undefined> {
  const table = new PathTableBuilder(options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS);
  const journeys = new JourneyBuilder(table, { lookbackDays: options.lookbackDays });
  const buffer = sorted ? new EventBuffer() : undefined;
  const sink: EventSink = buffer ?? journeys;
  const warnings: string[] = [];
  const ga4 = files.filter((f) => isParquet(f) || isGa4Json(f));
  // Delimited files first: GA4 rows arrive sorted by user, so each user can be closed as soon as
  // the query moves past them, once every other file has been read.
  for (const file of files.filter((f) => !ga4.includes(f))) {
    const read = await readDelimitedFile(file, table, sink);
    if (!read.completed) return undefined;
    warnings.push(...read.warnings);
    if (read.kind === 'paths') {
      table.markNoTimestamps(`${file} holds aggregated paths, which carry no timestamps`);
      if (options.lookbackDays !== undefined)
        warnings.push(`${file}: --lookback needs timestamps; its aggregated paths are used whole`);
    }
  }
  if (ga4.length > 0) {
    const where = ga4.length === 1 ? ga4[0]! : `${ga4.length} GA4 export files`;
    const feed = touchpointFeed(table, sink, sorted ? undefined : journeys, where);
    const query = {
      conversionEvents: options.conversionEvents ?? DEFAULT_CONVERSION_EVENTS,
      output: 'touchpoints',
    } as const;
    if (!(await queryGa4Files(ga4, query, (row) => feed(row[0], row[1], row[2], row[3], row[4]))))
      return undefined;
  }
  if (buffer) buffer.replay(journeys);
  else journeys.finish();
  const built = table.build();
  return { table: built, warnings: [...warnings, ...table.lookalikeWarnings(), ...tableWarnings(built)] };
}

/**
 * Feeds touchpoint query rows (user_id, ts in µs, event, channel, value), sorted by user; with
 * `closing`, each user's open journey is closed as soon as the rows move on to the next user.
 */
function touchpointFeed(
  table: PathTableBuilder,
  sink: EventSink,
  closing: JourneyBuilder | undefined,
  where: string,
) {
  let current: string | undefined;
  return (user: unknown, ts: unknown, event: unknown, channel: unknown, value: unknown): boolean => {
    const id = String(user);
    if (closing && current !== undefined && id !== current) closing.closeUser(current);
    current = id;
    const time = Number(ts) / 1000;
    return event === 'touch'
      ? sink.touch(id, 0, id.length, time, table.channelId(String(channel), where))
      : sink.conversion(id, 0, id.length, time, Number(value ?? 0));
  };
}

/**
 * GA4 journeys straight from BigQuery, where the export already lives: the same query as for local
 * files. `paths` (default) groups journeys in the warehouse and downloads only distinct paths (time
 * decay is then unavailable); `touchpoints` downloads every touch, page by page.
 */
export async function readBigQuery(
  target: BigQueryTarget,
  options: ReadAttributionOptions & { output?: 'paths' | 'touchpoints' } = {},
  run: BigQueryRunOptions = {},
): Promise<AttributionInput> {
  const table = new PathTableBuilder(options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS);
  const journeys = new JourneyBuilder(table, { lookbackDays: options.lookbackDays });
  const output = options.output ?? 'paths';
  const where = `bigquery ${target.project}.${target.dataset}`;
  const conversionEvents = options.conversionEvents ?? DEFAULT_CONVERSION_EVENTS;
  const lookbackDays = output === 'paths' ? options.lookbackDays : undefined;
  const feed = touchpointFeed(table, journeys, journeys, where);
  let ordered = true;
  await queryGa4BigQuery(
    target,
    { conversionEvents, output, lookbackDays },
    (row) => {
      if (output === 'touchpoints') ordered &&= feed(row.user_id, row.ts, row.event, row.channel, row.value);
      else
        addPathResult(
          table,
          row.path,
          Number(row.conversions),
          Number(row.value ?? 0),
          Number(row.nulls ?? 0),
          where,
        );
    },
    run,
  );
  if (!ordered) throw new CrescendoError('BigQuery returned touchpoints out of order', { where });
  if (output === 'paths')
    table.markNoTimestamps('BigQuery returned journeys already grouped by path, without timestamps');
  journeys.finish();
  const built = table.build();
  return { table: built, warnings: [...table.lookalikeWarnings(), ...tableWarnings(built)] };
}

/** One grouped row of the paths query; a NULL path is conversions with no touch to credit. */
function addPathResult(
  table: PathTableBuilder,
  path: unknown,
  conversions: number,
  value: number,
  nulls: number,
  where: string,
): void {
  if (path === null || path === undefined || path === '') {
    if (conversions > 0) table.addUnattributed(conversions, value);
    return;
  }
  const ids = String(path)
    .split(' > ')
    .map((channel) => table.channelId(channel, where));
  table.addPath(ids, ids.length, conversions, value, nulls);
}

function tableWarnings(table: PathTable): string[] {
  const { conversions } = table.unattributed;
  return conversions > 0
    ? [
        `${conversions} conversion${conversions === 1 ? '' : 's'} had no touch before ${conversions === 1 ? 'it' : 'them'} (or none inside the lookback window) and ${conversions === 1 ? 'is' : 'are'} left out of the totals`,
      ]
    : [];
}
