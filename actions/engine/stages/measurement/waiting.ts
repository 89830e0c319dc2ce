import type { Brief } from '../../artifacts/brief.js';
import { dataDir } from '../../artifacts/data-files.js';
import { CrescendoError } from '../../errors.js';
import type { Importer } from '../../importers/importer.js';
import { importerById } from '../../importers/index.js';
import type { ImporterId } from '../../importers/metric-row.js';
import { metricsDir } from './files.js';

const FUNNEL_METRICS = new Set(['leads', 'mqls', 'revenue', 'demos', 'trials', 'signups']);

/** The sources a campaign's numbers come from: GA4 always, each planned platform, the CRM for the funnel. */
export function sourcesFor(brief: Pick<Brief, 'channels' | 'objectives'>): Importer[] {
  const ids: ImporterId[] = ['ga4'];
  const channels = new Set<string>(brief.channels);
  if (channels.has('google-ads')) ids.push('google-ads');
  if (channels.has('linkedin-ads')) ids.push('linkedin-ads');
  if (channels.has('email')) ids.push('mailchimp');
  if (channels.has('blog')) ids.push('search-console');
  if (brief.objectives.some((o) => FUNNEL_METRICS.has(o.metric))) ids.push('hubspot');
  return ids.map(importerById);
}

/** "export the GA4 report download (CSV) from Google Analytics 4 (in GA4, …)" for each layout of a source. */
const exportText = (importer: Importer): string =>
  importer.layouts.map((l) => `the ${l.label} from ${importer.label} (${l.download})`).join(', or ');

export interface NoData {
  /** Configured sources that were pulled and returned nothing, with their lines. */
  pulled?: string[];
  /** Committed files with no rows, and why. */
  empty?: { path: string; reason: string }[];
}

/**
 * "Waiting for data": what to export, from where, to which path — said for the sources the team configured
 * when there are any, else for the sources the campaign's channels and objectives need. Code `waiting`:
 * the campaign issue shows it and no model is called.
 */
export function noDataError(
  brief: Pick<Brief, 'id' | 'channels' | 'objectives'>,
  configured: readonly { importer: ImporterId }[],
  details: NoData = {},
): CrescendoError {
  const id = brief.id;
  const importers = configured.length
    ? [...new Set(configured.map((c) => c.importer))].map(importerById)
    : sourcesFor(brief);
  const said: string[] = [];
  if (details.pulled?.length)
    said.push(`the configured sources returned no rows (${details.pulled.join('; ')})`);
  for (const e of details.empty ?? []) said.push(`${e.path} has no rows yet (${e.reason})`);
  const exports = importers.map((i) => `export ${exportText(i)} to ${metricsDir(id)}/`).join('; ');
  const fix = [
    ...(said.length ? [said.join('; ')] : []),
    exports,
    `or commit ${dataDir(id)}/metrics.csv with the columns date, channel, utm_content, impressions, clicks, cost, conversions, revenue (and, when you have them, leads, mqls, sqls, opportunities, pipeline)`,
    ...(configured.length
      ? ['check the sources under measurement.sources in .github/crescendo.yml and their credentials']
      : [
          'or list the sources under measurement.sources in .github/crescendo.yml and each report pulls them itself',
        ]),
  ].join('; ');
  // One file with no rows yet: that file is where to look; otherwise the folder.
  const where = details.empty?.length === 1 ? details.empty[0]!.path : `${dataDir(id)}/`;
  return new CrescendoError('no performance data to measure yet', {
    code: 'waiting',
    where,
    fix,
  });
}

/** Nothing new since the last report: the same data gives the same report, so no pull request is opened. */
export function unchangedError(id: string, lastReport: string, configured: boolean): CrescendoError {
  return new CrescendoError(`no new performance data since the last report (${lastReport})`, {
    code: 'waiting',
    where: `${dataDir(id)}/`,
    fix: configured
      ? `the next report comes when the configured sources report new days, or when newer exports are committed to ${metricsDir(id)}/`
      : `commit newer exports to ${metricsDir(id)}/ (or an updated ${dataDir(id)}/metrics.csv) for the next report`,
  });
}
