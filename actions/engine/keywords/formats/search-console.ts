import { cellText, parseCount, parsePosition, parseRate } from '../cells.js';
import { withoutUndefined } from '../defined.js';
import { Columns, readCell } from './columns.js';
import type { ExportLayout } from './layout.js';

/** The Search Console UI exports at most this many rows per table. */
const UI_ROW_LIMIT = 1000;

/**
 * Google Search Console, Performance → Export → "Download CSV": a zip whose Queries.csv is
 * UTF-8, comma-separated, `Top queries,Clicks,Impressions,CTR,Position`, CTR as "45.61%",
 * Position as the average ("3.2"). The period is not in the file (it is in Filters.csv), so
 * clicks and impressions are kept as they are, not turned into monthly figures.
 */
export const searchConsole: ExportLayout = {
  format: 'search-console',
  label: 'Google Search Console (Performance → Queries export)',
  signature: 'Top queries, Clicks, Impressions, CTR, Position',
  recognise(cells) {
    const c = new Columns(cells);
    const query = c.index('top queries', 'query', 'queries');
    const impressions = c.index('impressions');
    const position = c.index('position', 'average position');
    if (query === undefined || impressions === undefined || position === undefined) return undefined;
    const clicks = c.index('clicks');
    const ctr = c.index('ctr', 'url ctr');

    return {
      readRow(row) {
        const text = cellText(row[query]);
        if (text === undefined) return undefined;
        return withoutUndefined({
          keyword: text,
          clicks: readCell(c, row, clicks, (raw) => parseCount(raw)),
          impressions: readCell(c, row, impressions, (raw) => parseCount(raw)),
          ctr: readCell(c, row, ctr, (raw) => parseRate(raw)),
          position: readCell(c, row, position, parsePosition),
        });
      },
      checkFile(rows) {
        return rows.length === UI_ROW_LIMIT
          ? [
              `exactly ${UI_ROW_LIMIT} queries: the Search Console UI exports at most ${UI_ROW_LIMIT} rows, ` +
                'so this list is probably cut off; use the Search Console API or bulk export for all queries',
            ]
          : [];
      },
    };
  },
};
