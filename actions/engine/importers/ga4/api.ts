import { z } from 'zod';
import { parseDay } from '../cells.js';
import { channelFor, notSet, splitSourceMedium, withLedger } from '../channel-grouping.js';
import { describeGoogleError } from '../google-error.js';
import { badResponse, baseUrl, callJson, type Service } from '../http.js';
import { ImportError } from '../import-log.js';
import { defineApi, envValue, type PullContext, type PulledBatch } from '../importer.js';
import { type MetricRow, metricRow } from '../metric-row.js';

export const GA4_API_URL = 'https://analyticsdata.googleapis.com';
export const GA4_TOKEN_ENV = 'CRESCENDO_GA4_ACCESS_TOKEN';
export const GOOGLE_TOKEN_ENV = 'CRESCENDO_GOOGLE_ACCESS_TOKEN';
export const GA4_URL_ENV = 'CRESCENDO_GA4_API_URL';

/** `measurement.sources` entry: `{ importer: ga4, property: "123456789" }`. */
export const Ga4Source = z.object({
  importer: z.literal('ga4'),
  /** The GA4 property id (Admin → Property details), digits only. */
  property: z.string().regex(/^\d+$/, 'a GA4 property id is digits only, e.g. "123456789"'),
  /** Only sessions whose campaign (utm_campaign) is this; default: every session. */
  campaign: z.string().min(1).optional(),
  /** Rows per request (the API allows up to 250,000). */
  pageSize: z.number().int().min(1).max(250_000).default(100_000),
});
export type Ga4Source = z.infer<typeof Ga4Source>;

const DIMENSIONS = ['date', 'sessionCampaignName', 'sessionSourceMedium', 'sessionManualAdContent'] as const;
const METRICS = ['sessions', 'keyEvents', 'totalRevenue'] as const;

/** The parts of `RunReportResponse` read here (metric values are strings). */
const RunReportResponse = z.object({
  dimensionHeaders: z.array(z.object({ name: z.string() })).default([]),
  metricHeaders: z.array(z.object({ name: z.string() })).default([]),
  rows: z
    .array(
      z.object({
        dimensionValues: z.array(z.object({ value: z.string().default('') })),
        metricValues: z.array(z.object({ value: z.string().default('') })),
      }),
    )
    .default([]),
  rowCount: z.number().int().nonnegative().default(0),
  propertyQuota: z
    .object({
      tokensPerDay: z
        .object({ consumed: z.number().default(0), remaining: z.number().default(0) })
        .optional(),
      tokensPerHour: z
        .object({ consumed: z.number().default(0), remaining: z.number().default(0) })
        .optional(),
    })
    .optional(),
});

const service: Service = {
  name: 'Google Analytics Data API',
  credential: `${GA4_TOKEN_ENV} (or ${GOOGLE_TOKEN_ENV})`,
  describe: describeGoogleError,
  advice(status, reason) {
    if (status === 429 || reason === 'RESOURCE_EXHAUSTED') {
      return 'the property quota is used up (tokens per hour or per day, or 10 requests at once): run again after the hour, or tomorrow (Pacific time); pulling fewer days uses fewer tokens';
    }
    if (status === 403) {
      return 'give the account behind the token Viewer access to the property (GA4 Admin → Property access management), and the scope https://www.googleapis.com/auth/analytics.readonly';
    }
    if (status === 401) {
      return `set ${GA4_TOKEN_ENV} to a fresh OAuth access token with the analytics.readonly scope (tokens last one hour; mint one in the workflow, e.g. google-github-actions/auth with token_format: access_token)`;
    }
    return undefined;
  },
};

/**
 * GA4 Data API `runReport`: sessions, key events and total revenue per day, session
 * campaign, session source / medium and session manual ad content (utm_content), paged with
 * `limit`/`offset` until `rowCount` rows have come.
 */
export const ga4Api = defineApi({
  config: Ga4Source,
  env: [
    {
      name: GA4_TOKEN_ENV,
      about: 'OAuth access token, scope analytics.readonly',
      secret: true,
      required: true,
    },
    {
      name: GOOGLE_TOKEN_ENV,
      about: 'shared Google token used when the GA4 one is not set',
      secret: true,
      required: false,
    },
    { name: GA4_URL_ENV, about: `base URL (default ${GA4_API_URL})`, secret: false, required: false },
  ],
  pull: pullGa4,
});

async function* pullGa4(config: Ga4Source, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const token = envValue(ctx.env, GA4_TOKEN_ENV, GOOGLE_TOKEN_ENV);
  if (!token) {
    throw new ImportError('auth', 'no credential for the Google Analytics Data API', {
      where: 'measurement.sources (ga4)',
      fix: `set ${GA4_TOKEN_ENV} (a secret) to an OAuth access token with the analytics.readonly scope`,
    });
  }
  const url = `${baseUrl(ctx, GA4_URL_ENV, GA4_API_URL)}/v1beta/properties/${config.property}:runReport`;
  const file = `ga4 runReport properties/${config.property} ${ctx.window.from}..${ctx.window.to}`;
  let offset = 0;
  for (;;) {
    const body = {
      dateRanges: [{ startDate: ctx.window.from, endDate: ctx.window.to }],
      dimensions: DIMENSIONS.map((name) => ({ name })),
      metrics: METRICS.map((name) => ({ name })),
      limit: config.pageSize,
      offset,
      returnPropertyQuota: true,
      ...(config.campaign
        ? {
            dimensionFilter: {
              filter: {
                fieldName: 'sessionCampaignName',
                stringFilter: { matchType: 'EXACT', value: config.campaign },
              },
            },
          }
        : {}),
    };
    const parsed = RunReportResponse.safeParse(
      await callJson(
        service,
        url,
        { headers: { authorization: `Bearer ${token}` }, body, secrets: [token] },
        ctx,
      ),
    );
    if (!parsed.success)
      throw badResponse(service, url, `a report of an unexpected shape (${parsed.error.issues[0]?.message})`);
    const report = parsed.data;
    checkHeaders(report, url);
    const rows = report.rows.map((r, i) => toRow(r, offset + i + 1, file, url, ctx));
    warnQuota(report.propertyQuota, file, ctx);
    yield { rows, touchpoints: [] };
    offset += report.rows.length;
    if (report.rows.length === 0 || offset >= report.rowCount) return;
  }
}

function checkHeaders(report: z.infer<typeof RunReportResponse>, url: string): void {
  if (report.rows.length === 0) return;
  const dims = report.dimensionHeaders.map((h) => h.name).join(',');
  const metrics = report.metricHeaders.map((h) => h.name).join(',');
  if (dims !== DIMENSIONS.join(',') || metrics !== METRICS.join(',')) {
    throw badResponse(service, url, `columns ${dims} / ${metrics}, not the ones asked for`);
  }
}

function toRow(
  r: { dimensionValues: { value: string }[]; metricValues: { value: string }[] },
  row: number,
  file: string,
  url: string,
  ctx: PullContext,
): MetricRow {
  const [date = '', campaignValue = '', sourceMedium = '', content = ''] = r.dimensionValues.map(
    (v) => v.value,
  );
  const { source, medium } = splitSourceMedium(sourceMedium);
  const campaign = notSet(campaignValue);
  const utm = notSet(content);
  const numbers = r.metricValues.map((v) => Number(v.value));
  if (numbers.length !== METRICS.length || numbers.some((n) => !Number.isFinite(n) || n < 0)) {
    throw badResponse(
      service,
      url,
      `row ${row} with metric values ${r.metricValues.map((v) => v.value).join(', ')}`,
    );
  }
  let day: string;
  try {
    day = parseDay(date, 'date') as string;
  } catch {
    throw badResponse(service, url, `row ${row} with the date "${date}"`);
  }
  const channel = withLedger(channelFor(source, medium, campaign), utm, ctx.channelByUtmContent);
  return metricRow(
    { date: day, channel, source, medium, campaign, utm_content: utm, record: '' },
    { sessions: numbers[0], conversions: numbers[1], revenue: numbers[2] },
    { importer: 'ga4', file, row },
  );
}

/**
 * `propertyQuota.tokensPerDay.remaining` is what the property has left today. Below a tenth
 * of a standard property's 200,000 daily tokens, later pulls today may be refused.
 */
function warnQuota(
  quota: z.infer<typeof RunReportResponse>['propertyQuota'],
  file: string,
  ctx: PullContext,
): void {
  const day = quota?.tokensPerDay;
  if (day && day.remaining < 20_000) {
    ctx.log.flag('ga4-quota', {
      file,
      message: `the property has ${day.remaining} of its daily GA4 tokens left`,
      fix: 'later pulls today may be refused: pull fewer days, or wait for the daily reset (Pacific time)',
    });
  }
}
