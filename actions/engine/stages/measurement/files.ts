import { dataDir, isMetricsFile } from '../../artifacts/data-files.js';
import type { RepoFiles } from '../../files/repo-files.js';
import type { ByteSource } from '../../importers/read.js';

/** Exports and pulls the report reads: `data/metrics/` (any export layout) and the legacy `data/metrics*.csv`. */
export const metricsDir = (id: string): string => `${dataDir(id)}/metrics`;
/** Journeys for attribution: touchpoint or path CSVs, GA4 BigQuery exports (Parquet, NDJSON). */
export const touchpointsDir = (id: string): string => `${dataDir(id)}/touchpoints`;

const ignored = (path: string): boolean => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.startsWith('.') || /\.(md|txt)$/i.test(name);
};

export interface DataFiles {
  metrics: string[];
  touchpoints: string[];
}

/** The campaign's data files on the default branch, by what they feed. */
export async function listDataFiles(
  files: Pick<RepoFiles, 'listFiles'>,
  campaignId: string,
): Promise<DataFiles> {
  const all = await files.listFiles(dataDir(campaignId));
  const under = (dir: string) => all.filter((p) => p.startsWith(`${dir}/`) && !ignored(p));
  const legacy = all.filter(
    (p) => p.slice(0, p.lastIndexOf('/')) === dataDir(campaignId) && isMetricsFile(p),
  );
  return {
    metrics: [...legacy, ...under(metricsDir(campaignId))],
    touchpoints: under(touchpointsDir(campaignId)),
  };
}

/** A committed file as a byte stream (never read whole when the forge can stream it). */
export function committedSource(
  files: Pick<RepoFiles, 'readBytes' | 'readStream'>,
  path: string,
): ByteSource {
  if (files.readStream) return files.readStream(path);
  return (async function* () {
    const bytes = await files.readBytes(path);
    if (bytes) yield bytes;
  })();
}
