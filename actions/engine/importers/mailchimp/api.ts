import { z } from 'zod';
import { nextDay, utcDay } from '../cells.js';
import { badResponse, baseUrl, callJson, type Service } from '../http.js';
import { ImportError } from '../import-log.js';
import { defineApi, envValue, type PullContext, type PulledBatch } from '../importer.js';
import { type MetricRow, metricRow } from '../metric-row.js';

export const MAILCHIMP_KEY_ENV = 'CRESCENDO_MAILCHIMP_API_KEY';
export const MAILCHIMP_URL_ENV = 'CRESCENDO_MAILCHIMP_API_URL';
const PAGE = 1000;
const FIELDS = [
  'id',
  'campaign_title',
  'emails_sent',
  'unsubscribed',
  'send_time',
  'opens.unique_opens',
  'clicks.unique_subscriber_clicks',
];

/** `measurement.sources` entry: `{ importer: mailchimp }`, optionally with the campaign ids to read. */
export const MailchimpSource = z.object({
  importer: z.literal('mailchimp'),
  /** Campaign ids to read one by one (`GET /reports/{id}`); default: every campaign sent in the window. */
  campaigns: z.array(z.string().min(1)).optional(),
});
export type MailchimpSource = z.infer<typeof MailchimpSource>;

const Report = z.object({
  id: z.string(),
  campaign_title: z.string().default(''),
  emails_sent: z.number().int().nonnegative().default(0),
  unsubscribed: z.number().int().nonnegative().default(0),
  send_time: z.string().default(''),
  opens: z.object({ unique_opens: z.number().int().nonnegative().default(0) }).default({ unique_opens: 0 }),
  clicks: z
    .object({ unique_subscriber_clicks: z.number().int().nonnegative().default(0) })
    .default({ unique_subscriber_clicks: 0 }),
});
const ReportList = z.object({
  reports: z.array(Report).default([]),
  total_items: z.number().int().nonnegative().default(0),
});

const service: Service = {
  name: 'Mailchimp Marketing API',
  credential: MAILCHIMP_KEY_ENV,
  describe(body) {
    if (typeof body !== 'object' || body === null) return typeof body === 'string' ? { message: body } : {};
    const b = body as Record<string, unknown>;
    const detail = typeof b.detail === 'string' ? b.detail : undefined;
    return { message: detail, reason: typeof b.title === 'string' ? b.title : undefined };
  },
  advice(status) {
    if (status === 401)
      return `set ${MAILCHIMP_KEY_ENV} to a valid API key (Account → Extras → API keys), which ends in its data center, e.g. "-us6"`;
    if (status === 403)
      return 'the key belongs to a user without access to reports, or the account is disabled';
    if (status === 404) return 'check the campaign ids in measurement.sources (mailchimp)';
    if (status === 429) return 'Mailchimp allows 10 connections at once per user: run again in a minute';
    return undefined;
  },
};

/**
 * Mailchimp Reports API: per sent campaign, emails sent, unique opens, recipients who
 * clicked and unsubscribes (`GET /3.0/reports`, paged with count/offset, or
 * `GET /3.0/reports/{campaign_id}` for listed ids). A campaign's numbers are dated on its
 * send day. The data center is the key's suffix (`…-us6` → https://us6.api.mailchimp.com/3.0).
 */
export const mailchimpApi = defineApi({
  config: MailchimpSource,
  env: [
    {
      name: MAILCHIMP_KEY_ENV,
      about: 'API key, ending in its data center ("…-us6")',
      secret: true,
      required: true,
    },
    {
      name: MAILCHIMP_URL_ENV,
      about: 'base URL including /3.0 (default from the key)',
      secret: false,
      required: false,
    },
  ],
  pull: pullMailchimp,
});

async function* pullMailchimp(config: MailchimpSource, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const key = envValue(ctx.env, MAILCHIMP_KEY_ENV);
  const dc = key?.split('-').pop();
  if (!key || !dc || !/^[a-z]+\d+$/.test(dc)) {
    throw new ImportError(
      'auth',
      key ? 'the Mailchimp API key has no data center suffix' : 'no credential for the Mailchimp API',
      {
        where: 'measurement.sources (mailchimp)',
        fix: `set ${MAILCHIMP_KEY_ENV} (a secret) to a Mailchimp API key such as "…-us6"`,
      },
    );
  }
  const basic = Buffer.from(`crescendo:${key}`).toString('base64');
  const options = { headers: { authorization: `Basic ${basic}` }, secrets: [key, basic] };
  const base = baseUrl(ctx, MAILCHIMP_URL_ENV, `https://${dc}.api.mailchimp.com/3.0`);
  const file = `mailchimp reports ${ctx.window.from}..${ctx.window.to}`;
  let row = 0;
  if (config.campaigns) {
    for (const id of config.campaigns) {
      const url = `${base}/reports/${encodeURIComponent(id)}?fields=${FIELDS.join(',')}`;
      const parsed = Report.safeParse(await callJson(service, url, options, ctx));
      if (!parsed.success)
        throw badResponse(
          service,
          url,
          `a report of an unexpected shape (${parsed.error.issues[0]?.message})`,
        );
      const metric = toRow(parsed.data, ++row, file, ctx);
      yield { rows: metric ? [metric] : [], touchpoints: [] };
    }
    return;
  }
  const since = `${ctx.window.from}T00:00:00+00:00`;
  const before = `${nextDay(ctx.window.to)}T00:00:00+00:00`;
  const fields = [...FIELDS.map((f) => `reports.${f}`), 'total_items'].join(',');
  for (let offset = 0; ; offset += PAGE) {
    const query = new URLSearchParams({
      count: String(PAGE),
      offset: String(offset),
      since_send_time: since,
      before_send_time: before,
      fields,
    });
    const url = `${base}/reports?${query}`;
    const parsed = ReportList.safeParse(await callJson(service, url, options, ctx));
    if (!parsed.success)
      throw badResponse(
        service,
        url,
        `a report list of an unexpected shape (${parsed.error.issues[0]?.message})`,
      );
    const rows = parsed.data.reports.flatMap((r) => toRow(r, ++row, file, ctx) ?? []);
    yield { rows, touchpoints: [] };
    if (parsed.data.reports.length < PAGE || offset + PAGE >= parsed.data.total_items) return;
  }
}

function toRow(
  r: z.infer<typeof Report>,
  row: number,
  file: string,
  ctx: PullContext,
): MetricRow | undefined {
  const sent = Date.parse(r.send_time);
  if (!Number.isFinite(sent)) return undefined; // not sent yet: nothing to measure
  return metricRow(
    {
      date: utcDay(sent),
      channel: 'email',
      source: 'mailchimp',
      medium: 'email',
      campaign: r.campaign_title,
      utm_content: ctx.utmContentByRef?.[r.id] ?? '',
      record: r.id,
    },
    {
      emailsSent: r.emails_sent,
      opens: r.opens.unique_opens,
      clicks: r.clicks.unique_subscriber_clicks,
      unsubscribes: r.unsubscribed,
    },
    { importer: 'mailchimp', file, row },
  );
}
