import { ga4 } from './ga4/index.js';
import { googleAds } from './google-ads/index.js';
import { hubspot } from './hubspot/index.js';
import type { Importer } from './importer.js';
import type { CsvLayout } from './layout.js';
import { linkedinAds } from './linkedin-ads/index.js';
import { mailchimp } from './mailchimp/index.js';
import type { ImporterId } from './metric-row.js';
import { metricsCsv } from './metrics-csv/index.js';
import { searchConsole } from './search-console/index.js';

/**
 * Every importer, one line per folder. Layouts are tried in this order when a file is
 * identified; Crescendo's own metrics CSV comes last because its columns are the most generic.
 */
export const IMPORTERS: readonly Importer[] = [
  ga4,
  googleAds,
  linkedinAds,
  searchConsole,
  mailchimp,
  hubspot,
  metricsCsv,
];

export function importerById(id: ImporterId): Importer {
  const found = IMPORTERS.find((i) => i.id === id);
  if (!found) throw new Error(`no importer ${id} is registered`);
  return found;
}

/** Every export layout every importer reads, in the order they are tried. */
export function registeredLayouts(): readonly CsvLayout[] {
  return IMPORTERS.flatMap((i) => i.layouts);
}
