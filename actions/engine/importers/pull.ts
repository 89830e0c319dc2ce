import { z } from 'zod';
import type { Problem } from '../errors.js';
import { ImportError } from './import-log.js';
import type { PullContext, PulledBatch } from './importer.js';
import { importerById } from './index.js';
import { type DateWindow, ImporterId } from './metric-row.js';
import { TOUCHPOINT_COLUMNS } from './touchpoint.js';
import { metricCsvHeader, metricCsvLine, touchpointsToCsv } from './write.js';

/**
 * One entry of `measurement.sources` in `.github/crescendo.yml`: the importer and its own
 * settings (checked against that importer's schema when it is pulled).
 */
export const MeasurementSource = z.looseObject({ importer: ImporterId });
export type MeasurementSource = z.infer<typeof MeasurementSource>;

/** The `measurement:` section of `.github/crescendo.yml`. */
export const MeasurementSettings = z.object({
  /** Sources pulled on every scheduled run; each entry is checked by its importer when pulled. */
  sources: z.array(MeasurementSource).default([]),
});
export type MeasurementSettings = z.infer<typeof MeasurementSettings>;

/**
 * Pulls one configured source page by page. An importer without an API, or settings that
 * do not fit its schema, are refused with each bad field located (`measurement.sources[2].property`).
 */
export async function* pullSource(
  entry: unknown,
  index: number,
  ctx: PullContext,
): AsyncGenerator<PulledBatch> {
  const where = `measurement.sources[${index}]`;
  const head = MeasurementSource.safeParse(entry);
  if (!head.success) {
    throw new ImportError('config', 'is not a measurement source', {
      where,
      fix: `give it an importer: one of ${ImporterId.options.join(', ')}`,
    });
  }
  const importer = importerById(head.data.importer);
  if (!importer.api) {
    throw new ImportError('config', `${importer.label} has no API to pull from`, {
      where,
      fix: `export its data as a file into campaigns/<id>/data/metrics/ instead (${importer.layouts.map((l) => l.label).join('; ')})`,
    });
  }
  const config = importer.api.config.safeParse(entry);
  if (!config.success) {
    const problems: Problem[] = config.error.issues.map((i) => ({
      where: `${where}.${i.path.join('.')}`,
      message: i.message,
    }));
    throw new ImportError('config', `has settings ${importer.label} cannot use`, {
      where,
      problems,
      fix: 'correct those settings in .github/crescendo.yml',
    });
  }
  yield* importer.api.pull(config.data, ctx);
}

/** The file a pull is saved to, beside the report it feeds: `campaigns/<id>/data/metrics/<importer>-<from>-<to>.csv`. */
export function snapshotPath(campaignId: string, importer: ImporterId, window: DateWindow): string {
  return `campaigns/${campaignId}/data/metrics/${importer}-${window.from}-${window.to}.csv`;
}

/** Where a pull's journeys are saved, for the attribution engine: `…/data/touchpoints/<importer>-<from>-<to>.csv`. */
export function touchpointsPath(campaignId: string, importer: ImporterId, window: DateWindow): string {
  return `campaigns/${campaignId}/data/touchpoints/${importer}-${window.from}-${window.to}.csv`;
}

export interface Snapshot {
  importer: ImporterId;
  rows: number;
  /** The metrics CSV to commit (read back by the metrics-csv importer with the same numbers). */
  metricsCsv: string;
  /** The touchpoints CSV to commit, when the source knows people. */
  touchpointsCsv?: string;
}

/** Pulls one source whole, as the files to commit next to the report. */
export async function pullSnapshot(entry: unknown, index: number, ctx: PullContext): Promise<Snapshot> {
  let metricsCsv = metricCsvHeader();
  let touchpointsCsv = '';
  let rows = 0;
  for await (const batch of pullSource(entry, index, ctx)) {
    for (const r of batch.rows) metricsCsv += metricCsvLine(r);
    rows += batch.rows.length;
    if (batch.touchpoints.length > 0)
      touchpointsCsv += touchpointsToCsv(batch.touchpoints).replace(/^.*\n/, '');
  }
  return {
    importer: (entry as MeasurementSource).importer,
    rows,
    metricsCsv,
    touchpointsCsv: touchpointsCsv ? `${TOUCHPOINT_COLUMNS.join(',')}\n${touchpointsCsv}` : undefined,
  };
}
