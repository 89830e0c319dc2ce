import { googleError, type Loopback, type Reply, startLoopback } from '../loopback.js';

/** One ad's day in the fake account. */
export interface AdsDay {
  date: string;
  campaignId: string;
  campaignName: string;
  adId: string;
  finalUrl: string;
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions: number;
  conversionsValue: number;
}

/** A GoogleAdsFailure error as the API sends it (the reason is in `details[].errors[].errorCode`). */
export function adsFailure(
  code: number,
  status: string,
  kind: string,
  reason: string,
  message: string,
): Reply {
  return googleError(code, status, 'The caller does not have permission', [
    {
      '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
      errors: [{ errorCode: { [kind]: reason }, message }],
      requestId: 'fake-request',
    },
  ]);
}

/**
 * A fake Google Ads API `POST /{version}/customers/{id}/googleAds:searchStream`: reads the
 * GAQL date range, answers a JSON array of batches (`results`, `fieldMask`, `requestId`)
 * written in small pieces like a stream, with REST field names (camelCase), int64 metrics
 * as strings and zero metrics left out, as proto3 JSON does.
 */
export async function startFakeGoogleAds(options: {
  token: string;
  customer: string;
  currency?: string;
  loginCustomer?: string;
  days: AdsDay[];
  batchSize?: number;
}): Promise<Loopback> {
  return startLoopback((request): Reply => {
    const match = /^\/(v\d+)\/customers\/(\d+)\/googleAds:searchStream$/.exec(request.path);
    if (request.method !== 'POST' || !match)
      return googleError(404, 'NOT_FOUND', 'The requested URL was not found.');
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return adsFailure(
        401,
        'UNAUTHENTICATED',
        'authenticationError',
        'OAUTH_TOKEN_INVALID',
        'Oauth token is invalid.',
      );
    }
    if (
      match[2] !== options.customer ||
      (options.loginCustomer && request.headers['login-customer-id'] !== options.loginCustomer)
    ) {
      return adsFailure(
        403,
        'PERMISSION_DENIED',
        'authorizationError',
        'USER_PERMISSION_DENIED',
        "User doesn't have permission to access customer.",
      );
    }
    const query = (request.body as { query?: string })?.query ?? '';
    const range = /segments\.date BETWEEN '(\d{4}-\d{2}-\d{2})' AND '(\d{4}-\d{2}-\d{2})'/.exec(query);
    if (!/FROM ad_group_ad/.test(query) || !range) {
      return adsFailure(400, 'INVALID_ARGUMENT', 'queryError', 'UNEXPECTED_END_OF_QUERY', 'Error in query.');
    }
    const rows = options.days
      .filter((d) => d.date >= (range[1] as string) && d.date <= (range[2] as string))
      .map((d) => ({
        segments: { date: d.date },
        customer: { resourceName: `customers/${options.customer}`, currencyCode: options.currency ?? 'USD' },
        campaign: {
          resourceName: `customers/${options.customer}/campaigns/${d.campaignId}`,
          id: d.campaignId,
          name: d.campaignName,
        },
        adGroupAd: {
          resourceName: `customers/${options.customer}/adGroupAds/1~${d.adId}`,
          ad: {
            resourceName: `customers/${options.customer}/ads/${d.adId}`,
            id: d.adId,
            finalUrls: [d.finalUrl],
          },
        },
        metrics: nonZero({
          impressions: String(d.impressions),
          clicks: String(d.clicks),
          costMicros: String(d.costMicros),
          conversions: d.conversions,
          conversionsValue: d.conversionsValue,
        }),
      }));
    const size = options.batchSize ?? 2;
    const batches: unknown[] = [];
    for (let at = 0; at < rows.length; at += size) {
      batches.push({
        results: rows.slice(at, at + size),
        fieldMask:
          'segments.date,customer.currencyCode,campaign.id,campaign.name,adGroupAd.ad.id,adGroupAd.ad.finalUrls,metrics.impressions,metrics.clicks,metrics.costMicros,metrics.conversions,metrics.conversionsValue',
        requestId: `fake-${at}`,
      });
    }
    const text = JSON.stringify(
      batches.length ? batches : [{ fieldMask: 'segments.date', requestId: 'fake-empty' }],
      null,
      1,
    );
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += 97) chunks.push(text.slice(at, at + 97));
    return { status: 200, chunks };
  });
}

function nonZero(metrics: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number(v) !== 0));
}
