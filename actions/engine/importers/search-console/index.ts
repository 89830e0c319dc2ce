import type { Importer } from '../importer.js';
import { searchConsoleApi } from './api.js';
import { searchConsoleDatesCsv } from './csv.js';

/** Google Search Console: organic clicks and impressions (the blog / SEO channel), per day and page. */
export const searchConsole: Importer = {
  id: 'search-console',
  label: 'Google Search Console',
  layouts: [searchConsoleDatesCsv],
  api: searchConsoleApi,
};
