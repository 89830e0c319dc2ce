import type { Importer } from '../importer.js';
import { mailchimpApi } from './api.js';
import { mailchimpReportsCsv } from './csv.js';

/** Mailchimp (the email platform the distribution stage publishes to): sends, opens, clicks, unsubscribes. */
export const mailchimp: Importer = {
  id: 'mailchimp',
  label: 'Mailchimp',
  layouts: [mailchimpReportsCsv],
  api: mailchimpApi,
};
