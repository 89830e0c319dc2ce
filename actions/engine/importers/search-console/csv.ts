import { CellError } from '../cells.js';
import { type CsvLayout, column, type Header } from '../layout.js';
import { metricRow } from '../metric-row.js';

const DOWNLOAD =
  'in Search Console, open Performance → Search results, pick the campaign dates, then Export → Download CSV (a zip: use Dates.csv)';

/**
 * The daily file of a Search Console Performance export (`Dates.csv` in the downloaded
 * zip): Date (yyyy-mm-dd), Clicks, Impressions, CTR, Position — organic search totals for
 * the property, the `blog` channel. The other files of the zip hold no dates (Queries,
 * Pages, Countries, Devices, Search appearance) and are refused with a pointer.
 */
export const searchConsoleDatesCsv: CsvLayout = {
  id: 'search-console-dates-csv',
  importer: 'search-console',
  label: 'Search Console Performance export (Dates.csv)',
  signature: 'Date, Clicks, Impressions, CTR, Position',
  download: DOWNLOAD,
  recognise(header) {
    const c = columns(header);
    if (c.position === undefined || c.clicks === undefined || c.impressions === undefined) return undefined;
    const other = undatedFile(header);
    if (other) {
      return {
        refuse: `a Search Console ${other} export: totals without dates`,
        fix:
          other === 'Queries'
            ? 'queries are keyword data for research (campaigns/<id>/data/ is read by the keywords import); for measurement use Dates.csv from the same zip, or the search-console API source'
            : `use Dates.csv from the same zip for daily totals, or the search-console API source for daily numbers per page`,
      };
    }
    if (c.date === undefined) return undefined;
    return {
      read(cells, ctx) {
        const date = cells.day(c.date);
        if (date === undefined)
          throw new CellError(cells.label(c.date as number), 'is empty', 'every row needs a date');
        return metricRow(
          {
            date,
            channel: 'blog',
            source: 'google',
            medium: 'organic',
            campaign: '',
            utm_content: '',
            record: '',
          },
          { impressions: cells.count(c.impressions), clicks: cells.count(c.clicks) },
          { importer: 'search-console', file: ctx.file, row: cells.line },
        );
      },
    };
  },
};

function columns(h: Header) {
  return {
    date: column(h, 'date'),
    clicks: column(h, 'clicks', 'url clicks'),
    impressions: column(h, 'impressions'),
    position: column(h, 'position'),
  };
}

function undatedFile(h: Header): string | undefined {
  const first = h.keys[0] ?? '';
  if (first === 'top queries' || first === 'query') return 'Queries';
  if (first === 'top pages' || first === 'page') return 'Pages';
  if (first === 'country') return 'Countries';
  if (first === 'device') return 'Devices';
  if (first === 'search appearance') return 'Search appearance';
  return undefined;
}
