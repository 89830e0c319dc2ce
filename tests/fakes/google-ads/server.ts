import { json, type Loopback, type LoopbackRequest, type Reply, startLoopback } from '../loopback.js';
import { adsFailure, notFoundHtml, unauthenticated } from './errors.js';
import { runQuery } from './gaql.js';
import { runMutate } from './mutate.js';
import { type AdsState, emptyAdsState } from './state.js';

/*
 * A fake Google Ads API (REST): `googleAds:mutate` and `googleAds:search` for one customer, the Google
 * OAuth token endpoint, and the access rules a real call meets — bearer token, API version, the Cloud
 * project's access level, and `login-customer-id` for accounts reached through a manager.
 */

export interface FakeGoogleAdsOptions {
  customer?: { id: string; name: string; currency: string; test?: boolean; managerId?: string };
  /** The Cloud project's API access: `test` reaches only test accounts. Default `basic`. */
  access?: 'test' | 'explorer' | 'basic' | 'standard';
  tokens?: string[];
  expiredTokens?: string[];
  versions?: string[];
  /** Versions past their sunset that still answer, with UNSUPPORTED_VERSION. */
  sunsetVersions?: string[];
  oauth?: { clientId: string; clientSecret: string; refreshTokens: string[] };
}

export interface FakeGoogleAds
  extends Pick<Loopback, 'url' | 'requests' | 'failNext' | 'whenHung' | 'close'> {
  readonly state: AdsState;
}

export const DEFAULT_GOOGLE_TOKEN = 'ya29.fake-access-token';

export async function startFakeGoogleAds(options: FakeGoogleAdsOptions = {}): Promise<FakeGoogleAds> {
  const customer = options.customer ?? { id: '1234567890', name: 'Acme Analytics', currency: 'USD' };
  const tokens = new Set(options.tokens ?? [DEFAULT_GOOGLE_TOKEN]);
  const versions = options.versions ?? ['v24', 'v25', 'v26'];
  const state = emptyAdsState();
  let issued = 0;

  function token(request: LoopbackRequest): Reply {
    const form = request.form ?? {};
    const oauth = options.oauth;
    if (!oauth || form.client_id !== oauth.clientId || form.client_secret !== oauth.clientSecret) {
      return json(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    }
    if (form.grant_type !== 'refresh_token' || !oauth.refreshTokens.includes(form.refresh_token ?? '')) {
      return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    }
    const fresh = `ya29.refreshed-${++issued}`;
    tokens.add(fresh);
    return json(200, {
      access_token: fresh,
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/adwords',
      token_type: 'Bearer',
    });
  }

  function route(request: LoopbackRequest): Reply {
    if (request.method === 'POST' && request.path === '/token') return token(request);
    const m = /^\/(v\d+)\/customers\/(\d+)\/googleAds:(mutate|search)$/.exec(request.path);
    const version = m?.[1] ?? '';
    if (!m || request.method !== 'POST') return notFoundHtml(request.path);
    if (options.sunsetVersions?.includes(version)) {
      return adsFailure(400, version, [
        {
          errorCode: { requestError: 'UNSUPPORTED_VERSION' },
          message: ` Version ${version} is deprecated. Requests to this version will be blocked.`,
        },
      ]);
    }
    if (!versions.includes(version)) return notFoundHtml(request.path);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (options.expiredTokens?.includes(bearer)) {
      return adsFailure(401, version, [
        {
          errorCode: { authenticationError: 'OAUTH_TOKEN_EXPIRED' },
          message: 'Authentication of the request failed.',
        },
      ]);
    }
    if (!tokens.has(bearer)) return unauthenticated();
    if (m[2] !== customer.id) {
      return adsFailure(403, version, [
        {
          errorCode: { authorizationError: 'USER_PERMISSION_DENIED' },
          message: "User doesn't have permission to access customer.",
        },
      ]);
    }
    if ((options.access ?? 'basic') === 'test' && !customer.test) {
      return adsFailure(403, version, [
        {
          errorCode: { authorizationError: 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION' },
          message: 'The Google Cloud project is only approved for use with test accounts.',
        },
      ]);
    }
    if (customer.managerId && request.headers['login-customer-id'] !== customer.managerId) {
      return adsFailure(403, version, [
        {
          errorCode: { authorizationError: 'USER_PERMISSION_DENIED' },
          message:
            "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header.",
        },
      ]);
    }
    if (m[3] === 'search')
      return runQuery(state, customer, version, String((request.json as { query?: unknown })?.query ?? ''));
    return runMutate(state, customer.id, version, request.json);
  }

  const loopback = await startLoopback(route);
  return { ...loopback, url: loopback.url, requests: loopback.requests, state };
}
