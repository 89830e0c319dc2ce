import { CellError } from '../cells.js';
import { metricChannel } from '../channel-grouping.js';
import { type Cells, type CsvLayout, column, type Header } from '../layout.js';
import { metricRow } from '../metric-row.js';
import {
  type Contact,
  contactRows,
  contactTouches,
  FUNNEL_STAGES,
  type FunnelStage,
  hubspotChannel,
  hubspotTime,
} from './funnel.js';

const STAGE_LABEL: Record<FunnelStage, RegExp> = {
  lead: /^(date entered "?lead \(lifecycle stage pipeline\)"?|became a lead date)$/,
  mql: /^(date entered "?marketing qualified lead \(lifecycle stage pipeline\)"?|became a marketing qualified lead date)$/,
  sql: /^(date entered "?sales qualified lead \(lifecycle stage pipeline\)"?|became a sales qualified lead date)$/,
  opportunity: /^(date entered "?opportunity \(lifecycle stage pipeline\)"?|became an opportunity date)$/,
  customer: /^(date entered "?customer \(lifecycle stage pipeline\)"?|became a customer date)$/,
};

const matching = (h: Header, pattern: RegExp) => {
  const i = h.keys.findIndex((k) => pattern.test(k));
  return i >= 0 ? i : undefined;
};

/**
 * A HubSpot contacts export (Contacts → Export, with the lifecycle-stage date properties
 * and the original/latest source properties): one row per contact. Each contact becomes
 * funnel rows on the days it entered lead, MQL, SQL and opportunity, credited to its first
 * visit (First Page Seen's UTM tags, else Original Source and its drill-down), and a journey
 * (first visit, latest visit, MQL) for attribution. Dates are the portal's ("2027-04-14 10:21").
 */
export const hubspotContactsCsv: CsvLayout = {
  id: 'hubspot-contacts-csv',
  importer: 'hubspot',
  label: 'HubSpot contacts export',
  signature:
    'Record ID, Original Source, Original Source Drill-Down 1, First Page Seen, Time First Seen, Date entered "Lead (Lifecycle Stage Pipeline)" (or Became a Lead Date), … MQL, SQL, Opportunity',
  download:
    'in HubSpot, Contacts → Export, with the properties Record ID, Original Source, Original Source Drill-Down 1, First Page Seen, Time First Seen, Latest Source, Latest Source Timestamp, Last Page Seen, UTM Content and the "Date entered …" lifecycle stage dates',
  recognise(header, options) {
    const id = column(header, 'record id', 'contact id', 'hs_object_id');
    const stages = Object.fromEntries(
      FUNNEL_STAGES.map((s) => [s, matching(header, STAGE_LABEL[s])]),
    ) as Record<FunnelStage, number | undefined>;
    if (id === undefined || (stages.lead === undefined && stages.mql === undefined)) return undefined;
    const c = {
      firstSource: column(header, 'original source', 'original traffic source'),
      firstDetail: column(header, 'original source drill-down 1', 'original traffic source drill-down 1'),
      firstUrl: column(header, 'first page seen'),
      firstTime: column(header, 'time first seen', 'first seen'),
      latestSource: column(header, 'latest source', 'latest traffic source'),
      latestDetail: column(header, 'latest source drill-down 1'),
      latestUrl: column(header, 'last page seen'),
      latestTime: column(header, 'latest source timestamp', 'latest source date'),
      utm: column(header, 'utm content', 'utm_content'),
    };
    const contactOf = (cells: Cells): Contact => {
      const time = (index: number | undefined) => {
        const text = cells.raw(index);
        const ms = hubspotTime(text);
        if (text && ms === undefined)
          throw new CellError(cells.label(index as number), `"${text}" is not a date and time`);
        return ms;
      };
      const contactStages: Contact['stages'] = {};
      for (const stage of FUNNEL_STAGES) {
        const ms = time(stages[stage]);
        if (ms !== undefined) contactStages[stage] = ms;
      }
      const recordId = cells.raw(id);
      if (!recordId)
        throw new CellError(cells.label(id), 'is empty', 'export the Record ID of every contact');
      return {
        id: recordId,
        first: {
          source: cells.value(c.firstSource),
          detail: cells.value(c.firstDetail),
          url: cells.raw(c.firstUrl),
          time: time(c.firstTime),
        },
        latest: {
          source: cells.value(c.latestSource),
          detail: cells.value(c.latestDetail),
          url: cells.raw(c.latestUrl),
          time: time(c.latestTime),
        },
        utmContent: cells.value(c.utm),
        stages: contactStages,
      };
    };
    return {
      read: (cells, ctx) =>
        contactRows(contactOf(cells), ctx.file, cells.line, undefined, options.channelByUtmContent),
      touches: (cells) => contactTouches(contactOf(cells), 'mql', options.channelByUtmContent),
    };
  },
};

/**
 * A CRM funnel report by utm_content (a HubSpot custom report, or a sheet kept by sales
 * ops): Date, UTM Content, optionally Channel or Original Source, and the funnel columns
 * Leads, MQLs, SQLs, Opportunities, Pipeline, Revenue. Rows without a channel take the
 * ledger's channel for their utm_content.
 */
export const hubspotFunnelCsv: CsvLayout = {
  id: 'hubspot-funnel-csv',
  importer: 'hubspot',
  label: 'CRM funnel report by utm_content',
  signature:
    'Date, UTM Content, Leads, MQLs, SQLs, Opportunities, Pipeline, Revenue (Channel or Original Source optional)',
  download:
    'in HubSpot, Reports → Create report → Custom (contacts and deals) grouped by date and the utm_content property, then Export → CSV',
  recognise(header, options) {
    const c = {
      date: column(header, 'date', 'day', 'create date'),
      utm: column(header, 'utm content', 'utm_content'),
      channel: column(header, 'channel'),
      source: column(header, 'original source', 'original traffic source'),
      leads: column(header, 'leads'),
      mqls: column(header, 'mqls', 'marketing qualified leads'),
      sqls: column(header, 'sqls', 'sales qualified leads'),
      opportunities: column(header, 'opportunities'),
      pipeline: column(header, 'pipeline', 'pipeline amount'),
      revenue: column(header, 'revenue', 'closed won amount'),
    };
    const funnel = [c.leads, c.mqls, c.sqls, c.opportunities, c.pipeline].filter(
      (i) => i !== undefined,
    ).length;
    if (c.date === undefined || c.utm === undefined || funnel < 2) return undefined;
    if (column(header, 'impressions') !== undefined || column(header, 'clicks') !== undefined)
      return undefined;
    return {
      read(cells, ctx) {
        const date = cells.day(c.date);
        if (date === undefined)
          throw new CellError(cells.label(c.date as number), 'is empty', 'every row needs a date');
        const utm = cells.text(c.utm);
        const named = c.channel === undefined ? undefined : metricChannel(cells.text(c.channel));
        if (c.channel !== undefined && cells.value(c.channel) !== undefined && named === undefined) {
          throw new CellError(
            cells.label(c.channel),
            `"${cells.text(c.channel)}" is not a channel Crescendo knows`,
          );
        }
        // An explicit channel wins; then the ledger, which knows each asset's channel exactly;
        // then HubSpot's source, which only knows "Paid Social" without a drill-down.
        const channel = named ?? options.channelByUtmContent?.[utm] ?? hubspotChannel(cells.value(c.source));
        return metricRow(
          { date, channel, source: '', medium: '', campaign: '', utm_content: utm, record: '' },
          {
            leads: cells.count(c.leads),
            mqls: cells.count(c.mqls),
            sqls: cells.count(c.sqls),
            opportunities: cells.count(c.opportunities),
            pipeline: cells.amount(c.pipeline),
            revenue: cells.amount(c.revenue),
          },
          { importer: 'hubspot', file: ctx.file, row: cells.line },
        );
      },
    };
  },
};
