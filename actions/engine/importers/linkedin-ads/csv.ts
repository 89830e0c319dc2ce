import { CellError, utmContentOf } from '../cells.js';
import { currencyChecker } from '../currency.js';
import { type Cells, type CsvLayout, column, type Header, type ReadOptions } from '../layout.js';
import { type MetricRow, metricRow } from '../metric-row.js';

/**
 * A LinkedIn Campaign Manager performance export (Analyze → Performance → Export, with
 * "Time breakdown: Daily"; Creative or Campaign performance): a report title block (report
 * name, "Report Start: 4/13/2027, 12:00 AM", "Report End", "Date Generated", account) above
 * the header, dates as M/D/YYYY in "Start Date (in UTC)", and a totals row at the end.
 * utm_content comes from the Click URL, else from the ledger by creative id.
 */
export const linkedinCampaignManagerCsv: CsvLayout = {
  id: 'linkedin-campaign-manager-csv',
  importer: 'linkedin-ads',
  label: 'LinkedIn Campaign Manager export',
  signature:
    'Start Date (in UTC), Campaign Name, Creative ID (or Campaign ID), Click URL, Currency, Total Spent, Impressions, Clicks, Conversions, Leads',
  download:
    'in Campaign Manager, open the account, Analyze → Performance, Time breakdown: Daily, then Export → Creative performance (CSV)',
  recognise(header, options) {
    const c = columns(header);
    if (c.day === undefined || c.spent === undefined || c.impressions === undefined) return undefined;
    const checkCurrency = currencyChecker(options);
    return {
      read(cells, ctx) {
        const first = cells.text(0);
        if (/^totals?\b/i.test(first) || cells.value(c.day) === undefined) return undefined;
        checkCurrency(cells, c.currency);
        return readRow(cells, c, ctx.file, options);
      },
    };
  },
};

type Columns = ReturnType<typeof columns>;

function columns(h: Header) {
  return {
    day: column(h, 'start date (in utc)', 'start date'),
    campaign: column(h, 'campaign name'),
    campaignId: column(h, 'campaign id'),
    creativeId: column(h, 'creative id', 'ad id'),
    clickUrl: column(h, 'click url', 'destination url'),
    currency: column(h, 'currency'),
    spent: column(h, 'total spent', 'amount spent'),
    impressions: column(h, 'impressions'),
    clicks: column(h, 'clicks'),
    conversions: column(h, 'conversions'),
    leads: column(h, 'leads'),
  };
}

function readRow(cells: Cells, c: Columns, file: string, options: ReadOptions): MetricRow {
  const date = cells.day(c.day, 'mdy') as string;
  const impressions = cells.count(c.impressions);
  const clicks = cells.count(c.clicks);
  const cost = cells.amount(c.spent);
  if (cost === undefined && (impressions || clicks)) {
    throw new CellError(
      cells.label(c.spent as number),
      'is empty on a row with impressions or clicks',
      'export the report again (Campaign Manager writes 0 for no spend)',
    );
  }
  const creative = cells.text(c.creativeId);
  const ref = creative
    ? `urn:li:sponsoredCreative:${creative.replace(/^urn:li:sponsoredCreative:/, '')}`
    : '';
  const utm =
    utmContentOf(cells.text(c.clickUrl)) ||
    (ref ? (options.utmContentByRef?.[ref] ?? options.utmContentByRef?.[creative] ?? '') : '');
  const campaignId = cells.text(c.campaignId);
  return metricRow(
    {
      date,
      channel: 'linkedin-ads',
      source: 'linkedin',
      medium: 'paid_social',
      campaign: cells.text(c.campaign),
      utm_content: utm,
      record: ref || (campaignId ? `urn:li:sponsoredCampaign:${campaignId}` : ''),
    },
    {
      impressions,
      clicks,
      cost,
      conversions: cells.amount(c.conversions),
      leads: cells.count(c.leads),
    },
    { importer: 'linkedin-ads', file, row: cells.line },
  );
}
