import { CellError, utmContentOf } from '../cells.js';
import { currencyChecker } from '../currency.js';
import { type Cells, type CsvLayout, column, type Header, type ReadOptions } from '../layout.js';
import { type MetricRow, metricRow } from '../metric-row.js';

/**
 * A Google Ads report downloaded from the UI (a table such as Ads, or a Report Editor
 * report, with Day as a segment; Download → Excel .csv): UTF-16LE with a byte-order mark,
 * tab-separated, a title line and a date-range line above the header, `--` for "no data",
 * thousands separators, and totals rows ("Total: Account", "Total: Campaigns", …) at the
 * end. utm_content comes from the Final URL column (Crescendo's tracking link), else from
 * the ledger by Ad ID.
 */
export const googleAdsUiCsv: CsvLayout = {
  id: 'google-ads-ui-csv',
  importer: 'google-ads',
  label: 'Google Ads report download (UI export)',
  signature:
    'Day, Campaign, Final URL (or Ad ID), Currency code, Impr., Clicks, Cost, Conversions, Conv. value',
  download:
    'in Google Ads, open Campaigns → Ads, segment by Day (or build a report with Day, Campaign, Ad ID, Final URL), then Download → Excel .csv',
  recognise(header, options) {
    const c = columns(header);
    if (
      c.day === undefined ||
      c.impressions === undefined ||
      c.cost === undefined ||
      c.campaign === undefined
    ) {
      return undefined;
    }
    if (column(header, 'channel') !== undefined || column(header, 'start date (in utc)') !== undefined)
      return undefined;
    const checkCurrency = currencyChecker(options);
    return {
      read(cells, ctx) {
        const first = cells.text(0);
        if (/^total\b/i.test(first)) return undefined;
        const day = cells.day(c.day);
        if (day === undefined)
          throw new CellError(cells.label(c.day as number), 'is empty', 'every row needs a day');
        checkCurrency(cells, c.currency);
        return readRow(cells, c, day, ctx.file, options);
      },
    };
  },
};

type Columns = ReturnType<typeof columns>;

function columns(h: Header) {
  return {
    day: column(h, 'day', 'date'),
    campaign: column(h, 'campaign'),
    adGroup: column(h, 'ad group'),
    adId: column(h, 'ad id'),
    adName: column(h, 'ad', 'ad name', 'headline 1'),
    finalUrl: column(h, 'final url', 'final urls', 'ad final url'),
    currency: column(h, 'currency code', 'currency'),
    impressions: column(h, 'impr.', 'impressions'),
    clicks: column(h, 'clicks'),
    cost: column(h, 'cost'),
    conversions: column(h, 'conversions'),
    value: column(h, 'conv. value', 'conversion value', 'all conv. value'),
  };
}

function readRow(cells: Cells, c: Columns, day: string, file: string, options: ReadOptions): MetricRow {
  const impressions = cells.count(c.impressions);
  const clicks = cells.count(c.clicks);
  const cost = cells.amount(c.cost);
  if (cost === undefined && (impressions || clicks)) {
    throw new CellError(
      cells.label(c.cost as number),
      'is empty on a row with impressions or clicks',
      'the export lost its costs: download the report again (Google Ads writes 0.00 for no spend)',
    );
  }
  const adId = cells.text(c.adId);
  const url = cells.text(c.finalUrl);
  const utm = utmContentOf(url) || (adId ? (options.utmContentByRef?.[adId] ?? '') : '');
  const record = adId || [cells.text(c.adGroup), cells.text(c.adName)].filter(Boolean).join(' / ');
  return metricRow(
    {
      date: day,
      channel: 'google-ads',
      source: 'google',
      medium: 'cpc',
      campaign: cells.text(c.campaign),
      utm_content: utm,
      record,
    },
    { impressions, clicks, cost, conversions: cells.amount(c.conversions), revenue: cells.amount(c.value) },
    { importer: 'google-ads', file, row: cells.line },
  );
}
