import { CellError } from '../cells.js';
import { metricChannel } from '../channel-grouping.js';
import { type Cells, type CsvLayout, column, type Header, type RowContext } from '../layout.js';
import { ImporterId, METRIC_CHANNELS, type MetricChannel, type MetricRow } from '../metric-row.js';
import { fastMetricsReader } from './fast.js';
import { PAID_CHANNELS } from './paid.js';

export { PAID_CHANNELS } from './paid.js';

/**
 * Crescendo's own daily metrics file, `metrics*.csv`: the 8 columns the demo and hand-built
 * exports use (date, channel, utm_content, impressions, clicks, cost, conversions, revenue),
 * extended with optional columns: source, medium, campaign, record, importer (an API pull
 * saved for audit keeps the importer it came from), sessions, and the funnel and email
 * measures (leads, mqls, sqls, opportunities, pipeline, emails_sent, opens, unsubscribes).
 * Dates are yyyy-mm-dd. An empty cell is "not measured", never 0.
 */
export const metricsCsvLayout: CsvLayout = {
  id: 'metrics-csv',
  importer: 'metrics-csv',
  label: 'Crescendo metrics CSV',
  signature:
    'date, channel, utm_content, impressions, clicks, cost, conversions, revenue (more measures optional)',
  download:
    'write campaigns/<id>/data/metrics.csv with one row per day, channel and utm_content (see scripts/demo/metrics.sample.csv)',
  recognise(header) {
    const c = columns(header);
    if (c.date === undefined || c.channel === undefined) return undefined;
    if (!Object.values(c.measures).some((i) => i !== undefined)) return undefined;
    const width = header.cells.length;
    return { read: (cells, ctx) => readRow(cells, ctx, c, width), fast: fastMetricsReader(width, c) };
  },
};

type Columns = ReturnType<typeof columns>;

function columns(h: Header) {
  return {
    date: column(h, 'date', 'day'),
    channel: column(h, 'channel'),
    utm: column(h, 'utm_content', 'utm content'),
    source: column(h, 'source', 'utm_source'),
    medium: column(h, 'medium', 'utm_medium'),
    campaign: column(h, 'campaign', 'utm_campaign'),
    record: column(h, 'record'),
    importer: column(h, 'importer'),
    measures: {
      impressions: column(h, 'impressions'),
      clicks: column(h, 'clicks'),
      cost: column(h, 'cost', 'spend'),
      sessions: column(h, 'sessions'),
      conversions: column(h, 'conversions'),
      leads: column(h, 'leads'),
      mqls: column(h, 'mqls'),
      sqls: column(h, 'sqls'),
      opportunities: column(h, 'opportunities'),
      pipeline: column(h, 'pipeline'),
      revenue: column(h, 'revenue'),
      emailsSent: column(h, 'emails_sent', 'emailssent'),
      opens: column(h, 'opens'),
      unsubscribes: column(h, 'unsubscribes'),
    },
  };
}

const channels = new Map<string, MetricChannel>();
const importers = new Map<string, MetricRow['importer']>();

/**
 * A row with fewer cells than the header (a cell and its comma deleted by hand) would shift or drop its
 * numbers silently; an empty cell is written as `,,`, so a short row is refused, naming what is missing.
 */
function checkWidth(cells: Cells, width: number): void {
  if (cells.length >= width) return;
  const missing = Array.from({ length: width - cells.length }, (_, i) => cells.label(cells.length + i));
  throw new CellError(
    cells.label(cells.length),
    `the row has ${cells.length} cells where the header has ${width}: ${missing.join(', ')} missing`,
    `write every column of the header on each row, an empty cell (,,) for a number not measured`,
  );
}

function readRow(cells: Cells, ctx: RowContext, c: Columns, width: number): MetricRow {
  checkWidth(cells, width);
  const m = c.measures;
  const date = cells.day(c.date);
  if (date === undefined)
    throw new CellError(cells.label(c.date as number), 'is empty', 'every row needs a date (yyyy-mm-dd)');
  const channel = channelOf(cells, c.channel as number);
  const cost = cells.amount(m.cost);
  const clicks = cells.count(m.clicks);
  const impressions = cells.count(m.impressions);
  // Spend left out of a paid row understates pacing and cost per result, and could move budget: refused.
  if (cost === undefined && m.cost !== undefined && PAID_CHANNELS.has(channel) && (clicks || impressions)) {
    throw new CellError(
      cells.label(m.cost),
      'is empty on a paid-channel row with clicks or impressions (a blank is not read as 0: the spend would be missing from pacing and cost per result)',
      'fill in the spend (0 when it was free), or export the file again',
    );
  }
  return {
    date,
    channel,
    source: cells.text(c.source),
    medium: cells.text(c.medium),
    campaign: cells.text(c.campaign),
    utm_content: cells.text(c.utm),
    record: cells.text(c.record),
    impressions,
    clicks,
    cost,
    sessions: cells.count(m.sessions),
    conversions: cells.amount(m.conversions),
    leads: cells.count(m.leads),
    mqls: cells.count(m.mqls),
    sqls: cells.count(m.sqls),
    opportunities: cells.count(m.opportunities),
    pipeline: cells.amount(m.pipeline),
    revenue: cells.amount(m.revenue),
    emailsSent: cells.count(m.emailsSent),
    opens: cells.count(m.opens),
    unsubscribes: cells.count(m.unsubscribes),
    importer: importerOf(cells, c.importer),
    file: ctx.file,
    row: cells.line,
  };
}

let lastChannelText = '';
let lastChannel: MetricChannel = 'unassigned';

function channelOf(cells: Cells, index: number): MetricChannel {
  const text = cells.text(index);
  if (text === lastChannelText && text !== '') return lastChannel;
  let channel = channels.get(text);
  if (channel === undefined) {
    channel = metricChannel(text);
    if (channel === undefined) {
      throw new CellError(
        cells.label(index),
        `"${text}" is not a channel Crescendo knows`,
        `use one of ${METRIC_CHANNELS.join(', ')}`,
      );
    }
    channels.set(text, channel);
  }
  lastChannelText = text;
  lastChannel = channel;
  return channel;
}

function importerOf(cells: Cells, index: number | undefined): MetricRow['importer'] {
  const text = cells.text(index);
  if (text === '') return 'metrics-csv';
  let id = importers.get(text);
  if (id === undefined) {
    const parsed = ImporterId.safeParse(text);
    if (!parsed.success) {
      throw new CellError(
        cells.label(index as number),
        `"${text}" is not an importer`,
        `use one of ${ImporterId.options.join(', ')}`,
      );
    }
    id = parsed.data;
    importers.set(text, id);
  }
  return id;
}
