import { googleError, type Loopback, type Reply, startLoopback } from '../loopback.js';

/** One row of the fake property's data: GA4 dimension values and metric numbers. */
export interface Ga4Row {
  date: string;
  sessionCampaignName: string;
  sessionSourceMedium: string;
  sessionManualAdContent: string;
  sessions: number;
  keyEvents: number;
  totalRevenue: number;
}

const DIMENSIONS = new Set(['date', 'sessionCampaignName', 'sessionSourceMedium', 'sessionManualAdContent']);
const METRIC_TYPES: Record<string, string> = {
  sessions: 'TYPE_INTEGER',
  keyEvents: 'TYPE_FLOAT',
  totalRevenue: 'TYPE_CURRENCY',
};

export interface FakeGa4 extends Loopback {
  /** Tokens left today; each report costs 10. */
  tokensPerDayRemaining: number;
}

/**
 * A fake GA4 Data API (`POST /v1beta/properties/{id}:runReport`) following the published
 * shapes: dimension and metric headers in the order asked, metric values as strings,
 * `rowCount` for the whole result, `limit`/`offset` paging, `rows` and `rowCount` left out
 * when nothing matches, `propertyQuota` when asked, google.rpc errors.
 */
export async function startFakeGa4(options: {
  token: string;
  property: string;
  rows: Ga4Row[];
}): Promise<FakeGa4> {
  const fake = (await startLoopback((request): Reply => {
    const match = /^\/v1beta\/properties\/(\d+):runReport$/.exec(request.path);
    if (request.method !== 'POST' || !match)
      return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return googleError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    if (match[1] !== options.property) {
      return googleError(
        403,
        'PERMISSION_DENIED',
        'User does not have sufficient permissions for this property.',
      );
    }
    if (fake.tokensPerDayRemaining <= 0) {
      return googleError(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per day for a property.');
    }
    const body = request.body as {
      dateRanges: { startDate: string; endDate: string }[];
      dimensions: { name: string }[];
      metrics: { name: string }[];
      limit?: number;
      offset?: number;
      returnPropertyQuota?: boolean;
      dimensionFilter?: { filter: { fieldName: string; stringFilter: { value: string } } };
    };
    const dims = body.dimensions.map((d) => d.name);
    const metrics = body.metrics.map((m) => m.name);
    const unknown = [...dims.filter((d) => !DIMENSIONS.has(d)), ...metrics.filter((m) => !METRIC_TYPES[m])];
    if (unknown.length)
      return googleError(400, 'INVALID_ARGUMENT', `Field ${unknown[0]} is not a valid dimension or metric.`);
    const limit = body.limit ?? 10_000;
    if (limit > 250_000) return googleError(400, 'INVALID_ARGUMENT', 'limit must not exceed 250000.');
    const [range] = body.dateRanges;
    const from = range?.startDate.replace(/-/g, '') ?? '';
    const to = range?.endDate.replace(/-/g, '') ?? '';
    const filter = body.dimensionFilter?.filter;
    const matching = options.rows.filter(
      (r) =>
        r.date >= from &&
        r.date <= to &&
        (!filter || String(r[filter.fieldName as keyof Ga4Row]) === filter.stringFilter.value),
    );
    const offset = body.offset ?? 0;
    const page = matching.slice(offset, offset + limit);
    fake.tokensPerDayRemaining -= 10;
    return {
      status: 200,
      body: {
        dimensionHeaders: dims.map((name) => ({ name })),
        metricHeaders: metrics.map((name) => ({ name, type: METRIC_TYPES[name] })),
        ...(page.length
          ? {
              rows: page.map((r) => ({
                dimensionValues: dims.map((d) => ({ value: String(r[d as keyof Ga4Row]) })),
                metricValues: metrics.map((m) => ({ value: String(r[m as keyof Ga4Row]) })),
              })),
            }
          : {}),
        ...(matching.length ? { rowCount: matching.length } : {}),
        metadata: { currencyCode: 'USD', timeZone: 'America/Los_Angeles' },
        ...(body.returnPropertyQuota
          ? {
              propertyQuota: {
                tokensPerDay: { consumed: 10, remaining: fake.tokensPerDayRemaining },
                tokensPerHour: { consumed: 10, remaining: 39_990 },
                concurrentRequests: { consumed: 0, remaining: 10 },
              },
            }
          : {}),
        kind: 'analyticsData#runReport',
      },
    };
  })) as FakeGa4;
  fake.tokensPerDayRemaining = 200_000;
  return fake;
}
