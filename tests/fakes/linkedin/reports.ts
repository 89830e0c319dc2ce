import { type Loopback, type Reply, startLoopback } from '../loopback.js';

/** One creative's day in the fake ad account. */
export interface CreativeDay {
  date: string;
  creative: string;
  impressions: number;
  clicks: number;
  cost: string;
  conversions: number;
}

const error = (status: number, code: string, message: string, serviceErrorCode = 100): Reply => ({
  status,
  body: { status, serviceErrorCode, code, message },
});

/**
 * A fake LinkedIn Marketing API `GET /rest/adAnalytics` (Analytics finder): checks the
 * `LinkedIn-Version` (426 NONEXISTENT_VERSION for a retired one) and Rest.li 2.0 headers,
 * reads the Rest.li query (`dateRange=(start:(year:…)…)`, `accounts=List(urn%3Ali%3A…)`),
 * and answers `{paging, elements}` with `dateRange`, `pivotValues` and the metrics (cost as a
 * decimal string). No paging: at most `maxElements` elements, the rest cut off, as the real
 * endpoint caps its answer.
 */
export async function startFakeLinkedin(options: {
  token: string;
  account: string;
  versions: string[];
  days: CreativeDay[];
  maxElements?: number;
}): Promise<Loopback> {
  return startLoopback((request): Reply => {
    if (request.method !== 'GET' || request.path !== '/rest/adAnalytics')
      return error(404, 'NOT_FOUND', 'Not Found');
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return error(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
    }
    const version = request.headers['linkedin-version'] ?? '';
    if (!options.versions.includes(version)) {
      return error(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    }
    if (request.headers['x-restli-protocol-version'] !== '2.0.0')
      return error(400, 'ILLEGAL_ARGUMENT', 'Rest.li 2.0 required');
    const q = Object.fromEntries(
      request.rawQuery.split('&').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
    );
    if (q.q !== 'analytics' || q.pivot !== 'CREATIVE' || q.timeGranularity !== 'DAILY') {
      return error(400, 'ILLEGAL_ARGUMENT', 'Invalid finder parameters');
    }
    const range =
      /^\(start:\(year:(\d+),month:(\d+),day:(\d+)\),end:\(year:(\d+),month:(\d+),day:(\d+)\)\)$/.exec(
        q.dateRange ?? '',
      );
    const account = /^List\((.+)\)$/.exec(q.accounts ?? '')?.[1];
    if (!range || !account) return error(400, 'ILLEGAL_ARGUMENT', 'Invalid dateRange or accounts');
    if (decodeURIComponent(account) !== `urn:li:sponsoredAccount:${options.account}`) {
      return error(
        403,
        'ACCESS_DENIED',
        'Not enough permissions to access: adAnalytics.FINDER-analytics.20260901',
      );
    }
    const ymd = (y?: string, m?: string, d?: string) =>
      `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const from = ymd(range[1], range[2], range[3]);
    const to = ymd(range[4], range[5], range[6]);
    const elements = options.days
      .filter((d) => d.date >= from && d.date <= to)
      .slice(0, options.maxElements ?? 15_000)
      .map((d) => {
        const [year, month, day] = d.date.split('-').map(Number);
        return {
          dateRange: { start: { year, month, day }, end: { year, month, day } },
          pivotValues: [d.creative],
          impressions: d.impressions,
          clicks: d.clicks,
          costInLocalCurrency: d.cost,
          externalWebsiteConversions: d.conversions,
        };
      });
    return { status: 200, body: { paging: { start: 0, count: 10, links: [] }, elements } };
  });
}
