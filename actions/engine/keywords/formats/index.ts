import { ahrefs } from './ahrefs.js';
import { keywordPlanner } from './keyword-planner.js';
import type { ExportLayout } from './layout.js';
import { searchConsole } from './search-console.js';
import { semrush } from './semrush.js';

export type { ExportLayout, FileCheck, RowReader } from './layout.js';

/**
 * Every layout Crescendo reads, in the order headers are tried. Semrush comes before Ahrefs
 * because Semrush's "Keyword Difficulty" is distinctive while Ahrefs' markers ("KD",
 * "Difficulty") are generic.
 */
export const EXPORT_LAYOUTS: readonly ExportLayout[] = [keywordPlanner, searchConsole, semrush, ahrefs];
