import type { ByteScanner } from '../byte-scanner.js';
import { parseDay } from '../cells.js';
import { metricChannel } from '../channel-grouping.js';
import { ImporterId, MEASURES, type MetricChannel, type MetricRow } from '../metric-row.js';
import { PAID_CHANNELS } from './paid.js';

/** What a column feeds: a dimension, the importer, a measure, or nothing. */
const Op = {
  Skip: 0,
  Date: 1,
  Channel: 2,
  Source: 3,
  Medium: 4,
  Campaign: 5,
  Utm: 6,
  Record: 7,
  Importer: 8,
  Count: 9,
  Amount: 10,
} as const;
type Op = (typeof Op)[keyof typeof Op];

/** Column indexes of the metrics CSV, as its layout found them in the header. */
export interface MetricsColumns {
  date?: number;
  channel?: number;
  utm?: number;
  source?: number;
  medium?: number;
  campaign?: number;
  record?: number;
  importer?: number;
  measures: Record<(typeof MEASURES)[number], number | undefined>;
}

const AMOUNTS = new Set(['cost', 'conversions', 'pipeline', 'revenue']);

/**
 * The metrics CSV's fast path: one pass over a plain line (see `ByteScanner`) into a row,
 * or undefined when anything is unusual — a quote, a thousands separator, an unknown
 * channel, a bad date, a blank cost to flag — so the general reader reads that line and
 * accepts it or names the problem. Same rows either way; the test suite reads every fixture
 * through both.
 */
export function fastMetricsReader(width: number, c: MetricsColumns) {
  const ops: Op[] = new Array<Op>(width).fill(Op.Skip);
  const slots: number[] = new Array<number>(width).fill(-1);
  const set = (index: number | undefined, op: Op, slot = -1) => {
    if (index !== undefined && index < width) {
      ops[index] = op;
      slots[index] = slot;
    }
  };
  set(c.date, Op.Date);
  set(c.channel, Op.Channel);
  set(c.source, Op.Source);
  set(c.medium, Op.Medium);
  set(c.campaign, Op.Campaign);
  set(c.utm, Op.Utm);
  set(c.record, Op.Record);
  set(c.importer, Op.Importer);
  for (const [k, m] of MEASURES.entries()) set(c.measures[m], AMOUNTS.has(m) ? Op.Amount : Op.Count, k);
  const days = new Map<string, string | null>();
  const channels = new Map<string, MetricChannel | null>();
  const importers = new Map<string, MetricRow['importer'] | null>();
  const m: (number | undefined)[] = new Array(MEASURES.length);
  let lastDayText: string | undefined;
  let lastDay: string | null = null;
  let lastChannelText: string | undefined;
  let lastChannel: MetricChannel | null = null;

  return (scan: ByteScanner, file: string, line: number, out?: MetricRow): MetricRow | undefined => {
    let date = '';
    let channel: MetricChannel | null | undefined = null;
    let source = '';
    let medium = '';
    let campaign = '';
    let utm = '';
    let record = '';
    let importer: MetricRow['importer'] | null | undefined = 'metrics-csv';
    for (let k = 0; k < m.length; k++) m[k] = undefined;
    for (let i = 0; i < width; i++) {
      // A line with fewer cells than the header: the general reader names what is missing.
      if (i > 0 && scan.ended) return undefined;
      switch (ops[i]) {
        case Op.Skip:
          scan.skip();
          break;
        case Op.Date: {
          // Pooled text is the same object for the same bytes: compare with the last one first.
          const text = scan.text(i);
          if (text !== lastDayText) {
            let day = days.get(text);
            if (day === undefined) {
              day = readDay(text);
              days.set(text, day);
            }
            lastDayText = text;
            lastDay = day;
          }
          if (lastDay === null) return undefined;
          date = lastDay;
          break;
        }
        case Op.Channel: {
          const text = scan.text(i);
          if (text !== lastChannelText) {
            let found = channels.get(text);
            if (found === undefined) {
              found = metricChannel(text) ?? null;
              channels.set(text, found);
            }
            lastChannelText = text;
            lastChannel = found;
          }
          channel = lastChannel;
          break;
        }
        case Op.Source:
          source = scan.text(i);
          break;
        case Op.Medium:
          medium = scan.text(i);
          break;
        case Op.Campaign:
          campaign = scan.text(i);
          break;
        case Op.Utm:
          utm = scan.text(i);
          break;
        case Op.Record:
          record = scan.text(i);
          break;
        case Op.Importer: {
          const text = scan.text(i);
          importer = importers.get(text);
          if (importer === undefined) {
            importer = text === '' ? 'metrics-csv' : (ImporterId.safeParse(text).data ?? null);
            importers.set(text, importer);
          }
          break;
        }
        case Op.Count:
          m[slots[i] as number] = scan.number(false);
          break;
        case Op.Amount:
          m[slots[i] as number] = scan.number(true);
          break;
      }
      if (scan.bail) return undefined;
    }
    if (channel === null || importer === null || date === '') return undefined;
    const cost = m[2];
    // A blank cost on a paid row is refused by the general reader, which names the cell.
    if (cost === undefined && c.measures.cost !== undefined && PAID_CHANNELS.has(channel) && (m[0] || m[1]))
      return undefined;
    if (out) {
      out.date = date;
      out.channel = channel;
      out.source = source;
      out.medium = medium;
      out.campaign = campaign;
      out.utm_content = utm;
      out.record = record;
      out.impressions = m[0];
      out.clicks = m[1];
      out.cost = cost;
      out.sessions = m[3];
      out.conversions = m[4];
      out.leads = m[5];
      out.mqls = m[6];
      out.sqls = m[7];
      out.opportunities = m[8];
      out.pipeline = m[9];
      out.revenue = m[10];
      out.emailsSent = m[11];
      out.opens = m[12];
      out.unsubscribes = m[13];
      out.importer = importer;
      out.file = file;
      out.row = line;
      return out;
    }
    return {
      date,
      channel,
      source,
      medium,
      campaign,
      utm_content: utm,
      record,
      impressions: m[0],
      clicks: m[1],
      cost,
      sessions: m[3],
      conversions: m[4],
      leads: m[5],
      mqls: m[6],
      sqls: m[7],
      opportunities: m[8],
      pipeline: m[9],
      revenue: m[10],
      emailsSent: m[11],
      opens: m[12],
      unsubscribes: m[13],
      importer,
      file,
      row: line,
    };
  };
}

function readDay(text: string): string | null {
  if (text === '') return null;
  try {
    return parseDay(text, 'date') ?? null;
  } catch {
    return null;
  }
}
