import { CellError } from '../cells.js';
import { cachedChannelFor, notSet, splitSourceMedium, withLedger } from '../channel-grouping.js';
import { type CsvLayout, column, END_OF_TABLE, type Header } from '../layout.js';
import { metricRow } from '../metric-row.js';

const TOTALS = new Set(['grand total', 'total', 'totals']);

/**
 * A GA4 report downloaded as CSV (Reports → Acquisition → Traffic acquisition, or an
 * exploration, with Date, Session source / medium, Session campaign and Session manual ad
 * content as dimensions; Share this report → Download file → CSV). The file opens with `#`
 * comment lines (report name, property, "# Start date: 20270413"); dates are YYYYMMDD. A
 * second section (the chart's series) may follow after a blank line and more `#` lines: the
 * table ends there. "(not set)" reads as empty.
 */
export const ga4ReportCsv: CsvLayout = {
  id: 'ga4-report-csv',
  importer: 'ga4',
  label: 'GA4 report download (CSV)',
  signature:
    'Date, Session source / medium (or Session source + Session medium), Session campaign, Session manual ad content, Sessions, Key events, Total revenue',
  download:
    'in GA4, open Reports → Acquisition → Traffic acquisition, add the dimensions Date, Session campaign and Session manual ad content, then Share this report → Download file → Download CSV',
  recognise(header, options) {
    const c = columns(header);
    if (c.date === undefined || c.sessions === undefined) return undefined;
    if (
      c.sourceMedium === undefined &&
      c.source === undefined &&
      c.campaign === undefined &&
      c.content === undefined
    ) {
      return undefined;
    }
    const channelOf = cachedChannelFor();
    return {
      read(cells, ctx) {
        const first = cells.text(0);
        if (first.startsWith('#')) return END_OF_TABLE;
        if (TOTALS.has(first.toLowerCase())) return undefined;
        const date = cells.day(c.date);
        if (date === undefined)
          throw new CellError(cells.label(c.date as number), 'is empty', 'every row needs a date');
        const split =
          c.sourceMedium === undefined ? undefined : splitSourceMedium(cells.text(c.sourceMedium));
        const source = split ? split.source : notSet(cells.text(c.source));
        const medium = split ? split.medium : notSet(cells.text(c.medium));
        const campaign = notSet(cells.text(c.campaign));
        const utm = notSet(cells.text(c.content));
        const channel = withLedger(channelOf(source, medium, campaign), utm, options.channelByUtmContent);
        return metricRow(
          { date, channel, source, medium, campaign, utm_content: utm, record: '' },
          {
            sessions: cells.count(c.sessions),
            conversions: cells.amount(c.keyEvents),
            revenue: cells.amount(c.revenue),
          },
          { importer: 'ga4', file: ctx.file, row: cells.line },
        );
      },
    };
  },
};

function columns(h: Header) {
  return {
    date: column(h, 'date'),
    sourceMedium: column(h, 'session source / medium', 'session source/medium'),
    source: column(h, 'session source'),
    medium: column(h, 'session medium'),
    campaign: column(h, 'session campaign', 'session campaign name'),
    content: column(h, 'session manual ad content'),
    sessions: column(h, 'sessions'),
    keyEvents: column(h, 'key events', 'conversions'),
    revenue: column(h, 'total revenue'),
  };
}
