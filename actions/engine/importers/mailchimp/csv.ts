import { CellError } from '../cells.js';
import { type CsvLayout, column, type Header } from '../layout.js';
import { metricRow } from '../metric-row.js';

/**
 * Mailchimp's campaign reports export (Analytics → Reports → Export as CSV): one row per
 * sent campaign with Title, Subject, List, Send Date ("Apr 13, 2027 09:00 am"), Total
 * Recipients, Successful Deliveries, bounces, Unique Opens, Open Rate, Total Opens, Unique
 * Clicks, Click Rate, Total Clicks, Unsubscribes, Abuse Complaints, Folder Id and Unique Id
 * (the campaign id). Numbers are dated on the send day; utm_content comes from the ledger
 * by campaign id (or title).
 */
export const mailchimpReportsCsv: CsvLayout = {
  id: 'mailchimp-reports-csv',
  importer: 'mailchimp',
  label: 'Mailchimp campaign reports export',
  signature: 'Title, Send Date, Total Recipients, Unique Opens, Unique Clicks, Unsubscribes, Unique Id',
  download: 'in Mailchimp, open Analytics → Reports, select the campaigns, then Export as CSV',
  recognise(header, options) {
    const c = columns(header);
    if (c.sendDate === undefined || c.recipients === undefined || c.opens === undefined) return undefined;
    return {
      read(cells, ctx) {
        const date = cells.day(c.sendDate);
        if (date === undefined) {
          throw new CellError(
            cells.label(c.sendDate as number),
            'is empty',
            'export sent campaigns only (drafts have no send date)',
          );
        }
        const id = cells.text(c.id);
        const title = cells.text(c.title);
        return metricRow(
          {
            date,
            channel: 'email',
            source: 'mailchimp',
            medium: 'email',
            campaign: title,
            utm_content: options.utmContentByRef?.[id] ?? options.utmContentByRef?.[title] ?? '',
            record: id || title,
          },
          {
            emailsSent: cells.count(c.recipients),
            opens: cells.count(c.opens),
            clicks: cells.count(c.clicks),
            unsubscribes: cells.count(c.unsubscribes),
          },
          { importer: 'mailchimp', file: ctx.file, row: cells.line },
        );
      },
    };
  },
};

function columns(h: Header) {
  return {
    title: column(h, 'title', 'campaign title'),
    sendDate: column(h, 'send date', 'send time'),
    recipients: column(h, 'total recipients', 'emails sent'),
    opens: column(h, 'unique opens'),
    clicks: column(h, 'unique clicks', 'unique subscriber clicks'),
    unsubscribes: column(h, 'unsubscribes', 'unsubscribed'),
    id: column(h, 'unique id', 'campaign id'),
  };
}
