import type { Problem } from '../../errors.js';
import { type ApiRequest, baseUrl, excerpt, sendRequest } from '../http.js';
import type { PublisherContext } from '../publisher.js';
import { PublishError } from '../publisher.js';

/*
 * LinkedIn credentials. An access token lasts 60 days. Apps with LinkedIn's programmatic refresh tokens
 * (Marketing Developer Platform partners) can set a refresh token, client id and secret instead: the
 * token is then refreshed on each run (refresh tokens last 365 days and are not rotated). The client id
 * and secret also let `check` ask LinkedIn when the token expires (token introspection).
 */

export interface LinkedInSecretNames {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
}

export const ORGANIC_SECRETS: LinkedInSecretNames = {
  accessToken: 'LINKEDIN_ACCESS_TOKEN',
  refreshToken: 'LINKEDIN_REFRESH_TOKEN',
  clientId: 'LINKEDIN_CLIENT_ID',
  clientSecret: 'LINKEDIN_CLIENT_SECRET',
};

/** The Advertising API cannot share an app with the Community Management API: its own credentials. */
export const ADS_SECRETS: LinkedInSecretNames = {
  accessToken: 'LINKEDIN_ADS_ACCESS_TOKEN',
  refreshToken: 'LINKEDIN_ADS_REFRESH_TOKEN',
  clientId: 'LINKEDIN_ADS_CLIENT_ID',
  clientSecret: 'LINKEDIN_ADS_CLIENT_SECRET',
};

export const secretNames = (names: LinkedInSecretNames): string[] => Object.values(names);

type Env = Readonly<Record<string, string | undefined>>;
const set = (env: Env, name: string): string | undefined =>
  env[name]?.trim() ? env[name]?.trim() : undefined;

export const oauthBase = (env: Env): string =>
  baseUrl(env, 'CRESCENDO_LINKEDIN_OAUTH_URL', 'https://www.linkedin.com');

export function canRefresh(env: Env, names: LinkedInSecretNames): boolean {
  return Boolean(set(env, names.refreshToken) && set(env, names.clientId) && set(env, names.clientSecret));
}

export function missingCredentials(env: Env, names: LinkedInSecretNames): Problem[] {
  if (set(env, names.accessToken) || canRefresh(env, names)) return [];
  return [
    {
      where: names.accessToken,
      message: `no LinkedIn token: set ${names.accessToken} (or ${names.refreshToken} with ${names.clientId} and ${names.clientSecret})`,
    },
  ];
}

interface Refreshed {
  accessToken: string;
  expiresAt: Date;
  refreshExpiresAt?: Date;
}

// One refresh per run and token, shared by every item of the run.
const refreshes = new WeakMap<object, Map<string, Promise<Refreshed>>>();

/** The refresh call (`grant_type=refresh_token`), as sent and as `plan` prints it. */
export function refreshRequest(env: Env, names: LinkedInSecretNames): ApiRequest {
  return {
    method: 'POST',
    url: `${oauthBase(env)}/oauth/v2/accessToken`,
    headers: {},
    creates: false,
    body: {
      kind: 'form',
      value: {
        grant_type: 'refresh_token',
        refresh_token: set(env, names.refreshToken) ?? '',
        client_id: set(env, names.clientId) ?? '',
        client_secret: set(env, names.clientSecret) ?? '',
      },
    },
  };
}

async function refresh(ctx: PublisherContext<unknown>, names: LinkedInSecretNames, timeoutMs: number) {
  const env = ctx.env;
  const secrets = [set(env, names.refreshToken), set(env, names.clientSecret)].filter((s) => s !== undefined);
  const response = await sendRequest(ctx, refreshRequest(env, names), {
    service: 'LinkedIn',
    timeoutMs,
    secrets,
    baseUrlEnv: 'CRESCENDO_LINKEDIN_OAUTH_URL',
  });
  const body = (response.json ?? {}) as {
    access_token?: string;
    expires_in?: number;
    refresh_token_expires_in?: number;
    error_description?: string;
  };
  if (response.status !== 200 || !body.access_token) {
    throw new PublishError('expired', `LinkedIn refused to refresh the token (HTTP ${response.status})`, {
      status: response.status,
      fix: `${names.refreshToken} is expired or revoked (${excerpt(body.error_description ?? '')}): authorise the app again and store the new refresh token`,
    });
  }
  const now = ctx.now().getTime();
  return {
    accessToken: body.access_token,
    expiresAt: new Date(now + (body.expires_in ?? 0) * 1000),
    refreshExpiresAt:
      body.refresh_token_expires_in === undefined
        ? undefined
        : new Date(now + body.refresh_token_expires_in * 1000),
  };
}

/** Refreshes once per run when a refresh token is configured; else undefined. */
export function refreshedToken(
  ctx: PublisherContext<unknown>,
  names: LinkedInSecretNames,
  timeoutMs: number,
): Promise<Refreshed> | undefined {
  if (!canRefresh(ctx.env, names)) return undefined;
  const key = set(ctx.env, names.refreshToken) ?? '';
  const byToken = refreshes.get(ctx.env) ?? new Map<string, Promise<Refreshed>>();
  refreshes.set(ctx.env, byToken);
  let pending = byToken.get(key);
  if (!pending) {
    pending = refresh(ctx, names, timeoutMs);
    byToken.set(key, pending);
    pending.catch(() => byToken.delete(key));
  }
  return pending;
}

/** The access token to send, refreshed when a refresh token is configured. */
export async function accessToken(
  ctx: PublisherContext<unknown>,
  names: LinkedInSecretNames,
  timeoutMs: number,
): Promise<string> {
  const refreshed = refreshedToken(ctx, names, timeoutMs);
  if (refreshed) return (await refreshed).accessToken;
  const token = set(ctx.env, names.accessToken);
  if (token) return token;
  const [problem] = missingCredentials(ctx.env, names);
  throw new PublishError('missing-credentials', problem?.message ?? 'no LinkedIn token', {
    where: problem?.where,
    fix: 'see the LinkedIn section of actions/engine/publishers/linkedin/README.md',
  });
}

/** When the credential expires: the refresh token's end, or the access token's (introspection). */
export async function tokenExpiry(
  ctx: PublisherContext<unknown>,
  names: LinkedInSecretNames,
  timeoutMs: number,
): Promise<Date | undefined> {
  const refreshed = refreshedToken(ctx, names, timeoutMs);
  if (refreshed) return (await refreshed).refreshExpiresAt;
  const [token, clientId, clientSecret] = [names.accessToken, names.clientId, names.clientSecret].map((n) =>
    set(ctx.env, n),
  );
  if (!token || !clientId || !clientSecret) return undefined;
  const response = await sendRequest(
    ctx,
    {
      method: 'POST',
      url: `${oauthBase(ctx.env)}/oauth/v2/introspectToken`,
      headers: {},
      creates: false,
      body: { kind: 'form', value: { client_id: clientId, client_secret: clientSecret, token } },
    },
    {
      service: 'LinkedIn',
      timeoutMs,
      secrets: [token, clientSecret],
      baseUrlEnv: 'CRESCENDO_LINKEDIN_OAUTH_URL',
    },
  );
  const body = (response.json ?? {}) as { active?: boolean; expires_at?: number };
  if (response.status !== 200 || typeof body.expires_at !== 'number') return undefined;
  return new Date(body.expires_at * 1000);
}
