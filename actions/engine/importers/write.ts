import { MEASURES, type MetricRow } from './metric-row.js';
import { TOUCHPOINT_COLUMNS, type Touchpoint } from './touchpoint.js';

/** The columns of a saved pull: Crescendo's metrics CSV with every optional column (see `metrics-csv/layout.ts`). */
export const METRIC_CSV_COLUMNS = [
  'date',
  'channel',
  'source',
  'medium',
  'campaign',
  'utm_content',
  'record',
  'importer',
  ...MEASURES.map((m) => (m === 'emailsSent' ? 'emails_sent' : m)),
] as const;

/** One CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function metricCsvHeader(): string {
  return `${METRIC_CSV_COLUMNS.join(',')}\n`;
}

/** A row as a line of the metrics CSV; an unmeasured value is an empty cell, never 0. */
export function metricCsvLine(r: MetricRow): string {
  const dims = [r.date, r.channel, r.source, r.medium, r.campaign, r.utm_content, r.record, r.importer];
  return `${[...dims, ...MEASURES.map((m) => r[m])].map(cell).join(',')}\n`;
}

/**
 * Rows as a metrics CSV that the metrics-csv importer reads back as the same rows (with
 * their importer): how a pull from an API is committed beside the report it fed, so every
 * number of the report can be traced to a line of a committed file.
 */
export function metricRowsToCsv(rows: Iterable<MetricRow>): string {
  let out = metricCsvHeader();
  for (const row of rows) out += metricCsvLine(row);
  return out;
}

/** Touchpoints in the attribution engine's CSV shape. */
export function touchpointsToCsv(touchpoints: Iterable<Touchpoint>): string {
  let out = `${TOUCHPOINT_COLUMNS.join(',')}\n`;
  for (const t of touchpoints)
    out += `${[t.user_id, t.timestamp, t.event, t.channel, t.value].map(cell).join(',')}\n`;
  return out;
}
