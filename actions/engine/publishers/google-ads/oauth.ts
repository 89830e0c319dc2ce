import type { Problem } from '../../errors.js';
import { type ApiRequest, baseUrl, excerpt, sendRequest } from '../http.js';
import type { PublisherContext } from '../publisher.js';
import { PublishError } from '../publisher.js';

/*
 * Google OAuth for the Google Ads API (scope https://www.googleapis.com/auth/adwords). An access token
 * lasts an hour, so a scheduled publisher keeps a refresh token with the OAuth client's id and secret and
 * exchanges it once per run. Google does not rotate refresh tokens; they stop working when revoked,
 * after 6 months unused, or after 7 days while the OAuth consent screen is in "Testing".
 */

export const GOOGLE_SECRETS = {
  refreshToken: 'GOOGLE_ADS_REFRESH_TOKEN',
  clientId: 'GOOGLE_ADS_CLIENT_ID',
  clientSecret: 'GOOGLE_ADS_CLIENT_SECRET',
  accessToken: 'GOOGLE_ADS_ACCESS_TOKEN',
} as const;

type Env = Readonly<Record<string, string | undefined>>;
const set = (env: Env, name: string): string | undefined =>
  env[name]?.trim() ? env[name]?.trim() : undefined;

export const canRefresh = (env: Env): boolean =>
  Boolean(
    set(env, GOOGLE_SECRETS.refreshToken) &&
      set(env, GOOGLE_SECRETS.clientId) &&
      set(env, GOOGLE_SECRETS.clientSecret),
  );

export function missingCredentials(env: Env): Problem[] {
  if (canRefresh(env) || set(env, GOOGLE_SECRETS.accessToken)) return [];
  return [
    {
      where: GOOGLE_SECRETS.refreshToken,
      message: `no Google Ads credentials: set ${GOOGLE_SECRETS.refreshToken}, ${GOOGLE_SECRETS.clientId} and ${GOOGLE_SECRETS.clientSecret}`,
    },
  ];
}

export function refreshRequest(env: Env): ApiRequest {
  return {
    method: 'POST',
    url: `${baseUrl(env, 'CRESCENDO_GOOGLE_OAUTH_URL', 'https://oauth2.googleapis.com')}/token`,
    headers: {},
    creates: false,
    body: {
      kind: 'form',
      value: {
        grant_type: 'refresh_token',
        refresh_token: set(env, GOOGLE_SECRETS.refreshToken) ?? '',
        client_id: set(env, GOOGLE_SECRETS.clientId) ?? '',
        client_secret: set(env, GOOGLE_SECRETS.clientSecret) ?? '',
      },
    },
  };
}

const tokens = new WeakMap<object, Map<string, Promise<string>>>();

async function refresh(ctx: PublisherContext<unknown>, timeoutMs: number, secrets: readonly string[]) {
  const response = await sendRequest(ctx, refreshRequest(ctx.env), {
    service: 'Google OAuth',
    timeoutMs,
    secrets,
    baseUrlEnv: 'CRESCENDO_GOOGLE_OAUTH_URL',
  });
  const body = (response.json ?? {}) as { access_token?: string; error?: string; error_description?: string };
  if (response.status === 200 && body.access_token) return body.access_token;
  const expired = body.error === 'invalid_grant';
  throw new PublishError(
    expired ? 'expired' : 'auth',
    `Google refused the refresh token (HTTP ${response.status}, ${body.error ?? ''}: ${excerpt(body.error_description ?? '')})`,
    {
      status: response.status,
      fix: expired
        ? `${GOOGLE_SECRETS.refreshToken} was revoked or expired (7 days while the OAuth consent screen is in Testing, 6 months unused): authorise again with the adwords scope and store the new one`
        : `check ${GOOGLE_SECRETS.clientId} and ${GOOGLE_SECRETS.clientSecret}: they must be the OAuth client the refresh token was issued to`,
    },
  );
}

/** The bearer token: refreshed once per run, or `GOOGLE_ADS_ACCESS_TOKEN` (one hour) as it is. */
export async function googleAccessToken(
  ctx: PublisherContext<unknown>,
  timeoutMs: number,
  secrets: readonly string[],
): Promise<string> {
  if (canRefresh(ctx.env)) {
    const key = set(ctx.env, GOOGLE_SECRETS.refreshToken) ?? '';
    const byToken = tokens.get(ctx.env) ?? new Map<string, Promise<string>>();
    tokens.set(ctx.env, byToken);
    let pending = byToken.get(key);
    if (!pending) {
      pending = refresh(ctx, timeoutMs, secrets);
      byToken.set(key, pending);
      pending.catch(() => byToken.delete(key));
    }
    return pending;
  }
  const token = set(ctx.env, GOOGLE_SECRETS.accessToken);
  if (token) return token;
  throw new PublishError('missing-credentials', missingCredentials(ctx.env)[0]?.message ?? 'no credentials', {
    where: GOOGLE_SECRETS.refreshToken,
    fix: 'see actions/engine/publishers/google-ads/README.md',
  });
}
