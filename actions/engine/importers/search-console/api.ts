import { z } from 'zod';
import { pageKey } from '../cells.js';
import { describeGoogleError } from '../google-error.js';
import { badResponse, baseUrl, callJson, type Service } from '../http.js';
import { ImportError } from '../import-log.js';
import { defineApi, envValue, type PullContext, type PulledBatch } from '../importer.js';
import { type MetricRow, metricRow } from '../metric-row.js';

export const SEARCH_CONSOLE_API_URL = 'https://www.googleapis.com';
export const SEARCH_CONSOLE_TOKEN_ENV = 'CRESCENDO_SEARCH_CONSOLE_ACCESS_TOKEN';
export const SEARCH_CONSOLE_URL_ENV = 'CRESCENDO_SEARCH_CONSOLE_API_URL';
const GOOGLE_TOKEN_ENV = 'CRESCENDO_GOOGLE_ACCESS_TOKEN';
/** The most rows `searchAnalytics.query` answers per request. */
export const SEARCH_CONSOLE_ROW_LIMIT = 25_000;

/** `measurement.sources` entry: `{ importer: search-console, site: "sc-domain:example.com" }`. */
export const SearchConsoleSource = z.object({
  importer: z.literal('search-console'),
  /** The property as Search Console names it: "sc-domain:example.com" or "https://www.example.com/". */
  site: z
    .string()
    .regex(
      /^(sc-domain:[^/\s]+|https?:\/\/\S+)$/,
      'a Search Console property is "sc-domain:example.com" or a URL prefix such as "https://www.example.com/"',
    ),
  type: z.enum(['web', 'image', 'video', 'news', 'discover', 'googleNews']).default('web'),
});
export type SearchConsoleSource = z.infer<typeof SearchConsoleSource>;

const QueryResponse = z.object({
  rows: z
    .array(
      z.object({
        keys: z.array(z.string()),
        clicks: z.number().nonnegative(),
        impressions: z.number().nonnegative(),
        ctr: z.number().optional(),
        position: z.number().optional(),
      }),
    )
    .default([]),
  responseAggregationType: z.string().optional(),
});

const service: Service = {
  name: 'Search Console API',
  credential: `${SEARCH_CONSOLE_TOKEN_ENV} (or ${GOOGLE_TOKEN_ENV})`,
  describe: describeGoogleError,
  advice(status) {
    if (status === 403) {
      return 'add the account behind the token as a user of the Search Console property (Settings → Users and permissions), with the webmasters.readonly scope';
    }
    if (status === 401) {
      return `set ${SEARCH_CONSOLE_TOKEN_ENV} to a fresh OAuth access token with the https://www.googleapis.com/auth/webmasters.readonly scope`;
    }
    if (status === 429) return 'the Search Console query quota is used up for now: run again later';
    return undefined;
  },
};

/**
 * Search Console `searchAnalytics.query` by date and page: organic clicks and impressions
 * (the `blog` channel), paged with `startRow` in steps of 25,000 rows. Only final data is
 * asked for (the last two or three days are still being counted). utm_content comes from
 * the ledger by page URL.
 */
export const searchConsoleApi = defineApi({
  config: SearchConsoleSource,
  env: [
    {
      name: SEARCH_CONSOLE_TOKEN_ENV,
      about: 'OAuth access token, scope webmasters.readonly',
      secret: true,
      required: true,
    },
    {
      name: GOOGLE_TOKEN_ENV,
      about: 'shared Google token used when the Search Console one is not set',
      secret: true,
      required: false,
    },
    {
      name: SEARCH_CONSOLE_URL_ENV,
      about: `base URL (default ${SEARCH_CONSOLE_API_URL})`,
      secret: false,
      required: false,
    },
  ],
  pull: pullSearchConsole,
});

async function* pullSearchConsole(
  config: SearchConsoleSource,
  ctx: PullContext,
): AsyncGenerator<PulledBatch> {
  const token = envValue(ctx.env, SEARCH_CONSOLE_TOKEN_ENV, GOOGLE_TOKEN_ENV);
  if (!token) {
    throw new ImportError('auth', 'no credential for the Search Console API', {
      where: 'measurement.sources (search-console)',
      fix: `set ${SEARCH_CONSOLE_TOKEN_ENV} (a secret) to an OAuth access token with the webmasters.readonly scope`,
    });
  }
  const base = baseUrl(ctx, SEARCH_CONSOLE_URL_ENV, SEARCH_CONSOLE_API_URL);
  const url = `${base}/webmasters/v3/sites/${encodeURIComponent(config.site)}/searchAnalytics/query`;
  const file = `search-console query ${config.site} ${ctx.window.from}..${ctx.window.to}`;
  for (let startRow = 0; ; startRow += SEARCH_CONSOLE_ROW_LIMIT) {
    const body = {
      startDate: ctx.window.from,
      endDate: ctx.window.to,
      dimensions: ['date', 'page'],
      type: config.type,
      dataState: 'final',
      rowLimit: SEARCH_CONSOLE_ROW_LIMIT,
      startRow,
    };
    const parsed = QueryResponse.safeParse(
      await callJson(
        service,
        url,
        { headers: { authorization: `Bearer ${token}` }, body, secrets: [token] },
        ctx,
      ),
    );
    if (!parsed.success)
      throw badResponse(
        service,
        url,
        `an answer of an unexpected shape (${parsed.error.issues[0]?.message})`,
      );
    const rows = parsed.data.rows.map((r, i) => toRow(r, startRow + i + 1, file, url, ctx));
    yield { rows, touchpoints: [] };
    if (parsed.data.rows.length < SEARCH_CONSOLE_ROW_LIMIT) return;
  }
}

function toRow(
  r: z.infer<typeof QueryResponse>['rows'][number],
  row: number,
  file: string,
  url: string,
  ctx: PullContext,
): MetricRow {
  const [date = '', page = ''] = r.keys;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw badResponse(service, url, `row ${row} with the date "${date}"`);
  return metricRow(
    {
      date,
      channel: 'blog',
      source: 'google',
      medium: 'organic',
      campaign: '',
      utm_content: ctx.utmContentByRef?.[pageKey(page)] ?? '',
      record: page,
    },
    { impressions: Math.round(r.impressions), clicks: Math.round(r.clicks) },
    { importer: 'search-console', file, row },
  );
}
