import { json, type Loopback, type LoopbackRequest, type Reply, startLoopback } from '../loopback.js';
import {
  createCampaign,
  createInline,
  creativesByCampaigns,
  getAccount,
  searchCampaigns,
} from './ads-routes.js';
import { expiredToken, invalidToken, liError, retiredVersion } from './errors.js';
import { createPost, initializeUpload, type PostsOptions, postsByAuthor, upload } from './posts-routes.js';
import { emptyState, type FakeAdAccount, type LinkedInState, visibleText } from './state.js';

export interface FakeLinkedInOptions {
  /** Access tokens the fake accepts. Default `['li-token']`. */
  tokens?: string[];
  /** Tokens that answer 401 EXPIRED_ACCESS_TOKEN. */
  expiredTokens?: string[];
  /** Versions that answer 426 NONEXISTENT_VERSION. */
  retiredVersions?: string[];
  /** Organizations the member administers. Default `['2414183']`. */
  organizations?: string[];
  adAccounts?: FakeAdAccount[];
  /** App credentials for introspection and refresh. */
  clientId?: string;
  clientSecret?: string;
  /** Refresh tokens the fake exchanges for a new access token. */
  refreshTokens?: string[];
  /** When each accepted token expires (epoch seconds), for introspection. */
  tokenExpiresAt?: number;
  now?: () => number;
}

export interface FakeLinkedIn extends Pick<Loopback, 'url' | 'requests' | 'failNext' | 'whenHung' | 'close'> {
  readonly state: LinkedInState;
  /** What members see of a post (LinkedIn drops everything after unescaped little-text markup). */
  visibleText(postUrn: string): string | undefined;
}

export const DEFAULT_TOKEN = 'li-token';

export async function startFakeLinkedIn(options: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
  const state = emptyState();
  const tokens = new Set(options.tokens ?? [DEFAULT_TOKEN]);
  const now = options.now ?? Date.now;
  const accounts = options.adAccounts ?? [];
  let url = '';
  const posts: PostsOptions = {
    organizations: options.organizations ?? ['2414183'],
    baseUrl: () => url,
    now,
  };

  function gate(request: LoopbackRequest): Reply | undefined {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (options.expiredTokens?.includes(token)) return expiredToken();
    if (!tokens.has(token)) return invalidToken();
    if (!request.path.startsWith('/rest/')) return undefined;
    const version = request.headers['linkedin-version'];
    if (!version)
      return liError(
        400,
        'VERSION_MISSING',
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      );
    if (!/^\d{6}(\.\d{2})?$/.test(version) || options.retiredVersions?.includes(version))
      return retiredVersion(version);
    return undefined;
  }

  function oauth(request: LoopbackRequest): Reply {
    const form = request.form ?? {};
    if (form.client_id !== options.clientId || form.client_secret !== options.clientSecret) {
      return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (request.path === '/oauth/v2/introspectToken') {
      const active = tokens.has(form.token ?? '');
      const expiresAt = options.tokenExpiresAt ?? Math.floor(now() / 1000) + 60 * 24 * 3600;
      return json(
        200,
        active
          ? {
              active: true,
              client_id: form.client_id,
              authorized_at: 0,
              created_at: 0,
              status: 'active',
              expires_at: expiresAt,
              scope: 'r_organization_social,w_organization_social',
              auth_type: '3L',
            }
          : { active: false, status: 'expired' },
      );
    }
    if (form.grant_type !== 'refresh_token' || !options.refreshTokens?.includes(form.refresh_token ?? '')) {
      return json(400, {
        error: 'invalid_request',
        error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked',
      });
    }
    const fresh = `li-refreshed-${state.nextId++}`;
    tokens.add(fresh);
    return json(200, {
      access_token: fresh,
      expires_in: 5_184_000,
      refresh_token: form.refresh_token,
      refresh_token_expires_in: 31_536_000,
    });
  }

  function route(request: LoopbackRequest): Reply {
    if (request.method === 'POST' && request.path.startsWith('/oauth/v2/')) return oauth(request);
    const refused = gate(request);
    if (refused) return refused;
    const { method, path } = request;
    const upload_ = /^\/dms-uploads\/([^/]+)$/.exec(path);
    if (method === 'PUT' && upload_) return upload(state, request, upload_[1] ?? '');
    if (method === 'POST' && path === '/rest/images') return initializeUpload(state, request, posts);
    if (method === 'POST' && path === '/rest/posts') return createPost(state, request, posts);
    if (method === 'GET' && path === '/rest/posts') return postsByAuthor(state, request);
    const ads = /^\/rest\/adAccounts\/(\d+)(\/adCampaigns|\/creatives)?$/.exec(path);
    if (ads) {
      const account = accounts.find((a) => a.id === ads[1]);
      if (!account)
        return liError(403, 'ACCESS_DENIED', `Not enough permissions to access: adAccounts.GET.${ads[1]}`);
      if (!ads[2] && method === 'GET') return getAccount(account);
      if (ads[2] === '/adCampaigns' && method === 'GET') return searchCampaigns(state, account, request);
      if (ads[2] === '/adCampaigns' && method === 'POST')
        return createCampaign(state, account, request, now());
      if (ads[2] === '/creatives' && method === 'POST') return createInline(state, account, request, posts);
      if (ads[2] === '/creatives' && method === 'GET') return creativesByCampaigns(state, request);
    }
    return liError(404, 'NOT_FOUND', `No route ${method} ${path}`);
  }

  const loopback = await startLoopback(route);
  url = loopback.url;
  return {
    url: loopback.url,
    requests: loopback.requests,
    failNext: loopback.failNext,
    whenHung: loopback.whenHung,
    close: loopback.close,
    state,
    visibleText: (urn) => {
      const post = state.posts.find((p) => p.id === urn);
      return post ? visibleText(post.commentary) : undefined;
    },
  };
}
