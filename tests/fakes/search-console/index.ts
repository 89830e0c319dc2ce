import { googleError, type Loopback, type Reply, startLoopback } from '../loopback.js';

export interface PageDay {
  date: string;
  page: string;
  clicks: number;
  impressions: number;
  position: number;
}

/**
 * A fake Search Console API `POST /webmasters/v3/sites/{siteUrl}/searchAnalytics/query`:
 * `rows` of `{keys, clicks, impressions, ctr, position}` in the order of the requested
 * dimensions, `rowLimit` at most 25,000 (400 above), `startRow` paging, no `rows` when
 * nothing matches.
 */
export async function startFakeSearchConsole(options: {
  token: string;
  site: string;
  days: PageDay[];
}): Promise<Loopback> {
  return startLoopback((request): Reply => {
    const match = /^\/webmasters\/v3\/sites\/(.+)\/searchAnalytics\/query$/.exec(request.path);
    if (request.method !== 'POST' || !match) return googleError(404, 'NOT_FOUND', 'Not Found');
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    }
    if (match[1] !== options.site) {
      return googleError(
        403,
        'PERMISSION_DENIED',
        `User does not have sufficient permission for site '${match[1]}'.`,
      );
    }
    const body = request.body as {
      startDate: string;
      endDate: string;
      dimensions: string[];
      rowLimit?: number;
      startRow?: number;
    };
    const rowLimit = body.rowLimit ?? 1000;
    if (rowLimit > 25_000)
      return googleError(400, 'INVALID_ARGUMENT', 'rowLimit must be between 1 and 25000.');
    const matching = options.days.filter((d) => d.date >= body.startDate && d.date <= body.endDate);
    const start = body.startRow ?? 0;
    const rows = matching.slice(start, start + rowLimit).map((d) => ({
      keys: body.dimensions.map((dim) => (dim === 'date' ? d.date : d.page)),
      clicks: d.clicks,
      impressions: d.impressions,
      ctr: d.impressions ? d.clicks / d.impressions : 0,
      position: d.position,
    }));
    return { status: 200, body: { ...(rows.length ? { rows } : {}), responseAggregationType: 'byPage' } };
  });
}
