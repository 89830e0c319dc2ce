import type { Problem } from '../../errors.js';
import { type ApiRequest, excerpt, sendRequest } from '../http.js';
import type { PublisherContext } from '../publisher.js';
import { PublishError } from '../publisher.js';

/*
 * X user tokens (OAuth 2.0 with PKCE). An access token lasts 2 hours; with the `offline.access` scope the
 * authorisation also gives a refresh token, and every refresh answers with a NEW refresh token while the
 * old one stops working. So a scheduled publisher must store the new one before anything else, through
 * `ctx.saveSecret`; without that hook Crescendo does not refresh (it would lose the only valid token).
 * Refreshing happens at most once per run and token, shared by every item.
 */

export const X_SECRETS = {
  accessToken: 'X_ACCESS_TOKEN',
  refreshToken: 'X_REFRESH_TOKEN',
  clientId: 'X_CLIENT_ID',
  clientSecret: 'X_CLIENT_SECRET',
} as const;

type Env = Readonly<Record<string, string | undefined>>;
const set = (env: Env, name: string): string | undefined =>
  env[name]?.trim() ? env[name]?.trim() : undefined;

type Ctx = PublisherContext<unknown>;

const canRefresh = (ctx: Ctx): boolean =>
  Boolean(set(ctx.env, X_SECRETS.refreshToken) && set(ctx.env, X_SECRETS.clientId) && ctx.saveSecret);

export function missingCredentials(ctx: Ctx): Problem[] {
  const refresh = set(ctx.env, X_SECRETS.refreshToken);
  if (refresh && !set(ctx.env, X_SECRETS.clientId)) {
    return [
      {
        where: X_SECRETS.clientId,
        message: `${X_SECRETS.refreshToken} needs the app's ${X_SECRETS.clientId} to refresh`,
      },
    ];
  }
  if (canRefresh(ctx) || set(ctx.env, X_SECRETS.accessToken)) return [];
  if (refresh) {
    return [
      {
        where: X_SECRETS.refreshToken,
        message:
          'X replaces the refresh token on every refresh and this run has no place to keep the new one',
      },
    ];
  }
  return [
    {
      where: X_SECRETS.accessToken,
      message: `no X token: set ${X_SECRETS.refreshToken} and ${X_SECRETS.clientId} (or ${X_SECRETS.accessToken})`,
    },
  ];
}

/** `POST /2/oauth2/token` with `grant_type=refresh_token`; a confidential client authenticates with Basic. */
export function refreshRequest(env: Env, api: string): ApiRequest {
  const clientId = set(env, X_SECRETS.clientId) ?? '';
  const secret = set(env, X_SECRETS.clientSecret);
  return {
    method: 'POST',
    url: `${api}/2/oauth2/token`,
    headers: secret
      ? { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` }
      : {},
    creates: false,
    body: {
      kind: 'form',
      value: {
        grant_type: 'refresh_token',
        refresh_token: set(env, X_SECRETS.refreshToken) ?? '',
        client_id: clientId,
      },
    },
  };
}

interface Token {
  accessToken: string;
  expiresAt: Date;
}

const refreshes = new WeakMap<object, Map<string, Promise<Token>>>();

async function refresh(ctx: Ctx, api: string, timeoutMs: number, secrets: readonly string[]): Promise<Token> {
  const old = set(ctx.env, X_SECRETS.refreshToken) ?? '';
  const response = await sendRequest(ctx, refreshRequest(ctx.env, api), {
    service: 'X',
    timeoutMs,
    secrets,
    baseUrlEnv: 'CRESCENDO_X_API_URL',
  });
  const body = (response.json ?? {}) as {
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (response.status !== 200 || !body.access_token) {
    throw new PublishError(
      'expired',
      `X refused to refresh the token (HTTP ${response.status}, ${excerpt(body.error_description ?? body.error ?? '')})`,
      {
        status: response.status,
        fix: `authorise the app again (scopes tweet.read tweet.write users.read offline.access) and store the new ${X_SECRETS.refreshToken}: a refresh token works once, and stops working when a newer one was issued`,
      },
    );
  }
  if (body.refresh_token && body.refresh_token !== old) {
    try {
      await ctx.saveSecret?.(X_SECRETS.refreshToken, body.refresh_token);
    } catch (error) {
      throw new PublishError(
        'auth',
        'X issued a new refresh token that could not be stored; the old one no longer works',
        {
          fix: `authorise the app again and store the new ${X_SECRETS.refreshToken}; check that the publish workflow may write secrets`,
          cause: error,
        },
      );
    }
    ctx.log(`X: refreshed the access token and stored the new ${X_SECRETS.refreshToken}`);
  }
  return {
    accessToken: body.access_token,
    expiresAt: new Date(ctx.now().getTime() + (body.expires_in ?? 7200) * 1000),
  };
}

/** The access token to send: refreshed once per run when possible, else `X_ACCESS_TOKEN`. */
export async function xAccessToken(
  ctx: Ctx,
  api: string,
  timeoutMs: number,
  secrets: readonly string[],
): Promise<Token | { accessToken: string }> {
  if (canRefresh(ctx)) {
    // Once per run: the refresh token in the environment is spent after the first refresh.
    const key = set(ctx.env, X_SECRETS.refreshToken) ?? '';
    const byToken = refreshes.get(ctx.env) ?? new Map<string, Promise<Token>>();
    refreshes.set(ctx.env, byToken);
    let pending = byToken.get(key);
    if (!pending) {
      pending = refresh(ctx, api, timeoutMs, secrets);
      byToken.set(key, pending);
    }
    return pending;
  }
  const token = set(ctx.env, X_SECRETS.accessToken);
  if (token) return { accessToken: token };
  const [problem] = missingCredentials(ctx);
  throw new PublishError('missing-credentials', problem?.message ?? 'no X token', {
    where: problem?.where,
    fix: 'see actions/engine/publishers/x/README.md',
  });
}

export const canRefreshX = canRefresh;
