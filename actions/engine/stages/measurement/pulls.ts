import type { FileChange } from '../../forge/forge.js';
import { ImportLog } from '../../importers/import-log.js';
import type { PullContext } from '../../importers/importer.js';
import { type DateWindow, ImporterId } from '../../importers/metric-row.js';
import { type MeasurementSource, pullSnapshot, snapshotPath, touchpointsPath } from '../../importers/pull.js';
import { addDays } from '../../planning/dates.js';

/** What the scheduled run pulled, as files to commit beside the report. */
export interface Pulled {
  /** New snapshots, and deletions of the earlier pulls they replace. */
  changes: FileChange[];
  /** Committed files the new snapshots replace: not read again. */
  replaced: Set<string>;
  /** One line per source: what it gave. */
  lines: string[];
  warnings: string[];
}

/** The days a scheduled run pulls: the campaign's start to yesterday (a day is complete), within the window. */
export function pullWindow(window: { start: string; end: string }, now: Date): DateWindow | undefined {
  const yesterday = addDays(now.toISOString().slice(0, 10), -1);
  const to = [yesterday, window.end].sort()[0]!;
  return to < window.start ? undefined : { from: window.start, to };
}

const SNAPSHOT = /^(?<importer>[a-z0-9-]+?)(?:-(?<n>\d+))?-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/;

/** The importer (and entry number, for a second source of one importer) a snapshot file was pulled from. */
export function snapshotOf(path: string): { importer: string; n: number } | undefined {
  const m = SNAPSHOT.exec(path.slice(path.lastIndexOf('/') + 1));
  if (!m?.groups) return undefined;
  return { importer: m.groups.importer!, n: Number(m.groups.n ?? 1) };
}

/**
 * Pulls every configured source for the days so far. Each pull is saved as Crescendo's metrics CSV (and
 * its journeys as a touchpoints CSV) in `data/metrics/` and `data/touchpoints/`, replacing the source's
 * earlier pull, so pulls never overlap and every number of the report is a committed line. A second
 * source of the same importer (two GA4 properties) gets a number in its file name. A pull that returns
 * no rows changes nothing: the earlier pull stays.
 */
export async function pullSources(
  entries: readonly unknown[],
  campaignId: string,
  committed: readonly string[],
  context: Omit<PullContext, 'log' | 'window'> & { window: DateWindow },
): Promise<Pulled> {
  const pulled: Pulled = { changes: [], replaced: new Set(), lines: [], warnings: [] };
  const seen = new Map<string, number>();
  for (const [i, entry] of entries.entries()) {
    const log = new ImportLog();
    const snapshot = await pullSnapshot(entry, i, { ...context, log });
    pulled.warnings.push(...log.warnings());
    const importer = ImporterId.parse((entry as MeasurementSource).importer);
    const n = (seen.get(importer) ?? 0) + 1;
    seen.set(importer, n);
    const numbered = (path: string) => (n === 1 ? path : path.replace(`/${importer}-`, `/${importer}-${n}-`));
    const metricsPath = numbered(snapshotPath(campaignId, importer, context.window));
    if (snapshot.rows === 0) {
      pulled.lines.push(
        `${importer}: no rows for ${context.window.from} – ${context.window.to}; earlier pulls kept`,
      );
      continue;
    }
    const touchPath = numbered(touchpointsPath(campaignId, importer, context.window));
    pulled.changes.push({ path: metricsPath, content: snapshot.metricsCsv });
    if (snapshot.touchpointsCsv) pulled.changes.push({ path: touchPath, content: snapshot.touchpointsCsv });
    for (const path of committed) {
      const of = snapshotOf(path);
      if (!of || of.importer !== importer || of.n !== n || path === metricsPath || path === touchPath)
        continue;
      pulled.replaced.add(path);
      pulled.changes.push({ path, content: null });
    }
    pulled.lines.push(
      `${importer}: ${snapshot.rows.toLocaleString('en-US')} rows for ${context.window.from} – ${context.window.to} → ${metricsPath}`,
    );
  }
  return pulled;
}
