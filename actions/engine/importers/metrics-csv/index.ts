import type { Importer } from '../importer.js';
import { metricsCsvLayout } from './layout.js';

/** Crescendo's own metrics CSV: hand-built, or an API pull saved next to the report. No API. */
export const metricsCsv: Importer = {
  id: 'metrics-csv',
  label: 'Crescendo metrics CSV',
  layouts: [metricsCsvLayout],
};
