import type { Importer } from '../importer.js';
import { ga4Api } from './api.js';
import { ga4ReportCsv } from './csv.js';

/** Google Analytics 4: sessions, key events and revenue by session source/medium, campaign and utm_content. */
export const ga4: Importer = {
  id: 'ga4',
  label: 'Google Analytics 4',
  layouts: [ga4ReportCsv],
  api: ga4Api,
};
