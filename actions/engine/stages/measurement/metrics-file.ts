import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CrescendoError, type Problem } from '../../errors.js';
import type { MetricsRow } from './performance.js';

/** At most this many bad rows are listed; the rest are counted. */
const MAX_LISTED = 20;
const NUMBERS = ['impressions', 'clicks', 'cost', 'conversions', 'revenue'] as const;
const REQUIRED = ['date', 'channel', ...NUMBERS] as const;
export const METRICS_COLUMNS =
  'date (yyyy-mm-dd), channel, utm_content, impressions, clicks, cost, conversions, revenue';

export interface MetricsText {
  path: string;
  text: string;
}

interface Located {
  row: MetricsRow;
  where: string;
  line: number;
  /** False when a cell could not be read: its figures are placeholders the row checks must not judge. */
  readable: boolean;
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** A count or an amount as exports write it: plain digits with an optional decimal point. */
function readNumber(cell: string | undefined, column: string, problem: (message: string) => void): number {
  const text = (cell ?? '').trim();
  if (text === '') {
    problem(`${column} is blank: write 0 when there were none (a blank is not read as 0)`);
    return 0;
  }
  if (!/^\d+(\.\d+)?$/.test(text)) {
    problem(
      `${column} is "${text}", not a number: write plain numbers such as 1234.5 (no separators, signs or currency)`,
    );
    return 0;
  }
  return Number(text);
}

/** Every row of one file with its line, or the problems that make the file unreadable. */
function readFile(file: MetricsText, problems: Problem[]): Located[] {
  const at = (line: number, message: string) => problems.push({ where: file.path, line, message });
  let records: { info: { lines: number }; record: Record<string, string> }[];
  let header: string[] | undefined;
  try {
    records = parse(file.text.replace(/^\uFEFF/, ''), {
      columns: (cells: string[]) => {
        header = cells.map((h) => h.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    at(line, `cannot be read as CSV (${error.message}); expected the columns ${METRICS_COLUMNS}`);
    return [];
  }
  if (!header) {
    at(1, `is empty; expected a header: ${METRICS_COLUMNS}`);
    return [];
  }
  const columns = header;
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    at(1, `has no column ${missing.join(', ')}; expected ${METRICS_COLUMNS}`);
    return [];
  }
  return records.map(({ info, record }) => {
    const line = info.lines;
    let readable = true;
    const problem = (message: string) => {
      readable = false;
      at(line, message);
    };
    const date = record.date ?? '';
    if (!isDay(date)) problem(`date is "${date}", not a day written yyyy-mm-dd`);
    if (!record.channel) problem('channel is blank: name the channel (blog, linkedin, google-ads, …)');
    const [impressions, clicks, cost, conversions, revenue] = NUMBERS.map((c) =>
      readNumber(record[c], c, problem),
    ) as [number, number, number, number, number];
    const row = {
      date,
      channel: record.channel ?? '',
      utm_content: record.utm_content ?? '',
      impressions,
      clicks,
      cost,
      conversions,
      revenue,
    };
    return { row, where: file.path, line, readable };
  });
}

/** Problems that only the rows together show: figures that contradict, days outside the campaign, repeats. */
function checkRows(
  rows: readonly Located[],
  timeframe: { start: string; end: string } | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, Located>();
  for (const r of rows.filter((row) => row.readable)) {
    const at = (message: string) => problems.push({ where: r.where, line: r.line, message });
    if (r.row.clicks > r.row.impressions)
      at(
        `clicks (${r.row.clicks}) are more than impressions (${r.row.impressions}): every click follows an impression; check the two columns are not swapped`,
      );
    if (timeframe && isDay(r.row.date) && (r.row.date < timeframe.start || r.row.date > timeframe.end))
      at(
        `${r.row.date} is outside the campaign (${timeframe.start} – ${timeframe.end}): export only the campaign's days, or remove this row`,
      );
    const key = `${r.row.date}\u0000${r.row.channel}\u0000${r.row.utm_content}`;
    const earlier = first.get(key);
    if (earlier)
      at(
        `repeats ${earlier.where}:${earlier.line} (same date, channel and utm_content), so it would be counted twice: keep one row, or add them into one`,
      );
    else first.set(key, r);
  }
  return problems;
}

/**
 * Reads the campaign's performance exports into rows, refusing what would make a wrong report: a CSV
 * that cannot be split, a missing column, a blank or non-numeric cell (never read as 0), clicks above
 * impressions, days outside the campaign, and a row repeated within or across files. Every problem names
 * the file, the line and what to do. Files with a header and no rows are a CrescendoError with code
 * `waiting` (nothing to measure yet): no model is called for them.
 */
export function readMetricsFiles(
  files: readonly MetricsText[],
  timeframe?: { start: string; end: string },
): MetricsRow[] {
  const problems: Problem[] = [];
  const rows = files.flatMap((file) => readFile(file, problems));
  problems.push(...checkRows(rows, timeframe));
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED);
    if (problems.length > MAX_LISTED)
      listed.push({
        where: files[0]?.path ?? 'metrics',
        message: `… and ${problems.length - MAX_LISTED} more like these`,
      });
    throw new CrescendoError(`the performance data cannot be used: ${problems.length} problem(s)`, {
      where: problems[0]?.where,
      problems: listed,
      fix: `correct the rows listed (columns: ${METRICS_COLUMNS}), commit, then run measurement again`,
    });
  }
  if (rows.length === 0) {
    throw new CrescendoError('the performance data has a header but no rows yet', {
      code: 'waiting',
      where: files.map((f) => f.path).join(', '),
      fix: `add one row per day, channel and utm_content below the header (${METRICS_COLUMNS}), then run measurement`,
    });
  }
  return rows.map((r) => r.row);
}
