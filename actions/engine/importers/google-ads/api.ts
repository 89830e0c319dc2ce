import { z } from 'zod';
import { utmContentOf } from '../cells.js';
import { describeGoogleError } from '../google-error.js';
import { badResponse, baseUrl, call, type Service } from '../http.js';
import { ImportError } from '../import-log.js';
import { defineApi, envValue, type PullContext, type PulledBatch } from '../importer.js';
import { jsonArrayElements } from '../json-stream.js';
import { type MetricRow, metricRow } from '../metric-row.js';

export const GOOGLE_ADS_API_URL = 'https://googleads.googleapis.com';
export const GOOGLE_ADS_TOKEN_ENV = 'CRESCENDO_GOOGLE_ADS_ACCESS_TOKEN';
export const GOOGLE_ADS_URL_ENV = 'CRESCENDO_GOOGLE_ADS_API_URL';
/** Optional and ignored by Google since 2026-09-09 (access levels moved to the Cloud project); sent only when set. */
export const GOOGLE_ADS_DEVELOPER_TOKEN_ENV = 'CRESCENDO_GOOGLE_ADS_DEVELOPER_TOKEN';
const GOOGLE_TOKEN_ENV = 'CRESCENDO_GOOGLE_ACCESS_TOKEN';

const CustomerId = z
  .string()
  .transform((s) => s.replace(/-/g, ''))
  .pipe(z.string().regex(/^\d{10}$/, 'a Google Ads customer id has 10 digits, e.g. "123-456-7890"'));

/** `measurement.sources` entry: `{ importer: google-ads, customer: "123-456-7890" }`. */
export const GoogleAdsSource = z.object({
  importer: z.literal('google-ads'),
  customer: CustomerId,
  /** The manager account the token reaches the customer through (sent as `login-customer-id`). */
  loginCustomer: CustomerId.optional(),
  /** API version; versions are retired about a year after release. */
  apiVersion: z
    .string()
    .regex(/^v\d+$/)
    .default('v26'),
});
export type GoogleAdsSource = z.infer<typeof GoogleAdsSource>;

/** One row of `ad_group_ad` per ad and day. int64 metrics arrive as strings; zero metrics are left out. */
const AdsRow = z.object({
  segments: z.object({ date: z.iso.date() }),
  customer: z.object({ currencyCode: z.string().optional() }).optional(),
  campaign: z.object({ id: z.string().optional(), name: z.string().default('') }).default({ name: '' }),
  adGroupAd: z
    .object({
      ad: z
        .object({
          id: z.string().optional(),
          finalUrls: z.array(z.string()).default([]),
          finalUrlSuffix: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  metrics: z
    .object({
      impressions: z.coerce.number().int().nonnegative().default(0),
      clicks: z.coerce.number().int().nonnegative().default(0),
      costMicros: z.coerce.number().int().nonnegative().default(0),
      conversions: z.number().nonnegative().default(0),
      conversionsValue: z.number().nonnegative().default(0),
    })
    .default({ impressions: 0, clicks: 0, costMicros: 0, conversions: 0, conversionsValue: 0 }),
});

const StreamBatch = z.object({ results: z.array(z.unknown()).default([]), requestId: z.string().optional() });

export function gaql(from: string, to: string): string {
  return [
    'SELECT segments.date, customer.currency_code, campaign.id, campaign.name,',
    'ad_group_ad.ad.id, ad_group_ad.ad.final_urls, ad_group_ad.ad.final_url_suffix,',
    'metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value',
    `FROM ad_group_ad WHERE segments.date BETWEEN '${from}' AND '${to}'`,
  ].join(' ');
}

const service: Service = {
  name: 'Google Ads API',
  credential: `${GOOGLE_ADS_TOKEN_ENV} (or ${GOOGLE_TOKEN_ENV})`,
  describe: describeGoogleError,
  advice(status, reason) {
    if (reason === 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION') {
      return 'the Google Cloud project that owns the OAuth client has Test access only: apply for Explorer or Basic access for that project (Google Ads API Center), then run again';
    }
    if (reason === 'USER_PERMISSION_DENIED' || reason === 'CUSTOMER_NOT_ENABLED') {
      return 'the signed-in user cannot read this customer: grant access, or set measurement.sources[].loginCustomer to the manager account it is reached through';
    }
    if (status === 401) {
      return `set ${GOOGLE_ADS_TOKEN_ENV} to a fresh OAuth access token with the https://www.googleapis.com/auth/adwords scope (tokens last one hour)`;
    }
    if (status === 429 || reason === 'RESOURCE_EXHAUSTED') {
      return "the project's daily operations are used up (Explorer access allows 2,880 a day): run again tomorrow or request Basic access";
    }
    return undefined;
  },
};

/**
 * Google Ads `googleAds:searchStream` with GAQL: impressions, clicks, cost (`cost_micros`
 * ÷ 1,000,000), conversions and conversion value per ad and day. The streamed array is read
 * batch by batch. utm_content comes from the ad's final URL (Crescendo's tracking link) or
 * its final-URL suffix, else from the ledger by ad id.
 */
export const googleAdsApi = defineApi({
  config: GoogleAdsSource,
  env: [
    { name: GOOGLE_ADS_TOKEN_ENV, about: 'OAuth access token, scope adwords', secret: true, required: true },
    {
      name: GOOGLE_TOKEN_ENV,
      about: 'shared Google token used when the Ads one is not set',
      secret: true,
      required: false,
    },
    {
      name: GOOGLE_ADS_DEVELOPER_TOKEN_ENV,
      about: 'legacy developer token (sunset 2026-09-09)',
      secret: true,
      required: false,
    },
    {
      name: GOOGLE_ADS_URL_ENV,
      about: `base URL (default ${GOOGLE_ADS_API_URL})`,
      secret: false,
      required: false,
    },
  ],
  pull: pullGoogleAds,
});

async function* pullGoogleAds(config: GoogleAdsSource, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const token = envValue(ctx.env, GOOGLE_ADS_TOKEN_ENV, GOOGLE_TOKEN_ENV);
  if (!token) {
    throw new ImportError('auth', 'no credential for the Google Ads API', {
      where: 'measurement.sources (google-ads)',
      fix: `set ${GOOGLE_ADS_TOKEN_ENV} (a secret) to an OAuth access token with the adwords scope`,
    });
  }
  const developerToken = envValue(ctx.env, GOOGLE_ADS_DEVELOPER_TOKEN_ENV);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (config.loginCustomer) headers['login-customer-id'] = config.loginCustomer;
  if (developerToken) headers['developer-token'] = developerToken;
  const secrets = developerToken ? [token, developerToken] : [token];
  const base = baseUrl(ctx, GOOGLE_ADS_URL_ENV, GOOGLE_ADS_API_URL);
  const url = `${base}/${config.apiVersion}/customers/${config.customer}/googleAds:searchStream`;
  const file = `google-ads searchStream customers/${config.customer} ${ctx.window.from}..${ctx.window.to}`;
  const response = await call(
    service,
    url,
    { headers, body: { query: gaql(ctx.window.from, ctx.window.to) }, secrets },
    ctx,
  );
  if (!response.body) throw badResponse(service, url, 'an empty answer');
  let row = 0;
  let currency: string | undefined;
  try {
    for await (const element of jsonArrayElements(response.body)) {
      if (typeof element === 'object' && element !== null && 'error' in element) {
        const { message, reason } = describeGoogleError(element);
        throw new ImportError(
          'server',
          `the Google Ads API failed while streaming: ${reason ?? ''} ${message ?? ''}`.trim(),
          {
            where: url,
            fix: 'run again; the rows received so far were discarded',
          },
        );
      }
      const batch = StreamBatch.safeParse(element);
      if (!batch.success) throw badResponse(service, url, 'a batch without results');
      const rows: MetricRow[] = [];
      for (const result of batch.data.results) {
        row++;
        const parsed = AdsRow.safeParse(result);
        if (!parsed.success)
          throw badResponse(
            service,
            url,
            `row ${row} of an unexpected shape (${parsed.error.issues[0]?.path.join('.')})`,
          );
        currency = checkCurrency(parsed.data.customer?.currencyCode, currency, ctx, config.customer);
        rows.push(toRow(parsed.data, row, file, ctx));
      }
      yield { rows, touchpoints: [] };
    }
  } catch (error) {
    if (error instanceof SyntaxError)
      throw badResponse(service, url, `a stream that is not JSON (${error.message})`);
    throw error;
  }
}

function checkCurrency(
  code: string | undefined,
  seen: string | undefined,
  ctx: PullContext,
  customer: string,
) {
  if (!code) return seen;
  if (ctx.currency && code !== ctx.currency) {
    throw new ImportError(
      'config',
      `Google Ads customer ${customer} reports costs in ${code}, the campaign budget is in ${ctx.currency}`,
      {
        where: 'measurement.sources (google-ads)',
        fix: 'measure this campaign with an account in the budget currency, or convert the costs and import them as metrics.csv',
      },
    );
  }
  return code;
}

function toRow(r: z.infer<typeof AdsRow>, row: number, file: string, ctx: PullContext): MetricRow {
  const ad = r.adGroupAd?.ad;
  const adId = ad?.id ?? '';
  const fromUrl =
    utmContentOf(ad?.finalUrls[0]) || (ad?.finalUrlSuffix ? utmContentOf(`?${ad.finalUrlSuffix}`) : '');
  const utm = fromUrl || (adId ? (ctx.utmContentByRef?.[adId] ?? '') : '');
  const m = r.metrics;
  return metricRow(
    {
      date: r.segments.date,
      channel: 'google-ads',
      source: 'google',
      medium: 'cpc',
      campaign: r.campaign.name,
      utm_content: utm,
      record: adId,
    },
    {
      impressions: m.impressions,
      clicks: m.clicks,
      cost: m.costMicros / 1e6,
      conversions: m.conversions,
      revenue: m.conversionsValue,
    },
    { importer: 'google-ads', file, row },
  );
}
