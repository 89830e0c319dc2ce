import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readAttributionFiles } from '../../attribution/index.js';
import { CrescendoError } from '../../errors.js';
import { type AggregateRow, MetricAggregator } from '../../importers/aggregate.js';
import { byteChunks, DEFAULT_CHUNK_BYTES } from '../../importers/byte-source.js';
import { ImportError, type ImportLog } from '../../importers/import-log.js';
import type { ReadOptions } from '../../importers/layout.js';
import type { MetricRow } from '../../importers/metric-row.js';
import { type ByteSource, scanExport } from '../../importers/read.js';
import type { Touchpoint } from '../../importers/touchpoint.js';
import {
  type AttributionSummary,
  crescendoChannel,
  renameChannels,
  summariseAttribution,
} from './attribution.js';

/** A file to read: its bytes, and its repository path (what every message names). */
export interface DataInput {
  path: string;
  source: ByteSource;
}

export interface ReadData {
  rows: AggregateRow[];
  log: ImportLog;
  /** Files that hold no rows yet (an empty export, a header alone), with the importer's reason. */
  empty: { path: string; reason: string }[];
  attribution?: AttributionSummary;
  attributionWarnings: string[];
}

const CSV_CELL = /[",\n\r]/;
const csvCell = (v: string | number): string => {
  const text = String(v);
  return CSV_CELL.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Repository paths in place of the temporary copies' paths, so a message names the committed file. */
function repoPaths(error: unknown, tmp: string): unknown {
  if (!(error instanceof CrescendoError)) return error;
  const fix = (text: string | undefined) => text?.replaceAll(`${tmp}/`, '');
  return new CrescendoError(fix(error.message)!, {
    ...(error.code ? { code: error.code } : {}),
    where: fix(error.where),
    fix: fix(error.fix),
    problems: error.problems.map((p) => ({ ...p, where: fix(p.where)!, message: fix(p.message)! })),
    cause: error,
  });
}

async function writeTo(path: string, source: ByteSource): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await pipeline(Readable.from(byteChunks(source, DEFAULT_CHUNK_BYTES)), createWriteStream(path));
}

/**
 * Reads every metrics file into one aggregate, streamed (the aggregator holds one entry per day, channel
 * and asset, never the rows), and the journeys of every touchpoint file into every attribution model.
 * Exports about people (a HubSpot contacts export) give journeys as well as funnel rows. A file with no
 * rows yet is set aside (the stage waits when nothing else has data); any other bad input fails with
 * file, row and column. Touchpoint files are copied (streamed) to a temporary folder for the attribution
 * reader and DuckDB, which read paths; messages name the committed files.
 */
export async function readData(
  metrics: readonly DataInput[],
  touchpoints: readonly DataInput[],
  options: ReadOptions,
): Promise<ReadData> {
  const aggregator = new MetricAggregator(options.log);
  const empty: ReadData['empty'] = [];
  const tmp = await mkdtemp(join(tmpdir(), 'crescendo-measure-'));
  try {
    const journeysFile = join(tmp, 'journeys', 'crm-contacts.csv');
    let journeys: ReturnType<typeof createWriteStream> | undefined;
    const journeySources = new Set<string>();
    let current = '';
    const touch = (t: Touchpoint) => {
      journeySources.add(current);
      if (!journeys) {
        journeys = createWriteStream(journeysFile);
        journeys.write('user_id,timestamp,event,channel,value\n');
      }
      journeys.write(`${[t.user_id, t.timestamp, t.event, t.channel, t.value].map(csvCell).join(',')}\n`);
    };
    await mkdir(dirname(journeysFile), { recursive: true });
    for (const { path, source } of metrics) {
      const sink = { row: (row: MetricRow) => aggregator.add(row), touch, transient: true };
      current = path;
      try {
        for await (const _ of scanExport(source, path, { ...options, log: aggregator.log }, sink)) {
          // Rows went into the aggregator as they were read; journeys wait for the disk between chunks.
          if (journeys?.writableNeedDrain) await once(journeys, 'drain');
        }
      } catch (error) {
        if (error instanceof ImportError && (error.code === 'empty' || error.code === 'no-rows')) {
          empty.push({ path, reason: `${error.message}${error.fix ? `: ${error.fix}` : ''}` });
          continue;
        }
        throw error;
      }
    }
    aggregator.log.throwIfProblems('the measurement data', 'conflicting-rows');
    if (journeys) {
      const stream = journeys;
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    }
    const files: string[] = [];
    for (const { path, source } of touchpoints) {
      const copy = join(tmp, path);
      await writeTo(copy, source);
      files.push(copy);
    }
    if (journeys) files.push(journeysFile);
    let attribution: AttributionSummary | undefined;
    const attributionWarnings: string[] = [];
    if (files.length > 0) {
      try {
        const input = await readAttributionFiles(files);
        attributionWarnings.push(...input.warnings.map((w) => w.replaceAll(`${tmp}/`, '')));
        const sources = [...touchpoints.map((t) => t.path), ...journeySources];
        attribution = summariseAttribution(renameChannels(input.table, crescendoChannel), [
          ...new Set(sources),
        ]);
      } catch (error) {
        throw repoPaths(error, tmp);
      }
    }
    return {
      rows: aggregator.rows(),
      log: aggregator.log,
      empty,
      ...(attribution ? { attribution } : {}),
      attributionWarnings,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
