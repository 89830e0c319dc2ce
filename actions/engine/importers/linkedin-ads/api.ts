import { z } from 'zod';
import { splitWindow, validDay } from '../cells.js';
import { badResponse, baseUrl, callJson, type Service } from '../http.js';
import { ImportError } from '../import-log.js';
import { defineApi, envValue, type PullContext, type PulledBatch } from '../importer.js';
import { type DateWindow, type MetricRow, metricRow } from '../metric-row.js';

export const LINKEDIN_API_URL = 'https://api.linkedin.com';
export const LINKEDIN_TOKEN_ENV = 'CRESCENDO_LINKEDIN_ACCESS_TOKEN';
export const LINKEDIN_URL_ENV = 'CRESCENDO_LINKEDIN_API_URL';
/** adAnalytics answers at most this many elements and has no paging: a full answer is split and asked again. */
export const LINKEDIN_MAX_ELEMENTS = 15_000;
const FIELDS = 'dateRange,pivotValues,impressions,clicks,costInLocalCurrency,externalWebsiteConversions';

/** `measurement.sources` entry: `{ importer: linkedin-ads, account: "508123456" }`. */
export const LinkedinAdsSource = z.object({
  importer: z.literal('linkedin-ads'),
  /** The ad account id (Campaign Manager → Account settings), digits only. */
  account: z.string().regex(/^\d+$/, 'a LinkedIn ad account id is digits only'),
  /** `LinkedIn-Version` (YYYYMM). Each version lives about a year; a retired one is answered 426. */
  version: z
    .string()
    .regex(/^\d{6}$/, 'a LinkedIn-Version is YYYYMM, e.g. "202609"')
    .default('202609'),
});
export type LinkedinAdsSource = z.infer<typeof LinkedinAdsSource>;

const YMD = z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int() });
const AnalyticsResponse = z.object({
  elements: z
    .array(
      z.object({
        dateRange: z.object({ start: YMD, end: YMD.optional() }),
        pivotValues: z.array(z.string()).default([]),
        impressions: z.number().int().nonnegative().default(0),
        clicks: z.number().int().nonnegative().default(0),
        /** A decimal string, e.g. "107.5300000000000335346". */
        costInLocalCurrency: z.union([z.string(), z.number()]).default('0'),
        externalWebsiteConversions: z.number().nonnegative().optional(),
      }),
    )
    .default([]),
});
type Element = z.infer<typeof AnalyticsResponse>['elements'][number];

const service: Service = {
  name: 'LinkedIn Marketing API',
  credential: LINKEDIN_TOKEN_ENV,
  describe(body) {
    if (typeof body !== 'object' || body === null) return typeof body === 'string' ? { message: body } : {};
    const b = body as Record<string, unknown>;
    return {
      message: typeof b.message === 'string' ? b.message : undefined,
      reason: typeof b.code === 'string' ? b.code : undefined,
    };
  },
  advice(status, reason) {
    if (status === 426 || reason === 'NONEXISTENT_VERSION') {
      return 'the LinkedIn-Version is retired: set measurement.sources[].version (linkedin-ads) to a current YYYYMM';
    }
    if (status === 401) {
      return `set ${LINKEDIN_TOKEN_ENV} to a valid access token (LinkedIn tokens last 60 days; refresh it and update the secret)`;
    }
    if (status === 403) {
      return 'the token needs the r_ads_reporting scope and a role on the ad account (Campaign Manager → Manage access)';
    }
    if (status === 429) return 'the daily application or member limit is used up; it resets at midnight UTC';
    return undefined;
  },
};

/**
 * LinkedIn `GET /rest/adAnalytics?q=analytics&pivot=CREATIVE&timeGranularity=DAILY`
 * (Rest.li 2.0 syntax) for one ad account: impressions, clicks, cost in the account
 * currency and website conversions per creative and day. The endpoint does not page and
 * answers at most 15,000 elements: a full answer is split into two halves of the window and
 * asked again, so nothing is cut off. utm_content comes from the ledger by creative URN.
 */
export const linkedinAdsApi = defineApi({
  config: LinkedinAdsSource,
  env: [
    {
      name: LINKEDIN_TOKEN_ENV,
      about: 'OAuth access token, scope r_ads_reporting',
      secret: true,
      required: true,
    },
    {
      name: LINKEDIN_URL_ENV,
      about: `base URL (default ${LINKEDIN_API_URL})`,
      secret: false,
      required: false,
    },
  ],
  pull: pullLinkedin,
});

async function* pullLinkedin(config: LinkedinAdsSource, ctx: PullContext): AsyncGenerator<PulledBatch> {
  const token = envValue(ctx.env, LINKEDIN_TOKEN_ENV);
  if (!token) {
    throw new ImportError('auth', 'no credential for the LinkedIn Marketing API', {
      where: 'measurement.sources (linkedin-ads)',
      fix: `set ${LINKEDIN_TOKEN_ENV} (a secret) to an access token with the r_ads_reporting scope`,
    });
  }
  const file = `linkedin-ads adAnalytics account ${config.account} ${ctx.window.from}..${ctx.window.to}`;
  let row = 0;
  const windows: DateWindow[] = [ctx.window];
  while (windows.length > 0) {
    const window = windows.shift() as DateWindow;
    const url = analyticsUrl(baseUrl(ctx, LINKEDIN_URL_ENV, LINKEDIN_API_URL), config.account, window);
    const headers = {
      authorization: `Bearer ${token}`,
      'linkedin-version': config.version,
      'x-restli-protocol-version': '2.0.0',
    };
    const parsed = AnalyticsResponse.safeParse(
      await callJson(service, url, { headers, secrets: [token] }, ctx),
    );
    if (!parsed.success)
      throw badResponse(
        service,
        url,
        `an answer of an unexpected shape (${parsed.error.issues[0]?.message})`,
      );
    const { elements } = parsed.data;
    if (elements.length >= LINKEDIN_MAX_ELEMENTS && window.from !== window.to) {
      windows.unshift(...splitWindow(window));
      continue;
    }
    const rows = elements.map((e) => toRow(e, ++row, file, url, ctx));
    yield { rows, touchpoints: [] };
  }
}

/** Rest.li 2.0: parentheses, colons and commas stay as they are; the URN inside `List(...)` is encoded. */
export function analyticsUrl(base: string, account: string, w: DateWindow): string {
  const [fy, fm, fd] = w.from.split('-').map(Number);
  const [ty, tm, td] = w.to.split('-').map(Number);
  const range = `(start:(year:${fy},month:${fm},day:${fd}),end:(year:${ty},month:${tm},day:${td}))`;
  const accounts = `List(${encodeURIComponent(`urn:li:sponsoredAccount:${account}`)})`;
  return `${base}/rest/adAnalytics?q=analytics&pivot=CREATIVE&timeGranularity=DAILY&dateRange=${range}&accounts=${accounts}&fields=${FIELDS}`;
}

function toRow(e: Element, row: number, file: string, url: string, ctx: PullContext): MetricRow {
  const { year, month, day } = e.dateRange.start;
  if (!validDay(year, month, day)) throw badResponse(service, url, `element ${row} with an impossible date`);
  // LinkedIn writes costs with long tails ("107.5300000000000335346"): micro-units are plenty.
  const cost = Math.round(Number(e.costInLocalCurrency) * 1e6) / 1e6;
  if (!Number.isFinite(cost) || cost < 0)
    throw badResponse(service, url, `element ${row} with the cost "${e.costInLocalCurrency}"`);
  const creative = e.pivotValues[0] ?? '';
  const id = creative.replace(/^urn:li:sponsoredCreative:/, '');
  const utm = ctx.utmContentByRef?.[creative] ?? ctx.utmContentByRef?.[id] ?? '';
  if (!utm && creative) {
    ctx.log.flag('linkedin-unmapped-creative', {
      file,
      row,
      message: `creatives not in the distribution ledger (first: ${creative}) are counted without a utm_content`,
      fix: 'nothing to do for ads Crescendo did not publish; otherwise record the creative URN in the ledger',
    });
  }
  return metricRow(
    {
      date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      channel: 'linkedin-ads',
      source: 'linkedin',
      medium: 'paid_social',
      campaign: '',
      utm_content: utm,
      record: creative,
    },
    { impressions: e.impressions, clicks: e.clicks, cost, conversions: e.externalWebsiteConversions },
    { importer: 'linkedin-ads', file, row },
  );
}
